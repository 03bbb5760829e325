/**
 * HeatGrid — a grid of cells (rows × columns) coloured by a value, with the
 * value written in each cell: white space (accounts × products), adjacency
 * (first product → first cross-sold product), penetration (segment × product),
 * tier × products held.
 *
 *   HeatGrid(cells, {x, y, fill, text, width, title, xLabel, yLabel, tip, scheme, document})
 *
 * cells: any rows; x / y / fill: accessor functions or field names;
 * text(cell): label written in the cell (default none); tip(cell): tooltip text;
 * fillType: "linear" (default) or "ordinal" (then `domain`/`range` set colours);
 * xDomain / yDomain: order of columns / rows; height (default from rows);
 * legendLabel: colour legend label; document (tests).
 * Labels never overlap, down to a 375-pixel phone (heatGridLayout): row labels
 * longer than the left margin allows are shortened with "…" (the tip has them
 * whole); column labels wider than their column are turned 45° and, when even
 * that is too tight, only every n-th is written; cell texts are left out when
 * the columns are too narrow for them.
 */
import * as Plot from "@observablehq/plot";
import {plot, type ChartFrame} from "./plot.js";
import {doc} from "./dom.js";

type Acc<T, V> = keyof T | ((d: T) => V);

export interface HeatGridOptions<T> extends ChartFrame {
  x: Acc<T, string>;
  y: Acc<T, string>;
  fill: Acc<T, number | string | null>;
  text?: (d: T) => string;
  tip?: (d: T) => string;
  xLabel: string;
  yLabel: string;
  legendLabel?: string;
  fillType?: "linear" | "ordinal";
  domain?: unknown[];
  range?: string[];
  scheme?: string;
  xDomain?: string[];
  yDomain?: string[];
}

function acc<T, V>(a: Acc<T, V>): (d: T) => V {
  return typeof a === "function" ? (a as (d: T) => V) : (d: T) => d[a] as V;
}

/** Approximate width of one character of a 10–11px sans-serif label, in pixels. */
const CHAR_PX = 6.5;

export interface HeatGridLayout {
  marginLeft: number;
  marginTop: number;
  /** Column-label rotation in degrees (0 or -45). */
  tickRotate: number;
  /** The column labels written (all, or every n-th when too dense). */
  xTicks: string[];
  /** The longest row label, in characters, before it is shortened. */
  yChars: number;
  /** Whether the cells are wide enough for their text (textChars characters at most). */
  cellText: boolean;
}

/** Margins and labels so that no label overlaps another at this width. */
export function heatGridLayout(xs: readonly string[], ys: readonly string[], width: number, textChars = 4): HeatGridLayout {
  const longestY = ys.reduce((m, y) => Math.max(m, String(y).length), 4);
  // At most 40% of the width for the row labels and the axis label beside them (a phone keeps room for the cells).
  const marginLeft = Math.round(Math.min(240, width * 0.4, 26 + longestY * 7));
  const yChars = Math.max(3, Math.floor((marginLeft - 26) / 7));
  const column = (width - marginLeft - 20) / Math.max(1, xs.length);
  const longestX = xs.reduce((m, x) => Math.max(m, String(x).length), 1) * CHAR_PX;
  // Cell texts are 11px: about 6.5px a character, plus a few pixels either side.
  const cellText = textChars * CHAR_PX + 8 <= column;
  if (longestX <= column - 6) return {marginLeft, marginTop: 40, tickRotate: 0, xTicks: [...xs], yChars, cellText};
  // Turned 45°, labels need about 14px of width each along the axis.
  const every = Math.max(1, Math.ceil(14 / column));
  return {
    marginLeft,
    marginTop: Math.round(Math.min(140, 30 + longestX * 0.72)),
    tickRotate: -45,
    xTicks: xs.filter((_, i) => i % every === 0),
    yChars,
    cellText
  };
}

/** A row label cut to `chars` characters with an ellipsis. */
export function shorten(label: string, chars: number): string {
  return label.length > chars ? `${label.slice(0, Math.max(1, chars - 1))}…` : label;
}

export function HeatGrid<T>(cells: T[], options: HeatGridOptions<T>): Element {
  const d = doc(options.document);
  const fx = acc(options.x), fy = acc(options.y), ff = acc(options.fill);
  const ys = options.yDomain ?? [...new Set(cells.map(fy))];
  const xs = options.xDomain ?? [...new Set(cells.map(fx))];
  const width = options.width ?? 640;
  const text = options.text;
  const textChars = text ? cells.reduce((m, c) => Math.max(m, text(c).length), 0) : 0;
  const layout = heatGridLayout(xs, ys, width, textChars);
  const ordinal = options.fillType === "ordinal";
  return plot({
    document: d,
    width,
    height: options.height ?? Math.max(120, layout.marginTop + 20 + ys.length * 28),
    marginLeft: layout.marginLeft,
    marginTop: layout.marginTop,
    marginBottom: 20,
    title: options.title,
    subtitle: options.subtitle,
    padding: 0.05,
    x: {label: options.xLabel, domain: xs, axis: "top", tickRotate: layout.tickRotate, ticks: layout.xTicks},
    y: {label: options.yLabel, domain: ys, tickFormat: (y: string) => shorten(String(y), layout.yChars)},
    color: ordinal
      ? {type: "ordinal", domain: options.domain, range: options.range, legend: true, label: options.legendLabel}
      : {type: "linear", scheme: options.scheme ?? "blues", legend: true, label: options.legendLabel},
    marks: [
      Plot.cell(cells, {x: fx, y: fy, fill: ff, inset: 0.5, tip: options.tip ? undefined : true}),
      options.text && layout.cellText ? Plot.text(cells, {x: fx, y: fy, text: options.text, fill: "currentColor", stroke: "var(--theme-background)", strokeWidth: 3, paintOrder: "stroke", fontSize: 11}) : null,
      options.tip ? Plot.tip(cells, Plot.pointer({x: fx, y: fy, title: options.tip})) : null
    ].filter(Boolean) as Plot.Markish[]
  } as Plot.PlotOptions);
}
