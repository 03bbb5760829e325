/**
 * The property behind the fuzz test and `npm run fuzz`: whatever damage is done
 * to the exports' CSV files, the pipeline either stops with a named error (exit
 * 2 bad input or 3 bad configuration, no stack trace), or succeeds and accounts
 * for every row: per file, rows read = loaded + rejected, and rejects.csv holds
 * exactly the rejected rows.
 *
 * The exports are a small cut of the bundled sample (sampleSubset), so that a
 * run takes about a second. Case `index` of seed `seed` is
 * always the same mutations: replay one with
 * `npm run fuzz -- --seed S --case I --kinds K --keep`.
 */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DEFAULT_INPUT, EXIT_BAD_CONFIG, EXIT_BAD_INPUT, PipelineError, runPipeline} from "../../loaders/pipeline/run.js";
import {Random} from "../../loaders/tools/sample/random.js";
import {parseCsvObjects} from "../../loaders/text/csv.js";
import type {Manifest} from "../../src/schemas/run.js";
import {describeMutation, mutate, type Mutation, type MutationKind} from "./mutate.js";

/** Lines of each sample file kept (header included). */
export const SUBSET_LINES = 300;
/** The run date of every case, so that the as-of date never depends on the day. */
const TODAY = "2026-11-28";

/**
 * A small, consistent cut of the bundled sample: the first `lines` lines of accounts.csv,
 * and of every other file the first `lines` lines that refer to those accounts (products
 * and fx rates whole). Consistent, so that an undamaged cut runs clean and the damage is
 * what the runs are about. The sample's other files hold no quoted field, so their lines
 * are records and their key column can be read by splitting on commas.
 */
export function sampleSubset(lines = SUBSET_LINES, dir = DEFAULT_INPUT): Map<string, Buffer> {
  const read = (name: string) => readFileSync(join(dir, name), "utf8").split(/(?<=\n)/);
  const files = new Map<string, Buffer>();
  const accountLines = read("accounts.csv").slice(0, lines);
  files.set("accounts.csv", Buffer.from(accountLines.join("")));
  const accounts = new Set(accountLines.slice(1).map((l) => l.split(",")[0]));
  const map = read("account_map.csv");
  const customers = new Set([...accounts, ...map.slice(1).filter((l) => accounts.has(l.trimEnd().split(",")[1])).map((l) => l.split(",")[0])]);
  const keep = (name: string, column: number, keys: Set<string>) => {
    const [header, ...rows] = read(name);
    files.set(name, Buffer.from([header, ...rows.filter((l) => keys.has(l.trimEnd().split(",")[column])).slice(0, lines - 1)].join("")));
  };
  keep("account_map.csv", 1, accounts);
  keep("invoice_lines.csv", 2, customers);
  keep("opportunities.csv", 1, accounts);
  keep("demand_units.csv", 0, accounts);
  for (const name of ["products.csv", "fx_rates.csv"]) files.set(name, readFileSync(join(dir, name)));
  return files;
}

export interface FuzzCase {
  seed: number;
  index: number;
  mutations: Mutation[];
  /** Reject limit of the run: mostly 1 (the run goes on to the metrics), sometimes the default. */
  rejectLimit: number | undefined;
  files: Map<string, Buffer>;
}

/** The mutations of case `index` of `seed`: 1 to 3, each of a kind in `kinds`, on a random file. */
export function makeCase(seed: number, index: number, kinds: readonly MutationKind[], subset: Map<string, Buffer>): FuzzCase {
  const rng = Random.stream(seed, `case ${index}`);
  const files = new Map(subset);
  const names = [...files.keys()];
  const mutations: Mutation[] = [];
  for (let n = rng.int(1, 3); n > 0; n--) {
    const file = rng.pick(names);
    const applied = mutate(rng.pick(kinds), file, files.get(file)!, rng);
    files.set(file, applied.bytes);
    mutations.push(applied.mutation);
  }
  return {seed, index, mutations, rejectLimit: rng.chance(0.8) ? 1 : undefined, files};
}

export type Outcome =
  | {kind: "published"; ms: number}
  | {kind: "refused"; exitCode: number; message: string; ms: number}
  | {kind: "broken"; problem: string; ms: number};

/** A stack trace line ("    at f (file.ts:1:2)"), which a user must never be shown. */
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

/**
 * Runs the pipeline in-process on the case's files, and checks the property.
 * "broken" is a violation: exit 1 (any error that is not a PipelineError with
 * exit 2 or 3), a stack trace in the message, or a run whose counts do not add up.
 */
export async function runCase(c: FuzzCase, options: {keepDir?: string} = {}): Promise<Outcome> {
  const root = options.keepDir ?? mkdtempSync(join(tmpdir(), "fuzz-"));
  const input = join(root, "in");
  const out = join(root, "out");
  mkdirSync(input, {recursive: true});
  for (const [name, bytes] of c.files) writeFileSync(join(input, name), bytes);
  const started = Date.now();
  const ms = () => Date.now() - started;
  try {
    try {
      await runPipeline({input, out, today: TODAY, rejectLimit: c.rejectLimit});
    } catch (e) {
      if (!(e instanceof PipelineError)) return {kind: "broken", problem: `exit 1: ${(e as Error)?.stack ?? String(e)}`, ms: ms()};
      if (e.exitCode !== EXIT_BAD_INPUT && e.exitCode !== EXIT_BAD_CONFIG) return {kind: "broken", problem: `exit ${e.exitCode}: ${e.message}`, ms: ms()};
      if (STACK_LINE.test(e.message)) return {kind: "broken", problem: `a stack trace in the message: ${e.message}`, ms: ms()};
      return {kind: "refused", exitCode: e.exitCode, message: e.message, ms: ms()};
    }
    const problems = reconcile(out);
    return problems.length ? {kind: "broken", problem: problems.join("; "), ms: ms()} : {kind: "published", ms: ms()};
  } finally {
    if (!options.keepDir) rmSync(root, {recursive: true, force: true, maxRetries: 3});
  }
}

/** The reconciliation of a published run: a list of what does not add up (empty when all is well). */
export function reconcile(out: string): string[] {
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
  const rejects = parseCsvObjects(readFileSync(join(out, "rejects.csv"), "utf8"));
  const problems: string[] = [];
  for (const f of manifest.files) {
    if (f.rows_read !== f.rows_loaded + f.rows_rejected) {
      problems.push(`${f.path ?? f.file}: read ${f.rows_read} ≠ loaded ${f.rows_loaded} + rejected ${f.rows_rejected}`);
    }
    const listed = f.path === null ? 0 : rejects.filter((r) => r.file === f.path).length;
    if (listed !== f.rows_rejected) problems.push(`${f.path ?? f.file}: ${f.rows_rejected} rows rejected but ${listed} in rejects.csv`);
  }
  return problems;
}

/** What to print for a broken case: everything needed to replay it. */
export function describeCase(c: FuzzCase, kinds: readonly MutationKind[]): string {
  return (
    `seed ${c.seed}, case ${c.index}, reject limit ${c.rejectLimit ?? "default"}: ${c.mutations.map(describeMutation).join("; ")}\n` +
    `  replay: npm run fuzz -- --seed ${c.seed} --case ${c.index} --kinds ${kinds.join(",")} --keep`
  );
}
