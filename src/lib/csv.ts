/**
 * CSV writing for table downloads (RFC 4180), safe to open in a spreadsheet:
 * a text cell that starts with `=`, `+`, `-` or `@` (or a tab / carriage
 * return, which some spreadsheets also treat as formula starts) is prefixed
 * with `'` so that the spreadsheet shows it as text instead of running it.
 * Numbers are written as numbers (a negative amount stays -12.5).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell's text, neutralised and quoted as needed. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return value.toISOString();
  let s = Array.isArray(value) ? value.join(" ") : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export interface CsvColumn<T> {
  /** Header text. */
  label: string;
  /** Cell value for a row. */
  value: (row: T) => unknown;
}

/** Rows → CSV text with a header line and CRLF line ends. */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(","));
  return lines.join("\r\n") + "\r\n";
}
