/**
 * PriorityMatrix — demand units by opportunity (need, fit, urgency; y) against
 * ability to win (relationship, data, resources; x), with the four quadrants
 * named. Hovering shows the details.
 *
 *   PriorityMatrix(units, {width, title, products, currency, aggregateAbove, document})
 *
 * units: demand_units.json rows (disqualified units — need 0 — are not drawn).
 * The two axis scores are means of three 0–3 scores, so they take only ten
 * values each: with many units, points pile up on a 10 × 10 grid.
 *   - Up to `aggregateAbove` drawn units (default AGGREGATE_ABOVE): one point per
 *     unit, size = white-space potential, colour = product, spread by a small
 *     deterministic jitter; the tip shows its six scores and why.
 *   - Above it: one circle per score cell (matrixCells), size = the cell's total
 *     potential, labelled with its number of units; the tip lists the units per
 *     product. Filtering down to fewer units shows the points again.
 * The quadrant names are drawn last, over the marks, with a halo, so no point
 * hides them. Options: products (colour domain, so colours stay fixed when
 * filtering); currency (for potentials in tips); height (default from width).
 */
import * as Plot from "@observablehq/plot";
import {plot, type ChartFrame} from "./plot.js";
import {money} from "../lib/format.js";
import {doc} from "./dom.js";

export interface MatrixUnit {
  account_id: string;
  account_name: string;
  product_id: string;
  buying_center: string | null;
  need: number;
  fit: number;
  urgency: number;
  relationship: number;
  data: number;
  resources: number;
  why_need: string;
  why_fit: string;
  why_urgency: string;
  why_relationship: string;
  why_data: string;
  why_resources: string;
  score_source: "file" | "derived";
  opportunity_score: number;
  ability_score: number;
  is_disqualified: boolean;
  quadrant: string | null;
  potential: number | null;
}

export interface PriorityMatrixOptions extends ChartFrame {
  /** More drawn units than this are aggregated per score cell (default AGGREGATE_ABOVE). */
  aggregateAbove?: number;
  products?: string[];
  currency?: string;
}

/** Above this many drawn units the matrix shows score cells, not points. */
export const AGGREGATE_ABOVE = 300;

/** Quadrant names at the top and bottom edges of each half (outside the 0–3 data range). */
export const QUADRANTS = [
  {name: "Pursue now", x: 2.6, y: 3.3},
  {name: "Build the relationship", x: 1, y: 3.3},
  {name: "Nurture", x: 2.6, y: -0.3},
  {name: "Deprioritise", x: 1, y: -0.3}
];

/** Below this width the quadrant names go to the outer edges, on two lines where long. */
const NARROW = 560;

/** Where the quadrant names go at a width: centred in their half, or against the outer edges on a phone. */
export function quadrantLabels(width: number): {name: string; x: number; y: number; anchor: "middle" | "start" | "end"}[] {
  if (width >= NARROW) return QUADRANTS.map((q) => ({...q, anchor: "middle"}));
  return QUADRANTS.map((q) => ({
    name: q.name.replace("Build the relationship", "Build the\nrelationship"),
    x: q.x > 2 ? 3.4 : -0.2,
    y: q.y,
    anchor: q.x > 2 ? "end" : "start"
  }));
}

/** The quadrant of a pair of axis scores (split at 2.0 on each axis). */
export function quadrantOf(opportunity: number, ability: number): string {
  return opportunity >= 2 ? (ability >= 2 ? "Pursue now" : "Build the relationship") : ability >= 2 ? "Nurture" : "Deprioritise";
}

/** Deterministic jitter in [-0.12, 0.12] from a string. */
export function jitter(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (((h >>> 0) % 1000) / 1000 - 0.5) * 0.24;
}

/** The tip text of one unit: name, quadrant, six scores with why, potential. */
export function unitTip(u: MatrixUnit, currency = "USD"): string {
  const src = u.score_source === "file" ? "from demand_units.csv" : "derived";
  const line = (label: string, score: number, why: string) => `${label} ${score} — ${u.score_source === "file" ? src : why}`;
  return [
    `${u.account_name}${u.buying_center ? ` · ${u.buying_center}` : ""} → ${u.product_id}`,
    `${u.quadrant ?? "Disqualified"} · potential ${money(u.potential, currency)}`,
    `Opportunity ${u.opportunity_score.toFixed(2)}:`,
    line("  need", u.need, u.why_need),
    line("  fit", u.fit, u.why_fit),
    line("  urgency", u.urgency, u.why_urgency),
    `Ability to win ${u.ability_score.toFixed(2)}:`,
    line("  relationship", u.relationship, u.why_relationship),
    line("  data", u.data, u.why_data),
    line("  resources", u.resources, u.why_resources)
  ].join("\n");
}

/** Units that are drawn (need > 0), with their jittered positions. */
export function matrixPoints(units: MatrixUnit[]) {
  return units
    .filter((u) => !u.is_disqualified)
    .map((u) => {
      const key = `${u.account_id}|${u.buying_center ?? ""}|${u.product_id}`;
      return {unit: u, x: u.ability_score + jitter(key), y: u.opportunity_score + jitter(`${key}#y`), product: u.product_id, potential: u.potential ?? 0};
    });
}

export interface MatrixCell {
  /** Ability-to-win and opportunity scores of the cell (means of three scores). */
  x: number;
  y: number;
  quadrant: string;
  units: number;
  potential: number;
  /** Units per product, most first. */
  products: {product: string; units: number}[];
}

/**
 * Drawn units (need > 0) grouped by their pair of axis scores, biggest potential
 * first. Scores are rounded to 1e-9 so that 2/3 computed two ways is one cell.
 */
