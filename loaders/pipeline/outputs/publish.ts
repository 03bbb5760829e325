/**
 * Atomic publication: outputs are written into a temporary folder next to the
 * destination (same filesystem, so rename is atomic), and only a complete run
 * is moved into place by the crash-safe swap of loaders/pipeline/safety/swap.ts, which
 * marks it as the product's. A failed run removes its temporary folder and
 * leaves the previous outputs untouched; so does a run stopped by a signal
 * (the folder is tracked: safety/work-folders.ts).
 */
import {mkdirSync} from "node:fs";
import {randomBytes} from "node:crypto";
import {basename, dirname, join, resolve} from "node:path";
import {removeOwnedFolder, writeMarker} from "../safety/marker.js";
import {swapInto} from "../safety/swap.js";
import {removeWorkFolder, runTag, trackWorkFolder, untrackWorkFolder} from "../safety/work-folders.js";

export interface Staging {
  /** Folder to write the outputs into. */
  dir: string;
  publish(): void;
  discard(): void;
}

export function stageOutputs(outDir: string): Staging {
  const out = resolve(outDir);
  const parent = dirname(out);
  mkdirSync(parent, {recursive: true});
  // The run tag (pid and machine) in the name lets a later run delete it once this process is gone (removeStaleWorkFolders).
  const dir = join(parent, `.${basename(out)}.tmp-${runTag()}-${randomBytes(4).toString("hex")}`);
  mkdirSync(dir);
  trackWorkFolder(dir);
  return {
    dir,
    publish() {
      swapInto(dir, out, "pipeline-output", undefined, "--out");
      untrackWorkFolder(dir);
    },
    discard() {
      removeWorkFolder(dir);
    }
  };
}

/** Where a failed run keeps its rejects report: `<out>.failed/` next to the outputs. */
export function failedRunDir(outDir: string): string {
  return resolve(outDir) + ".failed";
}

/** Creates the (empty, marked) failure-report folder; the caller checked it may replace it. */
export function makeFailedRunDir(outDir: string): string {
  const dir = failedRunDir(outDir);
  removeOwnedFolder("the failure report folder", dir);
  mkdirSync(dir, {recursive: true});
  writeMarker(dir, "failed-run");
  return dir;
}
