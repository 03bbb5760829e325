/**
 * Date formats of foreign exports, written the way people write them
 * (`MM/DD/YYYY`, `DD.MM.YYYY`, `YYYY-MM-DD HH:mm`, `M/D/YYYY h:mm A`), plus the
 * special formats `ISO` (already canonical: passed through unchanged, so the
 * pipeline applies the contract's timestamp rule), `unix_seconds`, `unix_ms`
 * and `excel_serial`. Each becomes a DuckDB SQL expression producing
 * `YYYY-MM-DD` text, or NULL when the value does not parse.
 */
import {sqlString} from "../db.js";

export type DateFormat =
  | {kind: "strptime"; pattern: string; error?: undefined}
  | {kind: "iso" | "unix_seconds" | "unix_ms" | "excel_serial"; error?: undefined}
  | {kind: "invalid"; error: string};

/** Tokens longest first, so that "MM" is not read as two "M". */
const TOKENS: ReadonlyArray<[string, string]> = [
  ["YYYY", "%Y"],
  ["MMMM", "%B"],
  ["MMM", "%b"],
  ["MM", "%m"],
  ["M", "%m"], // DuckDB's %m also reads a month written without its leading zero
  ["DD", "%d"],
  ["D", "%d"],
  ["HH", "%H"],
  ["H", "%H"],
  ["hh", "%I"],
  ["h", "%I"],
  ["mm", "%M"],
  ["ss", "%S"],
  ["SSS", "%g"],
  ["A", "%p"],
  ["Z", "%z"]
];

export function parseDateFormat(format: string): DateFormat {
  const special = format.trim().toLowerCase();
  if (special === "iso") return {kind: "iso"};
  if (special === "unix_seconds" || special === "unix_ms" || special === "excel_serial") return {kind: special};
  let pattern = "";
  let hasYear = false;
  let hasMonth = false;
  let hasDay = false;
  for (let i = 0; i < format.length; ) {
    const token = TOKENS.find(([t]) => format.startsWith(t, i));
    if (token) {
      pattern += token[1];
      hasYear ||= token[0] === "YYYY";
      hasMonth ||= token[0].startsWith("M");
      hasDay ||= token[0].startsWith("D");
      i += token[0].length;
      continue;
    }
    const ch = format[i];
    if (/[A-Za-z]/.test(ch) && ch !== "T") {
      return {kind: "invalid", error: `unknown date token "${ch}" in "${format}": use YYYY, MM, M, DD, D, HH, hh, mm, ss, A, or ISO, unix_seconds, unix_ms, excel_serial`};
    }
    pattern += ch === "%" ? "%%" : ch;
    i++;
  }
  if (!hasYear || !hasMonth || !hasDay) {
    return {kind: "invalid", error: `date format "${format}" must give the year (YYYY), month (MM or M) and day (DD or D)`};
  }
  return {kind: "strptime", pattern};
}

/** SQL giving the `YYYY-MM-DD` text of `valueSql` (a trimmed VARCHAR), or NULL when it does not parse. */
export function dateSql(valueSql: string, format: string): string {
  const f = parseDateFormat(format);
  const number = `regexp_matches(${valueSql}, '^-?[0-9]+(\\.[0-9]+)?$')`;
  switch (f.kind) {
    case "iso":
      return `CASE WHEN regexp_matches(${valueSql}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}') AND try_cast(left(${valueSql}, 10) AS DATE) IS NOT NULL THEN ${valueSql} END`;
    case "strptime":
      return `strftime(try_strptime(${valueSql}, ${sqlString(f.pattern)}), '%Y-%m-%d')`;
    case "unix_seconds":
      return `CASE WHEN ${number} THEN strftime(DATE '1970-01-01' + floor(${valueSql}::DOUBLE / 86400)::INTEGER, '%Y-%m-%d') END`;
    case "unix_ms":
      return `CASE WHEN ${number} THEN strftime(DATE '1970-01-01' + floor(${valueSql}::DOUBLE / 86400000)::INTEGER, '%Y-%m-%d') END`;
    case "excel_serial":
      return `CASE WHEN ${number} THEN strftime(DATE '1899-12-30' + floor(${valueSql}::DOUBLE)::INTEGER, '%Y-%m-%d') END`;
    case "invalid":
      throw new Error(f.error);
  }
}
