/**
 * How the product recognises a folder it wrote, so that it replaces or deletes
 * only those. Every folder it publishes (the pipeline's outputs, the site, a
 * failed run's rejects) holds a marker file, `.crosssell-output`, a small JSON:
 * what the folder is and which version wrote it. The pipeline's other files are
 * unchanged by it.
 *
 * Folders written before markers existed are recognised by their shape:
 * - a site: `index.html` and the `_observablehq/` folder of a Framework build;
 * - pipeline outputs: nothing but files named as the pipeline's output files
 *   (kpis.json, manifest.json, run.json, rejects.csv, …).
 * Anything else that is not empty is someone else's, and is never replaced.
 */
import {existsSync, lstatSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {OUTPUT_FILES} from "../../../src/schemas/index.js";
import {UnsafePathError} from "./paths.js";

export const MARKER_FILE = ".crosssell-output";

export type OutputKind = "pipeline-output" | "site" | "failed-run";

export interface Marker {
  kind: OutputKind;
  tool: "cross-sell-report";
  version: string;
}

const PROJECT_ROOT = resolve(import.meta.dirname, "..", "..", "..");

/** The product's version (package.json), recorded in run.json and in markers. */
export function toolVersion(): string {
  try {
    return JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** Marks `dir` as written by the product. No date in it: two runs give the same file. */
export function writeMarker(dir: string, kind: OutputKind): void {
  const marker: Marker = {kind, tool: "cross-sell-report", version: toolVersion()};
  writeFileSync(join(dir, MARKER_FILE), JSON.stringify(marker) + "\n");
}

export function readMarker(dir: string): Marker | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, MARKER_FILE), "utf8")) as Partial<Marker>;
    return parsed.tool === "cross-sell-report" && typeof parsed.kind === "string" ? (parsed as Marker) : null;
  } catch {
    return null;
  }
}

const PIPELINE_FILE_NAMES = new Set(Object.values(OUTPUT_FILES as Record<string, {file: string}>).map((e) => e.file));

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** A site built before markers: a Framework build's shape. */
function looksLikeOldSite(dir: string): boolean {
  return existsSync(join(dir, "index.html")) && lstatSync(join(dir, "index.html")).isFile() && isDir(join(dir, "_observablehq"));
}

/** Pipeline outputs (or a failed run's rejects) written before markers: only the pipeline's own file names. */
function looksLikeOldPipelineOutput(dir: string, entries: string[]): boolean {
  return entries.every((name) => PIPELINE_FILE_NAMES.has(name) && lstatSync(join(dir, name)).isFile());
}

/**
 * Null when the product may replace or delete `dir` (absent, empty, marked, or
 * shaped like one of its earlier outputs); otherwise why not.
 */
export function whyNotOwned(dir: string): string | null {
  if (!existsSync(dir)) return null;
  if (!statSync(dir).isDirectory()) return "it is a file, not a folder";
  const entries = readdirSync(dir);
  if (entries.length === 0 || readMarker(dir)) return null;
  if (looksLikeOldSite(dir) || looksLikeOldPipelineOutput(dir, entries)) return null;
  const shown = entries.slice(0, 5).join(", ") + (entries.length > 5 ? `, … (${entries.length} entries)` : "");
  return `it is not empty (${shown}) and was not written by this product (no ${MARKER_FILE} file)`;
}

/** Throws (exit 3) unless the product may replace `dir`; `option` names where the path came from. */
export function assertOwned(option: string, dir: string): void {
  const why = whyNotOwned(dir);
  if (why) {
    throw new UnsafePathError(
      `${option} ${dir} will not be replaced: ${why}. Empty it or move it away if it is yours to lose, or choose another ${option}. Nothing was changed.`
    );
  }
}

/** Deletes a folder the product wrote (e.g. a stale failure report); refuses, deleting nothing, if it did not write it. */
export function removeOwnedFolder(option: string, dir: string): void {
  assertOwned(option, dir);
  rmSync(dir, {recursive: true, force: true});
}
