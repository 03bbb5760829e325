/** Shared by the mapping tests: temp folders, reading written CSVs, a full prepare → pipeline run. */
import {mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {prepareExports, type PrepareOptions, type PreparedExports} from "../../../loaders/pipeline/mapping/index.js";
import {CsvParser} from "../../../loaders/pipeline/mapping/csv-parser.js";
import {runPipeline} from "../../../loaders/pipeline/run.js";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const EXAMPLES = join(REPO, "data", "examples");

export function tempDir(prefix = "mapping-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files {name: text} into a new temp folder. */
export function folderWith(files: Record<string, string>): string {
  const dir = tempDir("mapping-in-");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), {recursive: true});
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A written CSV as objects (header → value), parsed with a real CSV parser (quotes, newlines). */
export function readCsv(path: string): Record<string, string>[] {
  const records: string[][] = [];
  const parser = new CsvParser(",", (r) => records.push(r.fields));
  parser.write(readFileSync(path, "utf8"));
  parser.end();
  const [header, ...rows] = records;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

export async function prepare(opts: Omit<PrepareOptions, "workDir">): Promise<PreparedExports> {
  return prepareExports({...opts, workDir: tempDir("mapping-work-")});
}

/** Prepares the exports and runs the whole pipeline on them; returns the output folder and the preparation. */
export async function prepareAndRun(opts: Omit<PrepareOptions, "workDir">): Promise<{out: string; prepared: PreparedExports; rejected: number}> {
  const prepared = await prepare(opts);
  const out = tempDir("mapping-out-");
  const result = await runPipeline({
    input: prepared.dir,
    out,
    configObject: {},
    rejectLimit: prepared.rejectLimit,
    mode: prepared.mode,
    asOf: prepared.asOf
  });
  return {out, prepared, rejected: result.rejected};
}

export function readJson<T = any>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

export function cleanup(...dirs: string[]): void {
  for (const d of dirs) rmSync(d, {recursive: true, force: true});
}
