import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {hostname, tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {EXIT_FAILURE} from "../../loaders/exit-codes.js";
import {RefreshError} from "../../loaders/refresh/error.js";
import {acquireLock, isProcessAlive} from "../../loaders/refresh/lock.js";

let dir: string;
let lockPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lock-"));
  lockPath = join(dir, ".pipeline", "refresh.lock");
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

function lockError(isAlive: (pid: number) => boolean): RefreshError {
  try {
    acquireLock(lockPath, {}, isAlive);
  } catch (error) {
    return error as RefreshError;
  }
  throw new Error("expected the lock to be refused");
}

describe("acquireLock", () => {
  it("creates the lock with this process's pid, host and target, and release removes it", () => {
    const lock = acquireLock(lockPath, {out: "/srv/report/dist"});
    const owner = JSON.parse(readFileSync(lockPath, "utf8"));
    expect(owner).toMatchObject({pid: process.pid, host: hostname(), out: "/srv/report/dist"});
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    lock.release(); // twice is harmless
  });

  it("refuses a second refresh while the first one runs, naming it, with exit code 1", () => {
    const lock = acquireLock(lockPath, {out: "/srv/report/dist"});
    const error = lockError(() => true);
    expect(error).toBeInstanceOf(RefreshError);
    expect(error.exitCode).toBe(EXIT_FAILURE);
    expect(error.message).toContain(`another refresh is running (pid ${process.pid} on ${hostname()}`);
    expect(error.message).toContain(lockPath);
    lock.release();
  });

  it("takes over a stale lock whose process is gone", () => {
    acquireLock(lockPath).release(); // creates the folder
    writeFileSync(lockPath, JSON.stringify({pid: 999_999_999, host: hostname(), started_at: "2026-01-01T00:00:00Z"}));
    const lock = acquireLock(lockPath, {}, (pid) => pid !== 999_999_999);
    expect(JSON.parse(readFileSync(lockPath, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("takes over a half-written (unreadable) lock", () => {
    acquireLock(lockPath).release();
    writeFileSync(lockPath, "{\"pid\": 12");
    const lock = acquireLock(lockPath, {}, () => true);
    expect(JSON.parse(readFileSync(lockPath, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("never takes over a lock from another host, whose pid cannot be checked", () => {
    acquireLock(lockPath).release();
    writeFileSync(lockPath, JSON.stringify({pid: 999_999_999, host: "other-host", started_at: "2026-01-01T00:00:00Z"}));
    expect(lockError(() => false).message).toContain("pid 999999999 on other-host");
  });

  it("release does not remove a lock that another run has taken since", () => {
    const lock = acquireLock(lockPath);
    writeFileSync(lockPath, JSON.stringify({pid: 4242, host: hostname(), started_at: "x"}));
    lock.release();
    expect(JSON.parse(readFileSync(lockPath, "utf8")).pid).toBe(4242);
  });
});

describe("isProcessAlive", () => {
  it("knows this process is alive and a nonsense pid is not", () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(999_999_999)).toBe(false);
    expect(isProcessAlive(0)).toBe(false);
  });
});
