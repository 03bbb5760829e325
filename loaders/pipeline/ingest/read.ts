/**
 * Reads one export into DuckDB exactly once (`raw_<name>`), every column as
 * VARCHAR (the CSV sniffer never guesses types), and exposes it as the view
 * `src_<name>`, in file order: `source_line`, the physical line where the row
 * starts (header = line 1), the canonical columns (absent optional ones as NULL)
 * and `newlines` (NULL: the line count already holds the line ends in fields).
 * Table prefixes: loaders/sql/staging/README.md.
 *
 * Rows DuckDB's CSV parser cannot parse (wrong number of fields, unterminated
 * quote) are caught with `store_rejects` and recorded in `ingest_rejects` with
 * their physical line: they count as read and rejected, never silently dropped.
 *
 * Line numbers: DuckDB numbers records (its reject `line` is record ordinal + 1),
 * so a record's physical line is 1 + its ordinal + the newlines embedded in the
 * fields of all earlier records. Good rows keep file order in the raw table's
 * rowid; their ordinals are recovered by interleaving the parser-rejected
 * ordinals. Files without embedded newlines or malformed rows take a fast path.
 *
 * Large exports (ingest/index.ts DIRECT_EXPORTS) skip the raw copy: openDirectCsv exposes
 * the file as the view src_<name>, their checked model types it in one pass into a table
 * whose rowid is the parsed record's rank, and finishDirectCsv maps ranks to lines the
 * same way (the macro line_of_<name>(rid)).
 */
import {createHash} from "node:crypto";
import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows, runSql, sqlIdent, sqlString} from "../db.js";
import {canonicalColumns, type ExportSpec, type FoundExport} from "./files.js";
import {alongside, sha256File} from "./hash.js";
import {readCsvHeader} from "./header.js";
import {findBlankLines, scanBytes, scanCsv, type BlankLine, type ByteScan} from "./scan.js";

export {CREATE_REJECTS_TABLE} from "./rejects.js";

/**
 * Columns the mapping layer (loaders/pipeline/mapping) adds to every file it writes: the
 * user's original file and line of each row. Not extra columns: rejects use them.
 */
export const SOURCE_COLUMNS = ["_source_file", "_source_line"] as const;

/** True when the header carries both source columns. */
export function hasSourceColumns(header: string[]): boolean {
  return SOURCE_COLUMNS.every((c) => header.includes(c));
}

export interface ReadResult {
  /** Every record of the file, parsed or not. */
  rowsRead: number;
  /** Records the CSV parser itself rejected (already in ingest_rejects). */
  parseRejected: number;
  /** Columns found in the file that the contract does not know (ignored). */
  extraColumns: string[];
  /** The file carries `_source_file` / `_source_line` (written by the mapping layer), exposed by src_<name>. */
  mapped: boolean;
  /**
   * A value may hold a control character or Unicode white space (see scan.ts), so the staging
   * model must look for them around and inside ids: always for parquet, rarely for a CSV.
   */
  unusualText: boolean;
}

/** Reads the header of an export: the column names as written (checkDuplicateColumns, then uniqueNames). */
export async function readHeader(conn: DuckDBConnection, found: FoundExport): Promise<string[]> {
  if (found.format === "parquet") {
    const rows = await queryRows<{column_name: string}>(
      conn,
      `DESCRIBE SELECT * FROM read_parquet(${sqlString(found.absolutePath)})`
    );
    return rows.map((r) => r.column_name);
  }
  return readCsvHeader(found.absolutePath);
}

/**
 * A parquet column as text. A DOUBLE or FLOAT is a number whatever DuckDB prints: 1e-05 is
 * written out as 0.00001 (DuckDB prints very small and very large ones with an exponent,
 * which the decimal rules refuse); anything else is cast as it is.
 */
function parquetText(column: string, type: string): string {
  const c = `r.${sqlIdent(column)}`;
  if (type === "DOUBLE" || type === "FLOAT" || type === "REAL") {
    return `CASE WHEN contains(CAST(${c} AS VARCHAR), 'e') THEN rtrim(rtrim(printf('%.10f', CAST(${c} AS DOUBLE)), '0'), '.') ELSE CAST(${c} AS VARCHAR) END`;
  }
  return `CAST(${c} AS VARCHAR)`;
}

