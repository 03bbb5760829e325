/**
 * ParetoCurve — cumulative share of revenue against cumulative share of
 * accounts (accounts ranked by revenue, largest first), with the ABCD tier
 * cut-offs (50%, 80%, 95% of revenue) drawn.
 *
 *   ParetoCurve(accounts, {width, title, thresholds, document})
 *
 * accounts: [{revenue_rank, cumulative_revenue_share, tier}] for active accounts
 * (accounts.json rows with a rank). Options: thresholds (default [0.5, 0.8, 0.95]);
 * height (default 320); maxPoints (default 1,000: with more accounts the curve is drawn
 * through evenly spaced ranks plus the last account of each tier, which looks the same at any
 * chart width and keeps the SVG small at 200,000 accounts); points (the curve's points as
 * thinPoints(paretoPoints(accounts)) gives them, computed at build time: then `accounts` is
 * not read, so a page need not load every account); document (tests).
 */
import * as Plot from "@observablehq/plot";
import {plot, type ChartFrame} from "./plot.js";
import {doc} from "./dom.js";

export interface ParetoAccount {
  revenue_rank: number | null;
  cumulative_revenue_share: number | null;
  tier: string | null;
}

export interface ParetoOptions extends ChartFrame {
  thresholds?: number[];
  maxPoints?: number;
  points?: ParetoPoint[];
}

export interface ParetoPoint {
  accounts: number;
  revenue: number;
  tier: string | null;
}

/** Points of the curve: (share of accounts, share of revenue), starting at (0, 0). */
export function paretoPoints(accounts: ParetoAccount[]): ParetoPoint[] {
  const ranked = accounts.filter((a) => a.revenue_rank != null && a.cumulative_revenue_share != null).sort((a, b) => a.revenue_rank! - b.revenue_rank!);
  const n = ranked.length;
  return [{accounts: 0, revenue: 0, tier: null}, ...ranked.map((a, i) => ({accounts: (i + 1) / n, revenue: a.cumulative_revenue_share!, tier: a.tier}))];
}

/**
 * At most about `max` of the curve's points: the origin, every k-th point, the last point of
 * each run of one tier (so every tier's cut-off stays exact) and the final point. The curve is
 * monotonic, so the line through them is the curve at screen resolution.
 */
export function thinPoints<P extends {tier: string | null}>(points: P[], max = 1000): P[] {
  if (points.length <= max + 1) return points;
  const step = Math.ceil((points.length - 1) / max);
  return points.filter(
    (p, i) => i === 0 || i === points.length - 1 || i % step === 0 || p.tier !== points[i + 1].tier
  );
}

export function ParetoCurve(accounts: ParetoAccount[], options: ParetoOptions = {}): Element {
  const d = doc(options.document);
  const points = options.points ?? thinPoints(paretoPoints(accounts), options.maxPoints ?? 1000);
  const thresholds = options.thresholds ?? [0.5, 0.8, 0.95];
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return plot({
    document: d,
    width: options.width ?? 640,
    height: options.height ?? 320,
    title: options.title,
    subtitle: options.subtitle,
    x: {label: "Share of active accounts, largest revenue first (%)", domain: [0, 1], tickFormat: pct},
    y: {label: "Cumulative share of revenue (%)", domain: [0, 1], tickFormat: pct, grid: true},
    color: {domain: ["A", "B", "C", "D"], legend: true, label: "Tier"},
    marks: [
      Plot.ruleY(thresholds, {stroke: "currentColor", strokeOpacity: 0.3, strokeDasharray: "4,3"}),
      // Each cut-off's label under its rule, at the right: the curve runs above every cut-off there
      // (above the rule it ran through "95% of revenue" on a phone); a halo keeps the label clear
      // of the faint diagonal.
      Plot.text(thresholds, {y: (t: number) => t, x: 1, text: (t: number) => `${pct(t)} of revenue`, textAnchor: "end", lineAnchor: "top", dy: 3, fill: "currentColor", fillOpacity: 0.7, stroke: "var(--theme-background)", strokeWidth: 3}),
      Plot.line([{x: 0, y: 0}, {x: 1, y: 1}], {x: "x", y: "y", stroke: "currentColor", strokeOpacity: 0.25}),
      Plot.areaY(points, {x: "accounts", y: "revenue", fill: "var(--theme-foreground-focus)", fillOpacity: 0.08}),
      Plot.line(points, {x: "accounts", y: "revenue", stroke: "var(--theme-foreground)", strokeWidth: 2}),
      Plot.dot(points.filter((p) => p.tier), {x: "accounts", y: "revenue", fill: "tier", r: 2.5}),
      Plot.tip(points.filter((p) => p.tier), Plot.pointer({x: "accounts", y: "revenue", title: (p: {accounts: number; revenue: number; tier: string}) => `Top ${(p.accounts * 100).toFixed(1)}% of accounts\n${(p.revenue * 100).toFixed(1)}% of revenue\ntier ${p.tier}`}))
    ]
  } as Plot.PlotOptions);
}
