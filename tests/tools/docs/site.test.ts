/**
 * The guide, checked in the browser on the pipeline's output for the bundled
 * sample (data/):
 *   - a new page written only from the guide's "Your first page" example
 *     (extracted from docs/guide.md) builds and works: its numbers match the
 *     data, its control changes them, no error anywhere;
 *   - the Explore page groups, filters and pivots the account table with
 *     arquero, and its answers match the data;
 *   - the guide's site pages (guide, first page, components, data files) build
 *     and render without an error, every component example drawing;
 *   - axe-core finds no serious or critical violation on any of these pages.
 * The page runs in a temporary copy of the site (tests/helpers/site.ts).
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {describeDataFiles} from "../../../loaders/tools/docs/data-files.js";
import {documentedComponents, firstPageExample} from "../../../loaders/tools/docs/guide.js";
import type {AccountRow, Kpis} from "../../../src/schemas/index.js";
import {runAxe} from "../../browser/check-site.js";
import {buildSite, launchBrowser, makeTempSite, openPage, REPO, sampleOutput, serve, type TempSite} from "../../helpers/site.js";

const FIRST_PAGE = `first-page-${process.pid}`;
let dataDir: string;
let site: TempSite;
let server: {url: string; close(): Promise<void>};
let browser: Browser;
let accounts: AccountRow[];
let kpis: Kpis;

beforeAll(async () => {
  dataDir = sampleOutput();
  accounts = JSON.parse(readFileSync(join(dataDir, "accounts.json"), "utf8"));
  kpis = JSON.parse(readFileSync(join(dataDir, "kpis.json"), "utf8"));

  const pages: Record<string, string> = {
    [`${FIRST_PAGE}.md`]: firstPageExample(),
    "explore.md": readFileSync(join(REPO, "src/explore.md"), "utf8")
  };
  for (const name of ["index", "first-page", "components", "data-files"]) {
    pages[`guide/${name}.md.js`] = readFileSync(join(REPO, `src/guide/${name}.md.js`), "utf8");
  }
  site = makeTempSite("guide", pages);
  const build = await buildSite(site, dataDir);
  expect(build.status, build.output).toBe(0);
  server = await serve(site.outDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

/** An Inputs control by its label. */
const control = (page: Page, label: string) => page.locator("form", {has: page.locator(`label:text-is("${label}")`)});

/** The rows of the first DataTable on the page, as header → cell text. */
async function tableRows(page: Page): Promise<Record<string, string>[]> {
  const table = page.locator("main .data-table table").first();
  // A sorted column's header ends with its arrow (▴ / ▾).
  const headers = (await table.locator("thead th").allInnerTexts()).map((h) => h.replace(/[▴▾]/g, "").trim());
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
  return rows.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ""])));
}

function count(rows: AccountRow[], key: (a: AccountRow) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of rows) m.set(key(a), (m.get(key(a)) ?? 0) + 1);
  return m;
}

describe("a page written from the guide's first example", () => {
  it("builds and renders without an error, with its chart and table", async () => {
    const {page, errors, cellErrors} = await openPage(browser, `${server.url}/${FIRST_PAGE}`);
    expect(errors).toEqual([]);
    expect(await cellErrors()).toEqual([]);
    expect(await page.locator("main h1").innerText()).toBe("White space by owner");
    expect(await page.locator("main svg [aria-label=bar] rect").count()).toBeGreaterThan(0);
    expect(await page.locator("main .data-table table tbody tr").count()).toBeGreaterThan(0);
  });

  it("shows the number of active accounts of the data, and follows its segment control", async () => {
    const {page} = await openPage(browser, `${server.url}/${FIRST_PAGE}`);
    const active = accounts.filter((a) => a.is_active);
    const summary = () => page.locator("main p", {hasText: "active accounts"}).innerText();
    expect(await summary()).toContain(`${active.length.toLocaleString("en-US")} active accounts`);
    expect(await summary()).toContain(`as of ${kpis.as_of}`);

    const [segment, n] = [...count(active, (a) => a.segment)].sort((a, b) => a[1] - b[1])[0];
    await control(page, "Segment").locator("select").selectOption(segment);
    await expect.poll(summary).toContain(`${n.toLocaleString("en-US")} active accounts`);
  });
});

