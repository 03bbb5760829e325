/**
 * The intermediate and mart models and a small runner: each `.sql` file of
 * loaders/sql/intermediate and loaders/sql/marts is a pure SELECT materialised
 * as `create or replace table <file name> as <select>` (database helpers:
 * loaders/db.ts), in the order their FROM and JOIN clauses call for
 * (model-graph.ts).
 */
import {readdirSync, readFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {DuckDBConnection} from "@duckdb/node-api";
import {CONTRIBUTION_FIGURES, FIGURE_LIST} from "../../../src/catalog/index.js";
import {materialiseModel, queryRows, selectText, sqlString, SQL_DIR} from "../db.js";
import {displayPath, ModelOrderError, orderModels, readModelFolder, STAGING_NAME, tableReferences, withUpstream, type ModelNode, type OrderedModel} from "./model-graph.js";
import {STAGING_VIEWS} from "../ingest/staging.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** Catalog paths of SQL files are relative to the repository root. */
const REPO_ROOT = join(HERE, "..", "..", "..");

/**
 * The table runContributionModels builds from the catalog's contributions
 * models (with cfg_contribution_figures): a model without a .sql file of its
 * own, which reads what those files read.
 */
const CONTRIBUTIONS_MODEL = "int_figure_contributions";

/** A model's name: the file name of a .sql file of loaders/sql/intermediate or loaders/sql/marts. */
export type ModelName = string;

/**
 * Every model in run order, derived from what each reads (model-graph.ts):
 * the .sql files of loaders/sql/intermediate and loaders/sql/marts, and the
 * contributions table of the catalog's figures.
 */
export function modelOrder(sqlDir = SQL_DIR, figures = CONTRIBUTION_FIGURES): OrderedModel[] {
  const contributions: ModelNode = {
    name: CONTRIBUTIONS_MODEL,
    layer: "intermediate",
    file: "src/catalog/figures.ts (contributions models)",
    references: figures.flatMap((f) => tableReferences(readContributionsModel(f), f.model))
  };
  const order = orderModels([...readModelFolder(sqlDir), contributions]);
  const names = new Set(order.map((m) => m.name));
  const missing = FIGURE_LIST.filter((f) => "mart" in f.sql && !names.has(f.sql.mart));
  if (missing.length) {
    throw new ModelOrderError(
      `src/catalog/figures.ts: ${missing.map((f) => `figure ${f.id} is computed by ${(f.sql as {mart: string}).mart}`).join(", ")}, which is not a model (no such .sql file in ${displayPath(sqlDir)}/marts).`
    );
  }
  return order;
}

/** Materialises one model; a failure names the model file. */
async function runModel(conn: DuckDBConnection, model: OrderedModel): Promise<void> {
  if (model.name === CONTRIBUTIONS_MODEL) return runContributionModels(conn);
  await materialiseModel(conn, `${model.layer}/${model.name}.sql`, model.name);
}

/** The SELECT of a figure's contributions model (a path from the repository root). */
function readContributionsModel(figure: (typeof CONTRIBUTION_FIGURES)[number]): string {
  try {
    return selectText(readFileSync(resolve(REPO_ROOT, figure.model), "utf8"));
  } catch (e) {
    throw new Error(`The SQL of figure ${figure.id} (src/catalog/figures.ts) cannot be read: ${(e as Error).message}`);
  }
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
    const sql = readContributionsModel(f);
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
 * For each intermediate model, the last model in `order` that reads it: after
 * that one has run, nothing needs the table (the outputs are read from marts).
 * A table nobody reads is its own last reader. Each of the `sources` (staging
 * tables) that a model reads gets its last reader too; a model reading a
 * staging view also reads the `viewReads` of that view (the tables behind it).
 */
export function lastReaders(
  order: readonly OrderedModel[],
  sources: readonly string[] = [],
  viewReads: ReadonlyMap<string, readonly string[]> = new Map()
): Map<string, ModelName> {
  const last = new Map<string, ModelName>();
  for (const model of order) if (model.layer === "intermediate") last.set(model.name, model.name);
  for (const model of order) {
    for (const table of model.reads) if (last.has(table)) last.set(table, model.name);
    const read = model.sources.flatMap((table) => [table, ...(viewReads.get(table) ?? [])]);
    for (const table of read) if (sources.includes(table)) last.set(table, model.name);
  }
  return last;
}

/**
 * The staging tables and views (stg_*) the models may drop once spent, and what each view reads
 * besides its checked table: stg_invoice_lines reads stg_opportunities (the won deals in bookings
 * mode), which must outlive the view's last reader. Read off the views' own SQL.
 */
export function stagingSources(): {sources: string[]; viewReads: Map<string, string[]>} {
  const sources = readdirSync(join(SQL_DIR, "staging"))
    .filter((f) => f.endsWith(".sql"))
    .map((f) => f.slice(0, -".sql".length))
    .filter((name) => STAGING_NAME.test(name));
  const viewReads = new Map<string, string[]>();
  for (const [view, checked] of STAGING_VIEWS) {
    const file = `staging/${view}.sql`;
    const names = tableReferences(readFileSync(join(SQL_DIR, file), "utf8"), file).map((r) => r.name);
    viewReads.set(view, [...new Set(names)].filter((name) => name !== checked && sources.includes(name)));
  }
  return {sources, viewReads};
}

/** Drops a spent table; a staging view with the checked table behind it (a test may stage it as a table). */
async function dropSpentTable(conn: DuckDBConnection, table: string): Promise<void> {
  const behind = STAGING_VIEWS.get(table);
  if (!behind) {
    await conn.run(`drop table if exists ${table}`);
    return;
  }
  const [found] = await queryRows<{is_view: boolean}>(
    conn,
    `select table_type = 'VIEW' as is_view from information_schema.tables where table_name = ${sqlString(table)}`
  );
  if (found) await conn.run(found.is_view ? `drop view ${table}; drop table if exists ${behind}` : `drop table ${table}`);
}

/**
 * Runs every model, or only the `only` ones and the models they read (directly
 * or not): a test names the tables it looks at.
 * Intermediate tables are unordered sets (every reader joins or groups them),
 * so they are built with preserve_insertion_order off, which lets DuckDB write
 * them in parallel with less memory. Marts are built with it on: their rows are
 * read back in the order of their ORDER BY. The setting is restored afterwards.
 * With `dropSpent` (the pipeline), each intermediate table is dropped as soon as
 * the last model that reads it has run: at benchmark scale the pair windows and
 * revenue lines alone hold hundreds of MB that DuckDB would otherwise keep, or
 * spill, until the end of the run. So is every staging table (the million staged
 * opportunities, once int_opportunities has read them) and every staging view
 * over checked rows, with the table behind it (the 10M invoice lines: about 1 GB
 * that DuckDB otherwise spills to disk while the marts are built and written).
 * Nothing after the metrics reads a staging table: the manifest, the run
 * parameters and the rejects are made from them before.
 */
export async function runModels(
  conn: DuckDBConnection,
  only?: ModelName | readonly ModelName[],
  onModel?: (name: ModelName, ms: number) => void,
  options: {dropSpent?: boolean} = {}
): Promise<void> {
  const order = modelOrder();
  const models = only === undefined ? order : withUpstream(order, typeof only === "string" ? [only] : only);
  const spentAfter = new Map<ModelName, string[]>();
  if (options.dropSpent) {
    const {sources, viewReads} = stagingSources();
    for (const [table, reader] of lastReaders(models, sources, viewReads)) spentAfter.set(reader, [...(spentAfter.get(reader) ?? []), table]);
  }
  await createMacros(conn);
  const [{preserve}] = await queryRows<{preserve: boolean}>(
    conn,
    "select current_setting('preserve_insertion_order') as preserve"
  );
  try {
    for (const model of models) {
      await conn.run(`set preserve_insertion_order = ${model.layer === "intermediate" ? "false" : "true"}`);
      const started = performance.now();
      await runModel(conn, model);
      onModel?.(model.name, performance.now() - started);
      for (const table of spentAfter.get(model.name) ?? []) await dropSpentTable(conn, table);
    }
  } finally {
    await conn.run(`set preserve_insertion_order = ${preserve ? "true" : "false"}`);
  }
}
