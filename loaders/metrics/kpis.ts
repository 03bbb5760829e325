/**
 * Writes kpis.json from mart_kpis (one row per figure at D, every kpi field a
 * column): each figure the catalog puts in kpis.json gets the fields of its
 * shape (src/catalog/figures.ts, KPI_SHAPES), plus its reason when undefined.
 * Nothing is computed here; the numbers and reasons come from the SQL.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {KPI_FIGURES} from "../../src/catalog/index.js";
import type {Kpis, KpiValue} from "../../src/schemas/index.js";
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

/** kpis.json: the run's dates and currency, the figures of mart_kpis, the tiers of mart_tiers. */
export async function readKpis(conn: DuckDBConnection): Promise<Kpis> {
  const [facts] = await queryRows<Pick<Kpis, "as_of" | "period_start" | "currency">>(
    conn,
    `select strftime(as_of, '%Y-%m-%d') as as_of, strftime(period_start, '%Y-%m-%d') as period_start, currency
     from run_params`
  );
  const rows = await queryRows<KpiRow>(conn, "select * from mart_kpis");
  const tiers = await queryRows<Kpis["tiers"][number]>(conn, "select tier, accounts, revenue from mart_tiers");
  return {...facts, kpis: kpiObjects(rows), tiers};
}
