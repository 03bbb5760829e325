/**
 * The crash-safe swap on real folders. A crash is injected at every file-system
 * call of the swap: from that call on, every call throws (the process is dead,
 * nothing of it runs any more, not even its error handling). Then a fresh run
 * recovers, and exactly one of the old or the new folder must be in place,
 * whole, with nothing left beside it.
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {MARKER_FILE, writeMarker} from "../../../loaders/pipeline/safety/marker.js";
import {UnsafePathError} from "../../../loaders/pipeline/safety/paths.js";
import {claimOutputFolder, recoverSwap, removeStaleWorkFolders, setAsideName, swapInto, type SwapFs} from "../../../loaders/pipeline/safety/swap.js";
import {hostTag} from "../../../loaders/pipeline/safety/work-folders.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "swap-"));
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

/** A built site: index.html and one data file, both saying `text`. */
function site(name: string, text: string, marked = true): string {
  const path = join(dir, name);
  mkdirSync(join(path, "_file"), {recursive: true});
  writeFileSync(join(path, "index.html"), text);
  writeFileSync(join(path, "_file", "kpis.json"), JSON.stringify({text}));
  if (marked) writeMarker(path, "site");
  return path;
}

function content(path: string): string {
  const index = readFileSync(join(path, "index.html"), "utf8");
  expect(readFileSync(join(path, "_file", "kpis.json"), "utf8")).toBe(JSON.stringify({text: index})); // whole, not mixed
  return index;
}

const realFs: SwapFs = {renameSync, rmSync, existsSync, readdirSync: (p) => readdirSync(p)};

class Crash extends Error {}

/** The real file system until call number `at` (1-based); from then on every call throws a Crash. */
function crashingAt(at: number): SwapFs & {calls: string[]} {
  const calls: string[] = [];
  const gate = (name: string) => {
    calls.push(name);
    if (calls.length >= at) throw new Crash(`crash at call ${at} (${name})`);
  };
  return {
    calls,
    renameSync: (from, to) => (gate("rename"), renameSync(from, to)),
    rmSync: (path, options) => (gate("rm"), rmSync(path, options)),
    existsSync: (path) => (gate("exists"), existsSync(path)),
    readdirSync: (path) => (gate("readdir"), readdirSync(path))
  };
}

/** How many file-system calls a swap makes, counted on an uncrashed run. */
function callsOfOneSwap(withOld: boolean): number {
  const counting = crashingAt(Number.POSITIVE_INFINITY);
  const target = withOld ? site("count-dist", "old") : join(dir, "count-dist");
  swapInto(site(".count-dist.work", "new"), target, "site", counting);
  rmSync(target, {recursive: true, force: true});
  return counting.calls.length;
}

