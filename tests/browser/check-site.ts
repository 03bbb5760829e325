/**
 * Reusable browser checks of a built report: `checkSite(distDir)` serves the
 * folder on 127.0.0.1, opens every page in Debian's Chromium with
 * playwright-core, and returns a list of problems (empty = all good):
 * console errors, failed requests, requests to any other host, pages without
 * charts (an SVG with marks) or tables, serious/critical axe-core violations,
 * Overview figures that differ from kpis.json, the Overview's "What changed"
 * (names the top-moving figure), the Retention waterfall and its drill-down, the priority-matrix filters, a CSV download,
 * the account pages' products to offer next (as many as next_best_product.json
 * has), the sidebar search (part of an account's name opens its page), the
 * Overview's page weight (≤ 1 MB), and the layout at 1280 and 390 px (tables
 * within their box, the sidebar toggle out of the content's way).
 *
 *   const problems = await checkSite("dist", {kpisPath: ".pipeline/out/kpis.json"});
 */
import {readFileSync, readdirSync, existsSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import type {Browser, Page} from "playwright-core";
import {chromiumPath, launchChromium} from "../../loaders/site/pdf/browser.js";
import {serveDir} from "../../loaders/tools/serve.js";
import {FIGURES, HEADLINE} from "../../src/lib/figures.js";

/** The board pack's Chromium (Debian's, or $CHROMIUM_PATH). */
export async function launchBrowser(): Promise<Browser> {
  return launchChromium(chromiumPath() ?? "/usr/bin/chromium");
}

/** Pages every report has, and what each must show. */
export const PAGES: {path: string; charts: number; tables: number}[] = [
  {path: "/", charts: 2, tables: 1},
  {path: "/retention", charts: 5, tables: 2},
  {path: "/trends", charts: 1, tables: 1},
  {path: "/time-to-cross-sell", charts: 2, tables: 1},
  {path: "/products", charts: 3, tables: 2},
  {path: "/white-space", charts: 3, tables: 1},
  {path: "/priority-matrix", charts: 1, tables: 1},
  {path: "/concentration", charts: 2, tables: 1},
  {path: "/team", charts: 2, tables: 1},
  {path: "/win-rates", charts: 1, tables: 2},
  {path: "/accounts", charts: 1, tables: 1},
  {path: "/data-quality", charts: 1, tables: 3},
  {path: "/definitions", charts: 0, tables: 0},
  // Checked for errors and accessibility like every page.
  {path: "/explore", charts: 1, tables: 0},
  {path: "/guide/", charts: 0, tables: 0},
  {path: "/guide/first-page", charts: 1, tables: 1},
  {path: "/guide/components", charts: 1, tables: 1},
  {path: "/guide/data-files", charts: 0, tables: 0}
];

/** Pages some reports have: checked when the site has them. */
export const OPTIONAL_PAGES: {path: string; file: string; charts: number; tables: number}[] = [{path: "/retention", file: "retention.html", charts: 1, tables: 0}];

export interface CheckOptions {
  /** kpis.json to compare the Overview's figures with. */
  kpisPath?: string;
  /** Run axe-core (default true). */
  axe?: boolean;
  /** How many account pages to open (default 2). */
  accountPages?: number;
  /** Overview weight limit in bytes (scripts + data), default 1 MB. */
  overviewLimit?: number;
  log?: (message: string) => void;
}

const AXE = resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js");

/** Watches a page: console errors, failed requests, other hosts, bytes of scripts and data. */
function watch(page: Page, origin: string) {
  const state = {errors: [] as string[], failed: [] as string[], foreign: [] as string[], bytes: 0};
  // No exceptions: the Overview reads whether a board pack exists from data/board_pack.json
  // (it used to ask the server for report.pdf, and a 404 there was an expected console error).
  page.on("console", (m) => {
    if (m.type() === "error") state.errors.push(m.text());
  });
  page.on("pageerror", (e) => state.errors.push(e.message));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:") && !u.startsWith("about:")) state.foreign.push(u);
  });
  page.on("requestfailed", (r) => {
    state.failed.push(`${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", async (r) => {
    if (r.status() >= 400) state.failed.push(`${r.url()} (HTTP ${r.status()})`);
    const type = r.request().resourceType();
    if (type === "script" || type === "fetch" || type === "xhr" || /\.(js|json)(\?|$)/.test(r.url())) {
      try {
        state.bytes += (await r.body()).length;
      } catch {
        /* redirects have no body */
      }
    }
  });
  return state;
}

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
}

/** Charts with marks: SVGs inside figures (Plot) that draw at least one path/rect/circle/line/text mark. */
async function countCharts(page: Page): Promise<number> {
  return page.$$eval("figure svg, svg[class^='plot']", (svgs) =>
    svgs.filter((s) => s.getBoundingClientRect().width > 0 && s.querySelectorAll("[aria-label] path, [aria-label] rect, [aria-label] circle, [aria-label] line, g[aria-label$='mark'] *").length > 0).length
  );
}

export async function runAxe(page: Page): Promise<string[]> {
  await page.addScriptTag({path: AXE});
  const result = await page.evaluate(async () => {
    const axe = (window as any).axe;
    const r = await axe.run(document, {resultTypes: ["violations"]});
    return r.violations
      .filter((v: any) => v.impact === "serious" || v.impact === "critical")
      .map((v: any) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n: any) => n.target.join(" ")).join(" | ")}`);
  });
  return result as string[];
}

