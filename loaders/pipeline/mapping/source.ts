/**
 * Finds the foreign files a mapping names (file names or globs in the input
 * folder) and loads them into DuckDB as all-VARCHAR tables, one column per
 * header name, plus `_source_file` (the file's name), `_source_line` (the
 * physical line of the row, header = 1; for .xlsx the sheet row number) and
 * `_source_order` (the file's position among the matches).
 */
import {readdirSync, statSync} from "node:fs";
import {basename, join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
// Types only: the library itself (a third of the pipeline's start-up time) is loaded when a
// spreadsheet is read.
import type ExcelJS from "exceljs";
import {runSql, sqlIdent} from "../db.js";
import {detectForeignEncoding, encodingMessage, readHead} from "../ingest/encoding.js";
import {InputError} from "../ingest/errors.js";
import {checkExportFile} from "../ingest/files.js";
import {gzipProblem} from "../ingest/scan.js";
import {NotUtf8Error, readCsvBatches} from "./csv-parser.js";
import {MappingError} from "./schema.js";
import {describePositions, duplicateNames, uniqueNames} from "../../text/header-names.js";

/** A `*`/`?` glob as a case-insensitive regular expression over a file name. */
function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, "i");
}

/** A regular file, or a link to one; not a folder, a pipe or a broken link. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Files of `inputDir` matching any of the patterns, in pattern order, then by name. */
export function findSourceFiles(inputDir: string, patterns: string | string[]): string[] {
  const names = readdirSync(inputDir).filter((n) => isFile(join(inputDir, n))).sort();
  const found: string[] = [];
  for (const pattern of Array.isArray(patterns) ? patterns : [patterns]) {
    const re = globToRegExp(pattern);
    for (const n of names) if (re.test(n) && !found.includes(n)) found.push(n);
  }
  for (const n of found) checkExportFile(inputDir, n); // e.g. a link leading out of the folder
  return found.map((n) => join(inputDir, n));
}


export interface LoadedSource {
  /** Header of each file, in file order (made unique: uniqueNames). */
  headers: string[][];
  /** The same headers as written. */
  writtenHeaders: string[][];
  rows: number;
  /** Rows whose field count differs from the header's: "file:line (n fields, header has m)". */
  ragged: string[];
}

type SourceRecord = {fields: string[]; line: number};

/** Loads the files into `table` (replaced). */
export async function loadSourceFiles(
  conn: DuckDBConnection,
  table: string,
  files: string[],
  options: {delimiter: string; sheet?: string}
): Promise<LoadedSource> {
  const headers: string[][] = [];
  const writtenHeaders: string[][] = [];
  const ragged: string[] = [];
  let rows = 0;
  const parts: string[] = [];
  for (const [index, file] of files.entries()) {
    const part = `${table}__${index}`;
    const isXlsx = /\.xlsx$/i.test(file);
    // Rejects name the sheet too: a workbook's row 3 exists on every sheet.
    const name = isXlsx && options.sheet ? `${basename(file)} [${options.sheet}]` : basename(file);
    if (!isXlsx) await checkEncoding(file, name);
    const batches = isXlsx ? [await readXlsxRecords(file, options.sheet)] : readCsvBatches(file, options.delimiter === "tab" ? "\t" : options.delimiter);
    let header: string[] | null = null;
    let appender: Awaited<ReturnType<DuckDBConnection["createAppender"]>> | null = null;
    for await (const batch of withFileErrors(batches, name)) {
      let start = 0;
      if (!header) {
        if (batch.length === 0) continue;
        header = uniqueNames(batch[0].fields);
        headers.push(header);
        writtenHeaders.push(batch[0].fields);
        const columns = [...header.map((h) => `${sqlIdent(h)} VARCHAR`), `_source_file VARCHAR`, `_source_line BIGINT`, `_source_order INTEGER`];
        await runSql(conn, `CREATE OR REPLACE TEMP TABLE ${sqlIdent(part)} (${columns.join(", ")})`);
        appender = await conn.createAppender(part);
        start = 1;
      }
      for (let r = start; r < batch.length; r++) {
        const {fields, line} = batch[r];
        if (fields.length !== header.length) ragged.push(`${name}:${line} (${fields.length} fields, header has ${header.length})`);
        for (let c = 0; c < header.length; c++) {
          const v = fields[c];
          if (v === undefined) appender!.appendNull();
          else appender!.appendVarchar(v);
        }
        appender!.appendVarchar(name);
        appender!.appendBigInt(BigInt(line));
        appender!.appendInteger(index);
        appender!.endRow();
        rows++;
      }
    }
    if (!header || !appender) throw new MappingError(`${name}: the file is empty (no header row)`);
    appender.closeSync();
    parts.push(`SELECT * FROM ${sqlIdent(part)}`);
  }
  // Several files (e.g. monthly exports) stack by column name; a column one file lacks is NULL there.
  await runSql(conn, `CREATE OR REPLACE TEMP TABLE ${sqlIdent(table)} AS ${parts.join(" UNION ALL BY NAME ")}`);
  return {headers, writtenHeaders, rows, ragged};
}

