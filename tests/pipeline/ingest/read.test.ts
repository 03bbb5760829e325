/**
 * Reading: line numbers under interleaved malformed rows and embedded newlines,
 * .csv.gz and .parquet inputs, bookings mode, and the catalog built when
 * products.csv is absent.
 */
import {copyFileSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {afterEach, describe, expect, it} from "vitest";
import {openDatabase, queryRows, runSql} from "../../../loaders/pipeline/db.js";
import {ingestFolder, rejectsOf} from "./helpers.js";

const MINIMAL = join(import.meta.dirname, "..", "..", "fixtures", "minimal");
const FILES = ["accounts.csv", "invoice_lines.csv", "opportunities.csv", "products.csv", "account_map.csv", "demand_units.csv", "fx_rates.csv"];
const dirs: string[] = [];

function copyMinimal(): string {
  const dir = mkdtempSync(join(tmpdir(), "ingest-read-"));
  dirs.push(dir);
  for (const f of FILES) copyFileSync(join(MINIMAL, f), join(dir, f));
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
});

describe("line numbers", () => {
  it("count embedded newlines of good and malformed rows before each row", async () => {
    const dir = copyMinimal();
    // line 1 header
    // line 2     X1 good
    // line 3-4   X2 malformed (4 fields) with a quoted newline
    // line 5     X3 good
    // line 6-8   X4 good, name spans 3 lines
    // line 9     X5 malformed (2 fields)
    // line 10    X6 malformed (2 fields)
    // line 11    X7 good
    writeFileSync(
      join(dir, "fx_rates.csv"),
      'currency,rate,month\nX1,1,\n"X2\nX2",1,,extra\nX3,1,\n"X4\n\nX4",1,\nX5,1\nX6,1\nX7,1,\n'
    );
    const {db, conn, result} = await ingestFolder(dir);
    try {
      const lines = await queryRows<{currency: string; line: number}>(
        conn,
        `SELECT currency, source_line::INTEGER AS line FROM stg_fx_rates ORDER BY source_line`
      );
      expect(lines).toEqual([
        {currency: "X1", line: 2},
        {currency: "X3", line: 5},
        {currency: "X4\n\nX4", line: 6},
        {currency: "X7", line: 11}
      ]);
      const rejects = (await rejectsOf(conn)).filter((r) => r.file === "fx_rates.csv").map((r) => [r.line, r.value]);
      expect(rejects).toEqual([
        [3, '"X2\nX2",1,,extra'],
        [9, "X5,1"],
        [10, "X6,1"]
      ]);
      const fx = result.files.find((f) => f.file === "fx_rates")!;
      expect([fx.rows_read, fx.rows_loaded, fx.rows_rejected]).toEqual([7, 4, 3]);
    } finally {
      db.close();
    }
  });

  // DuckDB skips empty lines without counting them in its record numbers: the rows after
  // them must still get their physical line.
  async function fxLines(text: string, gzip = false) {
    const dir = copyMinimal();
    if (gzip) {
      unlinkSync(join(dir, "fx_rates.csv"));
      writeFileSync(join(dir, "fx_rates.csv.gz"), gzipSync(text));
    } else writeFileSync(join(dir, "fx_rates.csv"), text);
    const {db, conn} = await ingestFolder(dir);
    try {
      const rows = await queryRows<{currency: string; line: number}>(conn, `SELECT currency, source_line::INTEGER AS line FROM chk_fx_rates ORDER BY source_line`);
      const rejects = (await rejectsOf(conn)).filter((r) => r.file.startsWith("fx_rates.csv")).map((r) => [r.line, r.value]);
      return {rows: rows.map((r) => [r.currency, r.line]), rejects};
    } finally {
      db.close();
    }
  }

  it("count the empty lines before each row", async () => {
    // 1 header, 2 X1, 3 empty, 4 X2, 5-6 empty, 7 X3 (bad rate), 8 X4, 9 empty (at the end)
    const text = "currency,rate,month\nX1,1,\n\nX2,1,\n\n\nX3,abc,\nX4,1,\n\n";
    const expected = {rows: [["X1", 2], ["X2", 4], ["X3", 7], ["X4", 8]], rejects: [[7, "abc"]]};
    expect(await fxLines(text)).toEqual(expected);
    expect(await fxLines(text, true)).toEqual(expected);
    // CRLF line ends
    expect(await fxLines(text.replace(/\n/g, "\r\n"))).toEqual(expected);
  });

  it("count empty lines, quoted newlines and malformed rows together", async () => {
    // 1 header, 2 X0 malformed, 3 empty, 4-6 "X\n\n1" (its empty line is part of the value),
    // 7 empty, 8 X2, 9 X3 malformed, 10 empty, 11 X4
    const text = 'currency,rate,month\nX0,1\n\n"X\n\n1",1,\n\nX2,1,\nX3,1\n\nX4,1,\n';
    expect(await fxLines(text)).toEqual({
      rows: [["X\n\n1", 4], ["X2", 8], ["X4", 11]],
      rejects: [[2, "X0,1"], [9, "X3,1"]]
    });
  });
});

