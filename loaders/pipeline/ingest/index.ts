/**
 * Ingest: find the exports, check every header (before reading anything), read
 * each file once, validate and type it with the staging models (ingest/staging.ts),
 * and collect the rejects and per-file counts. Leaves the stg_* tables and
 * `ingest_rejects` in the database (table prefixes: loaders/sql/staging/README.md).
 */
import {createHash} from "node:crypto";
import {existsSync} from "node:fs";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows, runSql, runSqlFile, sqlString} from "../db.js";
import {EXPORT_NAMES, EXPORT_SPECS, findExport, type ExportName, type ExportSpec, type FoundExport} from "./files.js";
import {InputError} from "./errors.js";
import {alongside, sha256File} from "./hash.js";
import {
  createEmptyInput,
  finishDirectCsv,
  openDirectCsv,
  rawAsSource,
  readExport,
  scanAndHashDirectCsv,
  hasSourceColumns,
  type DirectRead,
  type DirectScan,
  type ReadResult
} from "./read.js";
import {checkedHeader, LineEndCopies, readSafely} from "./readable.js";
import {CREATE_REJECTS_TABLE, nameUnknownProducts, placeRejects} from "./rejects.js";
import {applyLateRules, runStagingModel, stageCheckedExports} from "./staging.js";

export type Mode = "billing" | "bookings";

export {InputError};

export interface FileReport {
  file: ExportName;
  path: string | null;
  sha256: string | null;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  rejected_share: number;
  extra_columns: string[];
}

export interface IngestResult {
  mode: Mode;
  files: FileReport[];
}

export interface IngestOptions {
  inputDir: string;
  currency: string;
  mode: "auto" | "billing" | "bookings";
  log?: (message: string) => void;
  /**
   * When inputDir was written by the mapping layer: the user's folder of original
   * exports. A file carrying `_source_file` is then named and hashed in the
   * manifest by the original file(s) its rows came from.
   */
  sourceDir?: string;
}

/**
 * Exports in the order they are checked (products, accounts and fx rates before the files that refer
 * to them). Opportunities before invoice lines: DuckDB reads them while the invoice lines' bytes are
 * still being scanned (scanAndHashDirectCsv), which that read waits for.
 */
const STAGING_ORDER: ExportName[] = ["products", "accounts", "fx_rates", "opportunities", "invoice_lines", "account_map", "demand_units"];

/**
 * Exports read straight into their checked model from a CSV, without a raw copy (they run to
 * millions of rows; their checked models store no line: line_of_<name>(rid) gives it); the other
 * ones, and these when parquet or written by the mapping layer, are read into raw_<name> first.
 */
const DIRECT_EXPORTS: ReadonlySet<ExportName> = new Set(["invoice_lines", "opportunities"]);

export async function ingest(conn: DuckDBConnection, options: IngestOptions): Promise<IngestResult> {
  const copies = new LineEndCopies();
  try {
    return await ingestFiles(conn, options, copies);
  } finally {
    copies.remove();
  }
}

/**
 * Says to the checked models which files may hold control characters or Unicode white space
 * (ReadResult.unusualText), and which may hold a value starting or ending with a space (only the
 * direct exports' bytes are scanned for one: the others are taken to have one).
 */
async function setUnusualText(conn: DuckDBConnection, name: ExportName, unusual: boolean, spaces = true): Promise<void> {
  await runSql(conn, `SET VARIABLE unusual_text_${name} = ${unusual}; SET VARIABLE spaces_${name} = ${spaces};`);
}