/** Creates `src_<name>` for an absent optional file: the same columns, no rows. */
export async function createEmptyInput(conn: DuckDBConnection, spec: ExportSpec): Promise<void> {
  const cols = canonicalColumns(spec).map((c) => `NULL::VARCHAR AS ${sqlIdent(c)}`);
  await runSql(
    conn,
    `CREATE OR REPLACE VIEW src_${spec.name} AS SELECT NULL::BIGINT AS source_line, ${cols.join(", ")}, NULL::BIGINT AS newlines WHERE false`
  );
}

/** Reads a present export whose header was checked: one read into raw_<name>, line numbers, view src_<name>. */
export async function readExport(
  conn: DuckDBConnection,
  spec: ExportSpec,
  found: FoundExport,
  header: string[]
): Promise<ReadResult> {
  const canonical = canonicalColumns(spec);
  const known = new Set(canonical);
  const mapped = hasSourceColumns(header);
  const extraColumns = header.filter((c) => !known.has(c) && !(mapped && (SOURCE_COLUMNS as readonly string[]).includes(c)));
  const raw = `raw_${spec.name}`;
  // Absent optional columns read as NULL; present ones as VARCHAR whatever their stored type.
  const selectCanonical = canonical
    .map((c) => (header.includes(c) ? `CAST(r.${sqlIdent(c)} AS VARCHAR) AS ${sqlIdent(c)}` : `NULL::VARCHAR AS ${sqlIdent(c)}`))
    .join(", ") + (mapped ? `, ${SOURCE_COLUMNS.map((c) => `CAST(r.${c} AS VARCHAR) AS ${c}`).join(", ")}` : "") + ", NULL::BIGINT AS newlines";

  if (found.format === "parquet") {
    await runSql(conn, `CREATE OR REPLACE TABLE ${raw} AS SELECT * FROM read_parquet(${sqlString(found.absolutePath)})`);
    const types = new Map(
      (await queryRows<{column_name: string; column_type: string}>(conn, `DESCRIBE ${raw}`)).map((r) => [r.column_name, r.column_type])
    );
    const selectParquet = canonical
      .map((c) => (types.has(c) ? `${parquetText(c, types.get(c)!)} AS ${sqlIdent(c)}` : `NULL::VARCHAR AS ${sqlIdent(c)}`))
      .join(", ") + (mapped ? `, ${SOURCE_COLUMNS.map((c) => `CAST(r.${c} AS VARCHAR) AS ${c}`).join(", ")}` : "") + ", NULL::BIGINT AS newlines";
    // A parquet file has no lines: row n (1-based) is reported as line n + 1, as if it had a header.
    await runSql(conn, `CREATE OR REPLACE VIEW src_${spec.name} AS SELECT r.rowid + 2 AS source_line, ${selectParquet} FROM ${raw} r`);
    const [{n}] = await queryRows<{n: number}>(conn, `SELECT count(*)::INTEGER AS n FROM ${raw}`);
    return {rowsRead: n, parseRejected: 0, extraColumns, mapped, unusualText: true};
  }

  const scanning = alongside(scanCsv(found.absolutePath)); // scanned while DuckDB reads
  const rejectsTable = `raw_${spec.name}_errors`;
  await dropCsvRejects(conn, spec);
  await runSql(conn, `CREATE OR REPLACE TABLE ${raw} AS SELECT * FROM ${readCsvCall(spec, found, header)}`);

  const {blankLines, unusualBytes} = await scanning;
  const {blanks, bad} = await collectBadRecords(conn, spec, rejectsTable, blankLines);
  const newlineExpr = header.map((c) => `coalesce(length(${sqlIdent(c)}) - length(replace(${sqlIdent(c)}, chr(10), '')), 0)`).join(" + ") || "0";
  const anyNewline = header.map((c) => `contains(${sqlIdent(c)}, chr(10))`).join(" OR ") || "false";
  const [{good, parse_rejected, with_newlines}] = await queryRows<{good: number; parse_rejected: number; with_newlines: number}>(
    conn,
    `SELECT (SELECT count(*) FROM ${raw})::INTEGER AS good,
            (SELECT count(*) FROM ${bad})::INTEGER AS parse_rejected,
            (SELECT count(*) FROM ${raw} WHERE ${anyNewline})::INTEGER AS with_newlines`
  );

  if (parse_rejected === 0 && with_newlines === 0) {
    // Fast path: record n (1-based) starts on line n + 1 (plus the empty lines before it).
    // A join does not keep the file order: the view then says it.
    const view = blankLines.length
      ? `SELECT r.source_line + coalesce(b.shift, 0) AS source_line, ${selectCanonical}
         FROM (SELECT rowid + 2 AS source_line, * FROM ${raw}) r ASOF LEFT JOIN ${blanks} b ON r.source_line > b.threshold
         ORDER BY r.source_line`
      : `SELECT r.rowid + 2 AS source_line, ${selectCanonical} FROM ${raw} r`;
    await runSql(conn, `CREATE OR REPLACE VIEW src_${spec.name} AS ${view}`);
  } else {
    const lines = await buildLineTable(conn, spec, raw, newlineExpr, bad, blankLines.length ? blanks : null);
    await runSql(
      conn,
      `CREATE OR REPLACE VIEW src_${spec.name} AS
       SELECT l.source_line, ${selectCanonical} FROM ${raw} r JOIN ${lines} l ON l.rid = r.rowid ORDER BY l.source_line;`
    );
    await insertMalformedRejects(conn, spec, bad, lines);
  }
  // a quoted field may hold a line end: an id with one is rejected, so look
  const unusualText = unusualBytes || with_newlines > 0;
  return {rowsRead: good + parse_rejected, parseRejected: parse_rejected, extraColumns, mapped, unusualText};
}

