/**
 * The run's parameters as tables, so that SQL models stay pure: `run_params`
 * (one row: as-of D, period start, S, currency, tiers, thresholds) and
 * `cfg_bands` (every band in force, global rows with segment NULL).
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {bandRows, type Config} from "../config.js";
import {queryRows, runSql, sqlString} from "../db.js";
import {InputError} from "./index.js";

export interface RunDates {
  as_of: string;
  period_start: string;
  period_start_excl: string;
  earliest_invoice_on: string | null;
  latest_invoice_on: string | null;
}

function sqlNumber(value: number | null): string {
  return value === null ? "NULL" : String(value);
}

/** As-of D = configured date, else the latest loaded invoice date; S = D - 12 months (day clamped). */
export async function createRunParams(conn: DuckDBConnection, config: Config): Promise<RunDates> {
  const [range] = await queryRows<{earliest: string | null; latest: string | null}>(
    conn,
    `SELECT strftime(min(invoiced_on), '%Y-%m-%d') AS earliest, strftime(max(invoiced_on), '%Y-%m-%d') AS latest FROM stg_invoice_lines`
  );
  const asOf = config.as_of ?? range.latest;
  if (!asOf) {
    throw new InputError(
      "No billing lines were loaded and no as-of date is configured, so there is no date to report at: " +
        "pass --as-of YYYY-MM-DD (or set as_of in the configuration file), or provide invoice lines."
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
  return {...dates, earliest_invoice_on: range.earliest, latest_invoice_on: range.latest};
}

/** Billing customers that are neither mapped by account_map nor a CRM account_id: lines and revenue (reporting currency). */
export async function unmatchedCustomers(conn: DuckDBConnection): Promise<{customer_id: string; lines: number; revenue: number}[]> {
  return queryRows(
    conn,
    `WITH params AS (
       SELECT currency AS reporting_currency FROM run_params
     ),
     unmatched AS (
       SELECT l.* FROM stg_invoice_lines l
       WHERE l.customer_id NOT IN (SELECT customer_id FROM stg_account_map)
         AND l.customer_id NOT IN (SELECT account_id FROM stg_accounts)
     ),
     lines AS (
       SELECT u.customer_id,
              u.amount * CASE WHEN u.currency = params.reporting_currency THEN 1 ELSE coalesce(monthly.rate, standing.rate) END AS revenue
       FROM unmatched u
       CROSS JOIN params
       LEFT JOIN (SELECT currency, month, rate FROM stg_fx_rates) monthly
         ON monthly.currency = u.currency AND monthly.month = strftime(u.invoiced_on, '%Y-%m')
       LEFT JOIN (SELECT currency, rate FROM stg_fx_rates WHERE month IS NULL) standing
         ON standing.currency = u.currency
     )
     SELECT customer_id, count(*)::INTEGER AS lines, CAST(sum(CAST(revenue AS DECIMAL(38, 8))) AS DOUBLE) AS revenue
     FROM lines GROUP BY customer_id ORDER BY customer_id`
  );
}