describe("swapInto", () => {
  it("replaces the published folder with the new one, marks it, and leaves nothing behind", () => {
    const target = site("dist", "old");
    swapInto(site(".dist.refresh-1", "new"), target, "site");
    expect(content(target)).toBe("new");
    expect(JSON.parse(readFileSync(join(target, MARKER_FILE), "utf8"))).toMatchObject({kind: "site", tool: "cross-sell-report"});
    expect(readdirSync(dir)).toEqual(["dist"]);
  });

  it("publishes when there was nothing published before", () => {
    const fresh = site(".dist.refresh-1", "first");
    swapInto(fresh, join(dir, "dist"), "site");
    expect(content(join(dir, "dist"))).toBe("first");
    expect(existsSync(fresh)).toBe(false);
  });

  it("puts the old folder back when the new one cannot be moved in", () => {
    const target = site("dist", "old");
    const fresh = site(".dist.refresh-1", "new");
    let renames = 0;
    const failingSecondRename: SwapFs = {
      ...realFs,
      renameSync(from, to) {
        if (++renames === 2) throw Object.assign(new Error("EXDEV: cross-device link not permitted"), {code: "EXDEV"});
        renameSync(from, to);
      }
    };
    expect(() => swapInto(fresh, target, "site", failingSecondRename)).toThrow(/EXDEV/);
    expect(content(target)).toBe("old");
    expect(readdirSync(dir).sort()).toEqual([".dist.refresh-1", "dist"]);
  });

  it("refuses to replace a non-empty folder it did not write, changing nothing", () => {
    const target = join(dir, "dist");
    mkdirSync(target);
    writeFileSync(join(target, "thesis.docx"), "years of work");
    const fresh = site(".dist.refresh-1", "new");
    expect(() => swapInto(fresh, target, "site", undefined, "--out")).toThrow(UnsafePathError);
    expect(() => swapInto(fresh, target, "site", undefined, "--out")).toThrow(/--out .*dist will not be replaced: it is not empty \(thesis\.docx\).*Empty it or move it away/);
    expect(readdirSync(target)).toEqual(["thesis.docx"]);
    expect(existsSync(fresh)).toBe(true);
  });

  it("replaces a site built before markers existed (index.html and _observablehq/) and an empty folder", () => {
    const legacy = site("dist", "legacy", false);
    mkdirSync(join(legacy, "_observablehq"));
    swapInto(site(".dist.refresh-1", "new"), legacy, "site");
    expect(content(legacy)).toBe("new");
    mkdirSync(join(dir, "empty"));
    swapInto(site(".empty.refresh-1", "new"), join(dir, "empty"), "site");
    expect(content(join(dir, "empty"))).toBe("new");
  });

  it("replaces pipeline outputs written before markers existed (only the pipeline's file names)", () => {
    const out = join(dir, "out");
    mkdirSync(out);
    for (const f of ["kpis.json", "manifest.json", "rejects.csv", "run.json"]) writeFileSync(join(out, f), "old");
    const fresh = join(dir, ".out.tmp-1-ab");
    mkdirSync(fresh);
    writeFileSync(join(fresh, "kpis.json"), "new");
    swapInto(fresh, out, "pipeline-output");
    expect(readFileSync(join(out, "kpis.json"), "utf8")).toBe("new");
    // One file the pipeline never writes makes it someone else's folder.
    writeFileSync(join(out, "notes.txt"), "mine");
    rmSync(join(out, MARKER_FILE));
    const again = join(dir, ".out.tmp-1-cd");
    mkdirSync(again);
    expect(() => swapInto(again, out, "pipeline-output")).toThrow(/notes\.txt/);
  });
});

