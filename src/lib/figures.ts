/**
 * What each figure is called, how it is formatted, its definition (metrics.md)
 * and how its band status reads (benchmarks.md). The Definitions page is
 * generated from this table, and every figure on every page links to
 * `definitions#<figure>`.
 */
import * as fmt from "./format.js";

export type FigureKind = "ratio" | "months" | "money" | "count" | "decimal";
export type Status = "below" | "within" | "above";

export interface FigureInfo {
  id: string;
  label: string;
  kind: FigureKind;
  /** Unit for axis labels. */
  unit: string;
  definition: string;
  /** Band in words (benchmarks.md), null for figures without a band. */
  band: string | null;
  /** "higher" is better, or "inside" the band (time to cross-sell). */
  better: "higher" | "inside" | null;
}

export const FIGURES: Record<string, FigureInfo> = {
  cross_sell_rate: {
    id: "cross_sell_rate",
    label: "Cross-sell rate",
    kind: "ratio",
    unit: "% of existing customers",
    definition:
      "Share of existing customers (accounts active at the start of the 12-month period) with at least one cross-sell event in the period. A cross-sell event is the first purchase of a product after the account's first purchase date.",
    band: "15–30% of customers",
    better: "higher"
  },
  multi_product_rate: {
    id: "multi_product_rate",
    label: "Multi-product rate",
    kind: "ratio",
    unit: "% of active customers",
    definition: "Share of accounts active at the as-of date that hold at least two products at that date.",
    band: "40–60% of customers",
    better: "higher"
  },
  cross_sell_revenue_share: {
    id: "cross_sell_revenue_share",
    label: "Cross-sell revenue share",
    kind: "ratio",
    unit: "% of revenue",
    definition: "Revenue in the period from cross-sold account × product pairs, divided by all revenue in the period.",
    band: "20–40% of total revenue",
    better: "higher"
  },
  time_to_cross_sell_months: {
    id: "time_to_cross_sell_months",
    label: "Time to cross-sell",
    kind: "months",
    unit: "months",
    definition:
      "Median, over accounts whose first cross-sell event falls in the period, of the time from first purchase to that event, in months (days / 30.4375). The 25th and 75th percentiles and the count are shown beside it.",
    band: "6–12 months after initial purchase",
    better: "inside"
  },
  cross_sell_win_rate: {
    id: "cross_sell_win_rate",
    label: "Cross-sell win rate",
    kind: "ratio",
    unit: "% of closed deals",
    definition:
      "Won / (won + lost) over cross-sell opportunities closed in the period. The value-weighted rate is won amount / closed amount.",
    band: "30–50%",
    better: "higher"
  },
  new_business_win_rate: {
    id: "new_business_win_rate",
    label: "New-business win rate",
    kind: "ratio",
    unit: "% of closed deals",
    definition: "Won / (won + lost) over new-business opportunities closed in the period (for comparison).",
    band: "5–20%",
    better: "higher"
  },
  upsell_win_rate: {
    id: "upsell_win_rate",
    label: "Upsell win rate",
    kind: "ratio",
    unit: "% of closed deals",
    definition: "Won / (won + lost) over upsell opportunities closed in the period (for comparison).",
    band: "30–50%",
    better: "higher"
  },
  full_suite_rate: {
    id: "full_suite_rate",
    label: "Full-suite rate",
    kind: "ratio",
    unit: "% of active customers",
    definition: "Share of accounts active at the as-of date that hold every core product.",
    band: "best in class > 70%",
    better: "higher"
  },
  products_per_customer: {
    id: "products_per_customer",
    label: "Products per customer",
    kind: "decimal",
    unit: "products",
    definition: "Mean number of products held at the as-of date by accounts active at that date (a product is held when its revenue in the trailing 12 months is positive).",
    band: null,
    better: null
  },
  revenue: {
    id: "revenue",
    label: "Revenue",
    kind: "money",
    unit: "reporting currency",
    definition: "Sum of invoice line amounts in the period (credits included), in the reporting currency.",
    band: null,
    better: null
  },
  white_space: {
    id: "white_space",
    label: "White space",
    kind: "money",
    unit: "reporting currency",
    definition:
      "Sum of white-space potentials: for each active account and core product it does not hold, the mean revenue in the period of that product per holder — within the account's segment when at least 5 accounts of the segment hold it, else over all holders.",
    band: null,
    better: null
  },
  revenue_at_full_cross_sell: {
    id: "revenue_at_full_cross_sell",
    label: "Revenue at full cross-sell",
    kind: "money",
    unit: "reporting currency",
    definition: "Revenue in the period plus all white-space potential; also shown as a ratio to revenue in the period.",
    band: null,
    better: null
  },
  active_accounts: {
    id: "active_accounts",
    label: "Active customers",
    kind: "count",
    unit: "accounts",
    definition: "Accounts with revenue > 0 in the trailing 12 months at the as-of date.",
    band: null,
    better: null
  },
  tiers: {
    id: "tiers",
    label: "Revenue concentration (ABCD tiers)",
    kind: "count",
    unit: "accounts",
    definition:
      "Active accounts sorted by revenue in the period (descending, ties by account id). With c = cumulative revenue share of the accounts ranked strictly above: tier A if c < 50%, B if c < 80%, C if c < 95%, else D.",
    band: null,
    better: null
  },
  demand_units: {
    id: "demand_units",
    label: "Demand units and the priority matrix",
    kind: "count",
    unit: "units",
    definition:
      "An account (optionally a buying center) paired with a core product it does not hold, scored 0–3 on need, fit, urgency (opportunity axis) and relationship, data, resources (ability to win). Axis score = mean of its three scores; quadrants split at 2.0. A unit with need 0 is disqualified.",
    band: null,
    better: null
  },
  affinity: {
    id: "affinity",
    label: "Product affinity",
    kind: "ratio",
    unit: "share",
    definition:
      "Over active accounts: support = share holding both x and y; confidence(x→y) = share of holders of x that hold y; lift = confidence / share holding y (above 1: bought together more often than chance).",
    band: null,
    better: null
  },
  adjacency: {
    id: "adjacency",
    label: "Product adjacency",
    kind: "count",
    unit: "accounts",
    definition: "For each initial product and first cross-sold product, the number of accounts whose first cross-sell event was that product after starting with the initial one.",
    band: null,
    better: null
  },
  time_to_cross_sell_curve: {
    id: "time_to_cross_sell_curve",
    label: "Time-to-cross-sell curve",
    kind: "ratio",
    unit: "% of cohort",
    definition:
      "Share of an acquisition-quarter cohort cross-sold within k months of first purchase (k = 0…36), Kaplan–Meier estimate: an account not yet cross-sold counts only for the months it has been observed.",
    band: null,
    better: null
  }
};