export async function checkSite(distDir: string, options: CheckOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const problems: string[] = [];
  const server = await serveDir(distDir);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({acceptDownloads: true});
    // The account page (account?id=…) of the first paged accounts, from the accounts.json beside kpis.json.
    const accountsJson = options.kpisPath ? join(dirname(options.kpisPath), "accounts.json") : "";
    const accountPages = accountsJson && existsSync(accountsJson)
      ? (JSON.parse(readFileSync(accountsJson, "utf8")) as {account_id: string; has_page: boolean}[])
          .filter((a) => a.has_page)
          .slice(0, options.accountPages ?? 2)
          .map((a) => `/account?id=${encodeURIComponent(a.account_id)}`)
      : [];
    // And the first paged account with products to offer next, so that its list is checked on a non-empty one.
    const offering = accountsJson ? firstPagedWithNextBest(dirname(accountsJson)) : null;
    if (offering && !accountPages.includes(offering)) accountPages.push(offering);
    const optional = OPTIONAL_PAGES.filter((p) => existsSync(join(distDir, p.file)));
    const pages = [...PAGES, ...optional, ...accountPages.map((path) => ({path, charts: 1, tables: 3}))];
    for (const spec of pages) {
      const page = await context.newPage();
      const state = watch(page, server.url);
      await page.goto(server.url + spec.path);
      await settle(page);
      const where = `page ${spec.path}`;
      const charts = await countCharts(page);
      const tables = await page.$$eval(".data-table table", (t) => t.length);
      if (charts < spec.charts) problems.push(`${where}: ${charts} chart(s) with marks, expected at least ${spec.charts}`);
      if (tables < spec.tables) problems.push(`${where}: ${tables} table(s), expected at least ${spec.tables}`);
      const asOf = await page.$("[data-as-of]");
      if (!asOf) problems.push(`${where}: no "Data as of" in the header`);
      if (!(await page.$("[data-refreshed-at]"))) problems.push(`${where}: no "refreshed at" in the header`);
      const errorBoxes = await page.$$eval(".observablehq--error", (e) => e.map((x) => x.textContent ?? ""));
      for (const e of errorBoxes) problems.push(`${where}: cell error: ${e}`);
      if (options.axe !== false) for (const v of await runAxe(page)) problems.push(`${where}: axe: ${v}`);
      for (const e of state.errors) problems.push(`${where}: console error: ${e}`);
      for (const f of state.failed) problems.push(`${where}: failed request: ${f}`);
      for (const f of state.foreign) problems.push(`${where}: request to another host: ${f}`);
      if (spec.path === "/") {
        const limit = options.overviewLimit ?? 1_000_000;
        if (state.bytes > limit) problems.push(`${where}: loads ${state.bytes} bytes of scripts and data, limit ${limit}`);
        log(`Overview weight: ${state.bytes} bytes`);
        if (options.kpisPath) problems.push(...(await checkOverviewFigures(page, options.kpisPath)));
      }
      if (spec.path === "/") problems.push(...(await checkPrintLayout(page)));
      if (spec.path === "/" || spec.path === "/accounts" || spec.path === "/priority-matrix") problems.push(...(await checkScreenLayout(page)));
      if (spec.path === "/" && options.kpisPath) problems.push(...(await checkOverviewSummary(page, dirname(options.kpisPath))));
      if (spec.path.startsWith("/account?id=") && options.kpisPath) problems.push(...(await checkNextBest(page, spec.path, dirname(options.kpisPath))));
      if (spec.path === "/retention" && options.kpisPath) problems.push(...(await checkRetention(page, options.kpisPath)));
      if (spec.path === "/priority-matrix") problems.push(...(await checkMatrixFilters(page)));
      if (spec.path === "/trends") problems.push(...(await checkTrendsLink(page, server.url)));
      if (spec.path === "/accounts") problems.push(...(await checkCsvDownload(page)));
      if (spec.path === "/accounts") problems.push(...(await checkAccountLinks(page)));
      if (spec.path === "/accounts" && options.kpisPath) problems.push(...(await checkDrillDown(page, server.url, options.kpisPath)));
      if (spec.path === "/accounts" && accountsJson && existsSync(accountsJson)) problems.push(...(await checkOwnerSearch(page, server.url, accountsJson)));
      log(`${where}: ${charts} charts, ${tables} tables`);
      await page.close();
    }
    if (accountsJson && existsSync(accountsJson)) {
      const page = await context.newPage();
      const state = watch(page, server.url);
      problems.push(...(await checkSearch(page, server.url, accountsJson)));
      for (const f of state.foreign) problems.push(`search: request to another host: ${f}`);
      for (const e of state.errors) problems.push(`search: console error: ${e}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return problems;
}

type NextBestRow = {account_id: string; rank: number};
const readNextBest = (dataDir: string): NextBestRow[] | null =>
  existsSync(join(dataDir, "next_best_product.json")) ? (JSON.parse(readFileSync(join(dataDir, "next_best_product.json"), "utf8")) as NextBestRow[]) : null;

/** The account page path of the first paged account that has products to offer next, or null. */
function firstPagedWithNextBest(dataDir: string): string | null {
  const rows = readNextBest(dataDir);
  if (!rows) return null;
  const offering = new Set(rows.map((r) => r.account_id));
  const accounts = JSON.parse(readFileSync(join(dataDir, "accounts.json"), "utf8")) as {account_id: string; has_page: boolean}[];
  const a = accounts.find((x) => x.has_page && offering.has(x.account_id));
  return a ? `/account?id=${encodeURIComponent(a.account_id)}` : null;
}

/**
 * The Overview's "What changed" is there (one sentence per topic) and names the headline figure
 * that moved most since the previous period, worked out here from kpis.json and figures.json:
 * the largest change in widths of the figure's band (loaders/site/summary.ts).
 */
export async function checkOverviewSummary(page: Page, dataDir: string): Promise<string[]> {
  const box = page.locator(".overview-summary");
  if ((await box.count()) === 0) return ["Overview: no \"What changed\" summary"];
  const problems: string[] = [];
  const topics = await box.locator("li").evaluateAll((li) => li.map((x) => x.getAttribute("data-topic")));
  if (topics.join() !== "change,white_space,pursue_now") problems.push(`Overview summary: sentences about ${topics.join(", ")}`);
  const kpis = JSON.parse(readFileSync(join(dataDir, "kpis.json"), "utf8")) as {period_start: string; kpis: Record<string, {value: number | null; low?: number | null; high?: number | null}>};
  const figures = JSON.parse(readFileSync(join(dataDir, "figures.json"), "utf8")) as {as_of: string; dimension: string; figure: string; value: number | null}[];
  const end = new Date(Date.parse(`${kpis.period_start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const before = figures.filter((f) => f.dimension === "all" && f.as_of <= end);
  const last = before.reduce((m, f) => (f.as_of > m ? f.as_of : m), "");
  let top: {id: string; size: number} | null = null;
  for (const id of HEADLINE) {
    const now = kpis.kpis[id];
    const then = before.find((f) => f.as_of === last && f.figure === id)?.value;
    if (now?.value == null || then == null || now.value === then) continue;
    const size = now.low != null && now.high != null && now.high > now.low ? Math.abs(now.value - then) / (now.high - now.low) : Math.abs((now.value - then) / then);
    if (!top || size > top.size) top = {id, size};
  }
  const text = (await box.locator("li[data-topic='change']").textContent()) ?? "";
  if (top && !text.includes(FIGURES[top.id].label)) problems.push(`Overview summary: the top-moving figure ${FIGURES[top.id].label} is not named in "${text}"`);
  if (!top && !/no figures for the previous period|None of the headline figures changed/.test(text)) problems.push(`Overview summary: no figure moved, yet it reads "${text}"`);
  return problems;
}

/** An account page lists as many products to offer next as next_best_product.json has rows for the account. */
export async function checkNextBest(page: Page, path: string, dataDir: string): Promise<string[]> {
  const rows = readNextBest(dataDir);
  if (!rows) return [];
  const id = new URLSearchParams(path.slice(path.indexOf("?"))).get("id");
  const expected = rows.filter((r) => r.account_id === id).length;
  const card = page.locator(".next-best");
  if ((await card.count()) === 0) return [`page ${path}: no "What to offer next" card`];
  const listed = await card.locator("ol > li").count();
  const tableRows = await card.locator(".data-table tbody tr").count();
  return listed === expected && tableRows === expected ? [] : [`page ${path}: ${listed} products to offer next listed (${tableRows} table rows), next_best_product.json has ${expected}`];
}

/**
 * The sidebar's search finds a paged account by part of its name (a word and the start of the
 * next) and opens its page; the index is served by the site itself.
 */
export async function checkSearch(page: Page, baseUrl: string, accountsJson: string): Promise<string[]> {
  const accounts = JSON.parse(readFileSync(accountsJson, "utf8")) as {account_id: string; account_name: string; has_page: boolean}[];
  const target = accounts.find((a) => a.has_page && /^[A-Za-z]{3,} [A-Za-z]{4,}/.test(a.account_name));
  if (!target) return [];
  const [first, second] = target.account_name.split(" ");
  const query = `${first} ${second.slice(0, 4).toLowerCase()}`;
  await page.goto(`${baseUrl}/`);
  await settle(page);
  const input = page.locator("#observablehq-search input");
  await input.focus();
  await input.fill(query);
  const result = page.locator("#observablehq-search-results li a", {hasText: target.account_name}).first();
  try {
    await result.waitFor({timeout: 5000});
  } catch {
    const shown = await page.locator("#observablehq-search-results").textContent();
    return [`search: "${query}" did not list ${target.account_name} (results: ${shown?.slice(0, 200)})`];
  }
  await Promise.all([page.waitForURL(/\/account\?id=/), result.click()]);
  await settle(page);
  const id = new URL(page.url()).searchParams.get("id");
  const heading = ((await page.textContent("main h1")) ?? "").trim();
  const problems: string[] = [];
  if (heading !== target.account_name) problems.push(`search: the result for "${query}" opened a page headed "${heading}", expected ${target.account_name}`);
  if (!accounts.some((a) => a.account_id === id && a.account_name === target.account_name)) problems.push(`search: the result opened account ${id}, not an account named ${target.account_name}`);
  return problems;
}

/** The Overview's cards carry data-value = the raw figure; compare with kpis.json. */
export async function checkOverviewFigures(page: Page, kpisPath: string): Promise<string[]> {
  const kpis = JSON.parse(readFileSync(kpisPath, "utf8")).kpis as Record<string, {value: number | null}>;
  const shown = await page.$$eval("[data-figure]", (cards) => cards.map((c) => [c.getAttribute("data-figure"), c.getAttribute("data-value")]));
  const problems: string[] = [];
  const ids = [
    "cross_sell_rate", "multi_product_rate", "cross_sell_revenue_share", "time_to_cross_sell_months", "cross_sell_win_rate",
    "net_revenue_retention", "gross_revenue_retention", "products_per_customer", "full_suite_rate", "revenue_at_full_cross_sell"
  ];
  for (const id of ids) {
    const card = shown.find(([f]) => f === id);
    if (!card) {
      problems.push(`Overview: no card for ${id}`);
      continue;
    }
    const expected = kpis[id]?.value ?? null;
    const got = card[1] === "" || card[1] == null ? null : Number(card[1]);
    if (expected !== got && !(expected != null && got != null && Math.abs(expected - got) <= 1e-9 * Math.max(1, Math.abs(expected)))) {
      problems.push(`Overview: ${id} shows ${got}, kpis.json has ${expected}`);
    }
  }
  // The visible text must not read NaN or undefined.
  const text = await page.textContent("main");
  if (/\bNaN\b|\bundefined\b/.test(text ?? "")) problems.push("Overview: text shows NaN or undefined");
  return problems;
}

/**
 * The Retention page: the bridge is drawn as a waterfall of eight bars, each a link; clicking
 * the bar of a movement lists exactly the accounts that retention_accounts.json (beside
 * kpis.json) gives a non-zero amount of it.
 */
export async function checkRetention(page: Page, kpisPath: string): Promise<string[]> {
  const problems: string[] = [];
  const accounts = JSON.parse(readFileSync(join(dirname(kpisPath), "retention_accounts.json"), "utf8")) as Record<string, unknown>[];
  const waterfall = page.locator("svg").filter({has: page.locator("g[aria-label='bar'] a")}).first();
  const bars = await waterfall.locator("g[aria-label='bar'] a").count();
  if (bars !== 8) problems.push(`retention: the waterfall has ${bars} linked bars, expected 8`);
  const text = (await page.textContent("main")) ?? "";
  if (/NaN|undefined/.test(text)) problems.push("retention: text shows NaN or undefined");
  // The movement with the largest amount (the tallest bar, easy to click) among those with accounts.
  const order = ["starting", "new_business", "returning", "cross_sell_expansion", "upsell_expansion", "contraction", "churn", "ending"];
  const movements = order.slice(1, -1).map((m) => ({
    m,
    n: accounts.filter((a) => a[m] !== 0).length,
    amount: Math.abs(accounts.reduce((s, a) => s + (a[m] as number), 0))
  }));
  const pick = movements.filter((c) => c.n > 0).sort((a, b) => b.amount - a.amount)[0];
  if (!pick) return [...problems, "retention: no account has any movement in retention_accounts.json"];
  const {m: movement, n: expected} = pick;
  // Plot writes the links as xlink:href; the bars are in bridge order.
  const bar = waterfall.locator("g[aria-label='bar'] a").nth(order.indexOf(movement));
  const href = await bar.evaluate((a) => a.getAttribute("href") ?? a.getAttribute("xlink:href"));
  if (!href?.includes(`movement=${movement}`)) problems.push(`retention: the ${movement} bar links to ${href}`);
  await Promise.all([page.waitForURL(new RegExp(`movement=${movement}`)), bar.click()]);
  await settle(page);
  const shown = await page.getAttribute("[data-drilldown-count]", "data-drilldown-count");
  if (Number(shown) !== expected) problems.push(`retention?movement=${movement}: shows ${shown} accounts, retention_accounts.json has ${expected}`);
  const rows = /of ([\d,]+) rows/.exec((await page.textContent(".data-table-count")) ?? "")?.[1]?.replaceAll(",", "");
  if (Number(rows) !== Math.min(expected, 2_000)) problems.push(`retention?movement=${movement}: the table lists ${rows} rows, expected ${Math.min(expected, 2_000)}`);
  return problems;
}

/**
 * Changing a filter of the priority matrix changes the units drawn, and the
 * address keeps it: reopening the address restores the filter and the units;
 * an unknown value in the address falls back to the default with a note.
 */
export async function checkMatrixFilters(page: Page): Promise<string[]> {
  const problems: string[] = [];
  // The note under the chart carries the number of units drawn (as points, or in score cells).
  const drawn = async (p: Page = page) => Number(await p.getAttribute("[data-units-shown]", "data-units-shown"));
  const marks = () => page.$$eval("figure svg g[aria-label='dot'] circle", (c) => c.length);
  const filter = (p: Page, label: string) => p.locator("form", {has: p.locator(`label:text-is("${label}")`)}).locator("select");
  const chosen = (p: Page, label: string) => filter(p, label).evaluate((s: HTMLSelectElement) => s.options[s.selectedIndex]?.textContent ?? "");
  const before = await drawn();
  if (!(before > 0) || (await marks()) === 0) return [`priority matrix: no units drawn (note says ${before}, ${await marks()} circles)`];
  await filter(page, "Quadrant").selectOption("Pursue now");
  await page.waitForTimeout(500);
  const pursue = await drawn();
  if (pursue >= before) problems.push(`priority matrix: quadrant filter did not reduce the units drawn (${before} → ${pursue})`);

  const url = page.url();
  if (new URL(url).searchParams.get("quadrant") !== "Pursue now") problems.push(`priority matrix: the address does not keep the quadrant filter (${url})`);
  const again = await page.context().newPage();
  await again.goto(url);
  await settle(again);
  const restored = await chosen(again, "Quadrant");
  const restoredDrawn = await drawn(again);
  if (restored !== "Pursue now" || restoredDrawn !== pursue) problems.push(`priority matrix: reopening ${url} shows quadrant "${restored}" with ${restoredDrawn} units, expected "Pursue now" with ${pursue}`);
  const unknown = new URL(url);
  unknown.searchParams.set("quadrant", "Nope");
  await again.goto(unknown.href);
  await settle(again);
  const note = (await again.textContent(".url-note").catch(() => null)) ?? "";
  if (!note.includes("unknown quadrant 'Nope' in the link; showing the default") || (await chosen(again, "Quadrant")) !== "All quadrants" || (await drawn(again)) !== before) {
    problems.push(`priority matrix: an unknown quadrant in the address gave note "${note}" and ${await drawn(again)} units (expected the default, ${before}, with a note)`);
  }
  await again.close();

  await filter(page, "Quadrant").selectOption("All quadrants");
  await page.waitForTimeout(300);
  if (new URL(page.url()).searchParams.has("quadrant")) problems.push(`priority matrix: the default quadrant stays in the address (${page.url()})`);
  const product = filter(page, "Product");
  const options = await product.locator("option").allTextContents();
  await product.selectOption(options[1]);
  await page.waitForTimeout(500);
  const one = await drawn();
  // With units of several products, one product shows fewer units; with a
  // single product among the units (possible on real data), it shows them all.
  const several = options.length > 2;
  if (one === 0 || (several ? one >= before : one !== before)) {
    problems.push(`priority matrix: product filter (${options.length - 1} products) gave ${one} units (from ${before})`);
  }
  return problems;
}

/** The Accounts table downloads a CSV whose formula-looking cells are neutralised. */
export async function checkCsvDownload(page: Page): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(".data-table .csv-download")]);
  const path = await download.path();
  if (!path) return ["CSV download: no file"];
  const text = readFileSync(path, "utf8");
  const problems: string[] = [];
  if (!text.includes("Account")) problems.push("CSV download: no header row");
  const lines = text.split(/\r?\n/).filter(Boolean);
  if (lines.length < 2) problems.push("CSV download: no rows");
  for (const line of lines.slice(1)) {
    for (const cell of line.split(",")) {
      if (/^"?[=+@]/.test(cell)) problems.push(`CSV download: cell ${cell} would run as a formula`);
    }
  }
  return problems;
}

/**
 * A link to Trends keeps its view: trends?figure=multi_product_rate&cut=segment opens on that
 * figure and cut, and choosing another figure writes it back into the address.
 */
export async function checkTrendsLink(page: Page, baseUrl: string): Promise<string[]> {
  const problems: string[] = [];
  await page.goto(`${baseUrl}/trends?figure=multi_product_rate&cut=segment`);
  await settle(page);
  const selects = page.locator("main select");
  const figure = await selects.nth(0).inputValue().catch(() => "");
  const figureText = await selects.nth(0).locator("option:checked").textContent().catch(() => "");
  const cutText = await selects.nth(1).locator("option:checked").textContent().catch(() => "");
  if (!/Multi-product rate/.test(figureText ?? "")) problems.push(`trends?figure=multi_product_rate: the figure shown is "${figureText}" (${figure})`);
  if (!/Segment/i.test(cutText ?? "")) problems.push(`trends?cut=segment: the cut shown is "${cutText}"`);
  const heading = (await page.textContent("main")) ?? "";
  if (!heading.includes("Multi-product rate at each")) problems.push("trends?figure=multi_product_rate: the chart title does not name the figure");
  // Another figure, chosen by its label: the address follows.
  await selects.nth(0).selectOption({label: "Cross-sell win rate"});
  await settle(page);
  const url = new URL(page.url());
  if (url.searchParams.get("figure") !== "cross_sell_win_rate") problems.push(`trends: choosing a figure left the address at ${page.url()}`);
  if (url.searchParams.get("cut") !== "segment") problems.push(`trends: choosing a figure lost the cut in ${page.url()}`);
  return problems;
}

/** The Overview's drill-down links: /accounts?show=multi_product lists exactly the accounts counted by the figure. */
export async function checkDrillDown(page: Page, baseUrl: string, kpisPath: string): Promise<string[]> {
  const kpis = JSON.parse(readFileSync(kpisPath, "utf8")).kpis;
  const problems: string[] = [];
  for (const [show, figure] of [["multi_product", "multi_product_rate"], ["full_suite", "full_suite_rate"]] as const) {
    await page.goto(`${baseUrl}/accounts?show=${show}`);
    await settle(page);
    const text = (await page.textContent("main")) ?? "";
    const shown = /Showing ([\d,]+) of/.exec(text)?.[1]?.replaceAll(",", "");
    const expected = kpis[figure].numerator;
    if (Number(shown) !== expected) problems.push(`accounts?show=${show}: shows ${shown} accounts, ${figure} counts ${expected}`);
  }
  return problems;
}

/**
 * Typing an owner's name into the accounts search ("Find an account" past one file of
 * accounts, else the table's own search) narrows the list to that owner's accounts, and the
 * address keeps the search. The owner: the one with most accounts (not all of them) whose
 * name is in no other account's name, id, segment or owner, so every match is theirs.
 */
export async function checkOwnerSearch(page: Page, baseUrl: string, accountsJson: string): Promise<string[]> {
  type Row = {account_id: string; account_name: string; segment: string; owner: string | null};
  const accounts = JSON.parse(readFileSync(accountsJson, "utf8")) as Row[];
  const counts = new Map<string, number>();
  for (const a of accounts) if (a.owner) counts.set(a.owner, (counts.get(a.owner) ?? 0) + 1);
  const elsewhere = (o: string) => accounts.some((a) => a.owner !== o && `${a.account_name} ${a.account_id} ${a.segment} ${a.owner ?? ""}`.toLowerCase().includes(o.toLowerCase()));
  const [owner, expected] = [...counts].filter(([o, n]) => n < accounts.length && !elsewhere(o)).sort((x, y) => y[1] - x[1])[0] ?? [];
  if (!owner || !expected) return [];
  await page.goto(`${baseUrl}/accounts`);
  await settle(page);
  const find = page.getByLabel("Find an account");
  const complete = (await find.count()) === 0;
  const box = complete ? page.locator(".data-table input[type=search]").first() : find;
  await box.fill(owner);
  // The last table: the accounts table itself, or the "Accounts found" one shown below it.
  const read = () =>
    page.$$eval(".data-table", (tables) => {
      const t = tables[tables.length - 1];
      const col = [...t.querySelectorAll("thead th")].findIndex((th) => th.textContent?.replace(/[▾▴]/g, "").trim() === "Owner");
      const owners = [...t.querySelectorAll("tbody tr")].map((tr) => tr.querySelectorAll("td")[col]?.textContent?.trim() ?? "");
      const matched = /of ([\d,]+) rows/.exec(t.querySelector(".data-table-count")?.textContent ?? "")?.[1]?.replaceAll(",", "");
      return {owners, matched: Number(matched)};
    });
  let got = await read();
  for (let i = 0; i < 50 && !(got.owners.length > 0 && got.owners.every((o) => o === owner)); i++) {
    await page.waitForTimeout(100);
    got = await read();
  }
  const problems: string[] = [];
  const others = got.owners.filter((o) => o !== owner);
  if (!got.owners.length) problems.push(`accounts search "${owner}": no account listed (${expected} have that owner)`);
  if (others.length) problems.push(`accounts search "${owner}": lists accounts of other owners (${[...new Set(others)].slice(0, 3).join(", ")})`);
  if (complete ? got.matched !== expected : got.matched > expected) problems.push(`accounts search "${owner}": ${got.matched} accounts match, ${expected} have that owner`);
  const kept = [...new URL(page.url()).searchParams.values()];
  if (!kept.includes(owner)) problems.push(`accounts search "${owner}": the address does not keep the search (${page.url()})`);
  return problems;
}

/** Every account link of the Accounts table opens the account page with that account's name as its heading. */
export async function checkAccountLinks(page: Page): Promise<string[]> {
  const link = page.locator(".data-table table a").first();
  if ((await link.count()) === 0) return ["accounts: no link to an account page"];
  const name = ((await link.textContent()) ?? "").trim();
  await Promise.all([page.waitForURL(/\/account\?id=/), link.click()]);
  await settle(page);
  const heading = ((await page.textContent("main h1")) ?? "").trim();
  return heading === name ? [] : [`account link "${name}" opened a page headed "${heading}"`];
}

/**
 * The page as printed (print media): no sidebar, no controls, the freshness
 * header shown, and the content and its charts within the paper's width.
 */
export async function checkPrintLayout(page: Page): Promise<string[]> {
  const where = `print of ${new URL(page.url()).pathname}`;
  await page.emulateMedia({media: "print"});
  try {
    await page.screenshot({fullPage: true});
    const layout = await page.evaluate(() => {
      const shown = (e: Element | null) => !!e && getComputedStyle(e).display !== "none" && (e as HTMLElement).getClientRects().length > 0;
      const main = document.querySelector("#observablehq-main")!.getBoundingClientRect();
      return {
        sidebar: shown(document.querySelector("#observablehq-sidebar")),
        toggle: shown(document.querySelector("#observablehq-sidebar-toggle")),
        controls: [...document.querySelectorAll("#observablehq-main input, #observablehq-main select, #observablehq-main button")].filter((e) => shown(e) && !e.closest("th")).length,
        header: shown(document.querySelector("[data-as-of]")),
        mainLeft: main.left,
        mainRight: main.right,
        wide: [...document.querySelectorAll("#observablehq-main svg")].filter((s) => s.getBoundingClientRect().right > main.right + 1).length
      };
    });
    const problems: string[] = [];
    if (layout.sidebar || layout.toggle) problems.push(`${where}: the sidebar is shown`);
    if (layout.controls) problems.push(`${where}: ${layout.controls} control(s) shown`);
    if (!layout.header) problems.push(`${where}: no as-of date`);
    if (layout.mainLeft > 40) problems.push(`${where}: content starts ${Math.round(layout.mainLeft)} px from the left edge (room kept for a sidebar?)`);
    if (layout.wide) problems.push(`${where}: ${layout.wide} chart(s) wider than the content`);
    return problems;
  } finally {
    await page.emulateMedia({media: "screen"});
  }
}

/**
 * The page on screen at a laptop's width and at a phone's (390 px): every table
 * either fits its box or is marked wide (src/components/dataTable.ts), then
 * scrolls inside its box, which stays within the content's width, at most 75%
 * of the window high (its sideways scroll bar on screen), with the hint shown and
 * the first column in view when scrolled to the far right; on the phone, the
 * sidebar toggle sits in the header, not beside the content.
 */
export async function checkScreenLayout(page: Page): Promise<string[]> {
  const where = `layout of ${new URL(page.url()).pathname}`;
  const problems: string[] = [];
  const original = page.viewportSize();
  try {
    for (const width of [1280, 390]) {
      await page.setViewportSize({width, height: width < 500 ? 844 : 800});
      await page.waitForTimeout(300);
      const found = await page.evaluate(async () => {
        const main = document.querySelector("#observablehq-main")!.getBoundingClientRect();
        const out: string[] = [];
        for (const [i, t] of [...document.querySelectorAll<HTMLElement>(".data-table")].entries()) {
          const box = t.querySelector<HTMLElement>(".data-table-scroll")!;
          const table = box.querySelector("table")!;
          const r = box.getBoundingClientRect();
          if (r.right > main.right + 1) out.push(`table ${i + 1} runs ${Math.round(r.right - main.right)} px past the content`);
          if (table.offsetWidth <= box.clientWidth + 1) continue;
          if (!t.hasAttribute("data-wide")) {
            out.push(`table ${i + 1} is wider than its box (${table.offsetWidth} > ${box.clientWidth} px) but not marked wide`);
            continue;
          }
          if (getComputedStyle(t.querySelector(".data-table-hint")!).display === "none") out.push(`table ${i + 1} scrolls sideways without its hint`);
          if (r.height - 2 * box.clientTop > innerHeight * 0.75 + 1) out.push(`table ${i + 1}'s box is ${Math.round(r.height)} px high, its scroll bar below the window (${innerHeight} px)`);
          const first = table.querySelector("tbody tr > :first-child");
          const left = box.scrollLeft;
          box.scrollLeft = box.scrollWidth;
          await new Promise(requestAnimationFrame);
          if (first && Math.abs(first.getBoundingClientRect().left - (r.left + box.clientLeft)) > 1) out.push(`table ${i + 1}'s first column scrolls out of view`);
          box.scrollLeft = left;
        }
        const toggle = document.querySelector("#observablehq-sidebar-toggle")!.getBoundingClientRect();
        const header = document.querySelector("#observablehq-header")?.getBoundingClientRect();
        if (innerWidth < 1008 && header && toggle.bottom > header.bottom + 1) out.push(`the sidebar toggle runs ${Math.round(toggle.bottom - header.bottom)} px below the header, beside the content`);
        return out;
      });
      problems.push(...found.map((p) => `${where} at ${width} px: ${p}`));
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
  return problems;
}
