/**
 * A run's temporary folders (loaders/pipeline/safety/work-folders.ts): named with the run's pid and machine,
 * removed by a run stopped by a signal, and by the next run when a run was killed outright.
 */
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {
  hostTag,
  makeTempFolder,
  removeStaleTempFolders,
  removeTrackedWorkFolders,
  removeWorkFolder,
  runTag,
  TEMP_FOLDER_PREFIX,
  trackWorkFolder,
  untrackWorkFolder
} from "../../../loaders/pipeline/safety/work-folders.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "work-folders-test-"));
}

describe("removeStaleTempFolders", () => {
  it("removes the run folders of processes that are gone, and nothing else", () => {
    const parent = scratch();
    const names = [
      `${TEMP_FOLDER_PREFIX}111-h${hostTag()}-aB3dE9`, // gone
      `${TEMP_FOLDER_PREFIX}222-h${hostTag()}-xY7zQ1`, // still running
      `${TEMP_FOLDER_PREFIX}${runTag()}-k2LmN8`, // this process
      `${TEMP_FOLDER_PREFIX}Zq81Pw`, // an older version's name, without a pid
      `${TEMP_FOLDER_PREFIX}111-aB3dE9-extra`, // not a run folder's name
      "something-else-111"
    ];
    for (const name of names) {
      mkdirSync(join(parent, name));
      writeFileSync(join(parent, name, "spill.tmp"), "x");
    }
    const removed = removeStaleTempFolders(parent, (pid) => pid === 222);
    expect(removed).toEqual([`${TEMP_FOLDER_PREFIX}111-h${hostTag()}-aB3dE9`]);
    expect(readdirSync(parent).sort()).toEqual(names.slice(1).sort());
  });

  it("leaves the folders of another machine alone, and takes a name without a machine for this one's", () => {
    const parent = scratch();
    const here = hostTag("runner-a");
    const names = [
      `${TEMP_FOLDER_PREFIX}111-h${here}-aB3dE9`, // this machine's, gone
      `${TEMP_FOLDER_PREFIX}111-h${hostTag("runner-b")}-aB3dE9`, // another container's: pid 111 may run there
      `${TEMP_FOLDER_PREFIX}112-aB3dE9` // an older version's name, without a machine: gone
    ];
    for (const name of names) mkdirSync(join(parent, name));
    expect(removeStaleTempFolders(parent, () => false, here).sort()).toEqual([names[0], names[2]].sort());
    expect(readdirSync(parent)).toEqual([names[1]]);
  });

  it("tags a folder with the pid and a digest of the host name", () => {
    expect(runTag()).toBe(`${process.pid}-h${hostTag()}`);
    expect(hostTag("runner-a")).toMatch(/^[0-9a-f]{8}$/);
    expect(hostTag("runner-a")).not.toBe(hostTag("runner-b"));
  });

  it("gives nothing for a folder that cannot be read", () => {
    expect(removeStaleTempFolders(join(scratch(), "missing"), () => false)).toEqual([]);
  });
});

describe("makeTempFolder and the tracked folders", () => {
  it("names the folder after this process and removes what is tracked, not what was moved into place", () => {
    const parent = scratch();
    const dir = makeTempFolder(parent);
    expect(dir.startsWith(join(parent, `${TEMP_FOLDER_PREFIX}${runTag()}-`))).toBe(true);
    // This process is alive: its own folder is never stale.
    expect(removeStaleTempFolders(parent, () => false)).toEqual([]);
    const published = join(parent, "published");
    mkdirSync(published);
    trackWorkFolder(published);
    untrackWorkFolder(published);
    removeTrackedWorkFolders();
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(published)).toBe(true);
    // Removing a folder twice is fine (a run's finally after a signal's clean-up).
    removeWorkFolder(dir);
  });
});

describe("the pipeline command stopped by a signal", () => {
  it("removes its temporary folder and exits 1 without publishing", async () => {
    const temp = scratch();
    const out = join(scratch(), "out");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "loaders/pipeline/cli.ts", "--out", out, "--today", "2026-11-28"],
      {cwd: ROOT, env: {...process.env, TMPDIR: temp}, stdio: ["ignore", "ignore", "pipe"]}
    );
    let stderr = "";
    let signalled = false;
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      // The work folder exists from before ingest starts until the run ends (~1-2 s on the sample).
      if (!signalled && stderr.includes("ingest…")) {
        signalled = true;
        expect(readdirSync(temp).filter((n) => n.startsWith(TEMP_FOLDER_PREFIX))).toHaveLength(1);
        child.kill("SIGTERM");
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(signalled, stderr).toBe(true);
    expect(code, stderr).toBe(1);
    expect(stderr).toContain("pipeline: stopped by SIGTERM; its temporary files are removed");
    expect(readdirSync(temp).filter((n) => n.startsWith(TEMP_FOLDER_PREFIX))).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(out, "..")).filter((n) => n.startsWith(".out.tmp-"))).toEqual([]);
  }, 60_000);
});
