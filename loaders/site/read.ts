/**
 * Reading the pipeline's output files for the site's data loaders.
 *
 * The folder is `$CROSSSELL_DATA_DIR` (set by loaders/refresh/build.ts). Each file is
 * checked against its schema from src/schemas, so a loader fails the build with
 * a message naming the file and the offending path instead of shipping a file
 * the pages cannot read. The pipeline wrote and validated every row with the
 * same schemas, so the check runs on a sample of the rows of long arrays
 * (check-sample.ts): a full zod parse of megabytes took most of a
 * loader's time and found nothing the pipeline had not.
 */
import {existsSync, readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {OUTPUT_FILES, type OutputName} from "../../src/schemas/index.js";
import type {z} from "zod";
import {parseCsv, parseGuardedCsvObjects} from "../text/csv.js";
import {checkSample} from "./check-sample.js";

export class SiteDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SiteDataError";
  }
}

/** The folder holding the pipeline's outputs. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.CROSSSELL_DATA_DIR;
  if (!dir) {
    throw new SiteDataError(
      "CROSSSELL_DATA_DIR is not set: build the site with `npm run build` (or set it to a pipeline output folder)."
    );
  }
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new SiteDataError(`CROSSSELL_DATA_DIR=${dir}: folder not found.`);
  return abs;
}

export function outputPath(name: OutputName, dir = dataDir()): string {
  return join(dir, OUTPUT_FILES[name].file);
}

export {parseCsv};

/** rejects.csv → typed rows (line as a number), values as the user's file had them (the formula guard undone). */
export function parseRejects(text: string): unknown[] {
  return parseGuardedCsvObjects(text).map((r) => ("line" in r ? {...r, line: Number(r.line)} : r));
}

/** Reads and checks one output file. */
export function readOutput<N extends OutputName>(name: N, dir = dataDir()): z.infer<(typeof OUTPUT_FILES)[N]["schema"]> {
  const {file, schema} = OUTPUT_FILES[name];
  const path = join(dir, file);
  if (!existsSync(path)) throw new SiteDataError(`${file} not found in ${dir}: run the pipeline first.`);
  const text = readFileSync(path, "utf8");
  let raw: unknown;
  try {
    raw = file.endsWith(".csv") ? parseRejects(text) : JSON.parse(text);
  } catch (e) {
    throw new SiteDataError(`${path}: not valid ${file.endsWith(".csv") ? "CSV" : "JSON"}: ${(e as Error).message}`);
  }
  const issue = checkSample(raw, schema);
  if (issue) throw new SiteDataError(`${path} does not match its schema at ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  return raw as z.infer<(typeof OUTPUT_FILES)[N]["schema"]>;
}

/**
 * Runs a data loader body: writes its result as JSON to stdout, or logs the
 * error to stderr and exits non-zero so that the build fails.
 */
export async function emitJson(label: string, build: () => unknown | Promise<unknown>): Promise<void> {
  try {
    const value = await build();
    process.stdout.write(JSON.stringify(value));
  } catch (e) {
    process.stderr.write(`data loader ${label}: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
