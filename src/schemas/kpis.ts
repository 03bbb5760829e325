import {z} from "zod";
import {bandStatus, isoDate, tier} from "./common.js";

/**
 * kpis.json — the headline figures for one as-of date, exactly the shape at the
 * end of ../shared/spec/metrics.md. Ratios are fractions, amounts are in the
 * reporting currency, full double precision. An undefined figure has
 * value null, status null and a reason; it keeps its count fields.
 */
// low may be null: the configuration allows an open lower edge (never "below").
const band = {low: z.number().nullable(), high: z.number().nullable(), status: bandStatus.nullable()};
const reason = {reason: z.string().optional()};

export const ratioKpi = z
  .object({value: z.number().nullable(), numerator: z.number(), denominator: z.number(), ...band, ...reason})
  .strict();

export const timeToCrossSellKpi = z
  .object({
    value: z.number().nullable(),
    p25: z.number().nullable(),
    p75: z.number().nullable(),
    count: z.number().int(),
    ...band,
    ...reason
  })
  .strict();

export const winRateKpi = z
  .object({
    value: z.number().nullable(),
    won: z.number().int(),
    lost: z.number().int(),
    value_weighted: z.number().nullable(),
    ...band,
    ...reason
  })
  .strict();

export const kpisSchema = z
  .object({
    as_of: isoDate,
    period_start: isoDate,
    currency: z.string().min(3),
    kpis: z
      .object({
        cross_sell_rate: ratioKpi,
        multi_product_rate: ratioKpi,
        cross_sell_revenue_share: ratioKpi,
        time_to_cross_sell_months: timeToCrossSellKpi,
        cross_sell_win_rate: winRateKpi,
        new_business_win_rate: winRateKpi,
        upsell_win_rate: winRateKpi,
        products_per_customer: z.object({value: z.number().nullable(), ...reason}).strict(),
        full_suite_rate: ratioKpi,
        revenue_at_full_cross_sell: z
          .object({value: z.number().nullable(), ratio: z.number().nullable(), white_space: z.number(), ...reason})
          .strict()
      })
      .strict(),
    tiers: z
      .array(z.object({tier, accounts: z.number().int(), revenue: z.number()}).strict())
      .length(4)
  })
  .strict();
export type Kpis = z.infer<typeof kpisSchema>;
