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
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {doc, type Doc} from "./dom.js";

type Acc<T, V> = keyof T | ((d: T) => V);

export interface HeatGridOptions<T> {
  x: Acc<T, string>;
  y: Acc<T, string>;
  fill: Acc<T, number | string | null>;
  text?: (d: T) => string;
  tip?: (d: T) => string;
  width?: number;
  height?: number;
  title?: string | Node;
  subtitle?: string | Node;
  xLabel: string;
  yLabel: string;
  legendLabel?: string;
  fillType?: "linear" | "ordinal";
  domain?: unknown[];
  range?: string[];
  scheme?: string;
  xDomain?: string[];
  yDomain?: string[];
  document?: Doc;
}

function acc<T, V>(a: Acc<T, V>): (d: T) => V {
  return typeof a === "function" ? (a as (d: T) => V) : (d: T) => d[a] as V;
}

export function HeatGrid<T>(cells: T[], options: HeatGridOptions<T>): Element {
  const d = doc(options.document);
  const fx = acc(options.x), fy = acc(options.y), ff = acc(options.fill);
  const ys = options.yDomain ?? [...new Set(cells.map(fy))];
  const maxLabel = Math.max(4, ...ys.map((y) => String(y).length));
  const ordinal = options.fillType === "ordinal";
  return plot({
    document: d,
    width: options.width ?? 640,
    height: options.height ?? Math.max(120, 60 + ys.length * 28),
    marginLeft: Math.min(200, 12 + maxLabel * 7),
    marginBottom: 40,
    title: options.title,
    subtitle: options.subtitle,
    padding: 0.05,
    x: {label: options.xLabel, domain: options.xDomain, axis: "top", tickRotate: 0},
    y: {label: options.yLabel, domain: ys},
    color: ordinal
      ? {type: "ordinal", domain: options.domain, range: options.range, legend: true, label: options.legendLabel}
      : {type: "linear", scheme: options.scheme ?? "blues", legend: true, label: options.legendLabel},
    marks: [
      Plot.cell(cells, {x: fx, y: fy, fill: ff, inset: 0.5, tip: options.tip ? undefined : true}),
      options.text ? Plot.text(cells, {x: fx, y: fy, text: options.text, fill: "currentColor", stroke: "var(--theme-background)", strokeWidth: 3, paintOrder: "stroke", fontSize: 11}) : null,
      options.tip ? Plot.tip(cells, Plot.pointer({x: fx, y: fy, title: options.tip})) : null
    ].filter(Boolean) as Plot.Markish[]
  } as Plot.PlotOptions);
}
