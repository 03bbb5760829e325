/**
 * PriorityMatrix — demand units by opportunity (need, fit, urgency; y) against
 * ability to win (relationship, data, resources; x), with the four quadrants
 * named, point size = white-space potential, colour = product. Hovering a point
 * shows its six scores and why each derived score is what it is.
 *
 *   PriorityMatrix(units, {width, title, products, currency, document})
 *
 * units: demand_units.json rows (disqualified units — need 0 — are not drawn).
 * Options: products (colour domain, so colours stay fixed when filtering);
 * currency (for the potential in tips); height (default = width, max 560).
 * Points with equal scores are spread by a small deterministic jitter so that
 * they do not hide each other; the tip shows the exact scores.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {money} from "../lib/format.js";
import {doc, type Doc} from "./dom.js";

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

export interface PriorityMatrixOptions {
  width?: number;
  height?: number;
  title?: string | Node;
  subtitle?: string | Node;
  products?: string[];
  currency?: string;
  document?: Doc;
}

export const QUADRANTS = [
  {name: "Pursue now", x: 2.5, y: 3.05},
  {name: "Build the relationship", x: 1, y: 3.05},
  {name: "Nurture", x: 2.5, y: -0.05},
  {name: "Deprioritise", x: 1, y: -0.05}
];

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

export function PriorityMatrix(units: MatrixUnit[], options: PriorityMatrixOptions = {}): Element {
  const d = doc(options.document);
  const points = matrixPoints(units);
  const width = options.width ?? 640;
  return plot({
    document: d,
    width,
    height: options.height ?? Math.min(560, Math.max(320, width * 0.8)),
    title: options.title,
    subtitle: options.subtitle,
    inset: 10,
    x: {label: "Ability to win → (mean of relationship, data, resources; 0–3)", domain: [0, 3.2], ticks: [0, 1, 2, 3]},
    y: {label: "↑ Opportunity (mean of need, fit, urgency; 0–3)", domain: [-0.2, 3.2], ticks: [0, 1, 2, 3]},
    r: {range: [2, 14], label: "Potential"},
    color: {legend: true, label: "Product", domain: options.products, type: "categorical"},
    marks: [
      Plot.rect([{x1: 2, x2: 3.2, y1: 2, y2: 3.2}], {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "var(--theme-foreground-focus)", fillOpacity: 0.08}),
      Plot.ruleX([2], {stroke: "currentColor", strokeOpacity: 0.5}),
      Plot.ruleY([2], {stroke: "currentColor", strokeOpacity: 0.5}),
      Plot.text(QUADRANTS, {x: "x", y: "y", text: "name", fontWeight: "bold", fontSize: 12, fill: "currentColor", fillOpacity: 0.75, lineAnchor: "middle"}),
      Plot.dot(points, {x: "x", y: "y", r: "potential", fill: "product", fillOpacity: 0.7, stroke: "var(--theme-background)", strokeWidth: 0.5, sort: {channel: "-r"}}),
      Plot.tip(points, Plot.pointer({x: "x", y: "y", title: (p: {unit: MatrixUnit}) => unitTip(p.unit, options.currency), maxRadius: 30}))
    ]
  } as Plot.PlotOptions);
}
