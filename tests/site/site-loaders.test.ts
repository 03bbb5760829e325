// The site's data-loader logic (loaders/site): CSV reading, shaping, page generation, config header.
import {execFileSync} from "node:child_process";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {parseCsv, parseRejects, readOutput} from "../../loaders/site/read.js";
import {
  PRIORITY_UNITS_MAX,
  RETENTION_ROWS_MAX,
  accountPageShards,
  previousFigures,
  priorityUnits,
  pursueNow,
  rejectsHead,
  retentionBridge,
  retentionDrilldown,
  topNextBest,
  whiteSpacePage
} from "../../loaders/site/shape.js";
import {accountShard} from "../../src/lib/slug.js";
import {freshnessHeader, readFreshness} from "../../loaders/site/header.js";
import {definitionsMarkdown} from "../../loaders/site/definitions.js";
import {writeSiteData} from "../fixtures/site-data/make.js";
import {REPO} from "../helpers/project-copy.js";

describe("parseCsv", () => {
  it("reads quoted commas, quotes, newlines, CRLF and a BOM", () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n')).toEqual([["a", "b"], ["x, y", 'say "hi"'], ["multi\nline", "2"]]);
  });
  it("types rejects' line numbers", () => {
    expect(parseRejects("file,line,column,value,reason\ninvoice_lines,7,amount,=1+1,not a number\n")).toEqual([{file: "invoice_lines", line: 7, column: "amount", value: "=1+1", reason: "not a number"}]);
  });
  it("gives back the values behind the pipeline's spreadsheet formula guard", () => {
    expect(parseRejects("file,line,column,value,reason\ninvoice_lines,7,amount,'=1+1,'@x\ninvoice_lines,8,amount,-500.00,ok\n")).toEqual([
      {file: "invoice_lines", line: 7, column: "amount", value: "=1+1", reason: "@x"},
      {file: "invoice_lines", line: 8, column: "amount", value: "-500.00", reason: "ok"}
    ]);
  });
});

describe("rejects.csv download", () => {
  // The download is written by loaders/site/prepare.ts (with the people-facing writer) and served from
  // the plain-JS archive loader src/data.tar.js: run that loader on a pipeline output whose rejects.csv
  // was written without the guard, and read the member.
  it("writes every rejected row again with each cell guarded, even from a file written without the guard", () => {
    const dir = mkdtempSync(join(tmpdir(), "rejects-download-"));
    writeSiteData(dir, {accounts: 20, seed: 5});
    writeFileSync(join(dir, "rejects.csv"), 'file,line,column,value,reason\n=x.csv,3,amount,"=HYPERLINK(""http://e"",""y"")",+cmd\nb.csv,4,amount,-500.00,"a, b"\n');
    const tar = execFileSync(process.execPath, [join(REPO, "src/data.tar.js")], {maxBuffer: 1 << 28, env: {...process.env, CROSSSELL_DATA_DIR: dir}});
    const header = tar.indexOf("rejects.csv\0"); // the member's name opens its 512-byte header
    expect(header).toBeGreaterThanOrEqual(0);
    const size = parseInt(tar.toString("latin1", header + 124, header + 135), 8);
    const out = tar.toString("utf8", header + 512, header + 512 + size);
    expect(out).toBe(
      `\ufefffile,line,column,value,reason\r\n'=x.csv,3,amount,"'=HYPERLINK(""http://e"",""y"")",'+cmd\r\nb.csv,4,amount,-500.00,"a, b"\r\n`
    );
  }, 60_000);
});

