/**
 * The metrics half of the pipeline: given the staging tables, run_params and
 * cfg_bands in `conn`, run the intermediate and mart models and return one
 * value per metrics-produced output file of OUTPUT_FILES (keyed by its name).
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {DIMENSION_IDS} from "../../../src/catalog/index.js";
import type {Config} from "../config.js";
import {sqlString} from "../db.js";
import type {Mode} from "../ingest/index.js";
import {readKpis} from "./kpis.js";
import {isTableSource, tableSource} from "../outputs/table-source.js";
import {queryRows} from "../db.js";
import {runModels} from "./models.js";

/** What the metrics models receive besides the database (built by loaders/pipeline/run.ts). */
export interface MetricsContext {
  config: Config;
  mode: Mode;
  asOf: string;
  periodStart: string;
  periodStartExcl: string;
  currency: string;
  /** Tiers whose accounts get their own page, and the most pages there may be (config top_accounts). */
  topAccounts: {tiers: string[]; max: number};
  log: (message: string) => void;
  /** Called by the models after each one, with its duration (progress and run.json steps). */
  onModel?: (name: string, ms: number) => void;
}

/** The part of the context the models read (the rest is in run_params and cfg_bands). */
export type ModelContext = Pick<MetricsContext, "topAccounts" | "onModel">;

/** Mart → output key for the marts that are written as they are. */
const TABLE_OUTPUTS = {
  ttc_accounts: "mart_ttc_accounts",
  ttc_cohorts: "mart_ttc_cohorts",
  adjacency: "mart_adjacency",
  affinity: "mart_affinity",
  penetration: "mart_penetration",
  white_space: "mart_white_space",
  tiers: "mart_tiers",
  accounts: "mart_accounts",
  demand_units: "mart_demand_units",
  next_best_product: "mart_next_best_product",
  win_rates: "mart_win_rates",
  open_pipeline: "mart_open_pipeline",
  products: "mart_products",
  account_history: "mart_account_history",
  account_opportunities: "mart_account_opportunities",
  revenue_bridge: "mart_revenue_bridge",
  retention_accounts: "mart_retention_accounts"
} as const;

/** The page settings as tables, so that the models stay pure SQL. */
async function createContextTables(conn: DuckDBConnection, ctx: ModelContext): Promise<void> {
  const tiers = ctx.topAccounts.tiers.map((t) => `(${sqlString(t)})`).join(", ");
  await conn.run(
    `create or replace table ctx_page_tiers as select * from (values ${tiers || "(NULL)"}) as t(tier) where tier is not null`
  );
  await conn.run(
    `create or replace table ctx_page_limit as select ${Math.max(0, Math.floor(ctx.topAccounts.max))}::integer as max_accounts`
  );
}

/**
 * The outputs with every table-shaped one as a table source (the query of its
 * rows, in file order) rather than an array: the pipeline streams those to
 * disk in batches (loaders/pipeline/outputs/write.ts), so demand_units.json and the like
 * are never held in memory. The small ones (kpis.json from mart_kpis, tiers.json)
 * are read here as values.
 */
export async function computeOutputSources(conn: DuckDBConnection, ctx: ModelContext): Promise<Record<string, unknown>> {
  await createContextTables(conn, ctx);
  // Only the marts are read from here on: intermediate tables go as soon as they are spent.
  await runModels(conn, undefined, ctx.onModel, {dropSpent: true});
  return readOutputSources(conn);
}

/** The outputs of the materialised marts: table sources, and kpis.json and tiers.json read as values. */
export async function readOutputSources(conn: DuckDBConnection): Promise<Record<string, unknown>> {
  const outputs: Record<string, unknown> = {};
  for (const [key, table] of Object.entries(TABLE_OUTPUTS)) {
    outputs[key] = tableSource(`select * from ${table}`);
  }
  // Filters keep mart_figures' row order (scans and filters preserve insertion order).
  outputs.figures = tableSource(`select * from mart_figures where dimension = 'all' or is_current`);
  for (const dimension of DIMENSION_IDS) {
    outputs[`figures_by_${dimension}`] = tableSource(`select * from mart_figures where dimension = ${sqlString(dimension)}`);
  }

  outputs.tiers = await queryRows(conn, "select * from mart_tiers");
  outputs.kpis = await readKpis(conn);
  return outputs;
}

/** computeOutputSources with every table source read into an array (tests, small inputs). */
export async function computeOutputs(conn: DuckDBConnection, ctx: ModelContext): Promise<Record<string, unknown>> {
  const outputs = await computeOutputSources(conn, ctx);
  for (const [key, value] of Object.entries(outputs)) {
    if (isTableSource(value)) outputs[key] = await queryRows(conn, value.sql);
  }
  return outputs;
}
