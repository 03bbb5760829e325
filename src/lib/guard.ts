/**
 * Column guard rails for page code.
 *
 * A page that reads a column its data file does not have must fail loudly,
 * naming the page, the file and the column — never draw a chart of zeros.
 * `guard` walks a value alongside its shape (src/lib/data-shapes.ts, generated
 * from the zod schemas) and wraps every object in a Proxy that throws on a read
 * of an unknown string key. `checkShape` checks a sample of the rows against the
 * shape. Neither imports zod: pages load this, and zod was 60 KB of every page.
 */

/**
 * A data file's shape: a leaf ("s" text, "n" number, "i" integer, "b" boolean, "*"
 * anything; "?" appended when null is allowed), {a} an array, {o} an object with exactly
 * these columns ({opt} may be absent), {r} an object with any keys; null: 1 allows null.
 */
export type Shape = string | {a: Shape; null?: 1} | {o: Record<string, Shape>; opt?: string[]; null?: 1} | {r: Shape; null?: 1};

export class UnknownColumnError extends Error {
  constructor(
    readonly page: string,
    readonly file: string,
    readonly column: string,
    readonly known: string[]
  ) {
    super(
      `Page ${page} reads column "${column}" that ${file} does not have. ` +
        `Columns of ${file}: ${known.join(", ")}.`
    );
    this.name = "UnknownColumnError";
  }
}

/** Keys every object answers without being a column (prototype members, JSON, promises, inspection). */
const ALWAYS_ALLOWED = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  "toJSON",
  "then",
  "length",
  "$$typeof",
  "nodeType",
  "asymmetricMatch",
  // Probes of the Observable runtime on every cell value (generator and event-target detection).
  "next",
  "return",
  "throw",
  "addEventListener",
  "removeEventListener",
  "dispatchEvent"
]);

/** An object shape's columns, worked out once per shape rather than once per row. */
interface ObjectInfo {
  known: string[];
  allowed: Set<string>;
}
const objectInfos = new WeakMap<object, ObjectInfo>();
function objectInfo(shape: {o: Record<string, Shape>}): ObjectInfo {
  let info = objectInfos.get(shape);
  if (!info) {
    const known = Object.keys(shape.o);
    info = {known, allowed: new Set(known)};
    objectInfos.set(shape, info);
  }
  return info;
}

export interface GuardContext {
  page: string;
  file: string;
}

/** Returns `value` with every object behind a Proxy that rejects unknown columns. */
export function guard<T>(value: T, shape: Shape, ctx: GuardContext): T {
  if (value === null || typeof value !== "object" || typeof shape === "string") return value;
  if ("a" in shape && Array.isArray(value)) {
    const element = shape.a;
    return value.map((v) => guard(v, element, ctx)) as T;
  }
  if ("o" in shape && !Array.isArray(value)) {
    const {known, allowed} = objectInfo(shape);
    const columns = shape.o;
    // Nested objects and arrays guarded on first read, then reused (a row's held_products, say).
    let nested: Map<string, unknown> | undefined;
    return new Proxy(value as object, {
      get(target, key, receiver) {
        // Fast path first: pages read columns millions of times (a sort of 200,000 rows).
        if (typeof key === "string" && allowed.has(key)) {
          const v = (target as Record<string, unknown>)[key];
          if (v === null || typeof v !== "object") return v;
          nested ??= new Map();
          if (!nested.has(key)) nested.set(key, guard(v, columns[key], ctx));
          return nested.get(key);
        }
        if (typeof key !== "string" || ALWAYS_ALLOWED.has(key)) return Reflect.get(target, key, receiver);
        const error = new UnknownColumnError(ctx.page, ctx.file, key, known);
        // Logged as well as thrown: a chart library may swallow the throw.
        console.error(error.message);
        throw error;
      }
    }) as T;
  }
  return value;
}

/** Rows of a long array whose schema is checked: the first and last ones, and some spread between. */
export const SAMPLE_EDGE_ROWS = 100;
export const SAMPLE_SPREAD_ROWS = 100;

export function sampleIndices(length: number): number[] {
  if (length <= 2 * SAMPLE_EDGE_ROWS + SAMPLE_SPREAD_ROWS) return Array.from({length}, (_, i) => i);
  const picked = new Set<number>();
  for (let i = 0; i < SAMPLE_EDGE_ROWS; i++) picked.add(i).add(length - 1 - i);
  for (let k = 0; k < SAMPLE_SPREAD_ROWS; k++) picked.add(Math.floor(((k + 0.5) * length) / SAMPLE_SPREAD_ROWS));
  return [...picked].sort((a, b) => a - b);
}

export interface SampleIssue {
  /** Path in the whole value (row numbers of the file, not of the sample). */
  path: (string | number)[];
  message: string;
}

const LEAF_TYPES: Record<string, (v: unknown) => boolean> = {
  s: (v) => typeof v === "string",
  n: (v) => typeof v === "number",
  i: (v) => Number.isInteger(v),
  b: (v) => typeof v === "boolean",
  "*": () => true
};
const LEAF_NAMES: Record<string, string> = {s: "string", n: "number", i: "integer", b: "boolean"};

function received(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

/**
 * Checks `value` against `shape` on a sample of the rows of every long array (the first
 * and last SAMPLE_EDGE_ROWS and SAMPLE_SPREAD_ROWS spread between) and fully elsewhere:
 * missing and unknown columns, and value types. The file was written and validated by the
 * pipeline with the schemas the shape comes from; this catches a file whose columns drifted
 * from the ones the page was written for, at a cost bounded by the sample. Returns the first
 * issue (path with the file's row numbers), or null.
 */
export function checkShape(value: unknown, shape: Shape, path: (string | number)[] = []): SampleIssue | null {
  const isNull = value === null || value === undefined;
  if (typeof shape === "string") {
    const type = shape.replace("?", "");
    if (isNull) return shape.endsWith("?") || type === "*" ? null : {path, message: value === undefined ? "Required" : `Expected ${LEAF_NAMES[type]}, received null`};
    return LEAF_TYPES[type](value) ? null : {path, message: `Expected ${LEAF_NAMES[type]}, received ${received(value)}`};
  }
  if (isNull) return shape.null ? null : {path, message: value === undefined ? "Required" : "Expected a value, received null"};
  if ("a" in shape) {
    if (!Array.isArray(value)) return {path, message: `Expected array, received ${received(value)}`};
    for (const i of sampleIndices(value.length)) {
      const issue = checkShape(value[i], shape.a, [...path, i]);
      if (issue) return issue;
    }
    return null;
  }
  if (typeof value !== "object" || Array.isArray(value)) return {path, message: `Expected object, received ${received(value)}`};
  const row = value as Record<string, unknown>;
  if ("r" in shape) {
    for (const [k, v] of Object.entries(row)) {
      const issue = checkShape(v, shape.r, [...path, k]);
      if (issue) return issue;
    }
    return null;
  }
  for (const [k, s] of Object.entries(shape.o)) {
    if (!(k in row) && shape.opt?.includes(k)) continue;
    const issue = checkShape(row[k], s, [...path, k]);
    if (issue) return issue;
  }
  const unknown = Object.keys(row).filter((k) => !Object.hasOwn(shape.o, k));
  return unknown.length ? {path, message: `Unrecognized key(s) in object: ${unknown.map((k) => `'${k}'`).join(", ")}`} : null;
}
