/**
 * THE CATALOG OF FIGURES: every figure the report computes or draws, once.
 *
 * Everything else reads this list: the configuration's default bands
 * (loaders/pipeline/config.ts), the figure enums of the output schemas and the shape of
 * kpis.json (src/schemas/), the kpis serialiser (loaders/pipeline/models/kpis.ts), the
 * Definitions page, the data-file reference (loaders/tools/docs/) and the pages
 * (through src/lib/figures.ts). The order is the order of kpis.json and of the
 * Definitions page.
 *
 * Adding a figure: one entry here and its SQL. A figure that is a ratio of sums
 * over accounts (like net revenue retention) needs only a contributions model
 * (see FigureSql); a figure of a new kind also needs its chart.
 *
 * Plain data, no node imports: pages import it in the browser.
 */

/** How a value is written: a fraction shown as %, months, an amount, a count, a plain number. */
export type FigureKind = "ratio" | "months" | "money" | "count" | "decimal";

/** Which way is good: "higher" is better, or "inside" the band (neither too fast nor too slow). */
export type Better = "higher" | "inside";

export interface DefaultBand {
  /** benchmarks.md; null = no edge on that side (a null high is never "above"). */
  low: number | null;
  high: number | null;
  /** The band in words, as the benchmark sources give it. */
  text: string;
}

/** What a status reads as, in words. */
export interface StatusWords {
  below: string;
  within: string;
  above: string;
}

/**
 * The fields of a figure's object in kpis.json (metrics.md, "Machine-readable
 * output"); `reason` is added whenever the value is undefined. Each field is a
 * column of mart_kpis (loaders/sql/marts/mart_kpis.sql).
 */
export const KPI_SHAPES = {
  ratio: ["value", "numerator", "denominator", "low", "high", "status"],
  time_to_cross_sell: ["value", "p25", "p75", "count", "low", "high", "status"],
  win_rate: ["value", "won", "lost", "value_weighted", "low", "high", "status"],
  value: ["value"],
  full_cross_sell: ["value", "ratio", "white_space"]
} as const;
export type KpiShape = keyof typeof KPI_SHAPES;
export type KpiField = (typeof KPI_SHAPES)[KpiShape][number];

/**
 * What SQL computes the figure.
 * - `{mart}`: a mart model in loaders/sql/marts/. "mart_figures" means one of
 *   its CTEs, at every as-of date and for every cut (rows of figures.json).
 * - `{contributions}`: a model file (path from the repository root) that
 *   returns one row per account and as-of date it counts for, with columns
 *   `as_of, account_id, numerator, denominator`. mart_figures sums them for
 *   every cut and date: value = Σ numerator / Σ denominator, undefined (with
 *   `undefinedReason`, where {scope} and {period} are filled in) when
 *   Σ denominator = 0; small sample = fewer accounts with a non-zero
 *   denominator than the configured minimum.
 */
export type FigureSql = {mart: string} | {contributions: string; undefinedReason: string};

/** Pages that draw a figure, besides the Overview (see `overview`) and Definitions (every figure). */
export type PageName =
  | "trends"
  | "team"
  | "products"
  | "time-to-cross-sell"
  | "white-space"
  | "win-rates"
  | "concentration"
  | "priority-matrix"
  | "retention";

export interface FigureEntry {
  /** Key in every output and the anchor of its definition (definitions#<id>). */
  id: string;
  label: string;
  kind: FigureKind;
  /** Unit for axis labels. */
  unit: string;
  /** The definition shown on the Definitions page (metrics.md, in our words). */
  definition: string;
  /** One line for the data-file reference (kpis.<id>); defaults to the definition. */
  summary?: string;
  better: Better | null;
  /** Default benchmark band (benchmarks.md); null when the figure has none. */
  band: DefaultBand | null;
  /** Status words when the "higher is better" words do not fit. */
  statusWords?: StatusWords;
  /** On the Overview: one of the headline cards, a card under "Further figures", or no card. */
  overview: "headline" | "further" | null;
  /**
   * The row of the Overview's headline grid a headline card sits in: the five
   * cross-sell figures in the first row (no value), the revenue-retention
   * figures in a second row, "retention".
   */
  headlineRow?: "retention";
  /** Other pages that draw it. */
  pages: readonly PageName[];
  /** Its object in kpis.json, or null when it is not in kpis.json. */
  kpi: KpiShape | null;
  sql: FigureSql;
}

