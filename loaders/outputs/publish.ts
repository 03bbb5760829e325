/**
 * Atomic publication: outputs are written into a temporary folder next to the
 * destination (same filesystem, so rename is atomic), and only a complete run
 * is moved into place: old folder renamed away, new folder renamed in, old
 * folder deleted. A failed run removes its temporary folder and leaves the
 * previous outputs untouched.
 */
import {existsSync, mkdirSync, renameSync, rmSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {randomBytes} from "node:crypto";

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
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const dir = join(parent, `.${basename(out)}.tmp-${tag}`);
  mkdirSync(dir);
  return {
    dir,
    publish() {
      const old = join(parent, `.${basename(out)}.old-${tag}`);
      const hadOld = existsSync(out);
      if (hadOld) renameSync(out, old);
      try {
        renameSync(dir, out);
      } catch (e) {
        if (hadOld) renameSync(old, out); // put the previous outputs back
        throw e;
      }
      if (hadOld) rmSync(old, {recursive: true, force: true});
    },
    discard() {
      rmSync(dir, {recursive: true, force: true});
    }
  };
}

/** Where a failed run keeps its rejects report: `<out>.failed/` next to the outputs. */
export function failedRunDir(outDir: string): string {
  return resolve(outDir) + ".failed";
}