describe("shaping", () => {
  it("takes the overall figures of the last month end on or before S as the previous period's", () => {
    // P starts 2025-10-01, so S = 2025-09-30: the month end 2025-09-30 is the previous period's end.
    const f = (as_of: string, dimension: string, figure: string) => ({as_of, dimension, figure}) as never;
    const rows = [f("2025-08-31", "all", "revenue"), f("2025-09-30", "all", "revenue"), f("2025-09-30", "segment", "revenue"), f("2025-09-30", "all", "white_space"), f("2025-10-31", "all", "revenue")];
    expect(previousFigures(rows, "2025-10-01")).toEqual([rows[1], rows[3]]);
    // With D a mid-month date, S falls between month ends: the one before it counts.
    expect(previousFigures(rows, "2025-10-16")).toEqual([rows[1], rows[3]]);
    expect(previousFigures(rows, "2025-09-01")).toEqual([rows[0]]);
    expect(previousFigures(rows, "2025-08-01")).toEqual([]);
  });
  it("keeps the top Pursue-now units by potential, nulls last", () => {
    const u = (id: string, quadrant: string | null, potential: number | null) => ({account_id: id, product_id: "CRM", quadrant, potential}) as never;
    expect(pursueNow([u("a", "Pursue now", 5), u("b", "Nurture", 99), u("c", "Pursue now", null), u("d", "Pursue now", 9)], [], 2).rows.map((x: {account_id: string}) => x.account_id)).toEqual(["d", "a"]);
  });
  it("varies the pursue-now list: at most 2 units per product × segment and 1 per account, scores breaking potential ties, paged accounts named", () => {
    const u = (id: string, product: string, segment: string, potential: number, opportunity = 3, ability = 3) =>
      ({account_id: id, product_id: product, segment, buying_center: null, quadrant: "Pursue now", potential, opportunity_score: opportunity, ability_score: ability}) as never;
    const units = [
      u("a", "CRM", "Ent", 90),
      u("b", "CRM", "Ent", 90, 2),
      u("c", "CRM", "Ent", 90, 3, 3.5), // the best scores of the tied CRM × Ent units
      u("d", "CRM", "Ent", 90), // a third CRM × Ent unit: left out
      u("a", "DAT", "Ent", 80), // a second unit of account a: left out
      u("e", "CRM", "SMB", 70),
      u("f", "DAT", "Ent", 60)
    ];
    const kept = pursueNow(units, [{account_id: "c", has_page: true}, {account_id: "e", has_page: false}, {account_id: "z", has_page: true}], 10);
    expect(kept.rows.map((x: {account_id: string; product_id: string}) => `${x.account_id}/${x.product_id}`)).toEqual(["c/CRM", "a/CRM", "e/CRM", "f/DAT"]);
    expect(kept.paged).toEqual(["c"]);
    expect(pursueNow(units, [], 2).rows.length).toBe(2);
  });
  it("gives each paged account's page its next best products in rank order, and the accounts table the first", () => {
    const account = (account_id: string, has_page: boolean) => ({account_id, has_page}) as never;
    const nb = (account_id: string, rank: number, product_id: string) => ({account_id, rank, product_id, product_name: `${product_id} name`, potential: rank * 10}) as never;
    const rows = [nb("p", 1, "CRM"), nb("p", 2, "DAT"), nb("q", 1, "SVC"), nb("x", 1, "ANL")];
    const shards = accountPageShards({accounts: [account("p", true), account("q", true), account("x", false)], history: [], whiteSpace: [], demandUnits: [], opportunities: [], nextBest: rows});
    const page = (id: string) => {
      const shard = shards.get(accountShard(id))!;
      return shard.pages[shard.ids.indexOf(id)];
    };
    expect(page("p").next_best_product.map((r: {product_id: string}) => r.product_id)).toEqual(["CRM", "DAT"]);
    expect(page("q").next_best_product.length).toBe(1);
    expect([...shards.values()].some((s) => s.ids.includes("x"))).toBe(false);
    expect(topNextBest(rows)).toEqual(
      new Map([
        ["p", {product_id: "CRM", product_name: "CRM name", potential: 10}],
        ["q", {product_id: "SVC", product_name: "SVC name", potential: 10}],
        ["x", {product_id: "ANL", product_name: "ANL name", potential: 10}]
      ])
    );
  });
  it("gives the priority matrix every unit when they are few, else the ones with the largest potential, and the total", () => {
    const u = (id: string, product: string, potential: number | null, center: string | null = null) =>
      ({account_id: id, product_id: product, buying_center: center, quadrant: "Nurture", potential}) as never;
    const units = [u("b", "CRM", 5), u("a", "SVC", null), u("a", "CRM", 5, "Ops"), u("c", "CRM", 7), u("a", "CRM", 5)];
    // Few enough: all of them, in file order.
    expect(priorityUnits(units, 5)).toEqual({total: 5, rows: units});
    // Over the cap: potential 7 first, then the 5s by account, product and buying center (none first); none last.
    const capped = priorityUnits(units, 3);
    expect(capped.total).toBe(5);
    expect(capped.rows.map((x: {account_id: string; buying_center: string | null}) => `${x.account_id}/${x.buying_center}`)).toEqual(["c/null", "a/null", "a/Ops"]);
    expect(units.map((x: {account_id: string}) => x.account_id)).toEqual(["b", "a", "a", "c", "a"]); // input untouched
    expect(PRIORITY_UNITS_MAX).toBe(10_000);
  });
  it("cuts the white-space page: sums per product × segment, top accounts and their cells, largest gaps", () => {
    const cell = (account_id: string, product_id: string, status: "held" | "gap" | "open_opportunity", potential: number | null) => ({
      account_id, product_id, status, revenue: status === "held" ? 100 : 0, potential: status === "held" ? null : potential,
      potential_basis: status === "held" ? null : potential === null ? ("none" as const) : ("segment" as const)
    });
    const cells = [
      cell("a", "CRM", "held", null), cell("a", "SVC", "gap", 40),
      cell("b", "CRM", "gap", 30), cell("b", "SVC", "open_opportunity", 60),
      cell("c", "CRM", "gap", 30), cell("c", "SVC", "gap", null),
      cell("x", "SVC", "gap", 5) // a customer missing from the account list
    ];
    const accounts = [
      {account_id: "a", account_name: "Alpha", segment: "SMB", white_space: 40},
      {account_id: "b", account_name: "Beta", segment: "Enterprise", white_space: 90},
      {account_id: "c", account_name: "Gamma", segment: "SMB", white_space: 30}
    ];
    const page = whiteSpacePage(cells, accounts, {gridMax: 2, rowsMax: 3});
    expect(page.core_products).toEqual(["CRM", "SVC"]);
    // CRM: b 30 (Enterprise) + c 30 (SMB); SVC: a 40 (SMB), b 60 (Enterprise), x 5 (Unknown); c's null potential adds nothing.
    expect(page.by_segment).toEqual([
      {product_id: "CRM", segment: "Enterprise", potential: 30},
      {product_id: "CRM", segment: "SMB", potential: 30},
      {product_id: "SVC", segment: "Enterprise", potential: 60},
      {product_id: "SVC", segment: "SMB", potential: 40},
      {product_id: "SVC", segment: "Unknown", potential: 5}
    ]);
    expect(page.top_accounts.map((a) => a.account_id)).toEqual(["b", "a"]); // 90, 40 (c: 30 is third)
    expect(page.grid.map((c) => `${c.account_id}/${c.product_id}`)).toEqual(["a/CRM", "a/SVC", "b/CRM", "b/SVC"]);
    expect(page.gaps_total).toBe(6); // every cell but a/CRM
    // 60, 40, then the 30s by account: b before c.
    expect(page.gaps.map((c) => `${c.account_id}/${c.product_id}/${c.account_name}/${c.segment}`)).toEqual([
      "b/SVC/Beta/Enterprise", "a/SVC/Alpha/SMB", "b/CRM/Beta/Enterprise"
    ]);
    expect(whiteSpacePage(cells, accounts).gaps.at(-1)).toMatchObject({account_id: "c", potential: null}); // none last
    expect(whiteSpacePage(cells, accounts).gaps.find((c) => c.account_id === "x")).toMatchObject({account_name: "x", segment: null});
  });
  it("gives the Retention page the bridge overall at every date and every cut at D only", () => {
    const b = (as_of: string, is_current: boolean, dimension: string) => ({as_of, is_current, dimension}) as never;
    const rows = [b("2025-08-31", false, "all"), b("2025-08-31", false, "segment"), b("2025-09-30", true, "all"), b("2025-09-30", true, "segment")];
    expect(retentionBridge(rows)).toEqual([rows[0], rows[2], rows[3]]);
  });
  it("counts the accounts and amount of each bridge bar, and ships per bar the accounts with the largest amounts", () => {
    const zero = {starting: 0, ending: 0, new_business: 0, returning: 0, cross_sell_expansion: 0, upsell_expansion: 0, contraction: 0, churn: 0};
    const a = (account_id: string, m: Partial<typeof zero>) => ({account_id, segment: "SMB", ...zero, ...m}) as never;
    const rows = [
      a("a", {starting: 100, ending: 0, churn: 100}),
      a("b", {starting: 50, ending: 80, cross_sell_expansion: 20, upsell_expansion: 10}),
      a("c", {starting: 90, ending: 60, contraction: 30}),
      a("d", {ending: 40, new_business: 40}),
      a("e", {ending: -5, returning: -5}),
      a("f", {starting: 70, ending: 70}) // in E, moved nothing: only in the two totals
    ];
    const page = retentionDrilldown(rows, [{account_id: "b", has_page: true}, {account_id: "c", has_page: false}], 2);
    expect(page.steps).toEqual([
      {step: "starting", accounts: 4, amount: 310},
      {step: "new_business", accounts: 1, amount: 40},
      {step: "returning", accounts: 1, amount: -5},
      {step: "cross_sell_expansion", accounts: 1, amount: 20},
      {step: "upsell_expansion", accounts: 1, amount: 10},
      {step: "contraction", accounts: 1, amount: 30},
      {step: "churn", accounts: 1, amount: 100},
      {step: "ending", accounts: 5, amount: 245}
    ]);
    // At most 2 per bar: starting a (100), c (90); ending b (80), f (70); every movement's single account.
    // Shipped once each, in file order, with whether it has a page.
    expect(page.rows.map((r) => `${r.account_id}:${r.has_page}`)).toEqual(["a:false", "b:true", "c:false", "d:false", "e:false", "f:false"]);
    expect(retentionDrilldown(rows, [], 1).rows.map((r) => r.account_id)).toEqual(["a", "b", "c", "d", "e"]); // f: 2nd in both totals
    expect(RETENTION_ROWS_MAX).toBe(2_000);
  });
  it("ships at most the first rows of the rejects with their total", () => {
    const rows = Array.from({length: 5}, (_, i) => ({file: "f", line: i + 2, column: "c", value: "v", reason: "r"}));
    expect(rejectsHead(rows, 3)).toEqual({total: 5, rows: rows.slice(0, 3)});
  });
});

