import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {RefreshError} from "../../loaders/refresh/error.js";
import {clearLoaderCache, writeBuildConfig} from "../../loaders/refresh/site-build.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "site-build-"));
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

describe("clearLoaderCache", () => {
  it("deletes every data loader output and loader error, keeps the version-keyed package caches", () => {
    const cache = join(dir, "src", ".observablehq", "cache");
    for (const d of ["_node/d3@7.9.0", "_npm/htl@0.3.1", "_jsr/x", "data/accounts", "_observablehq"]) mkdirSync(join(cache, d), {recursive: true});
    writeFileSync(join(cache, "data", "kpis.json"), "{}");
    writeFileSync(join(cache, "data", "kpis.json.1234.err"), "");
    writeFileSync(join(cache, "_build.json"), "{}");
    writeFileSync(join(cache, "_node", "d3@7.9.0", "index.js"), "export {}");
    const removed = clearLoaderCache(join(dir, "src"));
    expect(removed.sort()).toEqual(["_build.json", "_observablehq", "data"]);
    expect(readdirSync(cache).sort()).toEqual(["_jsr", "_node", "_npm"]);
    expect(existsSync(join(cache, "_node", "d3@7.9.0", "index.js"))).toBe(true);
  });

  it("does nothing when there is no cache yet", () => {
    expect(clearLoaderCache(join(dir, "src"))).toEqual([]);
  });
});

describe("writeBuildConfig", () => {
  it("extends the project's config with the temporary output folder", () => {
    writeFileSync(join(dir, "observablehq.config.ts"), "export default {root: 'src'};\n");
    const path = writeBuildConfig(dir, dir, "/tmp/work/site");
    const text = readFileSync(path, "utf8");
    expect(text).toContain(`import base from "file://${join(dir, "observablehq.config.ts")}"`);
    expect(text).toContain(`export default {...base, output: "/tmp/work/site"};`);
  });

  it("refuses a project without a Framework config (exit 3)", () => {
    expect(() => writeBuildConfig(dir, dir, "/tmp/x")).toThrow(RefreshError);
    try {
      writeBuildConfig(dir, dir, "/tmp/x");
    } catch (e) {
      expect((e as RefreshError).exitCode).toBe(3);
    }
  });
});
