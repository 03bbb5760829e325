/**
 * CohortCurves — share of each acquisition cohort cross-sold within k months
 * (Kaplan–Meier, censoring handled upstream), one line per cohort.
 *
 *   CohortCurves(rows, {width, title, cohorts, band, document})
 *
 * rows: [{cohort, k, cross_sold_share, cohort_accounts, at_risk}] (ttc_cohorts.json rows)
 * Options: cohorts (the cohorts to draw, default all); band [low, high] in
 * months shaded on the x axis; height (default 360); document (tests).
 * A null share (beyond the cohort's follow-up) ends its line.
 */
import * as Plot from "@observablehq/plot";
import {plot, type ChartFrame} from "./plot.js";
import {doc} from "./dom.js";

export interface CohortRow {
  cohort: string;
  k: number;
  cross_sold_share: number | null;
  cohort_accounts: number;
  at_risk: number;
}

export interface CohortOptions extends ChartFrame {
  cohorts?: string[];
  band?: [number, number] | null;
}

export function CohortCurves(rows: CohortRow[], options: CohortOptions = {}): Element {
  const d = doc(options.document);
  const keep = options.cohorts ? new Set(options.cohorts) : null;
  const data = rows.filter((r) => r.cross_sold_share != null && (!keep || keep.has(r.cohort))).map((r) => ({cohort: r.cohort, k: r.k, share: r.cross_sold_share, n: r.cohort_accounts, at_risk: r.at_risk}));
  const n = new Set(data.map((r) => r.cohort)).size;
  return plot({
    document: d,
    width: options.width ?? 640,
    height: options.height ?? 360,
    title: options.title,
    subtitle: options.subtitle,
    x: {label: "Months since first purchase", domain: [0, 36]},
    y: {label: "Share of cohort cross-sold (%)", grid: true, domain: [0, 1], tickFormat: (v: number) => `${Math.round(v * 100)}%`},
    color: {legend: n <= 16, label: "Acquisition quarter", scheme: "viridis", type: "ordinal"},
    marks: [
      options.band ? Plot.rectX([{x1: options.band[0], x2: options.band[1]}], {x1: "x1", x2: "x2", fill: "var(--theme-foreground-focus)", fillOpacity: 0.1}) : null,
      Plot.lineY(data, {x: "k", y: "share", stroke: "cohort", curve: "step-after", strokeWidth: 1.5}),
      Plot.tip(data, Plot.pointer({x: "k", y: "share", title: (r: {cohort: string; k: number; share: number; n: number; at_risk: number}) => `${r.cohort} (${r.n} accounts)\nwithin ${r.k} months: ${(r.share * 100).toFixed(1)}%\nstill at risk: ${r.at_risk}`})),
      Plot.ruleY([0])
    ].filter(Boolean) as Plot.Markish[]
  } as Plot.PlotOptions);
}
