import {z} from "zod";
import {bandStatus, dimension, figureName, isoDate} from "./common.js";

/**
 * One figure, for one as-of date, for one cut (dimension = value), in long format.
 * Written as figures.json (every cut at D, plus dimension "all" at every month
 * end) and figures_by_<dimension>.json (that dimension's cuts at every month end).
 *
 * - ratio figures: value = numerator / denominator
 * - time_to_cross_sell_months: value = median months, p25/p75, denominator = count
 * - win rates: numerator = won, denominator = won + lost, value_weighted
 * - amounts (revenue, white_space, revenue_at_full_cross_sell): value only
 * An undefined figure has value null and a reason; small_sample marks a
 * denominator below the configured minimum (default 5).
 */
export const figureRow = z
  .object({
    as_of: isoDate,
    is_current: z.boolean(),
    is_quarter_end: z.boolean(),
    dimension,
    cut: z.string(),
    figure: figureName,
    value: z.number().nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    p25: z.number().nullable(),
    p75: z.number().nullable(),
    value_weighted: z.number().nullable(),
    low: z.number().nullable(),
    high: z.number().nullable(),
    status: bandStatus.nullable(),
    small_sample: z.boolean(),
    reason: z.string().nullable()
  })
  .strict();
export type FigureRow = z.infer<typeof figureRow>;
export const figuresSchema = z.array(figureRow);
