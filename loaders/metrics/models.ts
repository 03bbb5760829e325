/**
 * The intermediate and mart models, in dependency order, and a small runner:
 * each `.sql` file of loaders/sql is a pure SELECT materialised as `create or
 * replace table <file name> as <select>` (database helpers: loaders/db.ts).
 */
import {readFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {DuckDBConnection} from "@duckdb/node-api";
import {CONTRIBUTION_FIGURES} from "../../src/catalog/index.js";
import {queryRows, runSqlFile, sqlString, SQL_DIR} from "../db.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** Catalog paths of SQL files are relative to the repository root. */
const REPO_ROOT = join(HERE, "..", "..");

/** Intermediate models, each after the models it reads. */
export const INTERMEDIATE_MODELS = [
  "int_customer_accounts",
  "int_accounts",
  "int_revenue_lines",
  "int_opportunities",
  "int_open_opportunities",
  "int_pair_adoption",
  "int_account_journey",
  "int_asof_dates",
  "int_asof_roles",
  "int_eval_windows",
  "int_day_buckets",
  "int_pair_buckets",
  "int_pair_windows",
  "int_account_windows",
  "int_white_space_potential",
  "int_account_asof",
  "int_retention_pairs_at_d",
  "int_pairs_at_d",
  "int_account_tiers",
  "int_account_dims",
  "int_cuts",
  "int_account_cuts",
  "int_account_pages",
  "int_affinity",
  "int_white_space_at_d"
] as const;

/**
 * Mart models: one per output table. mart_figures reads mart_revenue_bridge
 * (net and gross revenue retention per cut), mart_kpis reads mart_figures,
 * mart_accounts reads mart_demand_units.
 */
export const MART_MODELS = [
  "mart_revenue_bridge",
  "mart_figures",
  "mart_tiers",
  "mart_kpis",
  "mart_ttc_accounts",
  "mart_ttc_cohorts",
  "mart_adjacency",
  "mart_affinity",
  "mart_penetration",
  "mart_white_space",
  "mart_products",
  "mart_demand_units",
  "mart_next_best_product",
  "mart_accounts",
  "mart_win_rates",
  "mart_open_pipeline",
  "mart_account_history",
  "mart_account_opportunities",
  "mart_retention_accounts"
] as const;

export type ModelName = (typeof INTERMEDIATE_MODELS)[number] | (typeof MART_MODELS)[number];

/** The model's file, relative to loaders/sql. */
export function modelFile(name: ModelName): string {
  return `${name.startsWith("int_") ? "intermediate" : "marts"}/${name}.sql`;
}

/** Removes a trailing semicolon so the SELECT can be wrapped in CREATE TABLE AS. */
function selectText(sql: string): string {
  return sql.trim().replace(/;\s*$/, "");
}

/** Materialises one model; a failure names the model file. */
export async function runModel(conn: DuckDBConnection, name: ModelName): Promise<void> {
  await runSqlFile(conn, modelFile(name), (sql) => `create or replace table ${name} as\n${selectText(sql)}`);
}

/**
 * The figures the catalog computes from contributions models (FigureSql):
 * cfg_contribution_figures lists them with the words of their reason, and
 * int_figure_contributions holds the rows of every model, tagged with the
 * figure, for mart_figures to sum per cut. The only SQL assembled here is the
 * UNION ALL of the model files the catalog names; each stays a plain SELECT.
 */
export async function runContributionModels(conn: DuckDBConnection, figures = CONTRIBUTION_FIGURES): Promise<void> {
  const listed = figures.map((f) => `select ${sqlString(f.id)} as figure, ${sqlString(f.undefinedReason)} as undefined_reason`);
  await conn.run(
    `create or replace table cfg_contribution_figures as ${
      listed.join(" union all ") || "select null::varchar as figure, null::varchar as undefined_reason where false"
    }`
  );
  const parts = figures.map((f) => {
    const path = resolve(REPO_ROOT, f.model);
    let sql: string;
    try {
      sql = selectText(readFileSync(path, "utf8"));
    } catch (e) {
      throw new Error(`The SQL of figure ${f.id} (src/catalog/figures.ts) cannot be read: ${(e as Error).message}`);
    }
    return `select ${sqlString(f.id)} as figure, as_of::date as as_of, account_id::varchar as account_id,
      numerator::double as numerator, denominator::double as denominator
    from (\n${sql}\n) as contributions`;
  });
  const union =
    parts.join("\nunion all\n") ||
    "select null::varchar as figure, null::date as as_of, null::varchar as account_id, null::double as numerator, null::double as denominator where false";
  try {
    await conn.run(`create or replace table int_figure_contributions as\n${union}`);
  } catch (e) {
    throw new Error(`A contributions model of ${figures.map((f) => f.model).join(", ")} failed: ${(e as Error).message}`);
  }
}

/** The macros the models use (band_status, share_score). */
export async function createMacros(conn: DuckDBConnection): Promise<void> {
  await conn.run(readFileSync(join(import.meta.dirname, "macros.sql"), "utf8"));
}

/**
 * For each intermediate model, the last model (in run order) whose SQL names it:
 * after that one, nothing reads the table. A name in a comment counts too (a
 * table kept too long costs memory, one dropped too early fails the run). The
 * catalog's contributions models run with mart_figures, so their SQL counts as its.
 */
export function lastReaders(sqlOf: (name: ModelName) => string): Map<ModelName, ModelName> {
  const order = [...INTERMEDIATE_MODELS, ...MART_MODELS];
  const texts = order.map((name) => sqlOf(name));
  const last = new Map<ModelName, ModelName>();
  for (const table of INTERMEDIATE_MODELS) {
    const named = new RegExp(`\\b${table}\\b`);
    let reader: ModelName = table;
    order.forEach((name, i) => {
      if (name !== table && named.test(texts[i])) reader = name;
    });
    last.set(table, reader);
  }
  return last;
}

function modelText(name: ModelName, figures = CONTRIBUTION_FIGURES): string {
  const own = readFileSync(join(SQL_DIR, modelFile(name)), "utf8");
  if (name !== "mart_figures") return own;
  return [own, ...figures.map((f) => readFileSync(resolve(REPO_ROOT, f.model), "utf8"))].join("\n");
}

/**
 * Runs every model up to and including `last` (all of them by default).
 * Intermediate tables are unordered sets (every reader joins or groups them),
 * so they are built with preserve_insertion_order off, which lets DuckDB write
 * them in parallel with less memory. Marts are built with it on: their rows are
 * read back in the order of their ORDER BY. The setting is restored afterwards.
 * With `dropSpent` (the pipeline), each intermediate table is dropped as soon as
 * the last model that reads it has run: at benchmark scale the pair buckets and
 * revenue lines alone hold hundreds of MB that DuckDB would otherwise keep, or
 * spill, until the end of the run.
 */
export async function runModels(
  conn: DuckDBConnection,
  last?: ModelName,
  onModel?: (name: ModelName, ms: number) => void,
  options: {dropSpent?: boolean} = {}
): Promise<void> {
  await createMacros(conn);
  const spentAfter = new Map<ModelName, ModelName[]>();
  if (options.dropSpent) {
    for (const [table, reader] of lastReaders((name) => modelText(name))) spentAfter.set(reader, [...(spentAfter.get(reader) ?? []), table]);
  }
  const [{preserve}] = await queryRows<{preserve: boolean}>(
    conn,
    "select current_setting('preserve_insertion_order') as preserve"
  );
  try {
    for (const name of [...INTERMEDIATE_MODELS, ...MART_MODELS]) {
      await conn.run(`set preserve_insertion_order = ${name.startsWith("int_") ? "false" : "true"}`);
      // The figures added as contributions models read the intermediate tables; mart_figures reads them.
      if (name === "mart_figures") await runContributionModels(conn);
      const started = performance.now();
      await runModel(conn, name);
      onModel?.(name, performance.now() - started);
      for (const table of spentAfter.get(name) ?? []) await conn.run(`drop table if exists ${table}`);
      if (name === last) return;
    }
  } finally {
    await conn.run(`set preserve_insertion_order = ${preserve ? "true" : "false"}`);
  }
}
