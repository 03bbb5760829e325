import {z, type ZodTypeAny} from "zod";
import {KPI_FIGURES, type KpiField} from "../catalog/index.js";
import {bandStatus, isoDate, tier} from "./common.js";
import {revenueBridgeRow} from "./retention.js";

/**
 * kpis.json — the headline figures for one as-of date, in the shape of the
 * metrics spec's machine-readable output. Which figures it holds, and the
 * fields of each, come from the catalog (src/catalog/figures.ts: `kpi`, one of
 * KPI_SHAPES). Ratios are fractions, amounts are in the reporting currency,
 * full double precision. An undefined figure has value null, status null and a
 * reason; it keeps its count fields.
 */
export const KPI_FIELD_SCHEMAS = {
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  p25: z.number().nullable(),
  p75: z.number().nullable(),
  count: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  value_weighted: z.number().nullable(),
  ratio: z.number().nullable(),
  white_space: z.number(),
  // low may be null: the configuration allows an open lower edge (never "below").
  low: z.number().nullable(),
  high: z.number().nullable(),
  status: bandStatus.nullable()
} satisfies Record<KpiField, ZodTypeAny>;

/** One figure's object: its shape's fields, and a reason when it is undefined. */
export function kpiSchema(fields: readonly KpiField[]) {
  const shape: Record<string, ZodTypeAny> = {};
  for (const field of fields) shape[field] = KPI_FIELD_SCHEMAS[field];
  return z.object({...shape, reason: z.string().optional()}).strict();
}

/** The fields of kpis.json's revenue_bridge, in the order of metrics.md's example. */
export const REVENUE_BRIDGE_FIELDS = [
  "starting",
  "new_business",
  "returning",
  "cross_sell_expansion",
  "upsell_expansion",
  "contraction",
  "churn",
  "ending",
  "cross_sell_share_of_expansion"
] as const;

/**
 * revenue_bridge: the overall bridge at D (revenue_bridge.json's row of
 * dimension `all` at D), always present: amounts 0 when nothing moved, the
 * share null when there was no expansion.
 */
export const kpiRevenueBridge = revenueBridgeRow
  .pick(Object.fromEntries(REVENUE_BRIDGE_FIELDS.map((f) => [f, true])) as {[F in (typeof REVENUE_BRIDGE_FIELDS)[number]]: true})
  .strict();

export const kpisSchema = z
  .object({
    as_of: isoDate,
    period_start: isoDate,
    currency: z.string().min(3),
    kpis: z.object(Object.fromEntries(KPI_FIGURES.map((f) => [f.id, kpiSchema(f.fields)]))).strict(),
    revenue_bridge: kpiRevenueBridge,
    tiers: z
      .array(z.object({tier, accounts: z.number().int(), revenue: z.number()}).strict())
      .length(4)
  })
  .strict();

/** A figure's object in kpis.json: the fields of its shape (see KPI_SHAPES). */
export type KpiValue = {[F in KpiField]?: z.infer<(typeof KPI_FIELD_SCHEMAS)[F]>} & {reason?: string};
export type Kpis = Omit<z.infer<typeof kpisSchema>, "kpis"> & {kpis: Record<string, KpiValue>};
