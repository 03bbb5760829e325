/**
 * A stand-in for loaders/pipeline/models computeOutputs, for tests of the ingest and
 * publication side only (so they do not depend on the metrics models): every
 * table is empty, kpis are "not enough data" at the run's real dates, tiers
 * are the four empty tiers. End-to-end tests use the real models.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows} from "../../loaders/pipeline/db.js";
import type {MetricsContext} from "../../loaders/pipeline/run.js";
import {OUTPUT_FILES} from "../../src/schemas/index.js";

export async function stubComputeOutputs(conn: DuckDBConnection, ctx: MetricsContext): Promise<Record<string, unknown>> {
  const [p] = await queryRows<{as_of: string; period_start: string}>(
    conn,
    `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, strftime(period_start, '%Y-%m-%d') AS period_start FROM run_params`
  );
  const band = (f: keyof MetricsContext["config"]["bands"]) => ({low: ctx.config.bands[f].low ?? 0, high: ctx.config.bands[f].high, status: null});
  const reason = "not enough data (test stand-in)";
  const ratio = (f: keyof MetricsContext["config"]["bands"]) => ({value: null, numerator: 0, denominator: 0, ...band(f), reason});
  const win = (f: keyof MetricsContext["config"]["bands"]) => ({value: null, won: 0, lost: 0, value_weighted: null, ...band(f), reason});
  const tiers = ["A", "B", "C", "D"].map((tier) => ({tier, accounts: 0, revenue: 0}));
  const out: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(OUTPUT_FILES)) if (entry.producer === "metrics") out[name] = [];
  out.kpis = {
    as_of: p.as_of,
    period_start: p.period_start,
    currency: ctx.currency,
    kpis: {
      cross_sell_rate: ratio("cross_sell_rate"),
      multi_product_rate: ratio("multi_product_rate"),
      cross_sell_revenue_share: ratio("cross_sell_revenue_share"),
      time_to_cross_sell_months: {value: null, p25: null, p75: null, count: 0, ...band("time_to_cross_sell_months"), reason},
      cross_sell_win_rate: win("cross_sell_win_rate"),
      new_business_win_rate: win("new_business_win_rate"),
      upsell_win_rate: win("upsell_win_rate"),
      products_per_customer: {value: null, reason},
      full_suite_rate: ratio("full_suite_rate"),
      revenue_at_full_cross_sell: {value: null, ratio: null, white_space: 0, reason},
      net_revenue_retention: ratio("net_revenue_retention"),
      gross_revenue_retention: ratio("gross_revenue_retention")
    },
    revenue_bridge: {
      starting: 0, new_business: 0, returning: 0, cross_sell_expansion: 0, upsell_expansion: 0,
      contraction: 0, churn: 0, ending: 0, cross_sell_share_of_expansion: null
    },
    tiers
  };
  out.tiers = tiers.map((t) => ({...t, revenue_share: null, cumulative_account_share: null, mean_products_held: null}));
  return out;
}
