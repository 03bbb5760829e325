/**
 * Links that keep their view: an input reads its first value from the page's
 * URL query and writes every change back (history.replaceState: no reload, no
 * new history entry), so that copying the address reproduces what is shown.
 *
 *   import {urlInput, choice} from "./lib/url-state.js";
 *   const owners = ["All owners", ...names];
 *   const owner = view(urlInput("owner", choice(owners), (value) => Inputs.select(owners, {label: "Owner", value})));
 *
 * A value the link names that the page does not know (a product since renamed,
 * a typo) falls back to the default, with a visible note under the input
 * ("unknown owner 'x' in the link; showing the default") — never an error.
 * The default itself is left out of the query, so plain links stay plain.
 *
 * Specs (what a parameter may hold, and how it is written):
 *   choice(options, {default?, key?, noun?})   one of options (select, radio); default: the first
 *   choices(options, {default?, key?, noun?})  several (checkbox, multiple select): name=a&name=b; none: name=
 *   numberIn(min, max, {default, noun?})       a number in [min, max] (range)
 *   flag({default, noun?})                     true / false (toggle)
 *   text({default?, noun?})                    any text (search box)
 * `key(option)` is the text the link uses for an option (default String(option)).
 * The parsing (readParam, writeParam) is pure and tested in tests/lib/url-state.test.ts;
 * DataTable (src/components/dataTable.ts) keeps its search and sort with the same functions.
 */

export interface ParamSpec<T> {
  /** Shown when the link has no value, or one the page does not know. */
  default: T;
  /** The value for the query's values of the name (all of them), or undefined when they are not valid. */
  parse(raw: string[]): T | undefined;
  /** The query values that stand for a value. */
  format(value: T): string[];
  /** What the note calls the parameter ("figure", "owner"); default: the parameter's name. */
  noun?: string;
  /** The raw values parse() ignored while accepting the others (several choices); they get the note too. */
  ignored?(raw: string[]): string[];
}

interface ChoiceOptions<T> {
  default?: T;
  key?: (option: T) => string;
  noun?: string;
}

/** One of `options`; the link names it by key(option). */
export function choice<T>(options: readonly T[], o: ChoiceOptions<T> = {}): ParamSpec<T> {
  const key = o.key ?? String;
  if (!options.length && o.default === undefined) throw new Error("choice(): no options and no default");
  const byKey = new Map(options.map((v) => [key(v), v]));
  return {
    default: o.default !== undefined ? o.default : options[0],
    parse: (raw) => (raw.length === 1 ? byKey.get(raw[0]) : undefined),
    format: (value) => [key(value)],
    noun: o.noun
  };
}

/**
 * Several of `options`, written as repeated parameters (cut=SMB&cut=Enterprise);
 * an empty choice as one empty value (cut=). Unknown names are dropped (with the
 * note) when some known ones remain; with none left the default is shown.
 */
export function choices<T>(options: readonly T[], o: Omit<ChoiceOptions<T[]>, "key"> & {key?: (option: T) => string} = {}): ParamSpec<T[]> {
  const key = o.key ?? String;
  const byKey = new Map(options.map((v) => [key(v), v]));
  return {
    default: o.default ?? [...options],
    parse: (raw) => {
      if (raw.length === 1 && raw[0] === "") return [];
      const known = raw.filter((r) => byKey.has(r));
      if (!known.length) return undefined;
      return known.map((r) => byKey.get(r)!);
    },
    format: (value) => (value.length ? value.map(key) : [""]),
    noun: o.noun,
    ignored: (raw) => raw.filter((r) => r !== "" && !byKey.has(r))
  };
}

/** A number in [min, max]; written as is (1500, 0.25). */
export function numberIn(min: number, max: number, o: {default: number; noun?: string}): ParamSpec<number> {
  return {
    default: o.default,
    parse: (raw) => {
      if (raw.length !== 1 || raw[0].trim() === "") return undefined;
      const n = Number(raw[0]);
      return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
    },
    format: (value) => [String(value)],
    noun: o.noun
  };
}

/** true / false (also accepts 1 / 0, yes / no). */
export function flag(o: {default: boolean; noun?: string}): ParamSpec<boolean> {
  const values: Record<string, boolean> = {true: true, false: false, "1": true, "0": false, yes: true, no: false};
  return {
    default: o.default,
    parse: (raw) => (raw.length === 1 ? values[raw[0].toLowerCase()] : undefined),
    format: (value) => [String(value)],
    noun: o.noun
  };
}

