/**
 * The run's parameters as tables, so that SQL models stay pure: `run_params`
 * (one row: as-of D, period start, S, currency, tiers, thresholds) and
 * `cfg_bands` (every band in force, global rows with segment NULL).
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {bandRows, type Config} from "../config.js";
import {queryRows, runSql, sqlString} from "../db.js";
import type {AsOfRule, FutureDatedLines} from "../../../src/schemas/run.js";
import {InputError} from "./index.js";

export interface RunDates {
  as_of: string;
  as_of_rule: AsOfRule;
  period_start: string;
  period_start_excl: string;
  earliest_invoice_on: string | null;
  latest_invoice_on: string | null;
  /** Loaded lines dated after as_of: outside every figure, reported on the data-quality page. */
  future_dated_lines: FutureDatedLines;
}

function sqlNumber(value: number | null): string {
  return value === null ? "NULL" : String(value);
}

/**
 * As-of D = configured date, else the latest loaded invoice date on or before the run date
 * `today` (a line dated in the future, a typo or an invoice scheduled ahead, must not move
 * the report there); S = D - 12 months (day clamped).
 */
export async function createRunParams(conn: DuckDBConnection, config: Config, today: string): Promise<RunDates> {
  const [range] = await queryRows<{earliest: string | null; latest: string | null; latest_by_today: string | null}>(
    conn,
    `SELECT strftime(min(invoiced_on), '%Y-%m-%d') AS earliest, strftime(max(invoiced_on), '%Y-%m-%d') AS latest,
            strftime(max(invoiced_on) FILTER (WHERE invoiced_on <= DATE ${sqlString(today)}), '%Y-%m-%d') AS latest_by_today
     FROM stg_invoice_lines`
  );
  const asOf = config.as_of ?? range.latest_by_today;
  if (!asOf) {
    throw new InputError(
      range.earliest === null
        ? "No billing lines were loaded and no as-of date is configured, so there is no date to report at: " +
            "pass --as-of YYYY-MM-DD (or set as_of in the configuration file), or provide invoice lines."
        : `Every billing line is dated after the run date ${today} (the earliest on ${range.earliest}) and no as-of date ` +
            "is configured, so there is no date to report at: pass --as-of YYYY-MM-DD (or set as_of in the configuration " +
            "file), or --today YYYY-MM-DD if the run date is not the one meant."
    );
  }
  await runSql(
    conn,
    `CREATE OR REPLACE TABLE run_params AS
     WITH d AS (SELECT DATE ${sqlString(asOf)} AS as_of)
     SELECT
       as_of,
       CAST(as_of - INTERVAL 12 MONTH AS DATE) + 1 AS period_start,
       CAST(as_of - INTERVAL 12 MONTH AS DATE) AS period_start_excl,
       ${sqlString(config.currency)} AS currency,
       CAST(${config.grace_days} AS INTEGER) AS grace_days,
       CAST(${config.tiers.a} AS DOUBLE) AS tier_a,
       CAST(${config.tiers.b} AS DOUBLE) AS tier_b,
       CAST(${config.tiers.c} AS DOUBLE) AS tier_c,
       CAST(${config.small_sample_min} AS INTEGER) AS small_sample_min,
       CAST(${config.white_space_min_holders} AS INTEGER) AS white_space_min_holders
     FROM d`
  );
  const values = bandRows(config)
    .map((b) => `(${sqlString(b.figure)}, ${b.segment === null ? "NULL" : sqlString(b.segment)}, ${sqlNumber(b.low)}, ${sqlNumber(b.high)})`)
    .join(", ");
  await runSql(
    conn,
    `CREATE OR REPLACE TABLE cfg_bands (figure VARCHAR, segment VARCHAR, low DOUBLE, high DOUBLE);
     INSERT INTO cfg_bands VALUES ${values};`
  );
  const [dates] = await queryRows<{as_of: string; period_start: string; period_start_excl: string}>(
    conn,
    `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, strftime(period_start, '%Y-%m-%d') AS period_start,
            strftime(period_start_excl, '%Y-%m-%d') AS period_start_excl FROM run_params`
  );
  return {
    ...dates,
    as_of_rule: config.as_of === undefined ? "latest_invoice_on_or_before_run_date" : "configured",
    earliest_invoice_on: range.earliest,
    latest_invoice_on: range.latest,
    future_dated_lines: await futureDatedLines(conn)
  };
}

/**
 * The loaded lines matching `where` (on stg_invoice_lines AS l, narrowed first by the joins
 * `narrow`) with their revenue in the reporting currency, as int_revenue_lines converts it (the
 * staging macros reporting_rate and in_reporting_currency). Needs run_params.
 */
function revenueLinesSql(where: string, narrow = ""): string {
  return `SELECT l.customer_id, l.invoiced_on,
            in_reporting_currency(l.amount, reporting_rate(l.currency, params.reporting_currency, monthly.rate, standing.rate)) AS revenue
     FROM stg_invoice_lines l
     ${narrow}
     CROSS JOIN (SELECT currency AS reporting_currency FROM run_params) params
     LEFT JOIN (SELECT currency, month, rate FROM stg_fx_rates) monthly
       ON monthly.currency = l.currency AND monthly.month = strftime(l.invoiced_on, '%Y-%m')
     LEFT JOIN (SELECT currency, rate FROM stg_fx_rates WHERE month IS NULL) standing
       ON standing.currency = l.currency
     WHERE ${where}`;
}

/** A sum of revenue, exact in DECIMAL and then a number (the same for the same lines, whatever their order). */
const REVENUE_SUM = "CAST(sum(CAST(revenue AS DECIMAL(38, 8))) AS DOUBLE)";

/** Lines dated after the as-of date: how many, their first and last date, their revenue. */
async function futureDatedLines(conn: DuckDBConnection): Promise<FutureDatedLines> {
  const [row] = await queryRows<FutureDatedLines>(
    conn,
    `WITH lines AS (${revenueLinesSql("l.invoiced_on > (SELECT as_of FROM run_params)")})
     SELECT count(*)::INTEGER AS count, strftime(min(invoiced_on), '%Y-%m-%d') AS first,
            strftime(max(invoiced_on), '%Y-%m-%d') AS last, coalesce(${REVENUE_SUM}, 0) AS amount
     FROM lines`
  );
  return row;
}

/**
 * Billing customers that are neither mapped by account_map nor a CRM account_id: lines and revenue
 * (reporting currency). Found among the customers of stg_invoice_customers (thousands of rows, their
 * lines counted at ingest) with anti joins rather than NOT IN: both ids are required (never NULL in
 * staging), so they mean the same. Only the lines of these few customers reach the rates (a semi join
 * on a small set: one pass over the customer ids of the lines, no probe of the large maps).
 */
export async function unmatchedCustomers(conn: DuckDBConnection): Promise<{customer_id: string; lines: number; revenue: number}[]> {
  return queryRows(
    conn,
    `WITH unmatched AS (
       SELECT customer_id, lines FROM stg_invoice_customers c
       ANTI JOIN stg_account_map mapped ON mapped.customer_id = c.customer_id
       ANTI JOIN stg_accounts crm ON crm.account_id = c.customer_id
     ),
     lines AS (${revenueLinesSql("true", "SEMI JOIN unmatched ON unmatched.customer_id = l.customer_id")}),
     revenue AS (SELECT customer_id, ${REVENUE_SUM} AS revenue FROM lines GROUP BY customer_id)
     SELECT customer_id, lines::INTEGER AS lines, revenue
     FROM unmatched JOIN revenue USING (customer_id) ORDER BY customer_id`
  );
}
