/**
 * rejects.csv: written by DuckDB straight from `ingest_rejects` (it can hold
 * millions of rows), sorted by file then line so two runs give the same bytes.
 * It is meant for people, who open it in a spreadsheet: every text cell goes
 * through the formula guard (csv-safe.ts); loaders/text/csv.ts
 * `parseGuardedCsvObjects` undoes it.
 * Checked against the rejects schema: every row in SQL (cheap invariants), and
 * the first rows through zod.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {rejectsSchema} from "../../../src/schemas/run.js";
import {queryRows, runSql, sqlString} from "../db.js";
import {csvSafeSql} from "./csv-safe.js";
import {validateOutput} from "./validate.js";

export interface RejectRow {
  file: string;
  line: number;
  column: string;
  value: string;
  reason: string;
}

const ORDER = `ORDER BY r.file, r.line, r."column"`;
const ORDERED = `SELECT file, line, "column", value, reason FROM ingest_rejects r ${ORDER}`;
/** The same rows as written to the file: text cells neutralised for spreadsheets. */
const ORDERED_SAFE =
  `SELECT ${csvSafeSql("r.file")} AS file, r.line, ${csvSafeSql('r."column"')} AS "column", ` +
  `${csvSafeSql("r.value")} AS value, ${csvSafeSql("r.reason")} AS reason FROM ingest_rejects r ${ORDER}`;

/** The first `limit` rejects in report order. */
export async function firstRejects(conn: DuckDBConnection, limit: number): Promise<RejectRow[]> {
  const rows = await queryRows<RejectRow>(
    conn,
    `SELECT file, line::INTEGER AS line, "column", value, reason FROM (${ORDERED}) LIMIT ${Math.floor(limit)}`
  );
  return rows;
}

export async function writeRejectsCsv(conn: DuckDBConnection, path: string): Promise<number> {
  const [{bad}] = await queryRows<{bad: number}>(
    conn,
    `SELECT count(*)::INTEGER AS bad FROM ingest_rejects WHERE line < 1 OR file IS NULL OR reason IS NULL OR reason = ''`
  );
  if (bad) throw new Error(`Bug: ${bad} rows of rejects.csv have no file, no reason or a line below 1.`);
  validateOutput("rejects.csv", rejectsSchema, await firstRejects(conn, 10_000));
  await runSql(conn, `COPY (${ORDERED_SAFE}) TO ${sqlString(path)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')`);
  const [{n}] = await queryRows<{n: number}>(conn, `SELECT count(*)::INTEGER AS n FROM ingest_rejects`);
  return n;
}

/** One reject as a line for a terminal message. */
export function describeReject(r: RejectRow): string {
  const value = r.value.length > 60 ? r.value.slice(0, 57) + "..." : r.value;
  return `${r.file} line ${r.line}${r.column ? `, column ${r.column}` : ""}: ${JSON.stringify(value)} — ${r.reason}`;
}