describe("large exports read straight into their checked model", () => {
  // The checked model's rowid is the record rank only if nothing in it reorders the rows that
  // DuckDB's reader produces in parallel chunks (an IN list of several values became a join that
  // did): rows near the end of a file of several read chunks must keep their lines.
  it("keep the file order over many read chunks (opportunities)", async () => {
    const dir = copyMinimal();
    const rows = 400_000;
    const body: string[] = ["opportunity_id,account_id,product_id,type,stage,amount,created_date,close_date,owner,buying_center,source,currency"];
    for (let i = 1; i <= rows; i++) body.push(`O${i},A1,P2,cross_sell,won,500,2024-04-01,2024-06-01,alice,Finance,csm,`);
    body.push("O7,A1,P2,cross_sell,won,500,2024-04-01,2024-06-01,alice,Finance,csm,"); // line rows + 2
    body.push("OX,A1,P2,Cross-Sell,won,500,2024-04-01,2024-06-01,alice,Finance,csm,"); // line rows + 3
    writeFileSync(join(dir, "opportunities.csv"), body.join("\n") + "\n");
    const {db, conn, result} = await ingestFolder(dir);
    try {
      const rejects = (await rejectsOf(conn)).filter((r) => r.file === "opportunities.csv").map((r) => [r.line, r.column, r.value, r.reason]);
      expect(rejects).toEqual([
        [rows + 2, "opportunity_id", "O7", "duplicate opportunity_id (first on line 8)"],
        [rows + 3, "type", "Cross-Sell", "unknown type (expected new_business, cross_sell, upsell, renewal or other)"]
      ]);
      const [last] = await queryRows<{line: number}>(conn, `SELECT source_line::INTEGER AS line FROM stg_opportunities WHERE opportunity_id = 'O${rows}'`);
      expect(last.line).toBe(rows + 1);
      const opportunities = result.files.find((f) => f.file === "opportunities")!;
      expect([opportunities.rows_read, opportunities.rows_loaded, opportunities.rows_rejected]).toEqual([rows + 2, rows, 2]);
    } finally {
      db.close();
    }
  }, 60_000);
});

describe("references of the invoice lines", () => {
  // Checked once per (product, currency, foreign month) of the valid lines: every line of a broken
  // combination is rejected, with the first rule it breaks; a duplicate key comes first.
  it("reject each line of an unknown product or a missing rate, the product first, a duplicate before both", async () => {
    const dir = copyMinimal();
    writeFileSync(join(dir, "fx_rates.csv"), "currency,rate,month\nEUR,1.08,2024-09\nGBP,1.25,2024-09\nCHF,1.05,\n");
    writeFileSync(
      join(dir, "invoice_lines.csv"),
      [
        "invoice_id,line_id,customer_id,product_id,invoice_date,amount,currency",
        "I1,1,A1,P1,2024-09-01,10,EUR", // line 2: rate of the month
        "I2,1,A1,P1,2024-10-01,10,EUR", // line 3: no EUR rate in 2024-10, no standing one
        "I3,1,A1,P1,2024-10-20,10,eur", // line 4: same month: rejected too, its currency as written
        "I4,1,A1,P1,2024-10-01,10,CHF", // line 5: standing rate
        "I5,1,A1,P9,2024-10-01,10,EUR", // line 6: unknown product and no rate: the product
        "I6,1,A1,P9,2024-09-01,10,", // line 7: unknown product, reporting currency
        "I2,1,A1,P9,2024-10-01,10,EUR", // line 8: duplicate of line 3 (which is rejected too)
        "I7,1,A1,P2,2024-09-30,10,GBP" // line 9: rate of the month
      ].join("\n") + "\n"
    );
    const {db, conn, result} = await ingestFolder(dir);
    try {
      const rejects = (await rejectsOf(conn)).filter((r) => r.file === "invoice_lines.csv").map((r) => [r.line, r.column, r.value, r.reason]);
      expect(rejects).toEqual([
        [3, "currency", "EUR", "no fx rate for EUR in 2024-10"],
        [4, "currency", "eur", "no fx rate for EUR in 2024-10"],
        [6, "product_id", "P9", 'unknown product "P9" (not in products.csv; closest: "P1")'],
        [7, "product_id", "P9", 'unknown product "P9" (not in products.csv; closest: "P1")'],
        [8, "line_id", "1", "duplicate (invoice_id, line_id) (first on line 3)"]
      ]);
      const lines = result.files.find((f) => f.file === "invoice_lines")!;
      expect([lines.rows_read, lines.rows_loaded, lines.rows_rejected]).toEqual([8, 3, 5]);
    } finally {
      db.close();
    }
  });
});

