/**
 * Writes kpis.json from mart_kpis (one row per figure at D, every kpi field a
 * column): each figure the catalog puts in kpis.json gets the fields of its
 * shape (src/catalog/figures.ts, KPI_SHAPES), plus its reason when undefined.
 * Nothing is computed here; the numbers and reasons come from the SQL.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {KPI_FIGURES} from "../../../src/catalog/index.js";
import {REVENUE_BRIDGE_FIELDS, type Kpis, type KpiValue} from "../../../src/schemas/index.js";
import {queryRows} from "../db.js";

type KpiRow = Record<string, unknown> & {figure: string; reason: string | null};

/** The `kpis` object: the catalog's kpi figures, in catalog order, from the rows of mart_kpis. */
export function kpiObjects(rows: KpiRow[], figures = KPI_FIGURES): Record<string, KpiValue> {
  const kpis: Record<string, KpiValue> = {};
  for (const {id, fields} of figures) {
    const row = rows.find((r) => r.figure === id);
    if (!row) throw new Error(`kpis.json: the figure ${id} is missing at the as-of date (mart_kpis has no row for it)`);
    const value: Record<string, unknown> = {};
    for (const field of fields) value[field] = row[field];
    if (row.reason !== null) value.reason = row.reason;
    kpis[id] = value as KpiValue;
  }
  return kpis;
}

/** kpis.json's revenue_bridge: the overall row of mart_revenue_bridge at D (every date and cut has one). */
export async function readRevenueBridge(conn: DuckDBConnection): Promise<Kpis["revenue_bridge"]> {
  const rows = await queryRows<Kpis["revenue_bridge"]>(
    conn,
    `select ${REVENUE_BRIDGE_FIELDS.map((f) => `"${f}"`).join(", ")}
     from mart_revenue_bridge where is_current and dimension = 'all'`
  );
  if (rows.length !== 1) throw new Error(`kpis.json: mart_revenue_bridge has ${rows.length} overall rows at the as-of date, expected 1`);
  return rows[0];
}

/** kpis.json: the run's dates and currency, the figures of mart_kpis, the revenue bridge at D, the tiers of mart_tiers. */
export async function readKpis(conn: DuckDBConnection): Promise<Kpis> {
  const [facts] = await queryRows<Pick<Kpis, "as_of" | "period_start" | "currency">>(
    conn,
    `select strftime(as_of, '%Y-%m-%d') as as_of, strftime(period_start, '%Y-%m-%d') as period_start, currency
     from run_params`
  );
  const rows = await queryRows<KpiRow>(conn, "select * from mart_kpis");
  const tiers = await queryRows<Kpis["tiers"][number]>(conn, "select tier, accounts, revenue from mart_tiers");
  const revenueBridge = await readRevenueBridge(conn);
  return {...facts, kpis: kpiObjects(rows), revenue_bridge: revenueBridge, tiers};
}
