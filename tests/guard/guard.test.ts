/**
 * Guard rails in page code (src/lib/guard.ts, src/lib/load.ts): a data file
 * whose column was renamed fails validation naming the page, the file and the
 * column; code that reads a column the file does not have throws an
 * UnknownColumnError naming the page, the file and the column — and logs it,
 * because a chart library may swallow the throw.
 */
import {afterEach, describe, expect, it, vi} from "vitest";
import {UnknownColumnError} from "../../src/lib/guard.js";
import {DataFileError, checkData} from "../../src/lib/load.js";
import {makeSiteData} from "../fixtures/site-data/make.js";

const data = makeSiteData({accounts: 40, seed: 7});
const PAGE = "/white-space-by-owner";

function renameKey<T extends object>(row: T, from: string, to: string): Record<string, unknown> {
  const {[from]: value, ...rest} = row as Record<string, unknown>;
  return {...rest, [to]: value};
}

afterEach(() => vi.restoreAllMocks());

describe("a data file with a renamed column", () => {
  it("fails validation with the page, the file and the column", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const renamed = (data.accounts as object[]).map((row) => renameKey(row, "white_space", "whitespace"));
    let error: unknown;
    try {
      checkData(renamed, "accounts", PAGE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFileError);
    const message = (error as Error).message;
    expect(message).toContain(`Page ${PAGE}`);
    expect(message).toContain("accounts.json");
    // The first issue is about one of the two names: the missing column or the unknown one.
    expect(message).toMatch(/white_space|whitespace/);
    expect(console.error).toHaveBeenCalledWith(message);
  });
});

describe("page code reading a column the file does not have", () => {
  it("throws UnknownColumnError naming the page, the file and the column, and logs it", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const accounts = checkData(data.accounts, "accounts", PAGE) as unknown as Record<string, unknown>[];
    expect(() => accounts[0].whitespace).toThrow(UnknownColumnError);
    try {
      void accounts[0].whitespace;
    } catch (e) {
      const error = e as UnknownColumnError;
      expect(error.page).toBe(PAGE);
      expect(error.file).toBe("accounts.json");
      expect(error.column).toBe("whitespace");
      expect(error.message).toBe(
        `Page ${PAGE} reads column "whitespace" that accounts.json does not have. Columns of accounts.json: ${error.known.join(", ")}.`
      );
      expect(error.known).toContain("white_space");
    }
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('reads column "whitespace" that accounts.json does not have'));
  });

  it("never turns a typo into a sum of zeros", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const accounts = checkData(data.accounts, "accounts", PAGE) as unknown as Record<string, number>[];
    expect(() => accounts.reduce((sum, d) => sum + (d.whitespace ?? 0), 0)).toThrow(/whitespace/);
  });

  it("names the nested field of a one-object file", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const kpis = checkData(data.kpis, "kpis", PAGE) as unknown as {kpis: Record<string, Record<string, unknown>>};
    expect(kpis.kpis.cross_sell_rate.value).toBe((data.kpis as {kpis: {cross_sell_rate: {value: unknown}}}).kpis.cross_sell_rate.value);
    expect(() => kpis.kpis.cross_sell_rate.valu).toThrow(`Page ${PAGE} reads column "valu" that kpis.json does not have`);
    expect(() => kpis.kpis.cross_sell_rat).toThrow(/reads column "cross_sell_rat" that kpis.json/);
  });

  it("names the site file a derived data file comes from", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const figures = checkData(data.figures, "figures_all", PAGE) as unknown as Record<string, unknown>[];
    expect(() => figures[0].values).toThrow(/reads column "values" that figures\.json \(overall, every month end\) does not have/);
  });
});

describe("what page code and libraries legitimately do with guarded rows", () => {
  it("reads known columns, spreads, maps, serialises and sorts as usual", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const accounts = checkData(data.accounts, "accounts", PAGE);
    const first = accounts[0];
    const raw = data.accounts as Record<string, unknown>[];
    expect({...first}).toEqual(raw[0]);
    expect(JSON.parse(JSON.stringify(accounts))).toEqual(data.accounts);
    expect(accounts.map((d) => d.revenue)).toEqual((data.accounts as {revenue: number}[]).map((d) => d.revenue));
    expect(Object.keys(first)).toEqual(Object.keys(raw[0]));
    expect(String(first)).toBe("[object Object]");
    expect(errors).not.toHaveBeenCalled();
  });

  it("lets Observable's runtime probe a cell value for a generator (value.next) without throwing", () => {
    // Every top-level `const x = await loadData(…)` on a page is a cell value; the
    // runtime checks `typeof value.next === "function"` on it. A one-object file
    // such as kpis.json must survive that probe, or the page cannot load it at all.
    vi.spyOn(console, "error").mockImplementation(() => {});
    const kpis = checkData(data.kpis, "kpis", PAGE) as unknown as Record<string, unknown>;
    expect(() => typeof kpis.next === "function" && typeof kpis.return === "function").not.toThrow();
    expect(typeof kpis.next).toBe("undefined");
  });
});

