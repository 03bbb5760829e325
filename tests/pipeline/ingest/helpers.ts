import type {DuckDBConnection} from "@duckdb/node-api";
import {openDatabase, queryRows, type Database} from "../../../loaders/pipeline/db.js";
import {ingest, type IngestResult} from "../../../loaders/pipeline/ingest/index.js";

export interface Ingested {
  db: Database;
  conn: DuckDBConnection;
  result: IngestResult;
}

/** Ingests a folder into a fresh in-memory database (caller closes db). */
export async function ingestFolder(inputDir: string, options: {mode?: "auto" | "billing" | "bookings"; currency?: string} = {}): Promise<Ingested> {
  const db = await openDatabase({memoryLimit: "512MB"});
  try {
    const result = await ingest(db.conn, {inputDir, currency: options.currency ?? "USD", mode: options.mode ?? "auto"});
    return {db, conn: db.conn, result};
  } catch (e) {
    db.close();
    throw e;
  }
}

export async function rejectsOf(conn: DuckDBConnection) {
  return queryRows<{file: string; line: number; column: string; value: string; reason: string}>(
    conn,
    `SELECT file, line::INTEGER AS line, "column", value, reason FROM ingest_rejects ORDER BY file, line`
  );
}
