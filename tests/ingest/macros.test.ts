/**
 * The parsing rules of the staging models (loaders/sql/staging/_macros.sql), on
 * inline values whose expected result follows from data-contract.md.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openDatabase, queryRows, runSqlFile, sqlString, type Database} from "../../loaders/db.js";

let db: Database;
beforeAll(async () => {
  db = await openDatabase();
  await runSqlFile(db.conn, "staging/_macros.sql");
});
afterAll(() => db.close());

async function apply(fn: string, values: string[], cast = "VARCHAR"): Promise<(string | number | boolean | null)[]> {
  const list = values.map((v) => `(${sqlString(v)}, ${values.indexOf(v)})`).join(", ");
  const rows = await queryRows<{r: string | null}>(db.conn, `SELECT CAST(${fn}(s) AS ${cast}) AS r FROM (VALUES ${list}) t(s, i) ORDER BY i`);
  return rows.map((r) => r.r);
}

describe("staging parsers", () => {
  it("parse_date: ISO dates, timestamps with a zone at their UTC date, without a zone at their written date", async () => {
    expect(
      await apply("parse_date", [
        "2024-01-05",
        " 2024-01-05 ",
        "2024-02-29",
        "2023-02-29", // not a calendar date
        "2024/01/05", // DuckDB would accept it, the contract does not
        "2024-1-5",
        "05/01/2024",
        "2025-03-04T23:30:00-05:00", // 04:30 UTC the next day
        "2025-03-04T10:00:00Z",
        "2025-03-04 23:59:59",
        ""
      ])
    ).toEqual(["2024-01-05", "2024-01-05", "2024-02-29", null, null, null, null, "2025-03-05", "2025-03-04", "2025-03-04", null]);
  });

  it("parse_amount: '.' decimals with an optional sign, no thousands separators, no exponent", async () => {
    expect(await apply("parse_amount", ["12", "-12.5", "+3", ".5", "1000.1234", "1,000.00", "1 000", "1e5", "1_000", "12,5", "NaN", "abc"])).toEqual([
      "12.0000", "-12.5000", "3.0000", "0.5000", "1000.1234", null, null, null, null, null, null, null
    ]);
  });

  it("blank_to_null and trim_spaces: spaces around a value go (only spaces, as trim does), an empty or all-space cell is NULL", async () => {
    const values = ["abc", " abc", "abc  ", "  a b  ", "", "   ", "\tabc\t", " "];
    expect(await apply("trim_spaces", values)).toEqual(["abc", "abc", "abc", "a b", "", "", "\tabc\t", ""]);
    expect(await apply("blank_to_null", values)).toEqual(["abc", "abc", "abc", "a b", null, null, "\tabc\t", null]);
    // The shortcut gives exactly trim()'s result.
    const trimmed = await queryRows<{same: boolean}>(
      db.conn,
      `SELECT bool_and(trim_spaces(s) = trim(s)) AS same FROM (VALUES ${values.map((v) => `('${v}')`).join(", ")}) t(s)`
    );
    expect(trimmed[0].same).toBe(true);
  });

  it("parse_trimmed_date and parse_trimmed_amount read text trimmed beforehand the way parse_date and parse_amount read raw text", async () => {
    expect(await apply("parse_trimmed_date", ["2024-01-05", "2024-1-05", "2024/01/05", "2025-03-04T23:30:00-05:00", ""])).toEqual([
      "2024-01-05", null, null, "2025-03-05", null
    ]);
    expect(await apply("parse_trimmed_amount", ["-12.5", "1e5", "1,0"])).toEqual(["-12.5000", null, null]);
  });

  it("parse_bool: true/false, 1/0, yes/no in any case", async () => {
    expect(await apply("parse_bool", ["true", "TRUE", "1", "Yes", "false", "0", "no", "maybe", "2"])).toEqual([
      "true", "true", "true", "true", "false", "false", "false", null, null
    ]);
  });

  it("parse_score: integers 0 to 3 only", async () => {
    expect(await apply("parse_score", ["0", "3", " 2 ", "4", "-1", "1.5", "x"])).toEqual(["0", "3", "2", null, null, null, null]);
  });
});