/** DuckDB adds to a rejects table of an earlier read: a read (or a read again) starts without one. */
export async function dropCsvRejects(conn: DuckDBConnection, spec: ExportSpec): Promise<void> {
  await runSql(conn, `DROP TABLE IF EXISTS raw_${spec.name}_errors; DROP TABLE IF EXISTS raw_${spec.name}_scans;`);
}

/** The read_csv call of an export: every column VARCHAR, malformed records kept aside in raw_<name>_errors. */
export function readCsvCall(spec: ExportSpec, found: FoundExport, header: string[]): string {
  const columns = `{${header.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(", ")}}`;
  return `read_csv(${sqlString(found.absolutePath)},
       columns = ${columns}, header = true, auto_detect = false, all_varchar = true,
       delim = ',', quote = '"', escape = '"', strict_mode = true, compression = 'auto',
       store_rejects = true, rejects_table = 'raw_${spec.name}_errors', rejects_scan = 'raw_${spec.name}_scans')`;
}

/**
 * After a CSV was read: the table of the empty lines' shifts (lines_<name>_blanks, when there
 * are any) and the table of the records the parser rejected (raw_<name>_malformed), one per ordinal.
 */
export async function collectBadRecords(
  conn: DuckDBConnection,
  spec: ExportSpec,
  rejectsTable: string,
  blankLines: BlankLine[]
): Promise<{blanks: string; bad: string}> {
  // Empty lines: blank j (1-based) on physical line p_j sits after the first p_j - j lines
  // of the file without its empty lines; a row whose line, counted without them, is beyond
  // that comes j or more lines later (several blanks in a row share a threshold: the last wins).
  const blanks = `lines_${spec.name}_blanks`;
  if (blankLines.length) {
    await runSql(
      conn,
      `CREATE OR REPLACE TEMP TABLE ${blanks}_lines AS
       SELECT unnest([${blankLines.map((b) => b.line).join(", ")}]::BIGINT[]) AS line,
              unnest([${blankLines.map((b) => b.recordLine).join(", ")}]::BIGINT[]) AS record_line,
              generate_subscripts([${blankLines.map((b) => b.line).join(", ")}], 1) AS shift;
       CREATE OR REPLACE TEMP TABLE ${blanks} AS
       SELECT line - shift AS threshold, max(shift) AS shift FROM ${blanks}_lines GROUP BY ALL;`
    );
  }
  // DuckDB's reject line of a malformed record counts the empty lines before it (but not
  // the newlines inside quoted fields): its record ordinal is that line - 1 - those blanks.
  const blanksBefore = blankLines.length
    ? ` - (SELECT count(*) FROM ${blanks}_lines WHERE ${blanks}_lines.record_line < ${rejectsTable}.line)`
    : "";

  // Records the parser rejected: one per ordinal (a record may raise several errors).
  const bad = `raw_${spec.name}_malformed`;
  await runSql(
    conn,
    `CREATE OR REPLACE TEMP TABLE ${bad} AS
     WITH errors AS (
       SELECT line - 1${blanksBefore} AS ordinal, min(error_message) AS error_message,
              regexp_replace(any_value(csv_line), '^[\\r\\n]+|[\\r\\n]+$', '', 'g') AS csv_line
       FROM ${rejectsTable} GROUP BY line
     )
     SELECT ordinal, error_message, csv_line,
            length(csv_line) - length(replace(csv_line, chr(10), '')) AS newlines,
            row_number() OVER (ORDER BY ordinal) AS bad_rank
     FROM errors`
  );
  return {blanks, bad};
}

