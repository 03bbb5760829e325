/**
 * Presentation of figures for the pages: labels, formats, band text and status
 * words, all read from the catalog (src/catalog/figures.ts). Every figure on
 * every page links to `definitions#<figure>`.
 */
import * as fmt from "./format.js";
import {FIGURE_LIST, HEADLINE_FIGURES, RETENTION_HEADLINE_FIGURES, figureEntry, statusWordsOf, type FigureEntry} from "../catalog/index.js";

export type {FigureKind} from "../catalog/index.js";
export type Status = "below" | "within" | "above";
export type FigureInfo = FigureEntry;

/** Every figure of the catalog by id. */
export const FIGURES: Record<string, FigureInfo> = Object.fromEntries(FIGURE_LIST.map((f) => [f.id, f]));

/** The five headline KPIs, in the order of metrics.md. */
export const HEADLINE = HEADLINE_FIGURES;

/** The Overview's second row of headline cards: net and gross revenue retention. */
export const RETENTION_HEADLINE = RETENTION_HEADLINE_FIGURES;

export function figureInfo(id: string): FigureInfo {
  return figureEntry(id);
}

/** Band status in plain words (benchmarks.md). */
export function statusWords(id: string, status: Status | null | undefined): string | null {
  if (!status) return null;
  return statusWordsOf(figureInfo(id))[status];
}

/** Formats a value of the figure for people. */
export function formatValue(id: string, value: number | null | undefined, currency = "USD"): string {
  const kind = FIGURES[id]?.kind ?? "decimal";
  switch (kind) {
    case "ratio":
      return fmt.pct(value);
    case "months":
      return fmt.months(value);
    case "money":
      return fmt.money(value, currency);
    case "count":
      return fmt.count(value);
    default:
      return fmt.decimal(value);
  }
}

/** Band as text from its numbers: "15.0%–30.0%", "> 70.0%", "6.0–12.0 months". */
export function bandText(id: string, low: number | null | undefined, high: number | null | undefined): string | null {
  if (low == null && high == null) return null;
  const f = (x: number) => (FIGURES[id]?.kind === "months" ? x.toFixed(1) : formatValue(id, x));
  const unit = FIGURES[id]?.kind === "months" ? " months" : "";
  if (high == null) return `≥ ${f(low!)}${unit}`;
  if (low == null) return `≤ ${f(high)}${unit}`;
  return `${f(low)}–${f(high)}${unit}`;
}

/** Change against the previous period, formatted: points for ratios, relative for amounts, months for months. */
export function changeText(id: string, current: number | null | undefined, previous: number | null | undefined): string | null {
  if (current == null || previous == null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const kind = FIGURES[id]?.kind ?? "decimal";
  const d = current - previous;
  const sign = d >= 0 ? "+" : "−";
  if (kind === "ratio") return fmt.pointsChange(d);
  if (kind === "months") return `${sign}${Math.abs(d).toFixed(1)} months`;
  if (kind === "decimal") return `${sign}${Math.abs(d).toFixed(2)}`;
  return previous === 0 ? null : fmt.relativeChange(d / Math.abs(previous));
}