const FIGURES_MART = {mart: "mart_figures"} as const;

/** A win rate of another opportunity type, shown beside the cross-sell win rate for comparison, not on the Overview. */
const COMPARISON_WIN_RATE = {
  kind: "ratio",
  unit: "% of closed deals",
  better: "higher",
  overview: null,
  pages: ["trends", "win-rates"],
  kpi: "win_rate",
  sql: FIGURES_MART
} as const;

/** A figure of the revenue bridge: computed by mart_revenue_bridge, drawn on the Retention page, not banded. */
const BRIDGE_FIGURE = {
  better: null,
  band: null,
  overview: null,
  pages: ["retention"],
  kpi: null,
  sql: {mart: "mart_revenue_bridge"}
} as const;

export const FIGURE_CATALOG = [
  {
    id: "cross_sell_rate",
    label: "Cross-sell rate",
    kind: "ratio",
    unit: "% of existing customers",
    definition:
      "Share of existing customers (accounts active at the start of the 12-month period) with at least one cross-sell event in the period. A cross-sell event is the first purchase of a product after the account's first purchase date.",
    summary: "Share of accounts active at S (existing customers) with a cross-sell event in P.",
    better: "higher",
    band: {low: 0.15, high: 0.3, text: "15–30% of customers"},
    overview: "headline",
    pages: ["trends", "team"],
    kpi: "ratio",
    sql: FIGURES_MART
  },
  {
    id: "multi_product_rate",
    label: "Multi-product rate",
    kind: "ratio",
    unit: "% of active customers",
    definition: "Share of accounts active at the as-of date that hold at least two products at that date.",
    summary: "Share of accounts active at D that hold at least two products at D.",
    better: "higher",
    band: {low: 0.4, high: 0.6, text: "40–60% of customers"},
    overview: "headline",
    pages: ["trends", "team", "products"],
    kpi: "ratio",
    sql: FIGURES_MART
  },
  {
    id: "cross_sell_revenue_share",
    label: "Cross-sell revenue share",
    kind: "ratio",
    unit: "% of revenue",
    definition: "Revenue in the period from cross-sold account × product pairs, divided by all revenue in the period.",
    summary: "Revenue in P of cross-sold (account, product) pairs ÷ all revenue in P.",
    better: "higher",
    band: {low: 0.2, high: 0.4, text: "20–40% of total revenue"},
    overview: "headline",
    pages: ["trends", "team"],
    kpi: "ratio",
    sql: FIGURES_MART
  },
  {
    id: "time_to_cross_sell_months",
    label: "Time to cross-sell",
    kind: "months",
    unit: "months",
    definition:
      "Median, over accounts whose first cross-sell event falls in the period, of the time from first purchase to that event, in months (days / 30.4375). The 25th and 75th percentiles and the count are shown beside it.",
    summary: "Median months from first purchase to the first cross-sell event, over accounts whose first event falls in P.",
    better: "inside",
    band: {low: 6, high: 12, text: "6–12 months after initial purchase"},
    // benchmarks.md: selling again before the first product has succeeded is a warning sign.
    statusWords: {below: "faster than benchmark — check for premature cross-selling", within: "on benchmark", above: "slower than benchmark"},
    overview: "headline",
    pages: ["trends", "team", "time-to-cross-sell"],
    kpi: "time_to_cross_sell",
    sql: FIGURES_MART
  },
  {
    id: "cross_sell_win_rate",
    label: "Cross-sell win rate",
    kind: "ratio",
    unit: "% of closed deals",
    definition:
      "Won / (won + lost) over cross-sell opportunities closed in the period. The value-weighted rate is won amount / closed amount.",
    summary: "won ÷ (won + lost) over cross_sell opportunities closed in P.",
    better: "higher",
    band: {low: 0.3, high: 0.5, text: "30–50%"},
    overview: "headline",
    pages: ["trends", "team", "win-rates"],
    kpi: "win_rate",
    sql: FIGURES_MART
  },
  {
    id: "new_business_win_rate",
    label: "New-business win rate",
    definition: "Won / (won + lost) over new-business opportunities closed in the period (for comparison).",
    summary: "Win rate of new_business opportunities closed in P (for comparison).",
    band: {low: 0.05, high: 0.2, text: "5–20%"},
    ...COMPARISON_WIN_RATE
  },
  {
    id: "upsell_win_rate",
    label: "Upsell win rate",
    definition: "Won / (won + lost) over upsell opportunities closed in the period (for comparison).",
    summary: "Win rate of upsell opportunities closed in P (for comparison).",
    band: {low: 0.3, high: 0.5, text: "30–50%"},
    ...COMPARISON_WIN_RATE
  },
  {
    id: "products_per_customer",
    label: "Products per customer",
    kind: "decimal",
    unit: "products",
    definition:
      "Mean number of products held at the as-of date by accounts active at that date (a product is held when its revenue in the trailing 12 months is positive).",
    summary: "Mean number of products held at D by accounts active at D.",
    better: null,
    band: null,
    overview: "further",
    pages: ["trends"],
    kpi: "value",
    sql: FIGURES_MART
  },
  {
    id: "full_suite_rate",
    label: "Full-suite rate",
    kind: "ratio",
    unit: "% of active customers",
    definition: "Share of accounts active at the as-of date that hold every core product.",
    summary: "Share of accounts active at D that hold every core product.",
    better: "higher",
    band: {low: 0.7, high: null, text: "best in class > 70%"},
    overview: "further",
    pages: ["trends"],
    kpi: "ratio",
    sql: FIGURES_MART
  },
  {
    id: "revenue",
    label: "Revenue",
    kind: "money",
    unit: "reporting currency",
    definition: "Sum of invoice line amounts in the period (credits included), in the reporting currency.",
    better: null,
    band: null,
    overview: null,
    pages: ["trends"],
    kpi: null,
    sql: FIGURES_MART
  },
  {
    id: "white_space",
    label: "White space",
    kind: "money",
    unit: "reporting currency",
    definition:
      "Sum of white-space potentials: for each active account and core product it does not hold, the mean revenue in the period of that product per holder — within the account's segment when at least 5 accounts of the segment hold it, else over all holders.",
    better: null,
    band: null,
    overview: null,
    pages: ["trends", "team", "white-space"],
    kpi: null,
    sql: FIGURES_MART
  },
  {
    id: "revenue_at_full_cross_sell",
    label: "Revenue at full cross-sell",
    kind: "money",
    unit: "reporting currency",
    definition: "Revenue in the period plus all white-space potential; also shown as a ratio to revenue in the period.",
    summary: "Revenue in P plus every white-space potential: revenue if every active account held every core product.",
    better: null,
    band: null,
    overview: "further",
    pages: ["trends", "white-space"],
    kpi: "full_cross_sell",
    sql: FIGURES_MART
  },
  {
    id: "net_revenue_retention",
    label: "Net revenue retention",
    kind: "ratio",
    unit: "% of starting revenue",
    definition:
      "Revenue in the period of the existing customers (accounts with revenue in the 12 months before the period), divided by their revenue in those 12 months: Σ R1 / Σ R0 over the existing customers, where R0 is an account's revenue in the 12 months before the period and R1 its revenue in the period. Above 100% the existing customers grew their spend, expansion included; below, churn and contraction outweighed it.",
    summary: "Σ R1 ÷ Σ R0 over E: revenue in P of the accounts active at S, divided by their revenue in the 12 months up to S.",
    better: "higher",
    band: {low: 1, high: 1.1, text: "100–110%"},
    overview: "headline",
    headlineRow: "retention",
    pages: ["trends", "retention"],
    kpi: "ratio",
    sql: FIGURES_MART
  },
  {
    id: "gross_revenue_retention",
    label: "Gross revenue retention",
    kind: "ratio",
    unit: "% of starting revenue",
    definition:
      "Share of the existing customers' revenue of the 12 months before the period that they kept in the period, counting no account above what it had and none below zero: Σ min(max(R1, 0), R0) / Σ R0 over the existing customers. Expansion does not count, so it is never above 100%; it falls with churn and contraction only.",
    summary: "Σ min(max(R1, 0), R0) ÷ Σ R0 over E: the accounts active at S keep at most what they had; never above 100%.",
    better: "higher",
    band: {low: 0.9, high: 0.95, text: "90–95%"},
    overview: "headline",
    headlineRow: "retention",
    pages: ["trends", "retention"],
    kpi: "ratio",
    sql: FIGURES_MART
  },
  {
    id: "revenue_bridge",
    label: "Revenue bridge",
    kind: "money",
    unit: "reporting currency",
    definition:
      "From starting revenue (the existing customers' revenue in the 12 months before the period, Σ R0) to ending revenue (all revenue in the period), movement by movement. Churn: an existing customer with no positive revenue in the period (R1 ≤ 0) loses R0 − R1. For an existing customer that kept revenue (R1 > 0), every product whose revenue changed (Δ = R1 − R0 of the product) is cross-sell expansion when it grew and its first purchase by the account was a cross-sell event in the period, upsell expansion when it grew otherwise (more of a product bought before the period, a product bought again after a lapse included), and contraction (−Δ) when it fell. New business: revenue in the period of accounts first buying in the period. Returning: revenue in the period of the other accounts (customers before, with no revenue in the 12 months before the period). Ending = starting + new business + returning + cross-sell expansion + upsell expansion − contraction − churn, to the cent.",
    ...BRIDGE_FIGURE
  },
  {
    id: "cross_sell_share_of_expansion",
    label: "Cross-sell share of expansion",
    kind: "ratio",
    unit: "% of expansion",
    definition:
      "Cross-sell expansion divided by all expansion (cross-sell + upsell) of the revenue bridge: how much of the existing customers' growth came from selling them products they had not bought before, rather than more of the same. Undefined when there was no expansion.",
    ...BRIDGE_FIGURE
  },
  {
    id: "active_accounts",
    label: "Active customers",
    kind: "count",
    unit: "accounts",
    definition: "Accounts with revenue > 0 in the trailing 12 months at the as-of date.",
    better: null,
    band: null,
    overview: null,
    pages: ["trends"],
    kpi: null,
    sql: FIGURES_MART
  },
  {
    id: "tiers",
    label: "Revenue concentration (ABCD tiers)",
    kind: "count",
    unit: "accounts",
    definition:
      "Active accounts sorted by revenue in the period (descending, ties by account id). With c = cumulative revenue share of the accounts ranked strictly above: tier A if c < 50%, B if c < 80%, C if c < 95%, else D.",
    better: null,
    band: null,
    overview: null,
    pages: ["concentration"],
    kpi: null,
    sql: {mart: "mart_tiers"}
  },
  {
    id: "demand_units",
    label: "Demand units and the priority matrix",
    kind: "count",
    unit: "units",
    definition:
      "An account (optionally a buying center) paired with a core product it does not hold, scored 0–3 on need, fit, urgency (opportunity axis) and relationship, data, resources (ability to win). Axis score = mean of its three scores; quadrants split at 2.0. A unit with need 0 is disqualified.",
    better: null,
    band: null,
    overview: null,
    pages: ["priority-matrix", "team"],
    kpi: null,
    sql: {mart: "mart_demand_units"}
  },
  {
    id: "affinity",
    label: "Product affinity",
    kind: "ratio",
    unit: "share",
    definition:
      "Over active accounts: support = share holding both x and y; confidence(x→y) = share of holders of x that hold y; lift = confidence / share holding y (above 1: bought together more often than chance).",
    better: null,
    band: null,
    overview: null,
    pages: ["products"],
    kpi: null,
    sql: {mart: "mart_affinity"}
  },
  {
    id: "adjacency",
    label: "Product adjacency",
    kind: "count",
    unit: "accounts",
    definition:
      "For each initial product and first cross-sold product, the number of accounts whose first cross-sell event was that product after starting with the initial one.",
    better: null,
    band: null,
    overview: null,
    pages: ["products"],
    kpi: null,
    sql: {mart: "mart_adjacency"}
  },
  {
    id: "time_to_cross_sell_curve",
    label: "Time-to-cross-sell curve",
    kind: "ratio",
    unit: "% of cohort",
    definition:
      "Share of an acquisition-quarter cohort cross-sold within k months of first purchase (k = 0…36), Kaplan–Meier estimate: an account not yet cross-sold counts only for the months it has been observed.",
    better: null,
    band: null,
    overview: null,
    pages: ["time-to-cross-sell"],
    kpi: null,
    sql: {mart: "mart_ttc_cohorts"}
  }
] as const satisfies readonly FigureEntry[];

/** The id of a figure of the catalog. */
export type FigureId = (typeof FIGURE_CATALOG)[number]["id"];