/** The five headline KPIs, in the order of metrics.md. */
export const HEADLINE = [
  "cross_sell_rate",
  "multi_product_rate",
  "cross_sell_revenue_share",
  "time_to_cross_sell_months",
  "cross_sell_win_rate"
] as const;

export function figureInfo(id: string): FigureInfo {
  const info = FIGURES[id];
  if (!info) throw new Error(`Unknown figure "${id}": add it to src/lib/figures.ts`);
  return info;
}

/** Link to the figure's definition. `base` is the path prefix back to the site root. */
export function definitionHref(id: string, base = "./"): string {
  return `${base}definitions#${id}`;
}

/** Band status in plain words (benchmarks.md). */
export function statusWords(id: string, status: Status | null | undefined): string | null {
  if (!status) return null;
  if (id === "time_to_cross_sell_months") {
    return status === "below" ? "faster than benchmark — check for premature cross-selling" : status === "above" ? "slower than benchmark" : "on benchmark";
  }
  return status === "below" ? "behind benchmark" : status === "above" ? "ahead of benchmark" : "on benchmark";
}

/** Formats a value of the figure for people. */
export function formatValue(id: string, value: number | null | undefined, currency = "USD"): string {
  const kind = FIGURES[id]?.kind ?? "decimal";
  switch (kind) {
    case "ratio":
      return fmt.pct(value);
    case "months":
      return fmt.months(value);
    case "money":
      return fmt.money(value, currency);
    case "count":
      return fmt.count(value);
    default:
      return fmt.decimal(value);
  }
}

/** Band as text from its numbers: "15.0%–30.0%", "> 70.0%", "6.0–12.0 months". */
export function bandText(id: string, low: number | null | undefined, high: number | null | undefined): string | null {
  if (low == null && high == null) return null;
  const f = (x: number) => (FIGURES[id]?.kind === "months" ? x.toFixed(1) : formatValue(id, x));
  const unit = FIGURES[id]?.kind === "months" ? " months" : "";
  if (high == null) return `≥ ${f(low!)}${unit}`;
  if (low == null) return `≤ ${f(high)}${unit}`;
  return `${f(low)}–${f(high)}${unit}`;
}

/** Change against the previous period, formatted: points for ratios, relative for amounts, months for months. */
export function changeText(id: string, current: number | null | undefined, previous: number | null | undefined): string | null {
  if (current == null || previous == null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const kind = FIGURES[id]?.kind ?? "decimal";
  const d = current - previous;
  const sign = d >= 0 ? "+" : "−";
  if (kind === "ratio") return fmt.pointsChange(d);
  if (kind === "months") return `${sign}${Math.abs(d).toFixed(1)} months`;
  if (kind === "decimal") return `${sign}${Math.abs(d).toFixed(2)}`;
  return previous === 0 ? null : fmt.relativeChange(d / Math.abs(previous));
}
