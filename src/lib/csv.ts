/**
 * CSV writing (RFC 4180), shared by the pipeline (node) and the pages (browser).
 *
 * Two kinds of CSV leave the product:
 * - files a program reads back (the mapping layer's canonical exports, the
 *   sample exports): `quoteCsvField` only quotes, so every value survives as is;
 * - files meant for people, who open them in a spreadsheet (rejects.csv, the
 *   table downloads): `csvCell` first neutralises a cell a spreadsheet would run
 *   as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(1)`, `-2+3`, a tab or CR then
 *   `=`) by prefixing `'`, which spreadsheets read as "this is text".
 *
 * The neutralising rule (one rule, also applied in SQL by loaders/pipeline/outputs/csv-safe.ts
 * to the CSVs DuckDB writes): a cell is prefixed with `'` when, after any
 * apostrophes and white space at its start, it begins with `=`, `+`, `-`, `@`,
 * a tab or a CR — unless it is a plain number (`-500.00`, `+3`, `-1e5`), which
 * stays a number. Counting the leading apostrophes makes the rule reversible
 * (`'=x` is written `''=x`), so that a reader of our own files can give back the
 * exact value (`restoreCsvCell`).
 */

/** White space a spreadsheet may skip before a formula: JS `\s` plus the zero-width space. As code point ranges, so that RE2 (DuckDB) gets the same class. */
const SPACE_RANGES: readonly (readonly [number, number])[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200b],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff]
];

function charClass(ranges: readonly (readonly [number, number])[], escape: (cp: number) => string): string {
  return `[${ranges.map(([a, b]) => (a === b ? escape(a) : `${escape(a)}-${escape(b)}`)).join("")}]`;
}

const hex4 = (cp: number) => cp.toString(16).padStart(4, "0");

/**
 * The rule as regular-expression sources, in the syntax of each engine:
 * `formulaStart` is tested on the whole cell, `plainNumber` on the cell without
 * its leading apostrophes.
 */
export function formulaPatterns(engine: "js" | "re2"): {formulaStart: string; plainNumber: string} {
  const space = charClass(SPACE_RANGES, engine === "js" ? (cp) => `\\u${hex4(cp)}` : (cp) => `\\x{${hex4(cp)}}`);
  return {
    formulaStart: `^'*${space}*[=+\\-@\\t\\r]`,
    plainNumber: `^${space}*[+\\-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+\\-]?[0-9]+)?${space}*$`
  };
}

const JS = formulaPatterns("js");
const FORMULA_START = new RegExp(JS.formulaStart);
const PLAIN_NUMBER = new RegExp(JS.plainNumber);

/** True when a spreadsheet could run the text as a formula (see the rule above). */
export function needsFormulaGuard(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text.replace(/^'+/, ""));
}

/** The text as it goes into a CSV meant for people: prefixed with `'` when a spreadsheet could run it. */
export function neutraliseFormula(text: string): string {
  return needsFormulaGuard(text) ? `'${text}` : text;
}

/** The inverse of neutraliseFormula, for reading our own CSVs back (rejects.csv on the site and in the refresh summary). */
export function restoreCsvCell(cell: string): string {
  return cell.startsWith("'") && needsFormulaGuard(cell.slice(1)) ? cell.slice(1) : cell;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One field as RFC 4180 writes it: quoted only when it holds `,`, `"`, CR or LF, inner quotes doubled. No neutralising. */
export function quoteCsvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One cell of a CSV meant for people: neutralised, then quoted as needed. Numbers are written as numbers (a negative amount stays -12.5). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString();
  const text = Array.isArray(value) ? value.join(" ") : String(value);
  return quoteCsvField(neutraliseFormula(text));
}

export interface CsvColumn<T> {
  /** Header text. */
  label: string;
  /** Cell value for a row. */
  value: (row: T) => unknown;
}

/** Rows → CSV text for people: a header line, CRLF line ends, every cell through csvCell. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(","));
  return lines.join("\r\n") + "\r\n";
}
