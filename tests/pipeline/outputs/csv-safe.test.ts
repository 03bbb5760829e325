/**
 * The SQL twin of the spreadsheet formula guard gives exactly what the
 * TypeScript rule gives, on the same table of cases, and rejects.csv as DuckDB
 * writes it holds every cell guarded (read back, the values are the originals).
 */
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openDatabase, queryRows, runSql, sqlString, type Database} from "../../../loaders/pipeline/db.js";
import {CREATE_REJECTS_TABLE} from "../../../loaders/pipeline/ingest/rejects.js";
import {csvSafeSql} from "../../../loaders/pipeline/outputs/csv-safe.js";
import {writeRejectsCsv} from "../../../loaders/pipeline/outputs/rejects.js";
import {parseCsv, parseGuardedCsvObjects} from "../../../loaders/text/csv.js";
import {FORMULA_CASES} from "../../lib/formula-cases.js";

let db: Database;
beforeAll(async () => {
  db = await openDatabase();
});
afterAll(() => db.close());

describe("csvSafeSql", () => {
  it("guards each case exactly as src/lib/csv.ts does", async () => {
    const values = FORMULA_CASES.map(([cell], i) => `(${i}, ${sqlString(cell)})`).join(", ");
    const rows = await queryRows<{i: number; guarded: string}>(
      db.conn,
      `SELECT i, ${csvSafeSql("cell")} AS guarded FROM (VALUES ${values}) t(i, cell) ORDER BY i`
    );
    expect(rows.map((r) => [FORMULA_CASES[r.i][0], r.guarded])).toEqual(FORMULA_CASES.map(([a, b]) => [a, b]));
  });

  it("leaves NULL as NULL", async () => {
    const [row] = await queryRows<{v: string | null}>(db.conn, `SELECT ${csvSafeSql("NULL::VARCHAR")} AS v`);
    expect(row.v).toBeNull();
  });
});

describe("writeRejectsCsv", () => {
  it("guards every text cell of rejects.csv; reading it back gives the values as they were", async () => {
    await runSql(db.conn, CREATE_REJECTS_TABLE);
    const rejects = [
      ["=evil.csv", 2, "amount", "-2+3", "not a decimal amount"],
      ["invoice_lines.csv", 3, "amount", "-500.00x", "@reason"],
      ["invoice_lines.csv", 4, "amount", "\t=1+1", "not a decimal amount"],
      ["invoice_lines.csv", 5, "account_name", '=HYPERLINK("http://x","y")', "empty, or not"],
      ["invoice_lines.csv", 6, "amount", "-500.00", "out of range"],
      ["invoice_lines.csv", 7, "account_name", "", "empty required field"]
    ] as const;
    for (const [file, line, column, value, reason] of rejects) {
      await runSql(
        db.conn,
        `INSERT INTO ingest_rejects VALUES (${sqlString(file)}, ${line}, ${sqlString(column)}, ${sqlString(value)}, ${sqlString(reason)}, 'x', ${line})`
      );
    }
    const path = join(mkdtempSync(join(tmpdir(), "csv-safe-")), "rejects.csv");
    expect(await writeRejectsCsv(db.conn, path)).toBe(rejects.length);
    const text = readFileSync(path, "utf8");
    const cells = parseCsv(text).slice(1);
    expect(cells.map((r) => r[0])).toEqual(["'=evil.csv", ...Array(5).fill("invoice_lines.csv")]);
    expect(cells.map((r) => r[3])).toEqual(["'-2+3", "'-500.00x", "'\t=1+1", `'=HYPERLINK("http://x","y")`, "-500.00", ""]);
    expect(cells[1][4]).toBe("'@reason");
    // An empty value stays a quoted empty string, as before the guard.
    expect(text).toContain(`invoice_lines.csv,7,account_name,"",empty required field`);
    expect(parseGuardedCsvObjects(text).map((r) => [r.file, Number(r.line), r.column, r.value, r.reason])).toEqual(
      rejects.map((r) => [...r])
    );
  });
});
