/**
 * The parsing rules of the staging models (loaders/sql/staging/_macros.sql), on
 * inline values whose expected result follows from data-contract.md.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openDatabase, queryRows, runSqlFile, sqlString, type Database} from "../../../loaders/pipeline/db.js";

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

  it("parse_date: the whole text must be a date or timestamp; DuckDB's lax cast stops at the first stray character", async () => {
    // Each of these DuckDB's try_cast(… AS DATE) reads as a date: 2024-03-01, 2025-03-04 or, with the
    // offset +25:00, 2025-03-03. None is one of the contract's forms, so none may load as a date.
    const stray = [
      "2024-03-1O", // letter O for a zero: would be 2024-03-01
      "2024-03-1l", // letter l for a one
      "2024-03-1\t", // a tab inside the cell (trim takes only spaces)
      "2024-03-1x",
      "2024-3-01x",
      "2024-03-0\u0661", // an Arabic-Indic digit one
      "2025-03-04T10:00:00Zx",
      "2025-03-04T1O:00:00",
      "2025-03-04T10:00:00 GMT",
      "2025-03-04T23:30:00+25:00", // no zone is 25 hours from UTC
      "2025-03-04T23:30:00+01:75",
      "2025-03-04T10:00:60Z", // the cast's own value checks stay
      "2025-03-04T25:00:00"
    ];
    expect(await apply("parse_date", stray)).toEqual(stray.map(() => null));
    // Ten characters that are not four, two and two ASCII digits between dashes (the plain date's GLOB).
    const notPlain = ["\uff12\uff10\uff12\uff14-03-01", "+024-03-01", "2024-03- 1", "2024-03-0\u0000", "2024_03_01", "2024-03-0*"];
    expect(await apply("parse_trimmed_date", notPlain)).toEqual(notPlain.map(() => null));
    // The whole check is in the macro, not in DuckDB: the first one really is a date to DuckDB.
    const [lax] = await queryRows<{d: string}>(db.conn, `SELECT CAST(try_cast('2024-03-1O' AS DATE) AS VARCHAR) AS d`);
    expect(lax.d).toBe("2024-03-01");
  });

  it("parse_date: every zone the contract's shape allows is read, at the UTC date", async () => {
    expect(
      await apply("parse_date", [
        "2025-03-04T23:30:00Z",
        "2025-03-04T23:30:00z",
        "2025-03-04T23:30:00 Z",
        "2025-03-04T23:30:00 UTC",
        "2025-03-04T23:30:00UTC",
        "2025-03-04T20:30:00-0330", // 00:00 UTC the next day
        "2025-03-04T20:29:59.999-03:30",
        "2025-03-04 23:30-01", // no seconds, an hour behind UTC
        "2025-03-04T00:30:00 +01:00", // the day before in UTC
        "2025-03-04T10:00:00+14:00",
        "2025-03-04T23:59:59.123456789",
        "2025-03-04 10:00"
      ])
    ).toEqual(["2025-03-04", "2025-03-04", "2025-03-04", "2025-03-04", "2025-03-04", "2025-03-05", "2025-03-04", "2025-03-05", "2025-03-03", "2025-03-03", "2025-03-04", "2025-03-04"]);
  });

  it("parse_amount: '.' decimals with an optional sign, no thousands separators, no exponent", async () => {
    expect(await apply("parse_amount", ["12", "-12.5", "+3", ".5", "1000.1234", "1,000.00", "1 000", "1e5", "1_000", "12,5", "NaN", "abc"])).toEqual([
      "12.0000", "-12.5000", "3.0000", "0.5000", "1000.1234", null, null, null, null, null, null, null
    ]);
  });

  it("parse_amount keeps 4 decimal places, a fifth rounded half away from zero (docs/exports.md)", async () => {
    expect(await apply("parse_amount", ["10.00005", "-10.00005", "1.23444", "0.00004"])).toEqual(["10.0001", "-10.0001", "1.2344", "0.0000"]);
  });

  it("reporting_rate and in_reporting_currency: 1 in the reporting currency, else the month's rate, else the standing one; no overflow from 1,000,000", async () => {
    const rows = await queryRows<{rate: string | null; revenue: string | null}>(
      db.conn,
      `SELECT reporting_rate(currency, 'USD', month_rate, standing_rate)::VARCHAR AS rate,
              in_reporting_currency(amount, reporting_rate(currency, 'USD', month_rate, standing_rate))::VARCHAR AS revenue
       FROM (
         SELECT currency, month_rate::DECIMAL(18, 8) AS month_rate, standing_rate::DECIMAL(18, 8) AS standing_rate,
                amount::DECIMAL(18, 4) AS amount  -- the types of staging
         FROM (VALUES ('USD', 2.0, 3.0, 1500000.25), ('EUR', 1.1, 1.2, 2000000.00), ('EUR', NULL, 1.2, 10.00), ('GBP', NULL, NULL, 10.00))
              t(currency, month_rate, standing_rate, amount)
       )`
    );
    expect(rows).toEqual([
      {rate: "1.00000000", revenue: "1500000.250000000000"},
      {rate: "1.10000000", revenue: "2200000.000000000000"},
      {rate: "1.20000000", revenue: "12.000000000000"},
      {rate: null, revenue: null}
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

  it("trim_spaces and the id trims with spaces := false (a file without a space): the value as it is", async () => {
    const rows = await queryRows<{a: string; b: string | null; c: string | null; d: string}>(
      db.conn,
      `SELECT trim_spaces(s, spaces := false) AS a, blank_to_null(s, spaces := false) AS b,
              blank_id_to_null(s, false, spaces := false) AS c, trim_id(s, true, spaces := false) AS d
       FROM (VALUES ('A1', 0), ('', 1), (' A1 ', 2)) t(s, i) ORDER BY i`
    );
    // without a space in the file there is no ' A1 ': were there one, it would be left as it is (or the Unicode trim's)
    expect(rows).toEqual([
      {a: "A1", b: "A1", c: "A1", d: "A1"},
      {a: "", b: null, c: null, d: ""},
      {a: " A1 ", b: " A1 ", c: " A1 ", d: "A1"}
    ]);
  });

  it("trim_id: Unicode white space around an id goes when the file may hold some, only spaces otherwise", async () => {
    const ids = ["A1", " A1 ", "A1\u00a0", "\u200bA1", "\ufeffA1\t", "\u3000A 1\u202f", "\u2003A1\u205f", "A\u00a01", "Müller"];
    const rows = await queryRows<{on: string; off: boolean}>(
      db.conn,
      // every character as chr(), and the unchanged ids compared in SQL: a leading U+FEFF is
      // dropped on its way to and from DuckDB (as a byte order mark)
      `SELECT trim_id(s, true) AS on, trim_id(s, false) = trim_spaces(s) AS off
       FROM (VALUES ${ids.map((v, i) => `(${[...v].map((c) => `chr(${c.codePointAt(0)})`).join(" || ")}, ${i})`).join(", ")}) t(s, i) ORDER BY i`
    );
    expect(rows.map((r) => r.on)).toEqual(["A1", "A1", "A1", "A1", "A1", "A 1", "A1", "A\u00a01", "Müller"]);
    expect(rows.every((r) => r.off)).toBe(true);
  });

  it("id_has_control and id_control_reason: C0 and C1 control characters and DEL, named by code point", async () => {
    const rows = await queryRows<{c: boolean | null; r: string | null}>(
      db.conn,
      `SELECT id_has_control(s, true) AS c, CASE WHEN id_has_control(s, true) THEN id_control_reason(s) END AS r
       FROM (VALUES ('A1', 0), ('A' || chr(0) || '1', 1), ('A' || chr(9) || '1', 2), ('A' || chr(127), 3), ('A' || chr(133), 4), ('Ä' || chr(160), 5)) t(s, i) ORDER BY i`
    );
    expect(rows.map((r) => r.c)).toEqual([false, true, true, true, true, false]);
    expect(rows[1].r).toBe("control character U+0000 in the id (ids may not hold control characters)");
    expect(rows[4].r).toBe("control character U+0085 in the id (ids may not hold control characters)");
    // not looked for in a file without unusual bytes
    const [off] = await queryRows<{c: boolean}>(db.conn, `SELECT id_has_control('A' || chr(0), false) AS c`);
    expect(off.c).toBe(false);
  });

  it("amount_reason: a decimal beyond DECIMAL(18, 4) is out of range, anything else not a decimal", async () => {
    expect(await apply("amount_reason", ["123456789012345678", " -100000000000000.5 ", "99999999999999.99999", "1e5", "1,000.00", "abc"])).toEqual([
      "amount out of range (at most 14 digits before the decimal point)",
      "amount out of range (at most 14 digits before the decimal point)",
      "amount out of range (at most 14 digits before the decimal point)",
      "not a decimal amount (use . as decimal separator, no thousands separators)",
      "not a decimal amount (use . as decimal separator, no thousands separators)",
      "not a decimal amount (use . as decimal separator, no thousands separators)"
    ]);
    expect(await apply("parse_amount", ["99999999999999.9999", "100000000000000"])).toEqual(["99999999999999.9999", null]);
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

describe("rule_as_text / rule_of_text", () => {
  it("a rule stored as text reads back field for field, whatever its value holds; no rule stays NULL", async () => {
    const values = ['a"b\\c', "tab\there", "line\nend", "nul\u0000x", "ctl\u0001\u001f", "é€😀", "{'x': 1}", ""];
    const list = values.map((v, i) => `(${sqlString(v)}, ${i})`).join(", ");
    const rows = await queryRows<{same: boolean; value: string}>(
      db.conn,
      `SELECT rule_of_text(rule_as_text(rule)) = rule AS same, rule_of_text(rule_as_text(rule))['value'] AS value
       FROM (SELECT reject_of('line_id', v, 'duplicate (invoice_id, line_id) (first on line 2)') AS rule, i FROM (VALUES ${list}) t(v, i))
       ORDER BY i`
    );
    expect(rows).toEqual(values.map((value) => ({same: true, value})));
    const [none] = await queryRows<{text: string | null; back: unknown}>(
      db.conn,
      "SELECT rule_as_text(NULL::STRUCT(\"column\" VARCHAR, value VARCHAR, reason VARCHAR)) AS text, rule_of_text(NULL::VARCHAR) AS back"
    );
    expect(none).toEqual({text: null, back: null});
  });
});
