/**
 * The board pack's cover sheet: what the figures are about (as-of date,
 * period, mode, currency, refresh time), what is in the pack (contents with
 * page numbers), and what they were computed from (the data-quality counts of
 * each export file and its SHA-256, so that a reader can tell which exports a
 * pack came from). A self-contained HTML page: no script, no request.
 */
import type {Manifest} from "../../../src/schemas/run.js";
import {minuteUtc} from "../page/print.js";
import {escapeHtml} from "../../text/html.js";

export interface CoverInfo {
  manifest: Manifest;
  /** run.json's finished_at: when the pipeline ran. */
  refreshedAt: string | null;
  /** The sections with the page each starts on (the cover is page 1). */
  contents: {title: string; page: number}[];
}

const n = (x: number) => x.toLocaleString("en-US");

export function coverHtml({manifest: m, refreshedAt, contents}: CoverInfo): string {
  const e = escapeHtml;
  const files = m.files
    .map(
      (f) =>
        `<tr><td>${e(f.path ?? `${f.file} (not provided)`)}</td><td class="num">${n(f.rows_read)}</td><td class="num">${n(f.rows_loaded)}</td>` +
        `<td class="num">${n(f.rows_rejected)}</td><td class="hash">${e(f.sha256 ?? "—")}</td></tr>`
    )
    .join("\n");
  const totals = m.files.reduce((t, f) => ({read: t.read + f.rows_read, loaded: t.loaded + f.rows_loaded, rejected: t.rejected + f.rows_rejected}), {read: 0, loaded: 0, rejected: 0});
  const unmatched = m.unmatched_customers.length
    ? `<p>${n(m.unmatched_customers.length)} billing customer(s) matched no CRM account; each is kept as an account of its own.</p>`
    : "";
  const toc = contents.map((c) => `<tr><td>${e(c.title)}</td><td class="num">${c.page}</td></tr>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Cross-sell report: board pack, data as of ${e(m.as_of)}</title>
<style>
  @page { size: landscape; margin: 12mm 10mm 14mm; }
  body { font: 12px/1.4 system-ui, sans-serif; color: #1b1e23; margin: 0; }
  h1 { font-size: 26px; margin: 0 0 4px; }
  h2 { font-size: 14px; margin: 18px 0 6px; }
  .facts { font-size: 14px; margin: 0 0 6px; }
  .columns { display: grid; grid-template-columns: 1fr 2.4fr; gap: 32px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 3px 8px 3px 0; border-bottom: 1px solid #ddd; vertical-align: top; }
  th { font-weight: 600; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  .hash { font: 9px ui-monospace, monospace; word-break: break-all; }
  tfoot td { font-weight: 600; border-bottom: none; }
  .note { color: #555; font-size: 11px; }
</style>
</head>
<body>
<h1>Cross-sell report: board pack</h1>
<p class="facts">Data as of <strong>${e(m.as_of)}</strong> · period ${e(m.period_start)} to ${e(m.period_end)} · ${e(m.mode)} mode · amounts in ${e(m.currency)}${refreshedAt ? ` · refreshed ${e(minuteUtc(refreshedAt))}` : ""}</p>
<p class="note">Figures are for the 12 months ending on the as-of date. Every page states the as-of date and refresh time at its foot.${m.mode === "bookings" ? " Figures come from bookings (won opportunities), not from billing: no invoice lines were provided." : ""}</p>
<div class="columns">
<section>
<h2>Contents</h2>
<table><thead><tr><th>Section</th><th class="num">Page</th></tr></thead>
<tbody>
${toc}
</tbody></table>
</section>
<section>
<h2>Data quality</h2>
<table><thead><tr><th>Export file</th><th class="num">Rows read</th><th class="num">Loaded</th><th class="num">Rejected</th><th>SHA-256</th></tr></thead>
<tbody>
${files}
</tbody>
<tfoot><tr><td>All files</td><td class="num">${n(totals.read)}</td><td class="num">${n(totals.loaded)}</td><td class="num">${n(totals.rejected)}</td><td></td></tr></tfoot>
</table>
<p class="note">Rows read = loaded + rejected. Each rejected row, with its file, line, column and reason, is listed on the report's Data quality page.</p>
${unmatched}
</section>
</div>
</body>
</html>
`;
}