/** A CSV source must be UTF-8 (checked on its first megabyte, as canonical exports are). */
async function checkEncoding(file: string, name: string): Promise<void> {
  let head;
  try {
    head = await readHead(file);
  } catch (e) {
    const gzip = gzipProblem(e);
    if (gzip) throw new InputError(`${name}: ${gzip}.`);
    throw e;
  }
  const foreign = detectForeignEncoding(head.head, head.atEnd);
  if (foreign) throw new InputError(encodingMessage(name, foreign));
}

/** The batches of a source file; a cut-off .gz found while reading becomes an InputError naming the file. */
async function* withFileErrors<T>(batches: Iterable<T> | AsyncIterable<T>, name: string): AsyncGenerator<T> {
  try {
    yield* batches;
  } catch (e) {
    const gzip = gzipProblem(e);
    if (gzip) throw new InputError(`${name}: ${gzip}.`);
    if (e instanceof NotUtf8Error) {
      throw new InputError(
        `${name}, line ${e.line}: bytes that are not UTF-8 (the line reads "${e.excerpt}", "\uFFFD" where the bytes are). ` +
          `The file is probably in another character set, such as Windows-1252 or Latin-1, past its first megabyte. ` +
          `Convert it to UTF-8 first, for example: iconv -f windows-1252 -t utf-8 "${name}" > converted.csv`
      );
    }
    throw e;
  }
}

/**
 * Refuses a source column the mapping reads (`used`, as the unique header names) that a file's
 * header has twice, case aside: which of them holds the data cannot be told.
 */
export function checkSourceDuplicates(used: Iterable<string>, loaded: LoadedSource, fileNames: string[]): void {
  const wanted = new Set([...used].map((u) => u.trim().toLowerCase()));
  for (const [i, written] of loaded.writtenHeaders.entries()) {
    const repeated = duplicateNames(written).find((d) => wanted.has(d.name.toLowerCase()));
    if (repeated) {
      throw new InputError(
        `${fileNames[i]}: column "${repeated.name}" appears ${repeated.positions.length === 2 ? "twice" : `${repeated.positions.length} times`} ` +
          `in the header, as ${describePositions(repeated.positions)}, and the mapping reads it. ` +
          `Delete or rename the extra column in the file, so that it is clear which one holds the data.`
      );
    }
  }
}

/** The text a person sees in an .xlsx cell: dates as ISO, numbers as written by JS, formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const iso = value.toISOString();
    // Excel dates carry no zone; exceljs reads them as UTC. A date cell at midnight is a date.
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("formula" in value || "sharedFormula" in value) return cellText((value as {result?: ExcelJS.CellValue}).result ?? null);
    if ("text" in value) return cellText((value as {text: ExcelJS.CellValue}).text);
    if ("error" in value) return String(value.error);
  }
  return String(value);
}

/** Rows of one worksheet: the first non-empty row is the header; row numbers are the sheet's. */
async function readXlsxRecords(file: string, sheetName?: string): Promise<SourceRecord[]> {
  const {default: excel} = await import("exceljs");
  const workbook = new excel.Workbook();
  await workbook.xlsx.readFile(file);
  const sheets = workbook.worksheets;
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : sheets[0];
  if (!sheet) {
    throw new MappingError(
      `${basename(file)}: no worksheet "${sheetName}"; the workbook has ${sheets.map((s) => `"${s.name}"`).join(", ") || "no worksheets"}`
    );
  }
  const records: SourceRecord[] = [];
  let width = 0;
  sheet.eachRow({includeEmpty: false}, (row, rowNumber) => {
    // row.values is 1-based (index 0 unused).
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    if (records.length === 0) width = values.length;
    // Array.from, not map: row.values is sparse where cells are empty.
    const fields = Array.from(values, (v) => cellText(v));
    while (fields.length < width) fields.push("");
    if (fields.every((f) => f === "")) return;
    records.push({fields, line: rowNumber});
  });
  return records;
}