describe("spaces in the invoice lines", () => {
  // The checked model trims only in a file with a space (scanBytes().spaces): one space is enough.
  it("trims every value of a file with a space", async () => {
    const dir = copyMinimal();
    writeFileSync(
      join(dir, "invoice_lines.csv"),
      "invoice_id,line_id,customer_id,product_id,invoice_date,amount,currency\n" +
        "I1,1,C-100,P1,2024-09-01,10,USD\n" +
        " I2 ,1 , A2, P1 , 2024-09-02 ,  20.5,usd \n"
    );
    const {db, conn, result} = await ingestFolder(dir);
    try {
      const rows = await queryRows<{invoice_id: string; line_id: string; customer_id: string; product_id: string; d: string; amount: string; currency: string}>(
        conn,
        `SELECT invoice_id, line_id, customer_id, product_id, strftime(invoiced_on, '%Y-%m-%d') AS d, amount::VARCHAR AS amount, currency
         FROM stg_invoice_lines ORDER BY source_line`
      );
      expect(rows).toEqual([
        {invoice_id: "I1", line_id: "1", customer_id: "C-100", product_id: "P1", d: "2024-09-01", amount: "10.0000", currency: "USD"},
        {invoice_id: "I2", line_id: "1", customer_id: "A2", product_id: "P1", d: "2024-09-02", amount: "20.5000", currency: "USD"}
      ]);
      expect(result.files.find((f) => f.file === "invoice_lines")!.rows_rejected).toBe(0);
    } finally {
      db.close();
    }
  });
});

describe("spaces in the opportunities", () => {
  // The checked model trims only in a file where a value may start or end with a space (scanBytes().spaces).
  const header = "opportunity_id,account_id,product_id,type,stage,amount,created_date,close_date,owner,buying_center,source,currency";
  const load = async (rows: string[]) => {
    const dir = copyMinimal();
    writeFileSync(join(dir, "opportunities.csv"), [header, ...rows].join("\n") + "\n");
    const {db, conn, result} = await ingestFolder(dir);
    try {
      const loaded = await queryRows(
        conn,
        `SELECT opportunity_id, account_id, type, stage, amount::VARCHAR AS amount, strftime(created_on, '%Y-%m-%d') AS created_on,
                strftime(closed_on, '%Y-%m-%d') AS closed_on, owner, buying_center, currency
         FROM stg_opportunities ORDER BY source_line`
      );
      return {loaded, rejected: result.files.find((f) => f.file === "opportunities")!.rows_rejected};
    } finally {
      db.close();
    }
  };

  it("keeps the spaces inside values of a file without one at a value's end", async () => {
    const {loaded, rejected} = await load(["O1,A1,P2,cross_sell,won,500,2024-04-01,2024-06-01,Emma Schulz,Sales Ops,csm,"]);
    expect(loaded).toEqual([
      {opportunity_id: "O1", account_id: "A1", type: "cross_sell", stage: "won", amount: "500.0000", created_on: "2024-04-01",
       closed_on: "2024-06-01", owner: "Emma Schulz", buying_center: "Sales Ops", currency: "USD"}
    ]);
    expect(rejected).toBe(0);
  });

  it("trims every value of a file with one, an all-space value being empty", async () => {
    const {loaded, rejected} = await load([
      "O1,A1,P2,cross_sell,won,500,2024-04-01,2024-06-01,Emma Schulz,Sales Ops,csm,",
      " O2 , A2,P2, Upsell ,Lost , 20.5 , 2024-03-01,2024-05-15 ,  Bob Ray ,   ,csm, eur"
    ]);
    expect(loaded).toEqual([
      {opportunity_id: "O1", account_id: "A1", type: "cross_sell", stage: "won", amount: "500.0000", created_on: "2024-04-01",
       closed_on: "2024-06-01", owner: "Emma Schulz", buying_center: "Sales Ops", currency: "USD"},
      {opportunity_id: "O2", account_id: "A2", type: "upsell", stage: "lost", amount: "20.5000", created_on: "2024-03-01",
       closed_on: "2024-05-15", owner: "Bob Ray", buying_center: null, currency: "EUR"}
    ]);
    expect(rejected).toBe(0);
  });
});

