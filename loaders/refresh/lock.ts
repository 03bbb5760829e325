/**
 * A lock file so that two refreshes never run at once. Framework keeps its
 * loader cache inside the project (src/.observablehq/cache), and every refresh
 * clears it: two concurrent builds would delete each other's cached data and
 * could publish a site built from the other run's exports.
 *
 * The lock holds the owner's PID and host. A lock whose PID is no longer
 * running on this host is stale (the refresh was killed) and is taken over; a
 * lock from another host is never assumed stale, because its PID cannot be checked.
 */
import {mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {hostname} from "node:os";
import {dirname} from "node:path";
import {EXIT_FAILURE} from "../exit-codes.js";
import {RefreshError} from "./error.js";

export interface LockOwner {
  pid: number;
  host: string;
  started_at: string;
  out?: string;
}

export interface Lock {
  path: string;
  owner: LockOwner;
  release(): void;
}

/** True when a process with this PID exists (EPERM means it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid !== "number" || typeof parsed.host !== "string") return null;
    return {pid: parsed.pid, host: parsed.host, started_at: String(parsed.started_at ?? "?"), out: parsed.out};
  } catch {
    return null; // unreadable or half-written: treated as stale below
  }
}

/**
 * Takes the lock at `path` or throws a RefreshError naming the running refresh.
 * `isAlive` is injectable for tests.
 */
export function acquireLock(
  path: string,
  details: {out?: string} = {},
  isAlive: (pid: number) => boolean = isProcessAlive
): Lock {
  mkdirSync(dirname(path), {recursive: true});
  const owner: LockOwner = {pid: process.pid, host: hostname(), started_at: new Date().toISOString(), ...details};
  // Two attempts: the second one after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // "wx" fails when the file exists: creation is the atomic test-and-set.
      writeFileSync(path, JSON.stringify(owner) + "\n", {flag: "wx"});
      let released = false;
      return {
        path,
        owner,
        release() {
          if (released) return;
          released = true;
          // Only remove the lock if it is still ours (never another run's).
          const current = readOwner(path);
          if (current && current.pid === owner.pid && current.host === owner.host) rmSync(path, {force: true});
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readOwner(path);
    const stale = holder === null || (holder.host === owner.host && !isAlive(holder.pid));
    if (!stale) {
      throw new RefreshError(
        `another refresh is running (pid ${holder.pid} on ${holder.host}, started ${holder.started_at}` +
          `${holder.out ? `, publishing ${holder.out}` : ""}); lock file ${path}. ` +
          `If no refresh is running, delete the lock file.`,
        EXIT_FAILURE,
        "lock"
      );
    }
    rmSync(path, {force: true});
  }
  throw new RefreshError(`could not take the refresh lock ${path}: it keeps reappearing`, EXIT_FAILURE, "lock");
}