/**
 * The physical line of every record (slow path: malformed records or embedded newlines):
 * lines_<name>_records(rid, ordinal, source_line), rid being the good record's rowid in `good`
 * (NULL for a malformed record). `newlineExpr` counts a good record's embedded newlines.
 */
export async function buildLineTable(
  conn: DuckDBConnection,
  spec: ExportSpec,
  good: string,
  newlineExpr: string,
  bad: string,
  blanks: string | null
): Promise<string> {
  const lines = `lines_${spec.name}_records`;
  await runSql(
    conn,
    `CREATE OR REPLACE TEMP TABLE ${lines} AS
     WITH good AS (
       SELECT rowid AS rid, rowid + 1 AS good_rank, ${newlineExpr} AS newlines FROM ${good}
     ),
     -- bad record j is preceded by (ordinal - j) good records; a good record comes after it when its rank is larger
     shifts AS (
       SELECT ordinal - bad_rank AS goods_before, max(bad_rank) AS bads_before FROM ${bad} GROUP BY ALL
     ),
     good_ordinals AS (
       SELECT good.rid, good.good_rank + coalesce(shifts.bads_before, 0) AS ordinal, good.newlines
       FROM good ASOF LEFT JOIN shifts ON good.good_rank > shifts.goods_before
     ),
     newline_events AS (
       SELECT ordinal, newlines FROM good_ordinals WHERE newlines > 0
       UNION ALL
       SELECT ordinal, newlines FROM ${bad} WHERE newlines > 0
     ),
     newlines_through AS (
       SELECT ordinal, sum(newlines) OVER (ORDER BY ordinal) AS newlines_through FROM newline_events
     ),
     all_records AS (
       SELECT rid, ordinal FROM good_ordinals
       UNION ALL
       SELECT NULL AS rid, ordinal FROM ${bad}
     )
     SELECT a.rid, a.ordinal, 1 + a.ordinal + coalesce(n.newlines_through, 0) AS source_line
     FROM all_records a ASOF LEFT JOIN newlines_through n ON a.ordinal > n.ordinal`
  );
  if (blanks) {
    await runSql(
      conn,
      `CREATE OR REPLACE TEMP TABLE ${lines}_unshifted AS SELECT * FROM ${lines};
       CREATE OR REPLACE TEMP TABLE ${lines} AS
       SELECT l.rid, l.ordinal, l.source_line + coalesce(b.shift, 0) AS source_line
       FROM ${lines}_unshifted l ASOF LEFT JOIN ${blanks} b ON l.source_line > b.threshold;
       DROP TABLE ${lines}_unshifted;`
    );
  }
  return lines;
}

