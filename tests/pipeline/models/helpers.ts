/**
 * Test helper: builds the ingest → models contract (staging tables, run_params,
 * cfg_bands; DDL as loaders/sql/staging and ingest/run-params.ts make them) from small JS arrays, so
 * each model can be tested on a few hand-checked rows.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {openDatabase, queryRows, runSqlFile} from "../../../loaders/pipeline/db.js";
import {runModels, type ModelName} from "../../../loaders/pipeline/models/models.js";
import {runStagingModel} from "../../../loaders/pipeline/ingest/staging.js";

export const STAGING_DDL = {
  stg_accounts:
    "account_id VARCHAR, account_name VARCHAR, segment VARCHAR NOT NULL, region VARCHAR, industry VARCHAR, owner VARCHAR, in_target_profile BOOLEAN, created_on DATE, source_line BIGINT",
  stg_invoice_lines:
    "invoice_id VARCHAR, line_id VARCHAR, customer_id VARCHAR, product_id VARCHAR, invoiced_on DATE, amount DECIMAL(18,4), currency VARCHAR NOT NULL, source_line BIGINT",
  stg_opportunities:
    "opportunity_id VARCHAR, account_id VARCHAR, product_id VARCHAR, type VARCHAR, stage VARCHAR, amount DECIMAL(18,4), created_on DATE, closed_on DATE, owner VARCHAR, buying_center VARCHAR, source VARCHAR, currency VARCHAR NOT NULL, source_line BIGINT",
  stg_products: "product_id VARCHAR, product_name VARCHAR, product_family VARCHAR, is_core BOOLEAN NOT NULL",
  stg_account_map: "customer_id VARCHAR, account_id VARCHAR",
  stg_demand_units:
    "account_id VARCHAR, buying_center VARCHAR, product_id VARCHAR, need INTEGER, fit INTEGER, urgency INTEGER, relationship INTEGER, data INTEGER, resources INTEGER, assessed_on DATE",
  stg_fx_rates: "currency VARCHAR, month VARCHAR, rate DECIMAL(18,8)",
  run_params:
    "as_of DATE, period_start DATE, period_start_excl DATE, currency VARCHAR, grace_days INTEGER, tier_a DOUBLE, tier_b DOUBLE, tier_c DOUBLE, small_sample_min INTEGER, white_space_min_holders INTEGER",
  cfg_bands: "figure VARCHAR, segment VARCHAR, low DOUBLE, high DOUBLE"
} as const;

type Row = Record<string, unknown>;

export interface AccountIn {
  account_id: string;
  account_name?: string;
  segment?: string;
  region?: string | null;
  industry?: string | null;
  owner?: string | null;
  in_target_profile?: boolean | null;
}
/** [customer_id, product_id, invoiced_on, amount, currency?] */
export type LineIn = [string, string, string, number, string?];
export interface OpportunityIn {
  opportunity_id: string;
  account_id: string;
  product_id?: string | null;
  type: string;
  stage: string;
  amount?: number | null;
  created_on: string;
  closed_on?: string | null;
  owner?: string | null;
  buying_center?: string | null;
  source?: string | null;
  currency?: string;
}
export interface ProductIn {
  product_id: string;
  product_name?: string;
  product_family?: string | null;
  is_core?: boolean;
}
export interface DemandUnitIn {
  account_id: string;
  buying_center?: string | null;
  product_id: string;
  need: number;
  fit: number;
  urgency: number;
  relationship: number;
  data: number;
  resources: number;
  assessed_on?: string | null;
}

export interface Fixture {
  asOf: string;
  currency?: string;
  graceDays?: number;
  tiers?: [number, number, number];
  smallSampleMin?: number;
  whiteSpaceMinHolders?: number;
  accounts?: AccountIn[];
  lines?: LineIn[];
  opportunities?: OpportunityIn[];
  /** Default: every product seen in lines and opportunities, named by its id, core. */
  products?: ProductIn[];
  accountMap?: [string, string][];
  demandUnits?: DemandUnitIn[];
  /** [currency, month ('YYYY-MM') or null, rate] */
  fxRates?: [string, string | null, number][];
  /** Default: the spec's global bands. */
  bands?: {figure: string; segment: string | null; low: number | null; high: number | null}[];
}

export const DEFAULT_BANDS = [
  {figure: "cross_sell_rate", segment: null, low: 0.15, high: 0.3},
  {figure: "multi_product_rate", segment: null, low: 0.4, high: 0.6},
  {figure: "cross_sell_revenue_share", segment: null, low: 0.2, high: 0.4},
  {figure: "time_to_cross_sell_months", segment: null, low: 6, high: 12},
  {figure: "cross_sell_win_rate", segment: null, low: 0.3, high: 0.5},
  {figure: "new_business_win_rate", segment: null, low: 0.05, high: 0.2},
  {figure: "upsell_win_rate", segment: null, low: 0.3, high: 0.5},
  {figure: "full_suite_rate", segment: null, low: 0.7, high: null},
  {figure: "net_revenue_retention", segment: null, low: 1, high: 1.1},
  {figure: "gross_revenue_retention", segment: null, low: 0.9, high: 0.95}
];

