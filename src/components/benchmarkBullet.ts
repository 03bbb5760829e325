/**
 * BenchmarkBullet — each banded figure as a bullet: the band as a shaded
 * range, the value as a thick tick, on a shared 0–100% axis, labelled.
 *
 *   BenchmarkBullet(items, {width, title, document})
 *
 * items: [{id, label, value, low, high}] — ratios (fractions). An item with a
 * null value is drawn without a tick and labelled "not enough data".
 * Options: height (default from items), document (tests).
 */
import * as Plot from "@observablehq/plot";
import {plot, type ChartFrame} from "./plot.js";
import {doc} from "./dom.js";

export interface BulletItem {
  id: string;
  label: string;
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface BulletOptions extends ChartFrame {
}

export function BenchmarkBullet(items: BulletItem[], options: BulletOptions = {}): Element {
  const d = doc(options.document);
  const labels = items.map((i) => i.label);
  const bands = items.filter((i) => i.low != null).map((i) => ({label: i.label, x1: i.low!, x2: i.high ?? 1}));
  const values = items.filter((i) => i.value != null);
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const width = options.width ?? 640;
  // On a phone the labels go above the bars instead of eating the plot's width.
  const narrow = width < 500;
  return plot({
    document: d,
    width,
    height: options.height ?? 40 + items.length * (narrow ? 52 : 34),
    marginLeft: narrow ? 12 : 170,
    marginRight: narrow ? 20 : 60,
    title: options.title,
    subtitle: options.subtitle,
    x: {label: "Value and benchmark band (%)", domain: [0, 1], tickFormat: (v: number) => `${Math.round(v * 100)}%`, grid: true, ticks: width < 500 ? 4 : 10},
    y: {label: null, domain: labels, axis: narrow ? null : "left", padding: narrow ? 0.45 : 0.1},
    marks: [
      narrow ? Plot.text(items, {x: 0, y: "label", text: "label", textAnchor: "start", dy: -16, fill: "currentColor", fontWeight: 600}) : null,
      Plot.barX(items, {x: 1, y: "label", fill: "currentColor", fillOpacity: 0.05}),
      Plot.barX(bands, {x1: "x1", x2: "x2", y: "label", fill: "var(--theme-foreground-focus)", fillOpacity: 0.25}),
      Plot.tickX(values, {x: "value", y: "label", stroke: "var(--theme-foreground)", strokeWidth: 3}),
      Plot.text(items, {x: (i: BulletItem) => i.value ?? 0, y: "label", text: (i: BulletItem) => (i.value == null ? "not enough data" : pct(i.value)), textAnchor: "start", dx: 6, fill: "currentColor"})
    ].filter(Boolean) as Plot.Markish[]
  } as Plot.PlotOptions);
}
