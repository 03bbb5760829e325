/**
 * BarChart — horizontal bars of a value per label (optionally stacked by a
 * series), with the value written at the end of each bar.
 *
 *   BarChart(rows, {label, value, series, width, title, xLabel, yLabel, format, document})
 *
 * rows: any rows; label(row) / value(row) / series(row): accessors or field names.
 * format(v): text written beside each bar (default: none). Options height
 * (default from rows), order ("value" = largest first, default, or "input").
 */
import * as Plot from "@observablehq/plot";
import {plot, type ChartFrame} from "./plot.js";
import {doc} from "./dom.js";

type Acc<T, V> = keyof T | ((d: T) => V);

export interface BarOptions<T> extends ChartFrame {
  label: Acc<T, string>;
  value: Acc<T, number | null>;
  series?: Acc<T, string>;
  seriesLabel?: string;
  xLabel: string;
  yLabel?: string;
  format?: (v: number) => string;
  order?: "value" | "input";
  colorDomain?: string[];
}

function acc<T, V>(a: Acc<T, V>): (d: T) => V {
  return typeof a === "function" ? (a as (d: T) => V) : (d: T) => d[a] as V;
}

export function BarChart<T>(rows: T[], options: BarOptions<T>): Element {
  const d = doc(options.document);
  const fl = acc(options.label), fv = acc(options.value);
  const fs = options.series ? acc(options.series) : null;
  const data = rows.map((r) => ({label: fl(r), value: fv(r) ?? 0, series: fs ? fs(r) : null}));
  const totals = new Map<string, number>();
  for (const r of data) totals.set(r.label, (totals.get(r.label) ?? 0) + r.value);
  const labels = [...totals.keys()];
  if ((options.order ?? "value") === "value") labels.sort((a, b) => totals.get(b)! - totals.get(a)!);
  const maxLabel = Math.max(4, ...labels.map((l) => l.length));
  return plot({
    document: d,
    width: options.width ?? 640,
    height: options.height ?? Math.max(100, 50 + labels.length * 26),
    marginLeft: Math.min(220, 12 + maxLabel * 7),
    marginRight: options.format ? 60 : 20,
    title: options.title,
    subtitle: options.subtitle,
    x: {label: options.xLabel, grid: true, tickFormat: options.format, ticks: Math.max(2, Math.floor((options.width ?? 640) / 120))},
    y: {label: options.yLabel ?? null, domain: labels},
    color: fs ? {legend: true, label: options.seriesLabel, domain: options.colorDomain} : undefined,
    marks: [
      Plot.barX(data, {x: "value", y: "label", fill: fs ? "series" : "var(--theme-foreground-focus)", tip: true}),
      options.format && !fs
        ? Plot.text(data, {x: "value", y: "label", text: (r: {value: number}) => options.format!(r.value), textAnchor: "start", dx: 4, fill: "currentColor"})
        : null,
      Plot.ruleX([0])
    ].filter(Boolean) as Plot.Markish[]
  } as Plot.PlotOptions);
}