/** Any text (a search box's query). */
export function text(o: {default?: string; noun?: string} = {}): ParamSpec<string> {
  return {default: o.default ?? "", parse: (raw) => (raw.length === 1 ? raw[0] : undefined), format: (value) => [value], noun: o.noun};
}

const sameValues = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The note shown when a link names a value the page does not know. */
export function unknownNote(noun: string, raw: string[]): string {
  return `unknown ${noun} '${raw.join("', '")}' in the link; showing the default`;
}

/** The value of parameter `name` in `search` (a query string or its params), and a note when it fell back. */
export function readParam<T>(search: string | URLSearchParams, name: string, spec: ParamSpec<T>): {value: T; note: string | null} {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const raw = params.getAll(name);
  if (!raw.length) return {value: spec.default, note: null};
  const value = spec.parse(raw);
  if (value === undefined) return {value: spec.default, note: unknownNote(spec.noun ?? name, raw)};
  const dropped = spec.ignored?.(raw) ?? [];
  return {value, note: dropped.length ? unknownNote(spec.noun ?? name, dropped) : null};
}

/** The query string with parameter `name` set to `value` (left out when it is the default); other parameters kept. */
export function writeParam<T>(search: string, name: string, spec: ParamSpec<T>, value: T): string {
  const params = new URLSearchParams(search);
  params.delete(name);
  const values = spec.format(value);
  if (!sameValues(values, spec.format(spec.default))) for (const v of values) params.append(name, v);
  const out = params.toString();
  return out ? `?${out}` : "";
}

/** Where the page's address is read and written; the browser's by default, a fake one in tests. */
export interface UrlEnv {
  location: {href: string};
  history: {state: unknown; replaceState(data: unknown, unused: string, url: string): void};
}

/** The browser's location and history, or null outside a browser (then nothing is read or written). */
export function browserEnv(): UrlEnv | null {
  const g = globalThis as {location?: UrlEnv["location"]; history?: UrlEnv["history"]};
  return g.location && g.history ? {location: g.location, history: g.history} : null;
}

/** The current query string ("" outside a browser). */
export function currentSearch(env: UrlEnv | null = browserEnv()): string {
  return env ? new URL(env.location.href).search : "";
}

/** Replaces the address's query with `search`, keeping path and hash; no reload, no new history entry. */
export function replaceSearch(search: string, env: UrlEnv | null = browserEnv()): void {
  if (!env) return;
  const url = new URL(env.location.href);
  if (url.search === search) return;
  env.history.replaceState(env.history.state, "", `${url.pathname}${search}${url.hash}`);
}

/** Sets one parameter of the address (see writeParam). */
export function setParam<T>(name: string, spec: ParamSpec<T>, value: T, env: UrlEnv | null = browserEnv()): void {
  if (env) replaceSearch(writeParam(currentSearch(env), name, spec, value), env);
}

/** The note element under an input: role=status so that screen readers announce it. */
export function noteElement(d: Document, note: string): HTMLElement {
  const p = d.createElement("p");
  p.className = "url-note";
  p.setAttribute("role", "status");
  p.textContent = note;
  return p;
}

type InputElement = HTMLElement & {value: unknown};

/**
 * An input whose value lives in the URL: `make(initial)` builds it (e.g. an
 * Observable Input with {value: initial}); each "input" event writes its value
 * back. `read(input)` gives the value to write when it is not input.value (e.g.
 * Inputs.search, whose value is the matching rows: read its query instead).
 * Returns a wrapper with the same `value` (get and set) that passes the input's
 * events on, so Framework's view() works with it as with the input itself.
 */
export function urlInput<T, E extends InputElement>(
  name: string,
  spec: ParamSpec<T>,
  make: (initial: T) => E,
  options: {read?: (input: E) => T; env?: UrlEnv | null; document?: Document} = {}
): HTMLElement & {value: unknown} {
  const env = options.env === undefined ? browserEnv() : options.env;
  const {value, note} = readParam(currentSearch(env), name, spec);
  const input = make(value);
  const d = options.document ?? input.ownerDocument;
  const wrapper = d.createElement("div") as unknown as HTMLElement & {value: unknown};
  wrapper.className = "url-input";
  wrapper.append(input);
  if (note) wrapper.append(noteElement(d, note));
  Object.defineProperty(wrapper, "value", {
    get: () => input.value,
    set: (v) => {
      input.value = v;
    }
  });
  const read = options.read ?? ((el: E) => el.value as T);
  input.addEventListener("input", () => {
    setParam(name, spec, read(input), env);
    wrapper.querySelector(":scope > .url-note")?.remove();
  });
  return wrapper;
}
