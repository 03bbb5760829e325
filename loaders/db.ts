/**
 * DuckDB helpers: open a database with bounded memory, run SQL text or a `.sql`
 * file, read rows as JSON-friendly objects.
 */
import {readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";

export const SQL_DIR = join(dirname(fileURLToPath(import.meta.url)), "sql");

export interface OpenOptions {
  /** e.g. "1.5GB": DuckDB spills to tempDirectory beyond it. */
  memoryLimit?: string;
  tempDirectory?: string;
  threads?: number;
}

export interface Database {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  close(): void;
}

/** Opens an in-memory database; dates are calendar dates, so the session zone is pinned to UTC. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  // No automatic checkpoints: in an in-memory database a checkpoint (every 16 MB of
  // changes by default) rewrites and compresses the tables written so far, which cost
  // seconds per staging model on exports of millions of rows, for tables that live a minute.
  const config: Record<string, string> = {memory_limit: options.memoryLimit ?? "1.5GB", checkpoint_threshold: "1TB"};
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  if (options.threads) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(":memory:", config);
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  return {
    instance,
    conn,
    close() {
      conn.closeSync();
      instance.closeSync();
    }
  };
}

/** Runs one or more statements. */
export async function runSql(conn: DuckDBConnection, sql: string): Promise<void> {
  await conn.run(sql);
}

/** Reads a `.sql` file relative to loaders/sql (e.g. "staging/accounts.sql"). */
export function readSqlFile(relativePath: string): string {
  return readFileSync(join(SQL_DIR, relativePath), "utf8");
}

/** Runs a `.sql` file relative to loaders/sql; errors name the file. */
export async function runSqlFile(conn: DuckDBConnection, relativePath: string): Promise<void> {
  try {
    await conn.run(readSqlFile(relativePath));
  } catch (e) {
    throw new Error(`SQL model ${relativePath} failed: ${(e as Error).message}`);
  }
}

/** Rows as plain objects; BIGINT/DECIMAL come back as strings, so cast in SQL where a number is wanted. */
export async function queryRows<T = Record<string, unknown>>(
  conn: DuckDBConnection,
  sql: string,
  params?: Record<string, string | number | boolean | null>
): Promise<T[]> {
  const reader = params ? await conn.runAndReadAll(sql, params as never) : await conn.runAndReadAll(sql);
  return reader.getRowObjectsJson() as unknown as T[];
}

/**
 * Quotes a SQL string literal. A NUL character (a damaged export's bytes can put one in a
 * value that ends up in a statement) would end the statement text early in DuckDB's
 * parser, so it is written as chr(0), the value then being an expression.
 */
export function sqlString(value: string): string {
  const literal = `'${value.replace(/'/g, "''")}'`;
  return value.includes("\0") ? `(${literal.split("\0").join("' || chr(0) || '")})` : literal;
}

/** Quotes an identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