describe("formats", () => {
  it("reads .csv.gz like its .csv and .parquet with the same columns", async () => {
    const dir = copyMinimal();
    writeFileSync(join(dir, "invoice_lines.csv.gz"), gzipSync(readFileSync(join(dir, "invoice_lines.csv"))));
    unlinkSync(join(dir, "invoice_lines.csv"));
    const db0 = await openDatabase();
    await runSql(db0.conn, `COPY (SELECT * FROM read_csv('${join(dir, "accounts.csv")}', all_varchar = true)) TO '${join(dir, "accounts.parquet")}' (FORMAT parquet)`);
    db0.close();
    unlinkSync(join(dir, "accounts.csv"));
    const {db, conn, result} = await ingestFolder(dir);
    try {
      expect(result.files.find((f) => f.file === "invoice_lines")).toMatchObject({path: "invoice_lines.csv.gz", rows_read: 12, rows_loaded: 12});
      expect(result.files.find((f) => f.file === "accounts")).toMatchObject({path: "accounts.parquet", rows_read: 5, rows_loaded: 5});
      const [row] = await queryRows<{n: number; segment: string}>(conn, `SELECT count(*)::INTEGER AS n, max(segment) FILTER (WHERE account_id = 'A4') AS segment FROM stg_accounts`);
      expect(row).toEqual({n: 5, segment: "Unknown"});
    } finally {
      db.close();
    }
  });
});

describe("bookings mode", () => {
  it("builds revenue lines from won opportunities when there is no billing export", async () => {
    const dir = copyMinimal();
    unlinkSync(join(dir, "invoice_lines.csv"));
    const {db, conn, result} = await ingestFolder(dir);
    try {
      expect(result.mode).toBe("bookings");
      const lines = await queryRows(
        conn,
        `SELECT invoice_id, customer_id, product_id, strftime(invoiced_on, '%Y-%m-%d') AS invoiced_on, amount::DOUBLE AS amount, currency
         FROM stg_invoice_lines ORDER BY invoice_id`
      );
      // won deals of the minimal fixture: O1, O3 (EUR), O4, O6
      expect(lines).toEqual([
        {invoice_id: "O1", customer_id: "A1", product_id: "P2", invoiced_on: "2024-06-01", amount: 500, currency: "USD"},
        {invoice_id: "O3", customer_id: "A3", product_id: "P3", invoiced_on: "2024-09-01", amount: 100, currency: "EUR"},
        {invoice_id: "O4", customer_id: "A5", product_id: "P1", invoiced_on: "2024-12-20", amount: 50, currency: "USD"},
        {invoice_id: "O6", customer_id: "A2", product_id: "P1", invoiced_on: "2024-03-20", amount: 100, currency: "USD"}
      ]);
    } finally {
      db.close();
    }
  });

  it("--mode bookings ignores the billing export", async () => {
    const {db, conn, result} = await ingestFolder(MINIMAL, {mode: "bookings"});
    try {
      expect(result.mode).toBe("bookings");
      expect(result.files.find((f) => f.file === "invoice_lines")).toMatchObject({path: null, rows_read: 0});
      const [{n}] = await queryRows<{n: number}>(conn, `SELECT count(*)::INTEGER AS n FROM stg_invoice_lines`);
      expect(n).toBe(4);
    } finally {
      db.close();
    }
  });
});

describe("catalog without products.csv", () => {
  it("is every product seen in billing and opportunities, named by its id, all core", async () => {
    const dir = copyMinimal();
    unlinkSync(join(dir, "products.csv"));
    const {db, conn} = await ingestFolder(dir);
    try {
      expect(await queryRows(conn, `SELECT product_id, product_name, is_core FROM stg_products ORDER BY product_id`)).toEqual([
        {product_id: "P1", product_name: "P1", is_core: true},
        {product_id: "P2", product_name: "P2", is_core: true},
        {product_id: "P3", product_name: "P3", is_core: true}
      ]);
    } finally {
      db.close();
    }
  });
});

describe("damaged headers", () => {
  it("an extra column whose name holds a NUL is read (shown with �), the rows load", async () => {
    const dir = copyMinimal();
    const [header, ...rows] = readFileSync(join(dir, "opportunities.csv"), "utf8").trimEnd().split("\n");
    writeFileSync(join(dir, "opportunities.csv"), [`${header},no\0te`, ...rows.map((r) => `${r},x`)].join("\n") + "\n");
    const {db, result} = await ingestFolder(dir);
    try {
      expect(result.files.find((f) => f.file === "opportunities")).toMatchObject({rows_read: 7, rows_loaded: 7, rows_rejected: 0, extra_columns: ["no\uFFFDte"]});
    } finally {
      db.close();
    }
  });
});
