/**
 * The data-quality summary printed at the end of every refresh and recorded in
 * the run log: per file rows read / loaded / rejected, the first rejected rows,
 * the billing customers that match no CRM account, how the as-of date was
 * chosen and the lines dated after it. Read from the pipeline's own outputs
 * (manifest.json, run.json, rejects.csv), so the summary and the report's
 * data-quality page always agree.
 */
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {asOfStatement, futureDatedDetail} from "../../src/lib/as-of.js";
import {manifestSchema, runSchema, type Manifest} from "../../src/schemas/run.js";
import {parseGuardedCsvObjects} from "../text/csv.js";
import {EXIT_FAILURE} from "../exit-codes.js";
import {RefreshError} from "./error.js";

export interface RejectSample {
  file: string;
  line: string;
  column: string;
  value: string;
  reason: string;
}

export interface QualitySummary {
  manifest: Manifest;
  /** run.json's run_date: the date the default as-of was chosen against (null when run.json is absent or unreadable). */
  runDate: string | null;
  rejectsTotal: number;
  firstRejects: RejectSample[];
}

/** Reads manifest.json (validated with its schema) and rejects.csv from a pipeline output folder. */
export function readQuality(dataDir: string, firstN = 5): QualitySummary {
  const manifestPath = join(dataDir, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new RefreshError(`the pipeline finished but wrote no ${manifestPath}`, EXIT_FAILURE, "pipeline");
  }
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, "utf8")));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new RefreshError(`${manifestPath} does not match its schema: ${issues}`, EXIT_FAILURE, "pipeline");
  }
  const rejectsPath = join(dataDir, "rejects.csv");
  const rejects = existsSync(rejectsPath) ? parseGuardedCsvObjects(readFileSync(rejectsPath, "utf8")) : [];
  return {
    manifest: parsed.data,
    runDate: readRunDate(join(dataDir, "run.json")),
    rejectsTotal: rejects.length,
    firstRejects: rejects.slice(0, firstN).map((r) => ({
      file: r.file ?? "",
      line: r.line ?? "",
      column: r.column ?? "",
      value: r.value ?? "",
      reason: r.reason ?? ""
    }))
  };
}

/** run.json's run_date; null when the file is absent or does not match its schema (the summary then omits the date). */
function readRunDate(path: string): string | null {
  if (!existsSync(path)) return null;
  try {
    const run = runSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return run.success ? run.data.run_date : null;
  } catch {
    return null;
  }
}

/** Fields of the final run-log record that describe the data. */
export function qualityLogFields(q: QualitySummary): Record<string, unknown> {
  const m = q.manifest;
  return {
    as_of: m.as_of,
    as_of_rule: m.as_of_rule,
    run_date: q.runDate,
    mode: m.mode,
    currency: m.currency,
    latest_invoice_on: m.latest_invoice_on,
    future_dated_lines: m.future_dated_lines,
    files: m.files.map((f) => ({
      file: f.file,
      path: f.path,
      sha256: f.sha256,
      rows_read: f.rows_read,
      rows_loaded: f.rows_loaded,
      rows_rejected: f.rows_rejected
    })),
    rows_rejected: q.rejectsTotal,
    unmatched_customers: m.unmatched_customers.length,
    unmatched_customer_ids: m.unmatched_customers.slice(0, 50).map((c) => c.customer_id)
  };
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function shorten(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, " ");
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** The human-readable summary, as lines. */
export function formatQuality(q: QualitySummary): string[] {
  const m = q.manifest;
  const lines = [`Data quality — as of ${m.as_of} (${m.mode} mode, ${m.currency}), newest billing line ${m.latest_invoice_on ?? "none"}`];
  lines.push(`  ${asOfStatement(m, q.runDate)}`);
  const future = futureDatedDetail(m);
  if (future) lines.push(`  future-dated lines: ${future}`);
  const nameWidth = Math.max(4, ...m.files.map((f) => (f.path ?? f.file).length));
  lines.push(`  ${pad("file", nameWidth)}  ${pad("read", 9, true)}  ${pad("loaded", 9, true)}  ${pad("rejected", 9, true)}  sha256`);
  for (const f of m.files) {
    if (f.path === null) {
      lines.push(`  ${pad(f.file, nameWidth)}  ${pad("absent", 9, true)}`);
      continue;
    }
    lines.push(
      `  ${pad(f.path, nameWidth)}  ${pad(String(f.rows_read), 9, true)}  ${pad(String(f.rows_loaded), 9, true)}  ` +
        `${pad(String(f.rows_rejected), 9, true)}  ${(f.sha256 ?? "").slice(0, 12)}`
    );
  }
  if (q.rejectsTotal === 0) lines.push("  rejected rows: none");
  else {
    lines.push(`  rejected rows: ${q.rejectsTotal}${q.rejectsTotal > q.firstRejects.length ? ` (first ${q.firstRejects.length} below; all in rejects.csv and on the data-quality page)` : ""}`);
    for (const r of q.firstRejects) {
      lines.push(`    ${r.file} line ${r.line}, column ${r.column}, value "${shorten(r.value, 40)}": ${shorten(r.reason, 100)}`);
    }
  }
  const unmatched = m.unmatched_customers;
  if (unmatched.length === 0) lines.push("  unmatched billing customers: none");
  else {
    const revenue = unmatched.reduce((sum, c) => sum + c.revenue, 0);
    const top = [...unmatched].sort((a, b) => b.revenue - a.revenue || a.customer_id.localeCompare(b.customer_id)).slice(0, 5);
    lines.push(
      `  unmatched billing customers: ${unmatched.length} (revenue ${revenue.toFixed(2)} ${m.currency}; ` +
        `each kept as its own account) — largest: ${top.map((c) => `${c.customer_id} (${c.lines} lines)`).join(", ")}`
    );
  }
  return lines;
}
