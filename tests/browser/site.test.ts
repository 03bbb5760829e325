/**
 * Browser tests of the report: builds the site once from the bundled sample
 * (`npm run build`, output in a temp folder via CROSSSELL_SITE_OUT), then runs
 * the reusable checks of check-site.ts against it in Debian's Chromium.
 *
 * CROSSSELL_TEST_DIST=<folder> skips the build and checks an existing site
 * (then CROSSSELL_TEST_KPIS names its kpis.json).
 */
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {checkSite} from "./check-site.js";

const root = resolve(import.meta.dirname, "../..");
let dist = process.env.CROSSSELL_TEST_DIST ?? "";
let kpis = process.env.CROSSSELL_TEST_KPIS ?? join(root, ".pipeline/out/kpis.json");
let temp = "";

beforeAll(() => {
  if (dist) return;
  temp = mkdtempSync(join(tmpdir(), "crosssell-site-"));
  dist = join(temp, "dist");
  const result = spawnSync("npm", ["run", "build"], {cwd: root, encoding: "utf8", env: {...process.env, CROSSSELL_SITE_OUT: dist}});
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
}, 600_000);

afterAll(() => {
  if (temp) rmSync(temp, {recursive: true, force: true});
});

describe("the built report", () => {
  it("passes every page check", async () => {
    const problems = await checkSite(dist, {kpisPath: kpis, log: (m) => console.log(m)});
    expect(problems).toEqual([]);
  }, 300_000);
});
