/**
 * Publishing a freshly built folder in place of the live one, so that readers
 * (a web server, the Pages upload) see either the old site or the new one,
 * never a half-written mix. Both folders must be on the same file system
 * (the work folder is created next to the target for that reason), where a
 * rename is atomic.
 */
import {existsSync, renameSync, rmSync} from "node:fs";
import {basename, dirname, join} from "node:path";

export interface SwapFs {
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: {recursive: boolean; force: boolean}): void;
  existsSync(path: string): boolean;
}

const realFs: SwapFs = {renameSync, rmSync, existsSync};

/**
 * Replaces `target` with `fresh`: rename the old one away, rename the new one
 * in, then delete the old one. If the second rename fails, the old folder is
 * put back so the previous publication stays as it was.
 */
export function swapInto(fresh: string, target: string, fs: SwapFs = realFs): void {
  const retired = join(dirname(target), `.${basename(target)}.old-${process.pid}-${Date.now()}`);
  const hadOld = fs.existsSync(target);
  if (hadOld) fs.renameSync(target, retired);
  try {
    fs.renameSync(fresh, target);
  } catch (error) {
    if (hadOld) fs.renameSync(retired, target);
    throw error;
  }
  // The new folder is live; removing the old one can no longer affect readers.
  if (hadOld) fs.rmSync(retired, {recursive: true, force: true});
}
