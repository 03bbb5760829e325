/**
 * The catalog's derived lists and look-ups. The data is in ./figures.ts and
 * ./dimensions.ts; everything here is computed from it, so that an entry added
 * there reaches every reader (and a test can extend the catalog by replacing
 * ./figures.ts alone).
 */
import {FIGURE_CATALOG, KPI_SHAPES, type FigureEntry, type KpiField, type StatusWords} from "./figures.js";
import {DIMENSIONS} from "./dimensions.js";

export * from "./figures.js";
export * from "./dimensions.js";

type Entry = (typeof FIGURE_CATALOG)[number];
export type BandedFigureId = Extract<Entry, {band: {low: unknown}}>["id"];
export type TrendedFigureId = Extract<Entry, {sql: {mart: "mart_figures"}} | {sql: {contributions: string}}>["id"];
export type KpiFigureId = Extract<Entry, {kpi: string}>["id"];

/** Every figure, in catalog order. */
export const FIGURE_LIST: readonly FigureEntry[] = FIGURE_CATALOG;

/** A figure by its id; throws for an unknown id (a typo should fail, not draw nothing). */
export function figureEntry(id: string): FigureEntry {
  const entry = FIGURE_LIST.find((f) => f.id === id);
  if (!entry) throw new Error(`Unknown figure "${id}": add it to src/catalog/figures.ts`);
  return entry;
}

/** Figures with a default benchmark band, in catalog order. */
export const BANDED_FIGURES = FIGURE_LIST.filter((f) => f.band !== null).map((f) => f.id) as BandedFigureId[];

/** Figures with a row per as-of date and cut in figures.json (computed by mart_figures). */
export const TRENDED_FIGURES = FIGURE_LIST.filter((f) => "contributions" in f.sql || f.sql.mart === "mart_figures").map(
  (f) => f.id
) as TrendedFigureId[];

/** Figures whose SQL is a contributions model: (id, model file, reason template). */
export const CONTRIBUTION_FIGURES = FIGURE_LIST.flatMap((f) =>
  "contributions" in f.sql ? [{id: f.id, model: f.sql.contributions, undefinedReason: f.sql.undefinedReason}] : []
);

/** Figures of kpis.json with the fields of each, in kpis.json order. */
export const KPI_FIGURES = FIGURE_LIST.flatMap((f) =>
  f.kpi === null ? [] : [{id: f.id as KpiFigureId, shape: f.kpi, fields: KPI_SHAPES[f.kpi] as readonly KpiField[]}]
);

/** The five headline figures (the Overview's first row of cards), in catalog order. */
export const HEADLINE_FIGURES = FIGURE_LIST.filter((f) => f.overview === "headline" && !f.headlineRow).map((f) => f.id);

/** The headline figures of the Overview's second row, "Retention" (net and gross revenue retention). */
export const RETENTION_HEADLINE_FIGURES = FIGURE_LIST.filter((f) => f.overview === "headline" && f.headlineRow === "retention").map(
  (f) => f.id
);

/** The ids of the breakdowns. */
export const DIMENSION_IDS = DIMENSIONS.map((d) => d.id);

/** benchmarks.md: the words of a "higher is better" figure. */
export const HIGHER_IS_BETTER_WORDS: StatusWords = {below: "behind benchmark", within: "on benchmark", above: "ahead of benchmark"};

export function statusWordsOf(entry: FigureEntry): StatusWords {
  return entry.statusWords ?? HIGHER_IS_BETTER_WORDS;
}
