/**
 * The SQL twin of src/lib/csv.ts `neutraliseFormula`, for the CSVs DuckDB
 * writes itself (rejects.csv can hold millions of rows, so it is never
 * streamed through node): the same rule, built from the same patterns.
 * tests/pipeline/outputs/csv-safe.test.ts runs both on one table of cases.
 */
import {formulaPatterns} from "../../../src/lib/csv.js";
import {sqlString} from "../db.js";

const RE2 = formulaPatterns("re2");

/** A SQL expression: the VARCHAR `expr` prefixed with `'` when a spreadsheet could run it as a formula (NULL stays NULL). */
export function csvSafeSql(expr: string): string {
  return (
    `CASE WHEN regexp_matches(${expr}, ${sqlString(RE2.formulaStart)})` +
    ` AND NOT regexp_matches(regexp_replace(${expr}, '^''+', ''), ${sqlString(RE2.plainNumber)})` +
    ` THEN '''' || ${expr} ELSE ${expr} END`
  );
}
