/**
 * WaterfallChart — the revenue bridge (metrics.md, Retention and expansion):
 * a bar for the starting revenue, each movement as a floating bar from the
 * running level (increases in the "good" colour, decreases in the "bad" one),
 * and a bar for the ending revenue.
 *
 *   WaterfallChart(bridge, {width, height, title, subtitle, currency, hrefFor, document})
 *
 * bridge: {starting, new_business, returning, cross_sell_expansion,
 *   upsell_expansion, contraction, churn, ending} (a revenue_bridge.json row,
 *   or kpis.json's revenue_bridge). Contraction and churn are positive amounts
 *   that lower the level; returning may be negative (then it is a decrease).
 * Options:
 *   - hrefFor(step): link of a bar, e.g. to the accounts behind it (null: no link);
 *     step is "starting", a movement name or "ending"
 *   - currency: formats the axis, labels and tips (default USD)
 *   - height (default 360), document (tests)
 * Narrower than 520 px (a phone, a small multiple) the bars get short, slanted
 * names and only the two totals are written on the chart; every bar keeps its
 * tip and accessible label.
 */
import * as Plot from "@observablehq/plot";
import {plot, type ChartFrame} from "./plot.js";
import {doc} from "./dom.js";
import {money} from "../lib/format.js";

export interface BridgeLike {
  starting: number;
  new_business: number;
  returning: number;
  cross_sell_expansion: number;
  upsell_expansion: number;
  contraction: number;
  churn: number;
  ending: number;
}

export type WaterfallStepKey = keyof BridgeLike;

export interface WaterfallStep {
  key: WaterfallStepKey;
  label: string;
  kind: "total" | "increase" | "decrease";
  /** Signed change of the level (the total itself for starting and ending). */
  amount: number;
  /** The bar runs from y1 to y2. */
  y1: number;
  y2: number;
}

export interface WaterfallOptions extends ChartFrame {
  currency?: string;
  hrefFor?: (step: WaterfallStepKey) => string | null | undefined;
}

/** Bridge order; the sign says whether the movement's (positive) amount raises or lowers the level. */
const MOVEMENTS: {key: Exclude<WaterfallStepKey, "starting" | "ending">; label: string; sign: 1 | -1}[] = [
  {key: "new_business", label: "New business", sign: 1},
  {key: "returning", label: "Returning", sign: 1},
  {key: "cross_sell_expansion", label: "Cross-sell expansion", sign: 1},
  {key: "upsell_expansion", label: "Upsell expansion", sign: 1},
  {key: "contraction", label: "Contraction", sign: -1},
  {key: "churn", label: "Churn", sign: -1}
];

/** Axis names of the bars on a narrow chart. */
const SHORT_LABELS: Record<string, string> = {
  Starting: "Start",
  "New business": "New",
  Returning: "Ret.",
  "Cross-sell expansion": "X-sell",
  "Upsell expansion": "Upsell",
  Contraction: "Contr.",
  Churn: "Churn",
  Ending: "End"
};

/** The bars of the waterfall, starting to ending, each movement floating from the level the previous ones reached. */
export function waterfallSteps(bridge: BridgeLike): WaterfallStep[] {
  const steps: WaterfallStep[] = [{key: "starting", label: "Starting", kind: "total", amount: bridge.starting, y1: 0, y2: bridge.starting}];
  let level = bridge.starting;
  for (const m of MOVEMENTS) {
    const amount = m.sign * bridge[m.key];
    steps.push({key: m.key, label: m.label, kind: amount < 0 ? "decrease" : "increase", amount, y1: level, y2: level + amount});
    level += amount;
  }
  steps.push({key: "ending", label: "Ending", kind: "total", amount: bridge.ending, y1: 0, y2: bridge.ending});
  return steps;
}

export function WaterfallChart(bridge: BridgeLike, options: WaterfallOptions = {}): Element {
  const d = doc(options.document);
  const steps = waterfallSteps(bridge);
  const fmt = (v: number) => money(v, options.currency ?? "USD");
  const signed = (s: WaterfallStep) => (s.kind === "total" ? fmt(s.amount) : `${s.amount < 0 ? "−" : "+"}${fmt(Math.abs(s.amount))}`);
  const hrefFor = options.hrefFor;
  // A dashed tick across each bar at the level the previous bar reached, so the eye follows the level.
  const connectors = steps.slice(1).map((s, i) => ({label: s.label, y: steps[i].y2}));
  const width = options.width ?? 640;
  const narrow = width < 520;
  const tickFormat = narrow
    ? (label: string) => SHORT_LABELS[label] ?? label
    : (label: string) => label.replace(" expansion", "\nexpansion").replace("New business", "New\nbusiness");
  const chart = plot({
    document: d,
    width,
    height: options.height ?? 360,
    marginLeft: 64,
    marginBottom: narrow ? 52 : 44,
    title: options.title,
    subtitle: options.subtitle,
    x: {domain: steps.map((s) => s.label), label: null, tickFormat, padding: 0.25, ...(narrow ? {tickRotate: -40} : {})},
    y: {label: `Revenue (${options.currency ?? "USD"})`, grid: true, tickFormat: fmt},
    color: {domain: ["total", "increase", "decrease"], range: ["var(--theme-foreground-focus)", "var(--good)", "var(--bad)"]},
    marks: [
      Plot.ruleY([0]),
      Plot.tickY(connectors, {x: "label", y: "y", stroke: "currentColor", strokeOpacity: 0.35, strokeDasharray: "2,2"}),
      Plot.barY(steps, {
        x: "label",
        y1: "y1",
        y2: "y2",
        fill: "kind",
        href: hrefFor ? (s: WaterfallStep) => hrefFor(s.key) ?? null : undefined,
        ariaLabel: (s: WaterfallStep) => `${s.label}: ${signed(s)}`,
        title: (s: WaterfallStep) => `${s.label}: ${signed(s)}${hrefFor?.(s.key) ? "\nClick for the accounts behind it" : ""}`,
        // Plot's pointer tip takes the mouse press for itself (it pins the tip), so a linked bar's
        // click would never reach its link: linked bars show the browser's own tooltip instead.
        tip: !hrefFor
      }),
      Plot.text(narrow ? steps.filter((s) => s.kind === "total") : steps, {
        x: "label",
        y: (s: WaterfallStep) => Math.max(s.y1, s.y2),
        text: signed,
        dy: -6,
        fill: "currentColor",
        lineAnchor: "bottom"
      })
    ]
  } as Plot.PlotOptions);
  // Each bar is named for screen readers ("Churn: −$350"); a <rect> may carry that name only with a
  // role (axe: aria-prohibited-attr), so the named bars are images.
  for (const bar of chart.querySelectorAll("rect[aria-label]")) bar.setAttribute("role", "img");
  return chart;
}
