/**
 * TrendChart — a figure over month (or quarter) ends, one line per cut, with
 * its benchmark band drawn behind.
 *
 *   TrendChart(rows, {width, figure, title, subtitle, yLabel, currency, document})
 *
 * rows: [{as_of: "YYYY-MM-DD", cut, value, low, high}] (figures.json rows fit)
 * Options:
 *   - figure: figure id (formats the y axis and tips: %, months, $)
 *   - title / subtitle: shown above the chart (string or element)
 *   - yLabel: y axis label with unit (default from the figure)
 *   - height (default 320), document (tests)
 * A null value leaves a gap (undefined figure), never a 0.
 */
import * as Plot from "@observablehq/plot";
import {plot, type ChartFrame} from "./plot.js";
import {figureInfo, formatValue} from "../lib/figures.js";
import {doc} from "./dom.js";

export interface TrendRow {
  as_of: string;
  cut: string;
  value: number | null;
  low?: number | null;
  high?: number | null;
}

export interface TrendOptions extends ChartFrame {
  figure: string;
  yLabel?: string;
  currency?: string;
}

/** One band segment per date, from the first cut that has a band there. */
export function bandRows(rows: TrendRow[]): {date: Date; low: number; high: number}[] {
  const byDate = new Map<string, {date: Date; low: number; high: number}>();
  const top = Math.max(0, ...rows.map((r) => r.value ?? 0));
  for (const r of rows) {
    if (r.low == null || byDate.has(r.as_of)) continue;
    byDate.set(r.as_of, {date: new Date(`${r.as_of}T00:00:00Z`), low: r.low, high: r.high ?? Math.max(top, r.low) * 1.05});
  }
  return [...byDate.values()].sort((a, b) => +a.date - +b.date);
}

export function TrendChart(rows: TrendRow[], options: TrendOptions): Element {
  const d = doc(options.document);
  const info = figureInfo(options.figure);
  const data = rows.map((r) => ({...pick(r), date: new Date(`${r.as_of}T00:00:00Z`)}));
  const band = bandRows(rows);
  const cuts = new Set(rows.map((r) => r.cut));
  const ratio = info.kind === "ratio";
  return plot({
    document: d,
    width: options.width ?? 640,
    height: options.height ?? 320,
    marginLeft: 60,
    title: options.title,
    subtitle: options.subtitle,
    x: {type: "utc", label: "Month end"},
    y: {label: options.yLabel ?? `${info.label} (${info.unit})`, grid: true, tickFormat: ratio ? (v: number) => `${Math.round(v * 100)}%` : info.kind === "money" ? (v: number) => formatValue(options.figure, v, options.currency) : undefined, zero: info.kind !== "months"},
    color: {legend: cuts.size > 1 && cuts.size <= 12, label: "Cut"},
    marks: [
      band.length ? Plot.areaY(band, {x: "date", y1: "low", y2: "high", fill: "var(--theme-foreground-focus)", fillOpacity: 0.12, curve: "step"}) : null,
      band.length ? Plot.lineY(band, {x: "date", y: "low", stroke: "var(--theme-foreground-focus)", strokeOpacity: 0.4, strokeDasharray: "3,3", curve: "step"}) : null,
      Plot.lineY(data, {x: "date", y: "value", stroke: cuts.size > 1 ? "cut" : "var(--theme-foreground)", strokeWidth: 2, z: "cut"}),
      Plot.dot(data, {x: "date", y: "value", fill: cuts.size > 1 ? "cut" : "var(--theme-foreground)", r: 2}),
      Plot.tip(
        data,
        Plot.pointer({
          x: "date",
          y: "value",
          title: (r: TrendRow & {date: Date}) => `${r.cut === "all" ? "All accounts" : r.cut}\n${r.as_of}: ${r.value == null ? "not enough data" : formatValue(options.figure, r.value, options.currency)}`
        })
      )
    ].filter(Boolean) as Plot.Markish[]
  } as Plot.PlotOptions);
}

function pick(r: TrendRow): TrendRow {
  return {as_of: r.as_of, cut: r.cut, value: r.value, low: r.low, high: r.high};
}
