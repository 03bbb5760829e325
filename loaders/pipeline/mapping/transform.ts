/**
 * One foreign file → one canonical table, in SQL: column renames, constants,
 * value maps, date formats, number formats (cents, decimal comma) and letter
 * case. Nothing is dropped or repaired: a value that does not convert (a date
 * that does not match the declared format, an amount that is not a number) is
 * written as it was, so that the pipeline rejects the row with its reason, at
 * the user's file and line (`_source_file`, `_source_line`).
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows, runSql, sqlIdent, sqlString} from "../db.js";
import {canonicalColumns, EXPORT_SPECS, type ExportName} from "../ingest/files.js";
import {closestMatch} from "./closest.js";
import {dateSql} from "./dates.js";
import {MappingError, type FileMapping, type NumberFormat} from "./schema.js";

/** The header name in the file for each canonical column mapped from a column. */
export function resolveSourceColumns(name: ExportName, file: FileMapping, headers: string[][], fileNames: string[]): Map<string, string> {
  const found = [...new Set(headers.flat())];
  const resolved = new Map<string, string>();
  for (const [column, source] of Object.entries(file.columns)) {
    const alternatives = Array.isArray(source) ? source : [source];
    let hit = alternatives.find((a) => found.includes(a));
    // An export whose header differs only by case or surrounding spaces is still the same column.
    hit ??= alternatives.map((a) => found.find((f) => f.trim().toLowerCase() === a.trim().toLowerCase())).find((f) => f !== undefined);
    if (hit === undefined && file.optional_columns.includes(column)) continue;
    if (hit === undefined) {
      const near = closestMatch(alternatives[0], found);
      const wanted = alternatives.map((a) => `"${a}"`).join(" or ");
      throw new MappingError(
        `files.${name}.columns.${column}: column ${wanted} not found in ${fileNames.join(", ")}` +
          `${near ? ` (closest: "${near}")` : ""}. Columns found: ${found.map((f) => `"${f}"`).join(", ")}`,
        [`files.${name}.columns.${column}: column ${wanted} not found`]
      );
    }
    resolved.set(column, hit);
  }
  return resolved;
}

/** Canonical columns this mapping writes, in contract order. */
export function outputColumns(name: ExportName, file: FileMapping, sourceColumns: Map<string, string>): string[] {
  return canonicalColumns(EXPORT_SPECS[name]).filter(
    (c) =>
      sourceColumns.has(c) ||
      c in file.constants ||
      (name === "opportunities" && c === "type" && file.derive_type !== undefined) ||
      (name === "accounts" && c === "owner" && file.derive_owner !== undefined)
  );
}

function numberSql(x: string, format: NumberFormat): string {
  let clean = x;
  if (format.thousands) clean = `replace(${clean}, ${sqlString(format.thousands)}, '')`;
  if (format.decimal === ",") clean = `replace(${clean}, ',', '.')`;
  const parsed = `try_cast(${clean} AS DECIMAL(38,8))`;
  // DECIMAL arithmetic, never DOUBLE: 1999 cents must become exactly 19.99.
  const value = format.cents ? `(${parsed} * CAST(0.01 AS DECIMAL(3,2)))` : parsed;
  const text = `regexp_replace(regexp_replace(CAST(${value} AS VARCHAR), '(\\.[0-9]*?)0+$', '\\1'), '\\.$', '')`;
  return `CASE WHEN ${parsed} IS NULL THEN ${x} ELSE ${text} END`;
}

export interface MapResult {
  columns: string[];
  rows: number;
  notes: string[];
}

/**
 * Creates `mapped_<name>` from the loaded source table: `_rid` (row order), the
 * canonical columns (VARCHAR), `_source_file`, `_source_line`.
 */
export async function mapFile(
  conn: DuckDBConnection,
  name: ExportName,
  file: FileMapping,
  sourceTable: string,
  sourceColumns: Map<string, string>
): Promise<MapResult> {
  const notes: string[] = [];
  const joins: string[] = [];
  const selects: string[] = [];
  const columns = outputColumns(name, file, sourceColumns);
  for (const [i, column] of columns.entries()) {
    const source = sourceColumns.get(column);
    let x: string;
    if (column in file.constants) x = sqlString(file.constants[column]);
    else if (source !== undefined) x = `nullif(trim(s.${sqlIdent(source)}), '')`;
    else x = "NULL::VARCHAR"; // derived later (type, owner)

    const values = file.values[column];
    if (values) {
      const vm = `vm_${name}_${i}`;
      const key = (k: string) => (values.case_insensitive ? k.trim().toLowerCase() : k.trim());
      const entries = new Map<string, string>();
      // First entry wins when two keys fold to the same case-insensitive key.
      for (const [k, v] of Object.entries(values.map)) if (!entries.has(key(k))) entries.set(key(k), v);
      await runSql(conn, `CREATE OR REPLACE TEMP TABLE ${vm} (k VARCHAR, v VARCHAR)`);
      if (entries.size) {
        await runSql(conn, `INSERT INTO ${vm} VALUES ${[...entries].map(([k, v]) => `(${sqlString(k)}, ${sqlString(v)})`).join(", ")}`);
      }
      const lookupKey = values.case_insensitive ? `lower(${x})` : x;
      joins.push(`LEFT JOIN ${vm} ON ${vm}.k = ${lookupKey}`);
      const empty = entries.has("") ? sqlString(entries.get("")!) : "NULL";
      const fallback = values.default !== undefined ? sqlString(values.default) : x;
      // Enum columns only: a value map elsewhere (product_id) corrects a few values and leaves the rest.
      if (values.default === undefined && (column === "stage" || column === "type")) {
        const unmapped = await queryRows<{value: string; n: number}>(
          conn,
          `SELECT ${x} AS value, count(*)::INTEGER AS n FROM ${sourceTable} s LEFT JOIN ${vm} ON ${vm}.k = ${lookupKey}
           WHERE ${x} IS NOT NULL AND ${vm}.v IS NULL GROUP BY ALL ORDER BY n DESC, value LIMIT 5`
        );
        if (unmapped.length) {
          notes.push(
            `${name}.${column}: values not in the value map, kept as they are: ` +
              unmapped.map((u) => `"${u.value}" (${u.n} rows)`).join(", ")
          );
        }
      }
      x = `CASE WHEN ${x} IS NULL THEN ${empty} ELSE coalesce(${vm}.v, ${fallback}) END`;
    }
    const dates = file.dates[column];
    if (dates) {
      const formats = Array.isArray(dates) ? dates : [dates];
      x = `coalesce(${formats.map((f) => dateSql(x, f)).join(", ")}, ${x})`;
    }
    const number = file.numbers[column];
    if (number) x = numberSql(x, number);
    const letterCase = file.case[column];
    if (letterCase) x = `${letterCase}(${x})`;
    selects.push(`${x} AS ${sqlIdent(column)}`);
  }
  await runSql(
    conn,
    `CREATE OR REPLACE TEMP TABLE mapped_${name} AS
     SELECT row_number() OVER (ORDER BY s._source_order, s._source_line) AS _rid, ${selects.join(", ")},
            s._source_file, s._source_line
     FROM ${sourceTable} s ${joins.join(" ")}`
  );
  const [{n}] = await queryRows<{n: number}>(conn, `SELECT count(*)::INTEGER AS n FROM mapped_${name}`);
  return {columns, rows: n, notes};
}