/** Records the CSV parser rejected, into ingest_rejects at their physical line. */
export async function insertMalformedRejects(conn: DuckDBConnection, spec: ExportSpec, bad: string, lines: string): Promise<void> {
  await runSql(
    conn,
    `INSERT INTO ingest_rejects (export, canonical_line, "column", value, reason)
     SELECT ${sqlString(spec.name)}, l.source_line, '', left(b.csv_line, 500),
            'malformed CSV row: ' || b.error_message
     FROM ${bad} b JOIN ${lines} l ON l.rid IS NULL AND l.ordinal = b.ordinal;`
  );
}

/**
 * A CSV read straight into its staging model, without a raw copy (large files): the view
 * src_<name> reads the file (canonical columns as VARCHAR, absent optional ones NULL, and
 * `newlines`, the count of newlines embedded in the record's fields, NULL when none). The
 * staging model scans it once into a table whose rowid is then the record's rank among
 * the parsed records; finishDirectCsv turns ranks into physical lines.
 */
export interface DirectRead {
  spec: ExportSpec;
  extraColumns: string[];
  /** Known before the staging model runs, which then looks for unusual text in ids only when there is some. */
  unusualBytes: boolean;
  /** Known before the staging model runs, which then trims values only in a file with a space at a value's end. */
  spaces: boolean;
  /** Started alongside DuckDB's read, awaited by finishDirectCsv. */
  blankLines: Promise<BlankLine[]>;
}

/**
 * The quick pass over a direct export's bytes (scan.ts scanBytes: unusual bytes, a space, a quote,
 * maybe empty lines), which its read needs first. Started as soon as the file is found
 * (ingest/index.ts), it runs while DuckDB reads the other exports instead of before this one's read.
 */
export type DirectScan = Promise<ByteScan>;

export function scanDirectCsv(path: string): DirectScan {
  return alongside(scanBytes(path));
}

/**
 * A direct export's byte scan and its sha256 (the manifest's), started together: a plain file is
 * read once for both, a .gz twice (its scan sees the decompressed bytes, its hash the file's).
 */
export function scanAndHashDirectCsv(path: string): {scan: DirectScan; sha256: Promise<string>} {
  if (path.endsWith(".gz")) return {scan: scanDirectCsv(path), sha256: alongside(sha256File(path))};
  const hash = createHash("sha256");
  const scan = alongside(scanBytes(path, hash));
  return {scan, sha256: alongside(scan.then(() => hash.digest("hex")))};
}

export async function openDirectCsv(
  conn: DuckDBConnection,
  spec: ExportSpec,
  found: FoundExport,
  header: string[],
  scan: DirectScan = scanDirectCsv(found.absolutePath)
): Promise<DirectRead> {
  const canonical = canonicalColumns(spec);
  const known = new Set(canonical);
  const extraColumns = header.filter((c) => !known.has(c));
  const select = canonical.map((c) => (header.includes(c) ? sqlIdent(c) : `NULL::VARCHAR AS ${sqlIdent(c)}`)).join(", ");
  // Counting newlines costs a replace() per field: done only for the rare record that has one,
  // and not looked for at all in a file without a quote (none of its fields can hold one).
  const bytes = await scan;
  const quoted = bytes.quoted;
  const anyNewline = header.map((c) => `contains(${sqlIdent(c)}, chr(10))`).join(" OR ") || "false";
  const count = header.map((c) => `coalesce(length(${sqlIdent(c)}) - length(replace(${sqlIdent(c)}, chr(10), '')), 0)`).join(" + ") || "0";
  // The quick pass over the bytes (above) is done first (for a plain file a fraction of DuckDB's read;
  // usually while the other exports were read); the line count for empty lines, when there may be some, while DuckDB reads.
  await dropCsvRejects(conn, spec);
  await runSql(
    conn,
    `CREATE OR REPLACE VIEW src_${spec.name} AS
     SELECT ${select}, ${quoted ? `CASE WHEN ${anyNewline} THEN ${count} END` : "NULL"}::BIGINT AS newlines
     FROM ${readCsvCall(spec, found, header)}`
  );
  const blankLines = bytes.mayHaveBlankLines ? alongside(findBlankLines(found.absolutePath)) : Promise.resolve([]);
  return {spec, extraColumns, unusualBytes: bytes.unusualBytes, spaces: bytes.spaces, blankLines};
}

