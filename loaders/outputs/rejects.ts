/**
 * rejects.csv: written by DuckDB straight from `ingest_rejects` (it can hold
 * millions of rows), sorted by file then line so two runs give the same bytes.
 * Checked against the rejects schema: every row in SQL (cheap invariants), and
 * the first rows through zod.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {rejectsSchema} from "../../src/schemas/run.js";
import {queryRows, runSql, sqlString} from "../db.js";
import {validateOutput} from "./validate.js";

export interface RejectRow {
  file: string;
  line: number;
  column: string;
  value: string;
  reason: string;
}

const ORDERED = `SELECT file, line, "column", value, reason FROM ingest_rejects ORDER BY file, line, "column"`;

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
  await runSql(conn, `COPY (${ORDERED}) TO ${sqlString(path)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')`);
  const [{n}] = await queryRows<{n: number}>(conn, `SELECT count(*)::INTEGER AS n FROM ingest_rejects`);
  return n;
}

/** One reject as a line for a terminal message. */
export function describeReject(r: RejectRow): string {
  const value = r.value.length > 60 ? r.value.slice(0, 57) + "..." : r.value;
  return `${r.file} line ${r.line}${r.column ? `, column ${r.column}` : ""}: ${JSON.stringify(value)} — ${r.reason}`;
}