export function matrixCells(units: MatrixUnit[]): MatrixCell[] {
  const cells = new Map<string, MatrixCell & {byProduct: Map<string, number>}>();
  for (const u of units) {
    if (u.is_disqualified) continue;
    const x = Math.round(u.ability_score * 1e9) / 1e9, y = Math.round(u.opportunity_score * 1e9) / 1e9;
    const key = `${x}|${y}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = {x, y, quadrant: quadrantOf(y, x), units: 0, potential: 0, products: [], byProduct: new Map()}));
    cell.units++;
    cell.potential += u.potential ?? 0;
    cell.byProduct.set(u.product_id, (cell.byProduct.get(u.product_id) ?? 0) + 1);
  }
  return [...cells.values()]
    .map(({byProduct, ...cell}) => ({...cell, products: [...byProduct].map(([product, n]) => ({product, units: n})).sort((a, b) => b.units - a.units || (a.product < b.product ? -1 : 1))}))
    .sort((a, b) => b.potential - a.potential || a.x - b.x || a.y - b.y);
}

/** The tip text of a score cell: scores, quadrant, units, potential, units per product. */
export function cellTip(c: MatrixCell, currency = "USD"): string {
  return [
    `Opportunity ${c.y.toFixed(2)} · ability to win ${c.x.toFixed(2)} (${c.quadrant})`,
    `${c.units.toLocaleString("en-US")} demand unit${c.units === 1 ? "" : "s"} · potential ${money(c.potential, currency)}`,
    c.products.map((p) => `${p.product} ${p.units.toLocaleString("en-US")}`).join(" · ")
  ].join("\n");
}

/** True when the matrix of these units shows score cells rather than points. */
export function isAggregated(units: MatrixUnit[], aggregateAbove = AGGREGATE_ABOVE): boolean {
  let drawn = 0;
  for (const u of units) if (!u.is_disqualified && ++drawn > aggregateAbove) return true;
  return false;
}

export function PriorityMatrix(units: MatrixUnit[], options: PriorityMatrixOptions = {}): Element {
  const d = doc(options.document);
  const width = options.width ?? 640;
  const height = options.height ?? Math.min(560, Math.max(340, width * 0.8));
  const aggregated = isAggregated(units, options.aggregateAbove);
  // Score cells are a third of a score apart: the largest circle fits its cell.
  const cellPixels = Math.min((width - 70) / 3.6, (height - 70) / 4) / 3;
  const marks = aggregated ? cellMarks(matrixCells(units), options.currency, cellPixels) : pointMarks(matrixPoints(units), options.currency);
  return plot({
    document: d,
    width,
    height,
    title: options.title,
    subtitle: options.subtitle,
    inset: 6,
    x: {label: "Ability to win → (mean of relationship, data, resources; 0–3)", domain: [-0.2, 3.4], ticks: [0, 1, 2, 3]},
    y: {label: "↑ Opportunity (mean of need, fit, urgency; 0–3)", domain: [-0.5, 3.5], ticks: [0, 1, 2, 3]},
    r: aggregated ? {range: [3, Math.max(6, cellPixels * 0.55)], label: "Potential"} : {range: [2, 14], label: "Potential"},
    color: aggregated ? undefined : {legend: true, label: "Product", domain: options.products, type: "categorical"},
    marks: [
      Plot.rect([{x1: 2, x2: 3.4, y1: 2, y2: 3.5}], {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "var(--theme-foreground-focus)", fillOpacity: 0.08}),
      Plot.ruleX([2], {stroke: "currentColor", strokeOpacity: 0.5}),
      Plot.ruleY([2], {stroke: "currentColor", strokeOpacity: 0.5}),
      ...marks,
      // Last, over every mark, with a halo: the quadrant names are never hidden.
      ...(["start", "middle", "end"] as const).map((anchor) =>
        Plot.text(quadrantLabels(width).filter((q) => q.anchor === anchor), {x: "x", y: "y", text: "name", textAnchor: anchor, fontWeight: "bold", fontSize: width < NARROW ? 11 : 12, fill: "currentColor", stroke: "var(--theme-background)", strokeWidth: 4, paintOrder: "stroke", lineAnchor: "middle"})
      )
    ]
  } as Plot.PlotOptions);
}

function pointMarks(points: ReturnType<typeof matrixPoints>, currency?: string): Plot.Markish[] {
  return [
    Plot.dot(points, {x: "x", y: "y", r: "potential", fill: "product", fillOpacity: 0.7, stroke: "var(--theme-background)", strokeWidth: 0.5, sort: {channel: "-r"}}),
    Plot.tip(points, Plot.pointer({x: "x", y: "y", title: (p: {unit: MatrixUnit}) => unitTip(p.unit, currency), maxRadius: 30}))
  ];
}

function cellMarks(cells: MatrixCell[], currency: string | undefined, cellPixels: number): Plot.Markish[] {
  const maxRadius = Math.max(6, cellPixels * 0.55);
  return [
    Plot.dot(cells, {x: "x", y: "y", r: "potential", fill: "var(--theme-foreground-focus)", fillOpacity: 0.35, stroke: "var(--theme-foreground-focus)", strokeWidth: 1, sort: {channel: "-r"}}),
    // A count is written where it fits its cell (about 6px a digit); the tip always has it.
    Plot.text(cells.filter((c) => c.units.toLocaleString("en-US").length * 6 <= cellPixels - 2), {x: "x", y: "y", text: (c: MatrixCell) => c.units.toLocaleString("en-US"), fontSize: 10, fill: "currentColor", stroke: "var(--theme-background)", strokeWidth: 3, paintOrder: "stroke"}),
    Plot.tip(cells, Plot.pointer({x: "x", y: "y", title: (c: MatrixCell) => cellTip(c, currency), maxRadius: Math.max(20, maxRadius)}))
  ];
}
