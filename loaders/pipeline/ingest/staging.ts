/**
 * Runs the staging models of loaders/sql/staging, the same way loaders/pipeline/models/models.ts runs
 * the intermediate and mart ones: each `.sql` file is one SELECT named after the table it makes
 * (materialised here as `CREATE OR REPLACE TABLE <file name> AS <select>`). Per export:
 * chk_<name> (typed rows with the row rule they break), chk_<name>_late (the rows breaking a
 * rule beyond the row), whose rules are then written into chk_<name>.rule, and stg_<name>
 * (the valid rows). ingest_rejects.sql writes every broken rule into ingest_rejects.
 * The order of the exports is ingest/index.ts's.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {materialiseModel, queryRows, runSql, runSqlFile, sqlIdent} from "../db.js";
import type {ExportName} from "./files.js";

/** Materialises one staging model as a table (or a view); a failure names the model file. */
export async function runStagingModel(conn: DuckDBConnection, name: string, as: "TABLE" | "VIEW" = "TABLE"): Promise<void> {
  await materialiseModel(conn, `staging/${name}.sql`, name, as);
}

/**
 * The rules beyond the row of one export, once chk_<name> holds every record: chk_<name>_late
 * lists the rows breaking one (by rowid), and their rule goes into chk_<name>, which then
 * holds every rule broken (a row breaks at most one: the late rules look at valid rows only).
 * Updated in place rather than copied: the invoice lines' checked table runs to millions of
 * rows and its rowid is the record's rank.
 */
export async function applyLateRules(conn: DuckDBConnection, name: ExportName): Promise<void> {
  await runStagingModel(conn, `chk_${name}_late`);
  await runSql(conn, `UPDATE chk_${name} SET rule = late.rule FROM chk_${name}_late AS late WHERE chk_${name}.rowid = late.rid`);
  if (STAGED_EARLY.has(name)) await stageEarly(conn, name);
}

/**
 * Exports staged as soon as their rules are all in, before the invoice lines are read (ingest/index.ts
 * reads the opportunities first): stg_opportunities does not read the lines. Their checked table is
 * then cut down to its rule, all ingest_rejects.sql still reads of it (its rowid, the record rank,
 * stays: the copy keeps the row order). At benchmark scale the lines' millions of rows fill DuckDB's
 * memory_limit: made after them, stg_opportunities read its million checked rows (19 columns) back
 * from the spill (its profile, back to back on a busy machine: 2.7 CPU-s, now 0.7); now only their
 * rules are kept through the lines' read.
 */
const STAGED_EARLY: ReadonlySet<ExportName> = new Set(["opportunities"]);

async function stageEarly(conn: DuckDBConnection, name: ExportName): Promise<void> {
  await runStagingModel(conn, `stg_${name}`);
  await runSql(conn, `CREATE OR REPLACE TABLE chk_${name} AS SELECT rule FROM chk_${name}`);
}

/**
 * Staging tables, each after the ones it reads: stg_invoice_lines reads stg_opportunities (won
 * deals in bookings mode, staged early: STAGED_EARLY), stg_products the lines and opportunities
 * (the catalog inferred without products.csv). stg_invoice_lines is a view: its millions of rows
 * are not copied again.
 */
const STAGED_ORDER: ExportName[] = ["accounts", "fx_rates", "account_map", "demand_units", "invoice_lines", "products"];
const VIEWS: ReadonlySet<ExportName> = new Set(["invoice_lines"]);

/**
 * Each staging view (stg_<name>) with the checked table behind it (chk_<name>): once the metrics
 * models have read the view for the last time, the pipeline drops both (models.ts, dropSpent).
 * Everything else read off them (rejects, counts, run parameters, the manifest) comes first.
 */
export const STAGING_VIEWS: ReadonlyMap<string, string> = new Map([...VIEWS].map((name) => [`stg_${name}`, `chk_${name}`]));

/**
 * The tables only the checks needed, dropped once ingest is done (the pipeline, before the metrics):
 * the raw copies (raw_<name>), the checked rows (chk_<name>, chk_<name>_late) and the line maps of
 * the records (lines_<name>_records). Every valid row is in its stg_<name> by then and every broken
 * one in ingest_rejects. The checked table behind a staging view stays until the metrics have read
 * the view (STAGING_VIEWS), as does lines_<name>, which line_of_<name> reads. At benchmark scale
 * this frees the accounts' raw and checked copies (200k rows each) and the opportunities' rules,
 * which DuckDB would otherwise keep, or spill to disk, through the whole run.
 */
export async function dropIngestOnlyTables(conn: DuckDBConnection): Promise<void> {
  const behindViews = new Set(STAGING_VIEWS.values());
  const tables = await queryRows<{name: string}>(
    conn,
    `SELECT table_name AS name FROM duckdb_tables()
     WHERE regexp_matches(table_name, '^(raw|chk)_') OR regexp_matches(table_name, '^lines_.*_records$')`
  );
  for (const {name} of tables) if (!behindViews.has(name)) await runSql(conn, `DROP TABLE ${sqlIdent(name)}`);
}

/**
 * Every stg_<name> from the checked tables, stg_invoice_customers (the lines' customers, once),
 * then every broken rule into ingest_rejects.
 */
export async function stageCheckedExports(conn: DuckDBConnection): Promise<void> {
  for (const name of STAGED_ORDER) await runStagingModel(conn, `stg_${name}`, VIEWS.has(name) ? "VIEW" : "TABLE");
  await runStagingModel(conn, "stg_invoice_customers");
  await runSqlFile(conn, "staging/ingest_rejects.sql");
}
