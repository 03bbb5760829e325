// The site's data-loader logic (loaders/site): CSV reading, shaping, page generation, config header.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {parseCsv, parseRejects, readOutput} from "../../loaders/site/read.js";
import {PRIORITY_UNITS_MAX, priorityUnits, pursueNow, rejectsHead, whiteSpacePage} from "../../loaders/site/shape.js";
import {freshnessHeader, readFreshness} from "../../loaders/site/config.js";
import {definitionsMarkdown} from "../../loaders/site/definitions.js";
import {rejectsDownload} from "../../loaders/site/prepare.js";

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
  it("writes every rejected row again with each cell guarded, even from a file written without the guard", () => {
    const rows = parseRejects('file,line,column,value,reason\n=x.csv,3,amount,"=HYPERLINK(""http://e"",""y"")",+cmd\nb.csv,4,amount,-500.00,"a, b"\n');
    expect(rejectsDownload(rows as never)).toBe(
      `\ufefffile,line,column,value,reason\r\n'=x.csv,3,amount,"'=HYPERLINK(""http://e"",""y"")",'+cmd\r\nb.csv,4,amount,-500.00,"a, b"\r\n`
    );
  });
});

describe("shaping", () => {
  it("keeps the top Pursue-now units by potential, nulls last", () => {
    const u = (id: string, quadrant: string | null, potential: number | null) => ({account_id: id, product_id: "CRM", quadrant, potential}) as never;
    expect(pursueNow([u("a", "Pursue now", 5), u("b", "Nurture", 99), u("c", "Pursue now", null), u("d", "Pursue now", 9)], 2).map((x: {account_id: string}) => x.account_id)).toEqual(["d", "a"]);
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