async function ingestFiles(conn: DuckDBConnection, options: IngestOptions, copies: LineEndCopies): Promise<IngestResult> {
  const log = options.log ?? (() => {});
  const found = new Map<ExportName, FoundExport>();
  for (const name of EXPORT_NAMES) {
    let f: FoundExport | null;
    try {
      f = findExport(options.inputDir, name);
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    if (f) found.set(name, f);
  }

  const mode: Mode = options.mode === "auto" ? (found.has("invoice_lines") ? "billing" : "bookings") : options.mode;
  if (mode === "bookings") found.delete("invoice_lines");
  if (mode === "bookings" && !found.has("opportunities")) {
    throw new InputError(
      `No billing lines and no opportunities in ${options.inputDir}: add invoice_lines.csv (billing mode) or ` +
        `opportunities.csv (bookings mode, revenue = won deals), so that there is revenue to analyse.`
    );
  }
  for (const name of EXPORT_NAMES) {
    const required = EXPORT_SPECS[name].required && !(name === "invoice_lines" && mode === "bookings");
    if (required && !found.has(name)) {
      throw new InputError(
        `Required file ${name}.csv is missing from ${options.inputDir} (also accepted: ${name}.csv.gz, ${name}.parquet). ` +
          `Found: ${[...found.values()].map((f) => f.relativePath).join(", ") || "no export files"}.`
      );
    }
  }

  // Every header is checked before any file is read, so a wrong column stops the run early.
  const headers = new Map<ExportName, string[]>();
  for (const [name, f] of found) headers.set(name, await checkedHeader(conn, EXPORT_SPECS[name], f));

  await runSql(conn, CREATE_REJECTS_TABLE);
  await runSqlFile(conn, "staging/_macros.sql");
  await runSql(
    conn,
    `CREATE OR REPLACE TABLE ingest_files (name VARCHAR, path VARCHAR);
     CREATE OR REPLACE TABLE ingest_params AS SELECT ${sqlString(options.currency)} AS currency, ${found.has("products")} AS has_products;
     SET VARIABLE reporting_currency = ${sqlString(options.currency)};
     SET VARIABLE revenue_from_bookings = ${mode === "bookings"};
     SET VARIABLE has_products = ${found.has("products")};`
  );

  const reads = new Map<ExportName, {rowsRead: number; extra: string[]; sha256: string; mapped: boolean}>();
  const direct = new Map<ExportName, {found: FoundExport; sha256: Promise<string>; scan: DirectScan}>();
  const lineEndsNote = (f: FoundExport) => () => log(`${f.relativePath}: line ends mixed CRLF and LF, read from a copy with LF line ends (same lines)`);
  for (const name of EXPORT_NAMES) {
    const f = found.get(name);
    if (!f) {
      await createEmptyInput(conn, EXPORT_SPECS[name]);
      await setUnusualText(conn, name, false);
      continue;
    }
    if (DIRECT_EXPORTS.has(name) && f.format === "csv" && !hasSourceColumns(headers.get(name)!)) {
      // read by its checked model below; hashed and scanned meanwhile (while the other exports are read)
      direct.set(name, {found: f, ...scanAndHashDirectCsv(f.absolutePath)});
      await runSql(conn, `INSERT INTO ingest_files VALUES (${sqlString(name)}, ${sqlString(f.relativePath)})`);
      continue;
    }
    const started = Date.now();
    const hashing = alongside(sha256File(f.absolutePath)); // runs while DuckDB reads
    const result = await readSafely(f, copies, (g) => readExport(conn, EXPORT_SPECS[name], g, headers.get(name)!), lineEndsNote(f));
    await setUnusualText(conn, name, result.unusualText);
    reads.set(name, {rowsRead: result.rowsRead, extra: result.extraColumns, sha256: await hashing, mapped: result.mapped});
    await runSql(conn, `INSERT INTO ingest_files VALUES (${sqlString(name)}, ${sqlString(f.relativePath)})`);
    log(`read ${f.relativePath}: ${result.rowsRead} rows${result.parseRejected ? ` (${result.parseRejected} malformed)` : ""} in ${Date.now() - started} ms`);
  }

  for (const name of STAGING_ORDER) {
    const started = Date.now();
    const d = direct.get(name);
    if (d) {
      const spec = EXPORT_SPECS[name];
      const r = await readSafely(
        d.found,
        copies,
        (g) => checkDirect(conn, spec, g, headers.get(name)!, g === d.found ? d.scan : undefined),
        lineEndsNote(d.found)
      );
      reads.set(name, {rowsRead: r.rowsRead, extra: r.extraColumns, sha256: await d.sha256, mapped: false});
      log(`read ${d.found.relativePath}: ${r.rowsRead} rows${r.parseRejected ? ` (${r.parseRejected} malformed)` : ""}`);
    } else {
      if (DIRECT_EXPORTS.has(name)) await rawAsSource(conn, EXPORT_SPECS[name]);
      await runStagingModel(conn, `chk_${name}`);
    }
    await applyLateRules(conn, name);
    if (found.has(name)) log(`validated ${found.get(name)!.relativePath} in ${Date.now() - started} ms`);
  }
  await stageCheckedExports(conn);

  for (const [name, f] of found) {
    const read = reads.get(name);
    if (read) await placeRejects(conn, name, f.relativePath, read.mapped);
  }
  const products = found.get("products");
  if (products) await nameUnknownProducts(conn, products.relativePath);

  const files: FileReport[] = [];
  for (const name of EXPORT_NAMES) {
    const f = found.get(name);
    const read = reads.get(name);
    if (!f || !read) {
      files.push({file: name, path: null, sha256: null, rows_read: 0, rows_loaded: 0, rows_rejected: 0, rejected_share: 0, extra_columns: []});
      continue;
    }
    // The invoice lines (a view over millions of checked rows) are counted per customer by staging already.
    const loadedRows = name === "invoice_lines" ? "SELECT coalesce(sum(lines), 0) FROM stg_invoice_customers" : `SELECT count(*) FROM stg_${name}`;
    const [{loaded, rejected}] = await queryRows<{loaded: number; rejected: number}>(
      conn,
      `SELECT (${loadedRows})::BIGINT::DOUBLE AS loaded,
              (SELECT count(*) FROM ingest_rejects WHERE export = ${sqlString(name)})::DOUBLE AS rejected`
    );
    if (loaded + rejected !== read.rowsRead) {
      throw new Error(`Internal error: ${f.relativePath} read ${read.rowsRead} rows but loaded ${loaded} and rejected ${rejected}.`);
    }
    const share = read.rowsRead ? rejected / read.rowsRead : 0;
    const original = read.mapped && options.sourceDir ? await originalFiles(conn, name, options.sourceDir) : null;
    files.push({
      file: name,
      path: original?.path ?? f.relativePath,
      sha256: original?.sha256 ?? read.sha256,
      rows_read: read.rowsRead,
      rows_loaded: loaded,
      rows_rejected: rejected,
      rejected_share: share,
      extra_columns: read.extra
    });
    log(`${f.relativePath}: ${read.rowsRead} read, ${loaded} loaded, ${rejected} rejected`);
  }
  return {mode, files};
}

/**
 * Reads a direct export through its checked model (started afresh when readSafely reads it again;
 * `scan`, the file's byte scan started earlier, only for the file itself, not a copy).
 */
async function checkDirect(conn: DuckDBConnection, spec: ExportSpec, f: FoundExport, header: string[], scan?: DirectScan): Promise<ReadResult> {
  const read: DirectRead = await openDirectCsv(conn, spec, f, header, scan);
  await setUnusualText(conn, spec.name, read.unusualBytes, read.spaces);
  await runStagingModel(conn, `chk_${spec.name}`);
  return finishDirectCsv(conn, read, `chk_${spec.name}`);
}

/**
 * The user's original file(s) behind a mapped export, in the order their rows
 * come: named "a.csv" (or "a.csv, b.csv" when several were stacked) and hashed
 * (one file: its sha256; several: the sha256 of their "sha256  name" lines, so
 * that it changes when any of them does). Null when they cannot be found.
 */
async function originalFiles(conn: DuckDBConnection, name: ExportName, sourceDir: string): Promise<{path: string; sha256: string} | null> {
  const rows = await queryRows<{file: string}>(
    conn,
    `SELECT _source_file AS file FROM src_${name} WHERE nullif(_source_file, '') IS NOT NULL
     GROUP BY ALL ORDER BY min(source_line), file`
  );
  if (!rows.length) return null;
  const names: string[] = [];
  for (const {file} of rows) {
    // A spreadsheet's rows are named "book.xlsx [Sheet]": the file is book.xlsx.
    const plain = existsSync(join(sourceDir, file)) ? file : file.replace(/ \[[^\]]*\]$/, "");
    if (!existsSync(join(sourceDir, plain))) return null;
    if (!names.includes(plain)) names.push(plain);
  }
  const hashes = await Promise.all(names.map((n) => sha256File(join(sourceDir, n))));
  const sha256 =
    names.length === 1 ? hashes[0] : createHash("sha256").update(names.map((n, i) => `${hashes[i]}  ${n}\n`).join("")).digest("hex");
  return {path: names.join(", "), sha256};
}
