/**
 * The temporary folders a pipeline run works in: its folder in the system's
 * temporary folder (DuckDB's spill files, 0.6 GB and more at scale, and the
 * mapped copy of the exports) and the staging folder of its outputs next to
 * --out. A run removes them when it ends, however it ends. A run stopped by a
 * signal (a scheduler's timeout, Ctrl-C) removes them on its way out
 * (removeTrackedWorkFolders, called by cli.ts); one killed outright (SIGKILL,
 * the kernel's out-of-memory killer) cannot, so the next run removes those
 * whose process is gone (removeStaleTempFolders here; removeStaleWorkFolders
 * in swap.ts for the staging folders). A scheduled job that times out now and
 * then would otherwise fill the disk with spill files.
 */
import {createHash} from "node:crypto";
import {mkdtempSync, readdirSync, rmSync} from "node:fs";
import {hostname, tmpdir} from "node:os";
import {join} from "node:path";
import {isProcessAlive} from "../../refresh/lock.js";

/** The folders this process works in and has not removed yet. */
const tracked = new Set<string>();

/** Marks `dir` as one to remove should the process be stopped. */
export function trackWorkFolder(dir: string): void {
  tracked.add(dir);
}

/** Removes `dir` (if it is there) and forgets it. */
export function removeWorkFolder(dir: string): void {
  rmSync(dir, {recursive: true, force: true});
  tracked.delete(dir);
}

/** Forgets `dir` without removing it (it was moved into place: the published outputs). */
export function untrackWorkFolder(dir: string): void {
  tracked.delete(dir);
}

/** Removes every folder still tracked: the way out of a run stopped by a signal. */
export function removeTrackedWorkFolders(): void {
  for (const dir of [...tracked]) removeWorkFolder(dir);
}

/**
 * The machine a run folder's process ran on, as 8 hex digits of its host name: a pid means
 * something only on its own machine (or container). Two containers that share a folder (a
 * mounted volume for --out or /tmp) each number their processes from 1, so a pid that is gone
 * here may be another container's running pipeline, whose folder must be left alone.
 */
export function hostTag(host: string = hostname()): string {
  return createHash("sha256").update(host).digest("hex").slice(0, 8);
}

/** How a run folder's name says whose it is: `<pid>-h<host tag>` (runTag). */
export const RUN_TAG_PATTERN = "(\\d+)(?:-h([0-9a-f]{8}))?";

/** This run's tag in the names of its folders: its pid and its machine. */
export function runTag(): string {
  return `${process.pid}-h${hostTag()}`;
}

/** The name of a run's folder in the temporary folder: this prefix, the run's tag (runTag), a dash, 6 random characters. */
export const TEMP_FOLDER_PREFIX = "crosssell-duckdb-";
const TEMP_FOLDER = new RegExp(`^${TEMP_FOLDER_PREFIX}${RUN_TAG_PATTERN}-[A-Za-z0-9]{6}$`);

/** A new, tracked folder of this run in `parent` (the system's temporary folder). */
export function makeTempFolder(parent: string = tmpdir()): string {
  const dir = mkdtempSync(join(parent, `${TEMP_FOLDER_PREFIX}${runTag()}-`));
  trackWorkFolder(dir);
  return dir;
}

/**
 * The entries of `parent` that `pattern` names as a run's (its first two groups: RUN_TAG_PATTERN's
 * pid and host tag) whose process is gone: run on this machine, by a pid that no longer runs. None
 * when `parent` cannot be read. This process's own are never stale, nor another machine's (its
 * pids are not ours to test); a name without a host tag (an older version's) counts as this machine's.
 */
export function entriesOfDeadRuns(
  parent: string,
  pattern: RegExp,
  isAlive: (pid: number) => boolean = isProcessAlive,
  thisHost: string = hostTag()
): string[] {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  return entries.filter((entry) => {
    const m = pattern.exec(entry);
    if (m === null || (m[2] !== undefined && m[2] !== thisHost)) return false;
    const pid = Number(m[1]);
    return pid !== process.pid && !isAlive(pid);
  });
}

/**
 * Removes the run folders in `parent` whose process is gone (a run killed outright) and returns
 * their names. The folders of running pipelines are left alone, and so are another machine's
 * and anything not named like a run's folder (a folder of an older version, without a pid, among them).
 */
export function removeStaleTempFolders(
  parent: string = tmpdir(),
  isAlive: (pid: number) => boolean = isProcessAlive,
  thisHost: string = hostTag()
): string[] {
  const removed: string[] = [];
  for (const entry of entriesOfDeadRuns(parent, TEMP_FOLDER, isAlive, thisHost)) {
    try {
      rmSync(join(parent, entry), {recursive: true, force: true});
      removed.push(entry);
    } catch {
      // another user's, in a shared temporary folder: theirs to remove
    }
  }
  return removed;
}
