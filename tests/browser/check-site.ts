/**
 * Reusable browser checks of a built report: `checkSite(distDir)` serves the
 * folder on 127.0.0.1, opens every page in Debian's Chromium with
 * playwright-core, and returns a list of problems (empty = all good):
 * console errors, failed requests, requests to any other host, pages without
 * charts (an SVG with marks) or tables, serious/critical axe-core violations,
 * Overview figures that differ from kpis.json, the Retention waterfall and its
 * drill-down, the priority-matrix filters,
 * a CSV download, and the Overview's page weight (≤ 1 MB).
 *
 *   const problems = await checkSite("dist", {kpisPath: ".pipeline/out/kpis.json"});
 */
import {readFileSync, existsSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {chromium, type Browser, type Page} from "playwright-core";
import {serveDir} from "../../loaders/serve.js";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic"
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS});
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
  {path: "/definitions", charts: 0, tables: 0}
];

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
  page.on("console", (m) => {
    if (m.type() === "error") state.errors.push(m.text());
  });
  page.on("pageerror", (e) => state.errors.push(e.message));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:") && !u.startsWith("about:")) state.foreign.push(u);
  });
  page.on("requestfailed", (r) => state.failed.push(`${r.url()} (${r.failure()?.errorText})`));
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

async function runAxe(page: Page): Promise<string[]> {
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
    const pages = [...PAGES, ...accountPages.map((path) => ({path, charts: 1, tables: 3}))];
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
      if (spec.path === "/retention" && options.kpisPath) problems.push(...(await checkRetention(page, options.kpisPath)));
      if (spec.path === "/priority-matrix") problems.push(...(await checkMatrixFilters(page)));
      if (spec.path === "/accounts") problems.push(...(await checkCsvDownload(page)));
      if (spec.path === "/accounts") problems.push(...(await checkAccountLinks(page)));
      if (spec.path === "/accounts" && options.kpisPath) problems.push(...(await checkDrillDown(page, server.url, options.kpisPath)));
      log(`${where}: ${charts} charts, ${tables} tables`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
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

/** Changing a filter of the priority matrix changes the points drawn. */
export async function checkMatrixFilters(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const points = () => page.$$eval("figure svg g[aria-label='dot'] circle", (c) => c.length);
  const before = await points();
  if (before === 0) return ["priority matrix: no points drawn"];
  const select = page.locator("form select").nth(3); // quadrant
  await select.selectOption("Pursue now");
  await page.waitForTimeout(500);
  const pursue = await points();
  if (pursue >= before) problems.push(`priority matrix: quadrant filter did not reduce points (${before} → ${pursue})`);
  await select.selectOption("All quadrants");
  const product = page.locator("form select").nth(2);
  const options = await product.locator("option").allTextContents();
  await product.selectOption(options[1]);
  await page.waitForTimeout(500);
  const one = await points();
  // With units of several products, one product shows fewer points; with a
  // single product among the units (possible on real data), it shows them all.
  const several = options.length > 2;
  if (one === 0 || (several ? one >= before : one !== before)) {
    problems.push(`priority matrix: product filter (${options.length - 1} products) gave ${one} points (from ${before})`);
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
