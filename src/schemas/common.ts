import {z} from "zod";
import {BANDED_FIGURES, DIMENSION_IDS, TRENDED_FIGURES} from "../catalog/index.js";

/** z.enum wants a non-empty tuple; the catalog's lists are never empty. */
function nonEmpty<T extends string>(values: readonly T[]): [T, ...T[]] {
  if (!values.length) throw new Error("src/catalog: an enum of figures may not be empty");
  return values as [T, ...T[]];
}

/** A calendar date written as YYYY-MM-DD. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a YYYY-MM-DD date");

/** Band status, inclusive at both edges (metrics.md): below < low <= within <= high < above. */
export const bandStatus = z.enum(["below", "within", "above"]);

/** The figures that carry a benchmark band (the catalog's figures with a default band). */
export const bandedFigure = z.enum(nonEmpty(BANDED_FIGURES));
export type BandedFigure = z.infer<typeof bandedFigure>;

/** Every figure the report trends and cuts (the catalog's figures computed by mart_figures). */
export const figureName = z.enum(nonEmpty(TRENDED_FIGURES));
export type FigureName = z.infer<typeof figureName>;

/** The dimensions every figure can be cut by: "all" and the catalog's breakdowns. */
export const dimension = z.enum(["all", ...DIMENSION_IDS]);
export type Dimension = z.infer<typeof dimension>;

export const tier = z.enum(["A", "B", "C", "D"]);
export const opportunityType = z.enum(["new_business", "cross_sell", "upsell", "renewal", "other"]);
export const opportunityStage = z.enum(["open", "won", "lost"]);
export const quadrant = z.enum(["Pursue now", "Build the relationship", "Nurture", "Deprioritise"]);
