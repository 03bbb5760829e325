import {z} from "zod";

/** A calendar date written as YYYY-MM-DD. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a YYYY-MM-DD date");

/** Band status, inclusive at both edges (metrics.md): below < low <= within <= high < above. */
export const bandStatus = z.enum(["below", "within", "above"]);

/** The figures that carry a benchmark band (benchmarks.md). */
export const bandedFigure = z.enum([
  "cross_sell_rate",
  "multi_product_rate",
  "cross_sell_revenue_share",
  "time_to_cross_sell_months",
  "cross_sell_win_rate",
  "new_business_win_rate",
  "upsell_win_rate",
  "full_suite_rate"
]);
export type BandedFigure = z.infer<typeof bandedFigure>;

/** Every figure the report trends and cuts. */
export const figureName = z.enum([
  ...bandedFigure.options,
  "products_per_customer",
  "revenue",
  "revenue_at_full_cross_sell",
  "white_space",
  "active_accounts"
]);
export type FigureName = z.infer<typeof figureName>;

/** The dimensions every figure can be cut by (metrics.md, Breakdowns). */
export const dimension = z.enum([
  "all",
  "segment",
  "region",
  "industry",
  "owner",
  "in_target_profile",
  "tier",
  "acquisition_cohort"
]);
export type Dimension = z.infer<typeof dimension>;

export const tier = z.enum(["A", "B", "C", "D"]);
export const opportunityType = z.enum(["new_business", "cross_sell", "upsell", "renewal", "other"]);
export const opportunityStage = z.enum(["open", "won", "lost"]);
export const quadrant = z.enum(["Pursue now", "Build the relationship", "Nurture", "Deprioritise"]);
