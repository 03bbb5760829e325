/**
 * Build-time pieces of observablehq.config.ts: the freshness header of every
 * page (as-of date, refresh time, bookings-mode note, redacted-copy note).
 * Read from $CROSSSELL_DATA_DIR; a missing folder gives a header that says so
 * (the data loaders then fail the build with the reason).
 */
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {escapeHtml} from "../text/html.js";

function readJson(dir: string, file: string): any {
  const path = join(dir, file);
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null;
}

function day(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(+d) ? iso : d.toLocaleDateString("en-GB", {day: "numeric", month: "short", year: "numeric", timeZone: "UTC"});
}

function stamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(+d)) return iso;
  return `${day(d.toISOString().slice(0, 10))}, ${d.toISOString().slice(11, 16)} UTC`;
}

export interface Freshness {
  asOf: string | null;
  periodStart: string | null;
  refreshedAt: string | null;
  mode: "billing" | "bookings" | null;
  currency: string | null;
  /** Built with --redact: account and owner names are pseudonyms. */
  redacted?: boolean;
}

export function readFreshness(dir: string | undefined): Freshness {
  const none: Freshness = {asOf: null, periodStart: null, refreshedAt: null, mode: null, currency: null};
  if (!dir || !existsSync(dir)) return none;
  const manifest = readJson(dir, "manifest.json");
  const run = readJson(dir, "run.json");
  return {
    asOf: manifest?.as_of ?? null,
    periodStart: manifest?.period_start ?? null,
    refreshedAt: run?.finished_at ?? null,
    mode: manifest?.mode ?? null,
    currency: manifest?.currency ?? null,
    redacted: manifest?.redacted === true
  };
}

/** The HTML of the header shown on every page. */
export function freshnessHeader(f: Freshness): string {
  if (!f.asOf) return `<div class="freshness" role="note">No pipeline output found: run <code>npm run build</code>.</div>`;
  const parts = [
    `<span>Data as of <strong data-as-of="${escapeHtml(f.asOf)}">${escapeHtml(day(f.asOf))}</strong></span>`,
    f.periodStart ? `<span>period ${escapeHtml(day(f.periodStart))} – ${escapeHtml(day(f.asOf))}</span>` : "",
    f.refreshedAt ? `<span>refreshed at <strong data-refreshed-at="${escapeHtml(f.refreshedAt)}">${escapeHtml(stamp(f.refreshedAt))}</strong></span>` : "",
    f.currency ? `<span>amounts in ${escapeHtml(f.currency)}</span>` : ""
  ].filter(Boolean);
  const bookings =
    f.mode === "bookings"
      ? `<div class="bookings-note" role="note"><strong>Figures come from bookings</strong> (won opportunities), not from billing: no invoice lines were provided.</div>`
      : "";
  const redacted = f.redacted
    ? `<div class="redacted-note" role="note"><strong>Redacted copy</strong>: account and owner names are pseudonyms (the same name always gets the same one); ids and figures are real.</div>`
    : "";
  return `<div class="freshness">${parts.join(`<span aria-hidden="true"> · </span>`)}</div>${redacted}${bookings}`;
}
