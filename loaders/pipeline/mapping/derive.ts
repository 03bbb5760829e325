/**
 * Derived values, computed in SQL (loaders/pipeline/mapping/sql/derive_*.sql) so that
 * big exports stay fast: the opportunity type for CRMs that give no cross-sell
 * type, and the account owner for CRMs whose accounts carry none.
 *
 * Both work on the mapped (canonical, still VARCHAR) tables: dates are read
 * with their first ten characters (`YYYY-MM-DD`, also of a timestamp), and a
 * value that does not convert counts as unknown here; the pipeline rejects
 * such rows later with their reason.
 */
import {readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows, runSql} from "../db.js";

const SQL_DIR = join(dirname(fileURLToPath(import.meta.url)), "sql");

function readSql(name: string): string {
  return readFileSync(join(SQL_DIR, name), "utf8");
}

/** A canonical table (mapped or read as is): its name and the columns it has. */
export interface CanonicalTable {
  table: string;
  columns: string[];
}

function col(t: CanonicalTable, column: string, expr?: (c: string) => string): string {
  if (!t.columns.includes(column)) return "NULL";
  const c = `"${column}"`;
  return expr ? expr(c) : c;
}

const asDate = (c: string) => `try_cast(left(trim(${c}), 10) AS DATE)`;
const asAmount = (c: string) => `try_cast(trim(${c}) AS DECIMAL(18,4))`;
const asText = (c: string) => `nullif(trim(${c}), '')`;

export type TypeRule = "holdings" | "won_before_engaged";

export interface RevenueSource {
  /** Billing lines, with the account map when there is one; absent = bookings (won deals). */
  invoiceLines?: CanonicalTable;
  accountMap?: CanonicalTable;
}

/**
 * Sets `type` of the mapped opportunities (table with `_rid`) where it is empty
 * or a hint; returns how many rows got each type.
 */
export async function deriveOpportunityTypes(
  conn: DuckDBConnection,
  opportunities: CanonicalTable,
  rule: TypeRule,
  revenue: RevenueSource
): Promise<Record<string, number>> {
  const o = opportunities;
  await runSql(
    conn,
    `CREATE OR REPLACE TEMP TABLE derive_opps AS
     SELECT _rid AS rid, ${col(o, "account_id", asText)} AS account_id, ${col(o, "product_id", asText)} AS product_id,
            ${col(o, "created_date", asDate)} AS created_on, ${col(o, "close_date", asDate)} AS closed_on,
            ${col(o, "stage", asText)} AS stage, ${col(o, "type", asText)} AS type, ${col(o, "amount", asAmount)} AS amount
     FROM ${o.table}`
  );
  if (rule === "holdings") {
    const lines = revenue.invoiceLines;
    if (lines) {
      const map = revenue.accountMap;
      // A customer mapped twice: any of its accounts (the pipeline reports the duplicate).
      const mapSql = map
        ? `SELECT ${col(map, "customer_id", asText)} AS customer_id, any_value(${col(map, "account_id", asText)}) AS account_id FROM ${map.table} GROUP BY 1`
        : `SELECT NULL::VARCHAR AS customer_id, NULL::VARCHAR AS account_id WHERE false`;
      await runSql(
        conn,
        `CREATE OR REPLACE TEMP TABLE derive_lines AS
         WITH lines AS (
           SELECT ${col(lines, "customer_id", asText)} AS customer_id, ${col(lines, "product_id", asText)} AS product_id,
                  ${col(lines, "invoice_date", asDate)} AS invoiced_on, ${col(lines, "amount", asAmount)} AS amount
           FROM ${lines.table}
         ), account_map AS (${mapSql})
         SELECT coalesce(m.account_id, l.customer_id) AS account_id, l.product_id, l.invoiced_on, l.amount
         FROM lines l LEFT JOIN account_map m ON m.customer_id = l.customer_id`
      );
    } else {
      // Bookings: every won deal is a revenue line on its close date (as the pipeline's bookings mode).
      await runSql(
        conn,
        `CREATE OR REPLACE TEMP TABLE derive_lines AS
         SELECT account_id, product_id, closed_on AS invoiced_on, amount FROM derive_opps WHERE stage = 'won'`
      );
    }
  }
  const sql = readSql(rule === "holdings" ? "derive_type_holdings.sql" : "derive_type_won_before_engaged.sql");
  await runSql(conn, `CREATE OR REPLACE TEMP TABLE derived_type AS ${sql}`);
  await runSql(conn, `UPDATE ${o.table} SET type = d.type FROM derived_type d WHERE ${o.table}._rid = d.rid`);
  const counts = await queryRows<{type: string; n: number}>(
    conn,
    `SELECT type, count(*)::INTEGER AS n FROM derived_type GROUP BY type ORDER BY type`
  );
  return Object.fromEntries(counts.map((c) => [c.type, c.n]));
}

/** Sets `owner` of the mapped accounts where it is empty; returns how many accounts got one. */
export async function deriveAccountOwners(
  conn: DuckDBConnection,
  accountsTable: string,
  opportunities: CanonicalTable
): Promise<number> {
  await runSql(
    conn,
    `CREATE OR REPLACE TEMP TABLE derive_owner_opps AS
     SELECT ${col(opportunities, "account_id", asText)} AS account_id, ${col(opportunities, "owner", asText)} AS owner
     FROM ${opportunities.table}`
  );
  await runSql(conn, `CREATE OR REPLACE TEMP TABLE derived_owner AS ${readSql("derive_owner.sql")}`);
  const [{n}] = await queryRows<{n: number}>(
    conn,
    `SELECT count(*)::INTEGER AS n FROM ${accountsTable} a JOIN derived_owner d ON d.account_id = a.account_id WHERE a.owner IS NULL`
  );
  await runSql(
    conn,
    `UPDATE ${accountsTable} SET owner = d.owner FROM derived_owner d
     WHERE ${accountsTable}.owner IS NULL AND d.account_id = ${accountsTable}.account_id`
  );
  return n;
}