describe("readOutput", () => {
  it("names the file when the output folder lacks it", () => {
    const dir = mkdtempSync(join(tmpdir(), "site-empty-"));
    expect(() => readOutput("kpis", dir)).toThrow(/kpis\.json not found/);
  });
});

describe("build-time pages", () => {
  it("header shows as-of, refresh time and the bookings note, escaped", () => {
    const html = freshnessHeader({asOf: "2026-06-30", periodStart: "2025-07-01", refreshedAt: "2026-07-01T06:00:00Z", mode: "bookings", currency: "USD"});
    expect(html).toContain("Data as of <strong data-as-of=\"2026-06-30\">30 Jun 2026</strong>");
    expect(html).toContain("refreshed at");
    expect(html).toContain("Figures come from bookings");
    expect(freshnessHeader({asOf: "2026-06-30", periodStart: null, refreshedAt: null, mode: "billing", currency: "<b>"})).toContain("&lt;b&gt;");
  });
  it("header says so on a redacted copy (manifest.redacted), and only there", () => {
    const dir = mkdtempSync(join(tmpdir(), "site-redacted-"));
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({as_of: "2026-06-30", mode: "billing", currency: "USD", redacted: true}));
    expect(readFreshness(dir).redacted).toBe(true);
    expect(freshnessHeader(readFreshness(dir))).toContain("<strong>Redacted copy</strong>");
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({as_of: "2026-06-30", mode: "billing", currency: "USD"}));
    expect(readFreshness(dir).redacted).toBe(false);
    expect(freshnessHeader(readFreshness(dir))).not.toContain("Redacted");
  });
  it("definitions page has an anchor per figure and the bands in force", () => {
    const md = definitionsMarkdown([{figure: "cross_sell_rate", segment: "SMB", low: 0.1, high: 0.2}]);
    expect(md).toContain('id="cross_sell_rate"');
    expect(md).toContain('id="time_to_cross_sell_months"');
    expect(md).toContain("SMB: 10.0%–20.0%");
  });
});