describe("the Explore page", () => {
  it("groups, filters and pivots the account table with arquero, matching the data", async () => {
    const {page, errors, cellErrors} = await openPage(browser, `${server.url}/explore`);
    expect(errors).toEqual([]);
    expect(await cellErrors()).toEqual([]);
    const active = accounts.filter((a) => a.is_active);

    // Default grouping (segment) pivoted by tier; measure: number of accounts.
    await control(page, "Measure").locator("select").selectOption("accounts");
    const bySegmentTier = count(active, (a) => `${a.segment}|${a.tier}`);
    await expect.poll(async () => (await tableRows(page)).length).toBe(new Set(active.map((a) => a.segment)).size);
    for (const row of await tableRows(page)) {
      for (const tier of ["A", "B", "C", "D"]) {
        const n = bySegmentTier.get(`${row.segment}|${tier}`);
        // A segment × tier with no account is shown as a dash.
        expect(row[tier] ?? "—", `${row.segment} × ${tier}`).toBe(n === undefined ? "—" : n.toLocaleString("en-US"));
      }
    }

    // No pivot, grouped by tier, inactive accounts included.
    await control(page, "Pivot columns by").locator("select").selectOption("(no pivot)");
    await control(page, "Group by").locator("label", {hasText: /^segment$/}).click();
    await control(page, "Group by").locator("label", {hasText: /^tier$/}).click();
    await control(page, "Active accounts only").locator("input").uncheck();
    const byTier = count(accounts, (a) => a.tier ?? "(inactive)");
    await expect.poll(async () => (await tableRows(page)).map((r) => r.tier).sort()).toEqual([...byTier.keys()].sort());
    for (const row of await tableRows(page)) expect(row.accounts, row.tier).toBe(byTier.get(row.tier)!.toLocaleString("en-US"));
    expect(errors).toEqual([]);

    // The address keeps the view: reopening it shows the same table.
    const query = new URL(page.url()).searchParams;
    expect({group: query.getAll("group"), pivot: query.get("pivot"), measure: query.get("measure"), active: query.get("active")}).toEqual({group: ["tier"], pivot: "none", measure: "accounts", active: "false"});
    const again = await openPage(browser, page.url());
    await expect.poll(async () => (await tableRows(again.page)).map((r) => r.tier).sort()).toEqual([...byTier.keys()].sort());
    expect(again.errors).toEqual([]);
  });
});

describe("the guide's pages on the site", () => {
  it("shows the whole guide, code not run", async () => {
    const {page, errors, cellErrors} = await openPage(browser, `${server.url}/guide/`);
    expect(errors).toEqual([]);
    expect(await cellErrors()).toEqual([]);
    expect(await page.locator("main h2").allInnerTexts()).toEqual(expect.arrayContaining(["Your first page", "Components", "Adding a new figure end to end"]));
    // Plot's charts carry a class "plot-…"; Framework's own icons do not.
    expect(await page.locator("main [class^=plot-]").count()).toBe(0);
  });

  it("runs the first example", async () => {
    const {page, errors} = await openPage(browser, `${server.url}/guide/first-page`);
    expect(errors).toEqual([]);
    expect(await page.locator("main svg [aria-label=bar] rect").count()).toBeGreaterThan(0);
  });

  it("runs every component example on the data, beside its options", async () => {
    const {page, errors, cellErrors} = await openPage(browser, `${server.url}/guide/components`);
    expect(errors).toEqual([]);
    expect(await cellErrors()).toEqual([]);
    const names = documentedComponents();
    expect(await page.locator("main details summary", {hasText: "Options"}).count()).toBe(names.length);
    const card = page.locator("main .kpi-card[data-figure=cross_sell_rate]");
    expect(await card.getAttribute("data-value")).toBe(kpis.kpis.cross_sell_rate.value === null ? "" : String(kpis.kpis.cross_sell_rate.value));
    // Every chart component draws an svg; DataTable draws a table with the tier A accounts.
    expect(await page.locator("main svg[class^=plot-], main figure[class^=plot-]").count()).toBeGreaterThanOrEqual(names.length - 1);
    expect(await page.locator("main .data-table table tbody tr").count()).toBe(Math.min(50, accounts.filter((a) => a.tier === "A").length));
    // WaterfallChart: the overall bridge at D, starting to ending (eight bars).
    expect(await page.locator("main svg g[aria-label=bar] rect[aria-label^='Starting: '] ~ rect[aria-label^='Ending: ']").count()).toBe(1);
  });

  it("lists every data file in the reference", async () => {
    const {page, errors} = await openPage(browser, `${server.url}/guide/data-files`);
    expect(errors).toEqual([]);
    const headings = await page.locator("main h3").allInnerTexts();
    expect(headings).toEqual(describeDataFiles().map((f) => f.file));
  });
});

describe("accessibility", () => {
  it.each(["/guide/", "/guide/first-page", "/guide/components", "/guide/data-files", "/explore", `/${FIRST_PAGE}`])(
    "%s has no serious or critical axe-core violation",
    async (path) => {
      const {page} = await openPage(browser, `${server.url}${path}`);
      expect(await runAxe(page)).toEqual([]);
    }
  );
});
