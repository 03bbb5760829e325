/**
 * The whole report built from a CRM export in the Maven "CRM Sales
 * Opportunities" layout through the mapping file shipped in
 * data/examples/maven-crm — the README's "Try it on a real CRM export"
 * walkthrough, as one command. On the real export exactly as published when it
 * is present (tests/helpers/real-exports.ts), else on the fixture in the same
 * layout (tests/fixtures/maven-like), so that every clone builds and checks a
 * bookings-mode site. Then the same browser checks as the
 * sample report: every page renders, no console error, no foreign request,
 * figures on the Overview equal kpis.json, and undefined figures say why.
 */
import {readFileSync, rmSync} from "node:fs";
import {join, resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {checkSite, launchBrowser} from "../browser/check-site.js";
import {serveDir} from "../../loaders/tools/serve.js";
import {MAVEN_FIXTURE_DIR, REAL_MAVEN_DIR, REAL_SKIP_NOTE} from "../helpers/real-exports.js";
import {runCommand, tempProject, type CommandResult} from "../helpers/project-copy.js";

const root = resolve(import.meta.dirname, "../..");
/** Deals read and rejected (no account; prospecting without a date), worked out in tests/pipeline/mapping/maven.test.ts. */
const source = REAL_MAVEN_DIR
  ? {name: "the real Maven CRM export", dir: REAL_MAVEN_DIR, deals: 8800, noAccount: 1425, noDate: 163}
  : {name: "the Maven-layout fixture", dir: MAVEN_FIXTURE_DIR, deals: 31, noAccount: 3, noDate: 2};
if (!REAL_MAVEN_DIR) console.warn(`tests/e2e/maven-site.test.ts builds from tests/fixtures/maven-like: ${REAL_SKIP_NOTE}`);
let temp = "";
let build: CommandResult;

beforeAll(async () => {
  // A private copy: builds clear Framework's loader cache, and other test files build too.
  const copy = tempProject("crosssell-maven-");
  temp = copy.temp;
  build = await runCommand(
    "npm",
    [
      "run", "build", "--",
      "--input", source.dir,
      "--mapping", join(root, "data/examples/maven-crm/mapping.json"),
      "--out", join(temp, "dist"),
      "--data-out", join(temp, "data"),
      "--log", join(temp, "build-log.jsonl")
    ],
    copy.project
  );
}, 900_000);

afterAll(() => {
  if (temp) rmSync(temp, {recursive: true, force: true});
});

describe(`the report built from ${source.name}`, () => {
  it("builds with one command, in bookings mode, with the rejected deals reported", () => {
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    const manifest = JSON.parse(readFileSync(join(temp, "data/manifest.json"), "utf8"));
    expect(manifest.mode).toBe("bookings");
    const opportunities = manifest.files.find((f: {file: string}) => f.file === "opportunities");
    expect(opportunities.rows_read).toBe(source.deals);
    expect(opportunities.rows_rejected).toBe(source.noAccount + source.noDate);
    expect(opportunities.rows_read).toBe(opportunities.rows_loaded + opportunities.rows_rejected);
  });

  it("says why the cross-sell rate is undefined (less than a year of history before the period)", () => {
    const kpis = JSON.parse(readFileSync(join(temp, "data/kpis.json"), "utf8"));
    expect(kpis.kpis.cross_sell_rate.value).toBeNull();
    expect(kpis.kpis.cross_sell_rate.status).toBeNull();
    expect(kpis.kpis.cross_sell_rate.reason).toMatch(/existing customers/i);
  });

  it("passes every page check", async () => {
    const problems = await checkSite(join(temp, "dist"), {kpisPath: join(temp, "data/kpis.json")});
    expect(problems).toEqual([]);
  }, 600_000);

  it("shows the undefined figure's reason and the bookings note on the Overview", async () => {
    const server = await serveDir(join(temp, "dist"));
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(server.url + "/");
      await page.waitForSelector("[data-figure='cross_sell_rate']");
      const card = (await page.textContent("[data-figure='cross_sell_rate']")) ?? "";
      expect(card).toMatch(/not enough data/i);
      expect(card).toMatch(/existing customers/i);
      const text = (await page.textContent("body")) ?? "";
      expect(text).toMatch(/bookings/i);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);
});