describe("a crash at each step of the swap", () => {
  for (const withOld of [true, false]) {
    it(`leaves the ${withOld ? "old or the new" : "new or no"} folder, and the next run recovers${withOld ? "" : " (first publication)"}`, () => {
      const total = callsOfOneSwap(withOld);
      expect(total).toBeGreaterThanOrEqual(withOld ? 5 : 3);
      const seen = new Set<string>();
      for (let at = 1; at <= total + 1; at++) {
        rmSync(dir, {recursive: true, force: true});
        mkdirSync(dir);
        const target = withOld ? site("dist", "old") : join(dir, "dist");
        const fresh = site(".dist.refresh-7", "new");
        const fs = crashingAt(at);
        let crashed = false;
        try {
          swapInto(fresh, target, "site", fs);
        } catch (error) {
          expect(error, `call ${at}`).toBeInstanceOf(Crash);
          crashed = true;
        }
        expect(crashed, `call ${at} of ${total}`).toBe(at <= total);

        // Right after the crash: the live folder or its set-aside copy holds a whole site.
        const live = existsSync(join(target, "index.html")) ? content(target) : null;
        const setAside = existsSync(setAsideName(target)) ? content(setAsideName(target)) : null;
        if (withOld) expect(live ?? setAside, `call ${at}: no site anywhere`).not.toBeNull();

        // The next run recovers before doing anything.
        recoverSwap(target);
        expect(existsSync(setAsideName(target)), `call ${at}`).toBe(false);
        const after = existsSync(target) ? content(target) : "none";
        seen.add(after);
        expect(withOld ? ["old", "new"] : ["new", "none"], `call ${at}`).toContain(after);
        if (after === "new") expect(existsSync(fresh)).toBe(false);
        // Nothing else but the work folder (which refresh deletes itself) is left.
        expect(readdirSync(dir).filter((e) => e !== ".dist.refresh-7").sort(), `call ${at}`).toEqual(after === "none" ? [] : ["dist"]);
      }
      // Both outcomes happen: the crashes fall before and after the new folder goes live.
      expect([...seen].sort()).toEqual(withOld ? ["new", "old"] : ["new", "none"]);
    });
  }

  it("a swap after a crash puts the old folder back first, then publishes", () => {
    const target = site("dist", "old");
    renameSync(target, setAsideName(target)); // killed right after setting the old site aside
    expect(recoverSwap(target)).toMatch(/restored .*dist/);
    expect(content(target)).toBe("old");
    renameSync(target, setAsideName(target));
    swapInto(site(".dist.refresh-8", "new"), target, "site");
    expect(content(target)).toBe("new");
    expect(readdirSync(dir)).toEqual(["dist"]);
  });

  it("restores a set-aside copy of an earlier version (.dist.old-<pid>-<time>) when nothing is published", () => {
    site(".dist.old-123-1700000000000", "older");
    site(".dist.old-123-1700000009999", "old");
    expect(recoverSwap(join(dir, "dist"))).toMatch(/restored/);
    expect(content(join(dir, "dist"))).toBe("old");
    expect(readdirSync(dir)).toEqual(["dist"]);
  });

  it("never deletes the set-aside copy when what is published is not the product's", () => {
    const target = site("dist", "old");
    renameSync(target, setAsideName(target));
    mkdirSync(target);
    writeFileSync(join(target, "other.txt"), "someone else's");
    expect(() => recoverSwap(target)).toThrow(/holds a folder set aside by an interrupted run/);
    expect(content(setAsideName(target))).toBe("old");
  });
});

describe("claimOutputFolder", () => {
  it("recovers, removes dead runs' work folders, keeps live ones, and refuses a folder that is not the product's", () => {
    const target = site("dist", "old");
    renameSync(target, setAsideName(target));
    mkdirSync(join(dir, ".dist.tmp-999999991-abcd"));
    mkdirSync(join(dir, `.dist.refresh-${process.pid}`));
    mkdirSync(join(dir, ".dist.refresh-999999992"));
    const notes = claimOutputFolder("--out", target);
    expect(notes[0]).toMatch(/restored/);
    expect(readdirSync(dir).sort()).toEqual([`.dist.refresh-${process.pid}`, "dist"]);
    const failed = join(dir, "dist-failed-run");
    mkdirSync(failed);
    writeFileSync(join(failed, "my.csv"), "x");
    expect(() => claimOutputFolder("--out", target, [{option: "the failed-run folder", path: failed}])).toThrow(/the failed-run folder .*dist-failed-run will not be replaced/);
  });

  it("removeStaleWorkFolders keeps the folders of running processes", () => {
    mkdirSync(join(dir, ".out.tmp-42-00ff"));
    expect(removeStaleWorkFolders(join(dir, "out"), () => true)).toEqual([]);
    expect(removeStaleWorkFolders(join(dir, "out"), () => false)).toEqual([".out.tmp-42-00ff"]);
  });

  it("removeStaleWorkFolders leaves another machine's folders alone: its pids are not this machine's", () => {
    const here = hostTag("runner-a");
    const there = hostTag("runner-b");
    const names = [`.out.tmp-42-h${here}-00ff`, `.out.refresh-43-h${here}`, `.out.tmp-42-h${there}-00ff`, `.out.refresh-43-h${there}`];
    for (const name of names) mkdirSync(join(dir, name));
    expect(removeStaleWorkFolders(join(dir, "out"), () => false, here).sort()).toEqual([`.out.refresh-43-h${here}`, `.out.tmp-42-h${here}-00ff`]);
    expect(readdirSync(dir).sort()).toEqual([`.out.refresh-43-h${there}`, `.out.tmp-42-h${there}-00ff`]);
  });
});