describe("the pages' shape check on a sample of rows (no zod)", () => {
  it("names the row of the file, the column and what is wrong", async () => {
    const {checkShape, SAMPLE_EDGE_ROWS} = await import("../../src/lib/guard.js");
    const {DATA_SHAPES} = await import("../../src/lib/data-shapes.js");
    const shape = DATA_SHAPES.accounts.shape;
    const many = Array.from({length: 5000}, (_, i) => ({...(data.accounts as object[])[i % (data.accounts as object[]).length]}));
    expect(checkShape(many, shape)).toBeNull();
    const last = many.map((r, i) => (i === many.length - 1 ? renameKey(r, "white_space", "whitespace") : r));
    expect(checkShape(last, shape)).toEqual({path: [4999, "white_space"], message: "Required"});
    const extra = many.map((r, i) => (i === 0 ? {...r, extra: 1} : r));
    expect(checkShape(extra, shape)).toEqual({path: [0], message: "Unrecognized key(s) in object: 'extra'"});
    const typed = many.map((r, i) => (i === SAMPLE_EDGE_ROWS - 1 ? {...r, revenue: "12"} : r));
    expect(checkShape(typed, shape)).toEqual({path: [SAMPLE_EDGE_ROWS - 1, "revenue"], message: "Expected number, received string"});
    const nullName = many.map((r, i) => (i === 0 ? {...r, account_name: null} : r));
    expect(checkShape(nullName, shape)?.path).toEqual([0, "account_name"]);
    const nullRegion = many.map((r, i) => (i === 0 ? {...r, region: null} : r));
    expect(checkShape(nullRegion, shape)).toBeNull();
    // A row between the sampled ones is not looked at: the pipeline checked every row.
    expect(checkShape(many.map((r, i) => (i === 150 ? {...r, revenue: "12"} : r)), shape)).toBeNull();
  });

  it("allows a column the schema marks optional to be absent, and checks integers", async () => {
    const {checkShape} = await import("../../src/lib/guard.js");
    const {DATA_SHAPES} = await import("../../src/lib/data-shapes.js");
    const kpis = data.kpis as {kpis: Record<string, Record<string, unknown>>};
    const {reason: _, ...noReason} = kpis.kpis.cross_sell_rate;
    expect(checkShape({...kpis, kpis: {...kpis.kpis, cross_sell_rate: noReason}}, DATA_SHAPES.kpis.shape)).toBeNull();
    const rows = (data.accounts as object[]).map((r, i) => (i === 0 ? {...r, products_held: 1.5} : r));
    expect(checkShape(rows, DATA_SHAPES.accounts.shape)).toEqual({path: [0, "products_held"], message: "Expected integer, received number"});
  });
});

describe("the schema check on a sample of rows", () => {
  it("names the row of the file (not of the sample) whose column is wrong", async () => {
    const {checkSample, SAMPLE_EDGE_ROWS} = await import("../../loaders/site/check-sample.js");
    const {accountsSchema} = await import("../../src/schemas/index.js");
    const many = Array.from({length: 5000}, (_, i) => ({...(data.accounts as object[])[i % (data.accounts as object[]).length]}));
    expect(checkSample(many, accountsSchema)).toBeNull();
    // The last row is always in the sample.
    const bad = many.map((r, i) => (i === many.length - 1 ? renameKey(r, "white_space", "whitespace") : r));
    const issue = checkSample(bad, accountsSchema);
    expect(issue?.path[0]).toBe(4999);
    // So are the first SAMPLE_EDGE_ROWS rows.
    const early = many.map((r, i) => (i === SAMPLE_EDGE_ROWS - 1 ? {...r, revenue: "12"} : r));
    expect(checkSample(early, accountsSchema)?.path).toEqual([SAMPLE_EDGE_ROWS - 1, "revenue"]);
  });

  it("checks short arrays in full, inside objects too", async () => {
    const {checkSample} = await import("../../loaders/site/check-sample.js");
    const {SITE_FILES} = await import("../../src/lib/site-files.js");
    const rows = (data.rejects as object[]).slice(0, 3);
    const schema = SITE_FILES.rejects_head.schema;
    expect(checkSample({total: 3, rows}, schema)).toBeNull();
    expect(checkSample({total: 3, rows: [...rows.slice(0, 2), {...rows[2], extra: 1}]}, schema)?.path).toEqual(["rows", 2]);
  });
});
