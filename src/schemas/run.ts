import {z} from "zod";
import {isoDate} from "./common.js";

/** One input file of the run, with its reconciliation: rows_read = rows_loaded + rows_rejected. */
export const manifestFile = z
  .object({
    file: z.string(), // canonical name, e.g. "invoice_lines"
    path: z.string().nullable(), // path relative to the input folder, null when absent
    sha256: z.string().nullable(),
    rows_read: z.number().int(),
    rows_loaded: z.number().int(),
    rows_rejected: z.number().int(),
    rejected_share: z.number(),
    extra_columns: z.array(z.string()) // columns the contract does not know, ignored (in file order)
  })
  .strict();

/**
 * How the as-of date was chosen: set by --as-of or as_of in the configuration, or the latest
 * invoice date on or before the run date (run.json run_date), so that a line dated in the
 * future cannot move the report there.
 */
export const asOfRule = z.enum(["configured", "latest_invoice_on_or_before_run_date"]);
export type AsOfRule = z.infer<typeof asOfRule>;

/** Billing lines dated after the as-of date: loaded, outside every figure, shown on the data-quality page. */
export const futureDatedLines = z
  .object({
    count: z.number().int().min(0),
    first: isoDate.nullable(), // earliest date among them, null when there are none
    last: isoDate.nullable(),
    amount: z.number() // their revenue in the reporting currency
  })
  .strict();
export type FutureDatedLines = z.infer<typeof futureDatedLines>;

/** manifest.json — what this run read and what it decided. Deterministic for the same input (and run date). */
export const manifestSchema = z
  .object({
    as_of: isoDate,
    as_of_rule: asOfRule,
    period_start: isoDate,
    period_end: isoDate,
    currency: z.string(),
    mode: z.enum(["billing", "bookings"]),
    reject_limit: z.number(),
    grace_days: z.number().int(),
    earliest_invoice_on: isoDate.nullable(),
    latest_invoice_on: isoDate.nullable(),
    future_dated_lines: futureDatedLines,
    files: z.array(manifestFile),
    unmatched_customers: z.array(
      z.object({customer_id: z.string(), lines: z.number().int(), revenue: z.number()}).strict()
    ),
    bands: z.array(
      z.object({figure: z.string(), segment: z.string().nullable(), low: z.number().nullable(), high: z.number().nullable()}).strict()
    ),
    config: z.record(z.unknown()),
    // Present only in a copy built with --redact (account and owner names pseudonymised).
    redacted: z.literal(true).optional()
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

/** run.json — wall-clock facts of the run (the only output that differs between identical runs). */
export const runSchema = z
  .object({
    started_at: z.string(),
    finished_at: z.string(),
    duration_ms: z.number(),
    // the date the run took as today (--today, else the UTC clock): the default as-of is the latest invoice date on or before it
    run_date: isoDate,
    steps: z.array(z.object({step: z.string(), duration_ms: z.number()}).strict()),
    version: z.string()
  })
  .strict();

/** rejects.csv — one row per rejected input row. */
export const rejectRow = z
  .object({file: z.string(), line: z.number().int().min(1), column: z.string(), value: z.string(), reason: z.string()})
  .strict();
export const rejectsSchema = z.array(rejectRow);
