/**
 * FigureCard — one headline figure as a card.
 *
 *   FigureCard(figure, {width, history, previous, currency, base, document})
 *
 * figure: {id, value, low, high, status, reason?, detail?}
 *   - id: figure id of the catalog, src/catalog/figures.ts (label, format, definition link)
 *   - value: the figure (fraction for ratios, months, amount); null = undefined
 *   - low/high: its band (high null = open-ended), status: below/within/above
 *   - reason: shown when value is null ("not enough data — <reason>")
 *   - detail: an extra line, e.g. "84 of 400 existing customers" (text, or a node with links)
 * Options:
 *   - width: card width in px (the sparkline fits it)
 *   - history: [{date: "YYYY-MM-DD", value}] for the sparkline (month ends)
 *   - previous: value at the previous period end, for "change vs previous"
 *   - previousLabel: text after the change, default "vs previous month"
 *   - currency: reporting currency for money figures
 *   - base: path back to the site root, for the definition link ("./", "../")
 *   - document: a DOM document (tests)
 * Returns a <div class="card kpi-card"> with data-figure, data-value attributes.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./plot.js";
import {bandText, changeText, figureInfo, formatValue, statusWords, type Status} from "../lib/figures.js";
import {doc, el, type Doc} from "./dom.js";

export interface CardFigure {
  id: string;
  value: number | null;
  low?: number | null;
  high?: number | null;
  status?: Status | null;
  reason?: string | null;
  detail?: string | Node | null;
}

export interface FigureCardOptions {
  width?: number;
  history?: {date: string; value: number | null}[];
  previous?: number | null;
  previousLabel?: string;
  currency?: string;
  base?: string;
  document?: Doc;
}

/** Tone of a status for colouring: "good" inside/ahead; outside a band to stay inside "warn", behind "bad". */
export function statusTone(id: string, status: Status | null | undefined): "good" | "warn" | "bad" | null {
  if (!status) return null;
  if (status === "within") return "good";
  if (figureInfo(id).better === "inside") return "warn";
  return status === "above" ? "good" : "bad";
}

export function Sparkline(
  history: {date: string; value: number | null}[],
  {width = 200, low, high, label, document}: {width?: number; low?: number | null; high?: number | null; label: string; document?: Doc}
): Element {
  const d = doc(document);
  const data = history.filter((h) => h.value != null).map((h) => ({date: new Date(`${h.date}T00:00:00Z`), value: h.value as number}));
  const marks: Plot.Markish[] = [];
  if (low != null && data.length) {
    const x1 = data[0].date, x2 = data[data.length - 1].date;
    const top = high ?? Math.max(low, ...data.map((p) => p.value));
    marks.push(Plot.rect([{x1, x2, y1: low, y2: top}], {x1: "x1", x2: "x2", y1: "y1", y2: "y2", fill: "currentColor", fillOpacity: 0.1}));
  }
  marks.push(Plot.lineY(data, {x: "date", y: "value", stroke: "var(--theme-foreground-focus)", strokeWidth: 1.5}));
  if (data.length) marks.push(Plot.dot(data.slice(-1), {x: "date", y: "value", r: 2.5, fill: "var(--theme-foreground-focus)"}));
  const svg = plot({
    document: d,
    width: Math.max(120, width),
    height: 40,
    margin: 4,
    axis: null,
    x: {type: "utc"},
    y: {zero: false},
    marks,
    ariaLabel: label,
    ariaDescription: `${data.length} month ends`
  } as Plot.PlotOptions);
  svg.setAttribute("role", "img");
  svg.classList.add("sparkline");
  return svg;
}

export function FigureCard(figure: CardFigure, options: FigureCardOptions = {}): HTMLElement {
  const d = doc(options.document);
  const info = figureInfo(figure.id);
  const base = options.base ?? "./";
  const card = el(d, "div", {class: "card kpi-card", "data-figure": figure.id, "data-value": figure.value == null ? "" : String(figure.value)});
  card.append(el(d, "h2", {}, el(d, "a", {href: `${base}definitions#${figure.id}`, title: `Definition of ${info.label}`}, info.label)));
  if (figure.value == null) {
    card.append(el(d, "div", {class: "kpi-value", "aria-label": `${info.label}: not enough data`}, "—"));
    card.append(el(d, "div", {class: "kpi-undefined"}, el(d, "strong", {}, "Not enough data"), figure.reason ? ` — ${figure.reason}` : " — the figure is undefined for this period."));
  } else {
    card.append(el(d, "div", {class: "kpi-value"}, formatValue(figure.id, figure.value, options.currency)));
    const words = statusWords(figure.id, figure.status ?? null);
    if (words) {
      const tone = statusTone(figure.id, figure.status);
      card.append(el(d, "div", {class: "kpi-status", "data-status": figure.status ?? null, "data-tone": tone}, words));
    }
  }
  const band = bandText(figure.id, figure.low, figure.high);
  if (band) card.append(el(d, "div", {class: "kpi-detail"}, `Benchmark band: ${band}`));
  if (figure.detail) card.append(el(d, "div", {class: "kpi-detail"}, figure.detail));
  const change = changeText(figure.id, figure.value, options.previous);
  if (change) card.append(el(d, "div", {class: "kpi-detail kpi-change"}, `${change} ${options.previousLabel ?? "vs previous month"}`));
  if (options.history && options.history.some((h) => h.value != null)) {
    card.append(
      Sparkline(options.history, {
        width: (options.width ?? 240) - 32,
        low: figure.low,
        high: figure.high,
        label: `${info.label} at each month end, with its benchmark band`,
        document: d
      })
    );
  }
  return card;
}