function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return `'${String(v).replaceAll("'", "''")}'`;
}

async function createTable(conn: DuckDBConnection, name: keyof typeof STAGING_DDL, rows: Row[]): Promise<void> {
  const ddl = STAGING_DDL[name];
  await conn.run(`create or replace table ${name} (${ddl})`);
  if (rows.length === 0) return;
  // Split on commas outside parentheses (DECIMAL(18,4) has one inside).
  const columns = ddl.split(/,(?![^(]*\))/).map((c) => c.trim().split(" ")[0]);
  const values = rows.map((r) => `(${columns.map((c) => literal(r[c])).join(", ")})`).join(",\n");
  await conn.run(`insert into ${name} (${columns.join(", ")}) values ${values}`);
}

/** S = D - 12 months with the day clamped to the month's end, as ingest computes it. */
export function minusTwelveMonths(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

export function nextDay(iso: string): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/**
 * Creates every staging table, run_params and cfg_bands from the fixture, and the staging macros,
 * which the pipeline's ingest creates and every step after it may use (the fx conversion).
 */
export async function loadFixture(conn: DuckDBConnection, f: Fixture): Promise<void> {
  await runSqlFile(conn, "staging/_macros.sql");
  const currency = f.currency ?? "USD";
  const lines = f.lines ?? [];
  const opportunities = f.opportunities ?? [];
  await createTable(
    conn,
    "stg_accounts",
    (f.accounts ?? []).map((a, i) => ({
      account_name: a.account_id,
      segment: "Unknown",
      ...a,
      source_line: i + 2
    }))
  );
  await createTable(
    conn,
    "stg_invoice_lines",
    lines.map(([customer_id, product_id, invoiced_on, amount, cur], i) => ({
      invoice_id: `I${i + 1}`,
      line_id: "1",
      customer_id,
      product_id,
      invoiced_on,
      amount,
      currency: cur ?? currency,
      source_line: i + 2
    }))
  );
  // derived from the lines by its staging model, as ingest does
  await runStagingModel(conn, "stg_invoice_customers");
  await createTable(
    conn,
    "stg_opportunities",
    opportunities.map((o, i) => ({currency, ...o, source_line: i + 2}))
  );
  const seen = [...new Set([...lines.map((l) => l[1]), ...opportunities.flatMap((o) => (o.product_id ? [o.product_id] : []))])].sort();
  const products = f.products ?? seen.map((product_id) => ({product_id}));
  await createTable(
    conn,
    "stg_products",
    products.map((p) => ({product_name: p.product_id, product_family: null, is_core: true, ...p}))
  );
  await createTable(conn, "stg_account_map", (f.accountMap ?? []).map(([customer_id, account_id]) => ({customer_id, account_id})));
  await createTable(conn, "stg_demand_units", (f.demandUnits ?? []) as unknown as Row[]);
  await createTable(conn, "stg_fx_rates", (f.fxRates ?? []).map(([cur, month, rate]) => ({currency: cur, month, rate})));
  const periodStartExcl = minusTwelveMonths(f.asOf);
  const [a, b, c] = f.tiers ?? [0.5, 0.8, 0.95];
  await createTable(conn, "run_params", [
    {
      as_of: f.asOf,
      period_start: nextDay(periodStartExcl),
      period_start_excl: periodStartExcl,
      currency,
      grace_days: f.graceDays ?? 0,
      tier_a: a,
      tier_b: b,
      tier_c: c,
      small_sample_min: f.smallSampleMin ?? 5,
      white_space_min_holders: f.whiteSpaceMinHolders ?? 5
    }
  ]);
  await createTable(conn, "cfg_bands", f.bands ?? DEFAULT_BANDS);
}

export interface TestDb {
  conn: DuckDBConnection;
  rows<T = Row>(sql: string): Promise<T[]>;
  close(): void;
}

export async function openTestDb(): Promise<TestDb> {
  const db = await openDatabase({threads: 1});
  return {conn: db.conn, rows: (sql) => queryRows(db.conn, sql), close: () => db.close()};
}

/**
 * Loads the fixture and runs the models the test looks at, with the models they
 * read (all of them when none is named; the page context: tiers A, B, at most 250).
 */
export async function runFixture(f: Fixture, models?: ModelName | ModelName[]): Promise<TestDb> {
  const db = await openTestDb();
  await loadFixture(db.conn, f);
  await db.conn.run("create or replace table ctx_page_tiers as select * from (values ('A'), ('B')) t(tier)");
  await db.conn.run("create or replace table ctx_page_limit as select 250 as max_accounts");
  await runModels(db.conn, models);
  return db;
}
