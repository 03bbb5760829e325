/**
 * Command line of `npm run refresh`. Every usage mistake is a RefreshError
 * with exit code 3, so that a scheduler can tell "fix the command" from
 * "fix the exports".
 */
import {checkDate, checkMemorySize, checkMode, checkShare, DEFAULT_INGEST_MEMORY_LIMIT, DEFAULT_MEMORY_LIMIT, parseOptions, PIPELINE_OPTIONS} from "../pipeline/args.js";
import {EXIT_BAD_CONFIG, EXIT_CODE_MEANINGS, UsageError, type ExitCode} from "../exit-codes.js";
import {RefreshError} from "./error.js";

export interface RefreshOptions {
  /** Folder of exports (canonical, or in a preset's / mapping's format). */
  input: string;
  /** Published site folder, replaced only when everything succeeded. */
  out: string;
  asOf?: string;
  preset?: string;
  mapping?: string;
  config?: string;
  rejectLimit?: string;
  /** DuckDB's memory limit for the pipeline (e.g. "4GB"); the pipeline's default when absent. */
  memoryLimit?: string;
  mode?: "auto" | "billing" | "bookings";
  /** Fail (exit 4) when the newest billing line is older than this many days. */
  maxAgeDays?: number;
  /** The run date (YYYY-MM-DD): the pipeline's default as-of is the latest invoice date on or before it, and --max-age counts to it. The real UTC date when absent. */
  today?: string;
  /** Run log (JSON lines); default refresh-log.jsonl next to `out`. */
  log?: string;
  /** Also publish the pipeline's output files here (e.g. .pipeline/out for the dev server). */
  dataOut?: string;
  /** Pseudonymise account and owner names (the pipeline's --redact). */
  redact?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  /** Also print the board pack (report.pdf in the site) before publishing. */
  pdf?: boolean;
}

export const USAGE = `Usage: npm run refresh -- --input DIR [options]

Runs the pipeline on the exports in DIR, builds the site, and publishes it to
--out only when both succeed. On any failure the previously published folder
is left exactly as it was. --out, --data-out and --log are refused (exit 3)
before any work when they are /, your home folder, the project, the input
folder or a folder containing or inside it, or a non-empty folder this product
did not write (it marks what it publishes with a .crosssell-output file).

Options:
  --input DIR         folder with the CRM and billing exports (required)
  --out DIR           published site folder (default: dist)
  --as-of YYYY-MM-DD  as-of date D (default: the pipeline's default)
  --preset NAME       exports come from a known system (e.g. salesforce, hubspot, stripe)
  --mapping FILE      column mapping file for other formats
  --config FILE       pipeline configuration (currency, bands, ...); default: config.json in
                      the input folder when present, else the project's data/config.json
  --reject-limit X    maximum share of rejected rows per file (default 0.01)
  --mode MODE         auto | billing | bookings (default auto)
  --memory-limit SIZE memory the pipeline's DuckDB may use before spilling to disk (default ${DEFAULT_MEMORY_LIMIT},
                      ${DEFAULT_INGEST_MEMORY_LIMIT} while the exports are read)
  --max-age DAYS      fail with exit 4 when the newest billing line is older than DAYS days
  --today YYYY-MM-DD  the run date (default: today, UTC): the default as-of date is the latest
                      invoice date on or before it, and --max-age compares with it
  --log FILE          run log, JSON lines, appended (default: refresh-log.jsonl next to --out)
  --data-out DIR      also publish the pipeline's output files (kpis.json, manifest.json, ...) to DIR
  --redact            a shareable copy: account and owner names pseudonymised (stable per
                      name; salt from $CROSSSELL_REDACT_SALT); the site says "Redacted copy"
  --quiet             print only errors (for cron)
  --verbose           also show the site build's own output
  --pdf               also print the board pack, report.pdf in --out (needs a Chromium)
  -h, --help          show this help

Exit codes:
${Object.entries(EXIT_CODE_MEANINGS)
  .map(([code, meaning]) => `  ${code}  ${meaning}`)
  .join("\n")}
`;

function usageError(message: string): RefreshError {
  return new RefreshError(`${message}\nRun with --help for the options.`, EXIT_BAD_CONFIG as ExitCode, "usage");
}

export type ParsedArgs = {help: true} | {help: false; options: RefreshOptions};

/** Parses argv (without node and script). `defaults` fills options the command line leaves out. */
export function parseRefreshArgs(argv: string[], defaults: Partial<RefreshOptions> = {}): ParsedArgs {
  try {
    return parse(argv, defaults);
  } catch (error) {
    // The shared checks (loaders/pipeline/args.ts) say what is wrong; here it is also a refresh step.
    throw error instanceof UsageError ? new RefreshError(error.message, EXIT_BAD_CONFIG, "usage") : error;
  }
}

function parse(argv: string[], defaults: Partial<RefreshOptions>): ParsedArgs {
  const values = parseOptions(argv, {
    ...PIPELINE_OPTIONS,
    out: {type: "string"},
    "max-age": {type: "string"},
    log: {type: "string"},
    "data-out": {type: "string"},
    redact: {type: "boolean"},
    quiet: {type: "boolean"},
    verbose: {type: "boolean"},
    pdf: {type: "boolean"},
    help: {type: "boolean", short: "h"}
  });
  if (values.help) return {help: true};
  const str = (name: keyof typeof values) => values[name] as string | undefined;

  const input = str("input") ?? defaults.input;
  if (!input) throw usageError("--input DIR is required: the folder with the CRM and billing exports.");
  // The pipeline's options are checked again by its own command line; refused here so that nothing runs first.
  const asOf = str("as-of") ?? defaults.asOf;
  if (asOf !== undefined) checkDate("--as-of", asOf);
  const today = str("today") ?? defaults.today;
  if (today !== undefined) checkDate("--today", today);
  const mode = str("mode") ?? defaults.mode;
  if (mode !== undefined) checkMode("--mode", mode);
  const rejectLimit = str("reject-limit") ?? defaults.rejectLimit;
  if (rejectLimit !== undefined) checkShare("--reject-limit", rejectLimit);
  const memoryLimit = str("memory-limit") ?? defaults.memoryLimit;
  if (memoryLimit !== undefined) checkMemorySize("--memory-limit", memoryLimit);
  let maxAgeDays = defaults.maxAgeDays;
  const maxAge = str("max-age");
  if (maxAge !== undefined) {
    if (!/^\d+$/.test(maxAge)) throw usageError(`--max-age must be a whole number of days, got "${maxAge}".`);
    maxAgeDays = Number(maxAge);
  }
  if (values.quiet && values.verbose) throw usageError("--quiet and --verbose cannot be used together.");
  const preset = str("preset") ?? defaults.preset;
  const mapping = str("mapping") ?? defaults.mapping;

  return {
    help: false,
    options: {
      input,
      out: str("out") ?? defaults.out ?? "dist",
      asOf,
      preset,
      mapping,
      config: str("config") ?? defaults.config,
      rejectLimit,
      memoryLimit: memoryLimit?.trim(),
      mode: mode as RefreshOptions["mode"],
      maxAgeDays,
      today,
      log: str("log") ?? defaults.log,
      dataOut: str("data-out") ?? defaults.dataOut,
      redact: Boolean(values.redact ?? defaults.redact),
      quiet: Boolean(values.quiet ?? defaults.quiet),
      verbose: Boolean(values.verbose ?? defaults.verbose),
      pdf: Boolean(values.pdf ?? defaults.pdf)
    }
  };
}
