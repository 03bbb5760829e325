/**
 * DuckDB helpers, the one copy for the pipeline, the tools and the tests: open
 * a database with bounded memory, run SQL text or a `.sql` file of loaders/sql,
 * read rows (all at once or in batches) as JSON-friendly objects, quote
 * literals and identifiers.
 */
import {readFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";

export const SQL_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "sql");

export interface OpenOptions {
  /** e.g. "1.5GB": DuckDB spills to tempDirectory beyond it. */
  memoryLimit?: string;
  tempDirectory?: string;
  threads?: number;
}

export interface Database {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  /** Another connection to the same database, with the same session settings as `conn` (the UTC zone). */
  connect(): Promise<DuckDBConnection>;
  close(): void;
}

/** A connection whose session zone is UTC: dates are calendar dates. */
async function connectUtc(instance: DuckDBInstance): Promise<DuckDBConnection> {
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  return conn;
}

/** Opens an in-memory database; dates are calendar dates, so the session zone is pinned to UTC. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  // No automatic checkpoints: in an in-memory database a checkpoint (every 16 MB of
  // changes by default) rewrites and compresses the tables written so far, which cost
  // seconds per staging model on exports of millions of rows, for tables that live a minute.
  // The allocator keeps freed memory cached up to these thresholds (128 MB and 512 MB by
  // default) before handing it back: resident memory beyond memory_limit, counted against
  // the run's peak (issue 13: ≤ 1.5 GB at benchmark scale) for memory that is not in use.
  const config: Record<string, string> = {
    memory_limit: options.memoryLimit ?? "1.5GB",
    checkpoint_threshold: "1TB",
    allocator_flush_threshold: "32MB",
    allocator_bulk_deallocation_flush_threshold: "64MB"
  };
  if (options.tempDirectory) config.temp_directory = options.tempDirectory;
  if (options.threads) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(":memory:", config);
  const conn = await connectUtc(instance);
  return {
    instance,
    conn,
    connect: () => connectUtc(instance),
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

/** Reads a `.sql` file relative to loaders/sql (e.g. "staging/stg_accounts.sql"). */
export function readSqlFile(relativePath: string): string {
  return readFileSync(join(SQL_DIR, relativePath), "utf8");
}

/** A model file's SELECT without its trailing semicolon, so that it can be wrapped in CREATE … AS. */
export function selectText(sql: string): string {
  return sql.trim().replace(/;\s*$/, "");
}

/**
 * Runs a `.sql` file relative to loaders/sql; errors name the file. `wrap`
 * turns the file's text into the statement to run (a model's SELECT into its
 * CREATE TABLE, loaders/pipeline/models/models.ts).
 */
export async function runSqlFile(
  conn: DuckDBConnection,
  relativePath: string,
  wrap: (sql: string) => string = (sql) => sql
): Promise<void> {
  const sql = wrap(readSqlFile(relativePath));
  try {
    await conn.run(sql);
  } catch (e) {
    throw new Error(`SQL model ${relativePath} failed: ${(e as Error).message}`);
  }
}

/**
 * Materialises a model file (relative to loaders/sql) as `name`: CREATE OR REPLACE TABLE (or VIEW)
 * around its SELECT; a failure names the file. The staging, intermediate and mart models all run
 * through here. PIPELINE_PROFILE_DIR=DIR: DuckDB's operator profile of each, as DIR/<name>.json
 * (README, Benchmark; loaders/tools/bench/profile.ts reads them).
 */
export async function materialiseModel(conn: DuckDBConnection, relativePath: string, name: string, as: "TABLE" | "VIEW" = "TABLE"): Promise<void> {
  const profileDir = process.env.PIPELINE_PROFILE_DIR;
  if (profileDir) await conn.run(`PRAGMA enable_profiling = 'json'; PRAGMA profiling_output = ${sqlString(join(resolve(profileDir), `${name}.json`))}`);
  try {
    await runSqlFile(conn, relativePath, (sql) => `CREATE OR REPLACE ${as} ${name} AS\n${selectText(sql)}`);
  } finally {
    if (profileDir) await conn.run("PRAGMA disable_profiling");
  }
}

type Params = Record<string, string | number | boolean | null>;

/** Zips DuckDB's column-major JSON values into row objects. */
function rowObjects<T>(names: string[], columns: unknown[][]): T[] {
  const rowCount = columns.length ? columns[0].length : 0;
  const rows = new Array<Record<string, unknown>>(rowCount);
  for (let i = 0; i < rowCount; i++) {
    const row: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j++) row[names[j]] = columns[j][i];
    rows[i] = row;
  }
  return rows as unknown as T[];
}

/**
 * A query's rows as plain objects with the values of getRowObjectsJson:
 * BIGINT/DECIMAL come back as strings, so cast in SQL where a number is wanted.
 * Converting column by column and zipping the rows here is about twice as fast
 * as getRowObjectsJson on the large output tables.
 */
export async function queryRows<T = Record<string, unknown>>(conn: DuckDBConnection, sql: string, params?: Params): Promise<T[]> {
  const reader = params ? await conn.runAndReadAll(sql, params as never) : await conn.runAndReadAll(sql);
  return rowObjects<T>(reader.columnNames(), reader.getColumnsJson() as unknown[][]);
}

/**
 * A query's rows in batches (one DuckDB chunk, about 2048 rows, at a time),
 * with the same values as queryRows, so that an output of millions of rows is
 * never held in memory at once. The query is streamed: DuckDB produces the
 * rows as they are consumed. Nothing else may run on `conn` until the
 * iteration ends.
 */
export async function* queryRowBatches<T = Record<string, unknown>>(conn: DuckDBConnection, sql: string): AsyncGenerator<T[]> {
  const result = await conn.stream(sql);
  const names = result.columnNames();
  for await (const values of result.yieldRowsJson()) {
    const rows = new Array<Record<string, unknown>>(values.length);
    for (let i = 0; i < values.length; i++) {
      const row: Record<string, unknown> = {};
      const v = values[i];
      for (let j = 0; j < names.length; j++) row[names[j]] = v[j];
      rows[i] = row;
    }
    if (rows.length) yield rows as unknown as T[];
  }
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