/**
 * The macro line_of_<name>(rid): the physical line of the record of rank `rid` (0-based, the
 * rowid of chk_<name>). `rid + 2` when no line was shifted (the common case: nothing stored);
 * otherwise looked up in lines_<name>, one row holding every record's line in rank order.
 */
async function defineLineOf(conn: DuckDBConnection, spec: ExportSpec, linesInRankOrder: string | null): Promise<void> {
  const lines = `lines_${spec.name}`;
  await runSql(
    conn,
    linesInRankOrder === null
      ? `DROP TABLE IF EXISTS ${lines};
         CREATE OR REPLACE MACRO line_of_${spec.name}(rid) AS rid + 2;`
      : `CREATE OR REPLACE TEMP TABLE ${lines} AS SELECT list(source_line ORDER BY rid) AS source_lines FROM (${linesInRankOrder});
         CREATE OR REPLACE MACRO line_of_${spec.name}(rid) AS (SELECT source_lines FROM ${lines})[rid + 1];`
  );
}

/**
 * Once the checked model has scanned src_<name> into `good` (one row per parsed record,
 * in file order): counts, the parser's rejects in ingest_rejects, and line_of_<name>(rid)
 * from good's rowid to the physical line.
 */
export async function finishDirectCsv(conn: DuckDBConnection, read: DirectRead, good: string): Promise<ReadResult> {
  const {spec} = read;
  const blankLines = await read.blankLines;
  const {blanks, bad} = await collectBadRecords(conn, spec, `raw_${spec.name}_errors`, blankLines);
  const [{good: goodRows, parse_rejected, with_newlines}] = await queryRows<{good: number; parse_rejected: number; with_newlines: number}>(
    conn,
    `SELECT (SELECT count(*) FROM ${good})::INTEGER AS good,
            (SELECT count(*) FROM ${bad})::INTEGER AS parse_rejected,
            (SELECT count(*) FROM ${good} WHERE newlines IS NOT NULL)::INTEGER AS with_newlines`
  );
  const result: ReadResult = {
    rowsRead: goodRows + parse_rejected,
    parseRejected: parse_rejected,
    extraColumns: read.extraColumns,
    mapped: false,
    unusualText: read.unusualBytes
  };
  if (parse_rejected === 0 && with_newlines === 0 && !blankLines.length) {
    await defineLineOf(conn, spec, null);
  } else if (parse_rejected === 0 && with_newlines === 0) {
    await defineLineOf(
      conn,
      spec,
      `SELECT r.rid, r.source_line + coalesce(b.shift, 0) AS source_line
       FROM (SELECT rowid AS rid, rowid + 2 AS source_line FROM ${good}) r ASOF LEFT JOIN ${blanks} b ON r.source_line > b.threshold`
    );
  } else {
    const lines = await buildLineTable(conn, spec, good, "coalesce(newlines, 0)", bad, blankLines.length ? blanks : null);
    await insertMalformedRejects(conn, spec, bad, lines);
    await defineLineOf(conn, spec, `SELECT rid, source_line FROM ${lines} WHERE rid IS NOT NULL`);
  }
  return result;
}

/**
 * For a rank-ordered export read into raw_<name> (parquet, mapped or absent file): src_<name>
 * lists its records in line order (so the checked table's rowid is a record's rank) and
 * line_of_<name>(rid) maps that rank to the line.
 */
export async function rawAsSource(conn: DuckDBConnection, spec: ExportSpec): Promise<void> {
  await defineLineOf(conn, spec, `SELECT row_number() OVER (ORDER BY source_line) - 1 AS rid, source_line FROM src_${spec.name}`);
}
