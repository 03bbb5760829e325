/**
 * Publishing a freshly written folder in place of the live one, crash-safe.
 * Readers (a web server, the Pages upload, the dev server) see the old folder
 * or the new one, never a mix, and a crash at any instant leaves one of them
 * in place under its name or under the set-aside name below, from which the
 * next run puts it back.
 *
 * The steps, each a rename or a delete on one file system (where a rename is
 * atomic):
 *   1. rename  <target>             → .<target>.previous   (old set aside)
 *   2. rename  <fresh>              → <target>             (new published)
 *   3. delete  .<target>.previous
 * The set-aside name is fixed (no pid, no time) so that the next run finds it:
 *   - set aside and nothing (or an empty folder) published: step 2 never
 *     happened, the old folder is renamed back;
 *   - set aside and a marked folder published: step 3 never finished, the
 *     set-aside copy is deleted.
 * The set-aside copy is never deleted while it is the only one.
 */
import {existsSync, readdirSync, renameSync, rmSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import {isProcessAlive} from "../../refresh/lock.js";
import {assertOwned, whyNotOwned, writeMarker, type OutputKind} from "./marker.js";
import {entriesOfDeadRuns, hostTag, RUN_TAG_PATTERN} from "./work-folders.js";
import {UnsafePathError} from "./paths.js";

/** The file-system calls of a swap, injectable so that tests can crash it at each step. */
export interface SwapFs {
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: {recursive: boolean; force: boolean}): void;
  existsSync(path: string): boolean;
  readdirSync(path: string): string[];
}

const realFs: SwapFs = {renameSync, rmSync, existsSync, readdirSync: (path) => readdirSync(path)};

/** Where the live folder waits while the new one is moved in. */
export function setAsideName(target: string): string {
  return join(dirname(target), `.${basename(target)}.previous`);
}

/** Names earlier versions used for the set-aside copy (with pid and time or random tag). */
const LEGACY_SET_ASIDE = /^\.(.+)\.old-\d+-[0-9a-z]+$/;

/**
 * Finishes or undoes a swap that a crash interrupted; returns what it did
 * (null when there was nothing to do). Safe to call at any time: a complete
 * publication is left alone.
 */
export function recoverSwap(target: string, fs: SwapFs = realFs): string | null {
  const parent = dirname(target);
  if (!fs.existsSync(parent)) return null;
  const name = basename(target);
  const candidates = [setAsideName(target)];
  // Set-aside copies of earlier versions: newest name last, so it is the one restored.
  for (const entry of fs.readdirSync(parent).sort()) {
    const m = LEGACY_SET_ASIDE.exec(entry);
    if (m && m[1] === name) candidates.push(join(parent, entry));
  }
  const present = candidates.filter((c) => fs.existsSync(c));
  if (present.length === 0) return null;

  const published = fs.existsSync(target) && fs.readdirSync(target).length > 0;
  if (!published) {
    // Step 2 never happened: the set-aside copy is the only one. Put it back.
    const restore = present[0] === setAsideName(target) ? present[0] : present[present.length - 1];
    if (fs.existsSync(target)) fs.rmSync(target, {recursive: true, force: true}); // an empty folder
    fs.renameSync(restore, target);
    for (const other of present) if (other !== restore) removeSetAside(other, target, fs);
    return `restored ${target} from ${restore}, set aside by a run that was interrupted`;
  }
  if (whyNotOwned(target)) {
    // Published but not by this product: the set-aside copy may be the user's only good one.
    throw new UnsafePathError(
      `${present[0]} holds a folder set aside by an interrupted run, and ${target} holds something this product did not publish. ` +
        `Keep the one you want under ${target} and delete the other; nothing was changed.`
    );
  }
  for (const other of present) removeSetAside(other, target, fs);
  return `removed ${present.join(", ")}, left by a run interrupted after publishing ${target}`;
}

function removeSetAside(path: string, target: string, fs: SwapFs): void {
  const why = whyNotOwned(path);
  if (why) throw new UnsafePathError(`${path} (next to ${target}) will not be deleted: ${why}. Move it away; nothing was changed.`);
  fs.rmSync(path, {recursive: true, force: true});
}

/**
 * Replaces `target` with `fresh` (a folder on the same file system), marking
 * it as `kind`. Refuses (exit 3, nothing changed) when `target` is a non-empty
 * folder this product did not write. If the new folder cannot be moved in, the
 * old one is put back and the error is thrown.
 */
export function swapInto(fresh: string, target: string, kind: OutputKind, fs: SwapFs = realFs, option = "the output folder"): void {
  recoverSwap(target, fs);
  assertOwned(option, target);
  writeMarker(fresh, kind);
  const previous = setAsideName(target);
  const hadOld = fs.existsSync(target);
  if (hadOld) fs.renameSync(target, previous);
  try {
    fs.renameSync(fresh, target);
  } catch (error) {
    if (hadOld && !fs.existsSync(target)) fs.renameSync(previous, target);
    throw error;
  }
  // The new folder is live; removing the old one can no longer affect readers.
  if (hadOld) fs.rmSync(previous, {recursive: true, force: true});
}

/**
 * Deletes the work folders next to `target` (`.<name>.tmp-<run tag>-…` of the
 * pipeline, `.<name>.refresh-<run tag>` of refresh: work-folders.ts runTag) whose
 * process is gone: a killed run leaves them behind, and each is as big as an output.
 * Another machine's are left alone (entriesOfDeadRuns).
 */
export function removeStaleWorkFolders(
  target: string,
  isAlive: (pid: number) => boolean = isProcessAlive,
  thisHost: string = hostTag()
): string[] {
  const parent = dirname(target);
  const work = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(?:tmp|refresh)-${RUN_TAG_PATTERN}(?:-[0-9a-f]+)?$`);
  const removed = entriesOfDeadRuns(parent, work, isAlive, thisHost);
  for (const entry of removed) rmSync(join(parent, entry), {recursive: true, force: true});
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Before a command writes `out`: finishes or undoes a swap a crash interrupted,
 * removes dead runs' work folders, and refuses (exit 3) when `out` or one of
 * the `alsoReplaced` folders (e.g. a failure report it would delete) is not
 * the product's. Returns what was recovered, for the log. The caller has
 * already checked the place itself (paths.ts).
 */
export function claimOutputFolder(option: string, out: string, alsoReplaced: {option: string; path: string}[] = []): string[] {
  const notes: string[] = [];
  const recovered = recoverSwap(out);
  if (recovered) notes.push(recovered);
  for (const entry of removeStaleWorkFolders(out)) notes.push(`removed ${join(dirname(out), entry)}, left by a run that was stopped`);
  assertOwned(option, out);
  for (const other of alsoReplaced) assertOwned(other.option, other.path);
  return notes;
}
