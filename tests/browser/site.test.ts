/**
 * Browser tests of the report: builds the site once from the bundled sample
 * (`npm run build`, published into a temp folder with --out), prints its
 * board pack (report.pdf) and checks it (check-pdf.ts), then runs the
 * reusable checks of check-site.ts against it in Debian's Chromium (the
 * Overview then links to the pack).
 *
 * CROSSSELL_TEST_DIST=<folder> skips the build and checks an existing site
 * (then CROSSSELL_TEST_KPIS names its kpis.json).
 */
import {readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {makeBoardPack, readRunFacts} from "../../loaders/site/pdf/board-pack.js";
import {serveDir} from "../../loaders/tools/serve.js";
import {checkBoardPack} from "./check-pdf.js";
import {checkSite, launchBrowser} from "./check-site.js";
import {runCommand, tempProject} from "../helpers/project-copy.js";

const root = resolve(import.meta.dirname, "../..");
let dist = process.env.CROSSSELL_TEST_DIST ?? "";
let kpis = process.env.CROSSSELL_TEST_KPIS ?? join(root, ".pipeline/out/kpis.json");
let temp = "";

beforeAll(async () => {
  if (dist) return;
  // A private copy: builds clear Framework's loader cache, and other test files build too.
  const copy = tempProject("crosssell-site-");
  temp = copy.temp;
  dist = join(temp, "dist");
  kpis = join(temp, "data/kpis.json");
  // Fewer per-account pages than the default (A and B tiers, up to 250): they
  // are the slowest part of a build, and two are enough to check.
  const config = JSON.parse(readFileSync(join(copy.project, "data/config.json"), "utf8"));
  const configPath = join(temp, "config.json");
  writeFileSync(configPath, JSON.stringify({...config, top_accounts: {...config.top_accounts, max: 10}}));
  const args = ["run", "build", "--", "--config", configPath, "--out", dist, "--data-out", join(temp, "data"), "--log", join(temp, "build-log.jsonl")];
  const result = await runCommand("npm", args, copy.project);
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
}, 600_000);

afterAll(() => {
  if (temp) rmSync(temp, {recursive: true, force: true});
});

describe("the board pack", () => {
  it("prints the cover and every section, with the Overview's figures, and the Overview links to it", async () => {
    const dataDir = join(kpis, "..");
    const pack = await makeBoardPack({siteDir: dist, dataDir, log: (m) => console.log(m)});
    expect(pack.path).toBe(join(dist, "report.pdf"));
    const server = await serveDir(dist);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/`, {waitUntil: "networkidle"});
      const figures = (await page.locator(".kpi-value").allInnerTexts()).map((t) => t.trim());
      expect(figures.length).toBeGreaterThanOrEqual(8);
      expect(checkBoardPack(pack.path, pack, readRunFacts(dataDir).manifest, figures)).toEqual([]);
      expect(await page.locator('a[href="./report.pdf"]').count()).toBe(1);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 300_000);
});

describe("the built report", () => {
  it("passes every page check", async () => {
    const problems = await checkSite(dist, {kpisPath: kpis, log: (m) => console.log(m)});
    expect(problems).toEqual([]);
  }, 300_000);
});
