/**
 * CSV text in one piece, for the project's own small files (rejects.csv for
 * the refresh summary and the Data quality page, test fixtures). One reader and
 * one writer for the whole project: reading is the mapping layer's streaming
 * parser (loaders/pipeline/mapping/csv-parser.ts) fed the whole text, writing is
 * src/lib/csv.ts. Exports are read by DuckDB, never by this.
 */
import {quoteCsvField, restoreCsvCell} from "../../src/lib/csv.js";
import {CsvParser} from "../pipeline/mapping/csv-parser.js";

/** Parses CSV text into rows of cells: quoted cells, doubled quotes, CRLF / LF / CR and a BOM; blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const parser = new CsvParser(",", (record) => rows.push(record.fields));
  parser.write(text);
  parser.end();
  return rows;
}

/** Parses CSV text with a header row into objects keyed by the header's names. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])));
}

/**
 * Reads a CSV this product wrote for people (rejects.csv: cells behind the
 * spreadsheet formula guard of src/lib/csv.ts) back into the exact values,
 * keyed by the file's own header.
 */
export function parseGuardedCsvObjects(text: string): Record<string, string>[] {
  return parseCsvObjects(text).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, restoreCsvCell(v)])));
}

/** Writes rows as a CSV a program reads back (LF line ends, trailing newline): quoted as needed, values kept exactly. */
export function formatCsv(rows: string[][]): string {
  return rows.map((cells) => cells.map(quoteCsvField).join(",")).join("\n") + "\n";
}
