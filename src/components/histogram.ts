/**
 * Histogram — the distribution of a number (e.g. months to first cross-sell),
 * with an optional band and median marked.
 *
 *   Histogram(values, {width, title, xLabel, yLabel, band, median, thresholds, document})
 *
 * values: number[] (nulls and non-finite values are dropped)
 * Options: band [low, high] drawn behind; median drawn as a rule; thresholds
 * (bin count or edges, default 24); height (default 280); document (tests).
 */
import * as Plot from "@observablehq/plot";
import {plot, type ChartFrame} from "./plot.js";
import {doc} from "./dom.js";

export interface HistogramOptions extends ChartFrame {
  xLabel: string;
  yLabel?: string;
  band?: [number, number] | null;
  median?: number | null;
  thresholds?: number | number[];
}

export function Histogram(values: (number | null)[], options: HistogramOptions): Element {
  const d = doc(options.document);
  const data = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v)).map((v) => ({v}));
  return plot({
    document: d,
    width: options.width ?? 640,
    height: options.height ?? 280,
    title: options.title,
    subtitle: options.subtitle,
    x: {label: options.xLabel},
    y: {label: options.yLabel ?? "Accounts", grid: true},
    marks: [
      options.band ? Plot.rectX([{x1: options.band[0], x2: options.band[1]}], {x1: "x1", x2: "x2", fill: "var(--theme-foreground-focus)", fillOpacity: 0.12}) : null,
      Plot.rectY(data, Plot.binX({y: "count"}, {x: "v", thresholds: options.thresholds ?? 24, fill: "var(--theme-foreground-muted)", tip: true} as any)),
      options.median != null ? Plot.ruleX([options.median], {stroke: "var(--theme-foreground-focus)", strokeWidth: 2}) : null,
      options.median != null ? Plot.text([options.median], {x: (m: number) => m, frameAnchor: "top", text: () => "median", dx: 4, textAnchor: "start"}) : null,
      Plot.ruleY([0])
    ].filter(Boolean) as Plot.Markish[]
  } as Plot.PlotOptions);
}
