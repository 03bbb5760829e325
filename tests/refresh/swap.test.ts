import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {swapInto, type SwapFs} from "../../loaders/refresh/swap.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "swap-"));
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

function site(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, "_file"), {recursive: true});
  writeFileSync(join(path, "index.html"), text);
  writeFileSync(join(path, "_file", "kpis.json"), JSON.stringify({text}));
  return path;
}

describe("swapInto", () => {
  it("replaces the published folder with the new one and leaves nothing behind", () => {
    const target = site("dist", "old");
    const fresh = site(".dist.refresh-1", "new");
    swapInto(fresh, target);
    expect(readFileSync(join(target, "index.html"), "utf8")).toBe("new");
    expect(readFileSync(join(target, "_file", "kpis.json"), "utf8")).toBe('{"text":"new"}');
    expect(readdirSync(dir)).toEqual(["dist"]);
  });

  it("publishes when there was nothing published before", () => {
    const fresh = site(".dist.refresh-1", "first");
    swapInto(fresh, join(dir, "dist"));
    expect(readFileSync(join(dir, "dist", "index.html"), "utf8")).toBe("first");
    expect(existsSync(fresh)).toBe(false);
  });

  it("puts the old folder back when the new one cannot be moved in", () => {
    const target = site("dist", "old");
    const fresh = site(".dist.refresh-1", "new");
    let calls = 0;
    const failingSecondRename: SwapFs = {
      existsSync,
      rmSync,
      renameSync(from, to) {
        calls++;
        if (calls === 2) throw Object.assign(new Error("EXDEV: cross-device link not permitted"), {code: "EXDEV"});
        renameSync(from, to);
      }
    };
    expect(() => swapInto(fresh, target, failingSecondRename)).toThrow(/EXDEV/);
    expect(readFileSync(join(target, "index.html"), "utf8")).toBe("old");
    expect(readdirSync(dir).sort()).toEqual([".dist.refresh-1", "dist"]);
  });
});
