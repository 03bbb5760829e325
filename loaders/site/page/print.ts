/**
 * The freshness line of every printed page: an @page rule with margin boxes
 * (as-of date, period and refresh time at the bottom left, the page number at
 * the bottom right), written into each page's head at build time from the
 * pipeline's manifest. Margin boxes print on every page without covering the
 * content, which a fixed-position element would; Chromium draws them since
 * version 131. The rest of the print stylesheet is in src/style.css.
 */
import type {Freshness} from "../header.js";

/** A CSS string literal: quotes and backslashes escaped, no line break, no "<" (the rule sits in a <style>). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, " ").replace(/</g, "\\3c ")}"`;
}

/** "2026-11-28T09:04:57.938Z" → "2026-11-28 09:04 UTC" (left as given when it is not a time). */
export function minuteUtc(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(+d) ? iso : `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

/** The line printed at the foot of every page. */
export function printedFreshness(f: Freshness): string {
  if (!f.asOf) return "Cross-sell report · no pipeline output found";
  const period = f.periodStart ? ` (period ${f.periodStart} to ${f.asOf})` : "";
  const refreshed = f.refreshedAt ? ` · refreshed ${minuteUtc(f.refreshedAt)}` : "";
  return `Cross-sell report · data as of ${f.asOf}${period}${refreshed}`;
}

/** The <style> element for the page's head. */
export function printMarginStyle(f: Freshness): string {
  const font = `font: 9px system-ui, sans-serif; color: #555;`;
  return (
    `<style>@page { @bottom-left { content: ${cssString(printedFreshness(f))}; ${font} } ` +
    `@bottom-right { content: "Page " counter(page) " of " counter(pages); ${font} } }</style>`
  );
}
