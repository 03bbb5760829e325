/**
 * Reads one export into DuckDB exactly once, every column as VARCHAR (the CSV
 * sniffer never guesses types), and exposes it as the view `in_<name>`: the
 * canonical columns (absent optional ones as NULL) plus `source_line`, the
 * physical line where the row starts (header = line 1).
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
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows, runSql, sqlIdent, sqlString} from "../db.js";
import {canonicalColumns, type ExportSpec, type FoundExport} from "./files.js";
import {readCsvHeader} from "./header.js";

export {CREATE_REJECTS_TABLE} from "./rejects.js";

/**
 * Columns the mapping layer (loaders/mapping) adds to every file it writes: the
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
  /** The file carries `_source_file` / `_source_line` (written by the mapping layer), exposed by in_<name>. */
  mapped: boolean;
}

/** Header names, trimmed; a repeated name gets a suffix so DuckDB accepts it (the first one is the one used). */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = raw.trim() || `column_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}__${n}`;
  });
}

/** Reads the header of an export (column names, trimmed). */
export async function readHeader(conn: DuckDBConnection, found: FoundExport): Promise<string[]> {
  if (found.format === "parquet") {
    const rows = await queryRows<{column_name: string}>(
      conn,
      `DESCRIBE SELECT * FROM read_parquet(${sqlString(found.absolutePath)})`
    );
    return rows.map((r) => r.column_name);
  }
  return uniqueNames(await readCsvHeader(found.absolutePath));
}

/** Creates `in_<name>` for an absent optional file: the same columns, no rows. */
export async function createEmptyInput(conn: DuckDBConnection, spec: ExportSpec): Promise<void> {
  const cols = canonicalColumns(spec).map((c) => `NULL::VARCHAR AS ${sqlIdent(c)}`);
  await runSql(conn, `CREATE OR REPLACE VIEW in_${spec.name} AS SELECT NULL::BIGINT AS source_line, ${cols.join(", ")} WHERE false`);
}

/** Reads a present export whose header was checked: one read into raw_<name>, line numbers, view in_<name>. */
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
    .join(", ") + (mapped ? `, ${SOURCE_COLUMNS.map((c) => `CAST(r.${c} AS VARCHAR) AS ${c}`).join(", ")}` : "");

  if (found.format === "parquet") {
    await runSql(conn, `CREATE OR REPLACE TABLE ${raw} AS SELECT * FROM read_parquet(${sqlString(found.absolutePath)})`);
    // A parquet file has no lines: row n (1-based) is reported as line n + 1, as if it had a header.
    await runSql(conn, `CREATE OR REPLACE VIEW in_${spec.name} AS SELECT r.rowid + 2 AS source_line, ${selectCanonical} FROM ${raw} r`);
    const [{n}] = await queryRows<{n: number}>(conn, `SELECT count(*)::INTEGER AS n FROM ${raw}`);
    return {rowsRead: n, parseRejected: 0, extraColumns, mapped};
  }

  const columns = `{${header.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(", ")}}`;
  const rejectsTable = `csvrej_${spec.name}`;
  await runSql(
    conn,
    `CREATE OR REPLACE TABLE ${raw} AS SELECT * FROM read_csv(${sqlString(found.absolutePath)},
       columns = ${columns}, header = true, auto_detect = false, all_varchar = true,
       delim = ',', quote = '"', escape = '"', strict_mode = true, compression = 'auto',
       store_rejects = true, rejects_table = '${rejectsTable}', rejects_scan = 'csvscan_${spec.name}')`
  );

  // Records the parser rejected: one per ordinal (a record may raise several errors).
  const bad = `badrec_${spec.name}`;
  await runSql(
    conn,
    `CREATE OR REPLACE TEMP TABLE ${bad} AS
     WITH errors AS (
       SELECT line - 1 AS ordinal, min(error_message) AS error_message,
              regexp_replace(any_value(csv_line), '^[\\r\\n]+|[\\r\\n]+$', '', 'g') AS csv_line
       FROM ${rejectsTable} GROUP BY line
     )
     SELECT ordinal, error_message, csv_line,
            length(csv_line) - length(replace(csv_line, chr(10), '')) AS newlines,
            row_number() OVER (ORDER BY ordinal) AS bad_rank
     FROM errors`
  );
  const newlineExpr = header.map((c) => `coalesce(length(${sqlIdent(c)}) - length(replace(${sqlIdent(c)}, chr(10), '')), 0)`).join(" + ") || "0";
  const anyNewline = header.map((c) => `contains(${sqlIdent(c)}, chr(10))`).join(" OR ") || "false";
  const [{good, parse_rejected, with_newlines}] = await queryRows<{good: number; parse_rejected: number; with_newlines: number}>(
    conn,
    `SELECT (SELECT count(*) FROM ${raw})::INTEGER AS good,
            (SELECT count(*) FROM ${bad})::INTEGER AS parse_rejected,
            (SELECT count(*) FROM ${raw} WHERE ${anyNewline})::INTEGER AS with_newlines`
  );

  if (parse_rejected === 0 && with_newlines === 0) {
    // Fast path: record n (1-based) starts on line n + 1.
    await runSql(conn, `CREATE OR REPLACE VIEW in_${spec.name} AS SELECT r.rowid + 2 AS source_line, ${selectCanonical} FROM ${raw} r`);
  } else {
    const lines = `lines_${spec.name}`;
    await runSql(
      conn,
      `CREATE OR REPLACE TEMP TABLE ${lines} AS
       WITH good AS (
         SELECT rowid AS rid, rowid + 1 AS good_rank, ${newlineExpr} AS newlines FROM ${raw}
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
    await runSql(
      conn,
      `CREATE OR REPLACE VIEW in_${spec.name} AS
       SELECT l.source_line, ${selectCanonical} FROM ${raw} r JOIN ${lines} l ON l.rid = r.rowid;
       INSERT INTO ingest_rejects (export, canonical_line, "column", value, reason)
       SELECT ${sqlString(spec.name)}, l.source_line, '', left(b.csv_line, 500),
              'malformed CSV row: ' || b.error_message
       FROM ${bad} b JOIN ${lines} l ON l.rid IS NULL AND l.ordinal = b.ordinal;`
    );
  }
  return {rowsRead: good + parse_rejected, parseRejected: parse_rejected, extraColumns, mapped};
}
