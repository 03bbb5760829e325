/**
 * `npm run pipeline -- [options]`: reads the exports, validates them, computes
 * the figures and publishes the output folder. Progress goes to stderr; on
 * failure a one-paragraph message and a non-zero exit status:
 * 0 ok, 1 unexpected error, 2 bad input, 3 bad configuration or usage.
 */
import {realpathSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {checkDate, checkMemorySize, checkMode, checkShare, parseOptions, PIPELINE_OPTIONS} from "./args.js";
import {describeFailure, UsageError} from "../exit-codes.js";
import {presetNames} from "./mapping/index.js";
import {removeTrackedWorkFolders} from "./safety/work-folders.js";
import {
  DEFAULT_INGEST_MEMORY_LIMIT,
  DEFAULT_MEMORY_LIMIT,
  DEFAULT_OUT,
  EXIT_BAD_CONFIG,
  EXIT_BAD_INPUT,
  EXIT_FAILURE,
  EXIT_OK,
  runPipeline,
  type PipelineOptions
} from "./run.js";

export {EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_BAD_CONFIG};

export const HELP = `Usage: npm run pipeline -- [options]

Reads CRM and billing exports, validates every row, computes the cross-sell
figures and writes the output folder the site is built from.

Options:
  --input DIR          folder of exports (accounts, invoice_lines, opportunities,
                       optional products, account_map, demand_units, fx_rates;
                       each .csv, .csv.gz or .parquet). Default: the bundled sample in data/
  --out DIR            output folder of its own, replaced as a whole only when the run succeeds.
                       Default: ${DEFAULT_OUT.replace(process.cwd() + "/", "")}
  --as-of YYYY-MM-DD   as-of date D. Default: as_of in the configuration, else the
                       latest invoice date on or before the run date (later lines are
                       loaded and listed as future-dated)
  --today YYYY-MM-DD   the run date (default: today, UTC)
  --reject-limit X     largest share of rejected rows per file, 0..1 (default 0.01);
                       above it the run fails and previous outputs stay
  --config FILE        configuration file (JSON). Default: data/config.json when present,
                       else built-in defaults (the bands of benchmarks.md)
  --mode MODE          auto (default), billing or bookings. Bookings mode builds revenue
                       lines from won opportunities; auto uses it when there is no
                       invoice_lines file
  --preset NAME        the exports come from a known system (${presetList()}): they are
                       mapped onto the canonical files first, in a temporary folder
  --mapping FILE       the exports are described by a column mapping file (JSON; it may
                       "extends" a preset). Its reject_limit, mode and as_of apply unless
                       given on the command line; both beat the configuration file.
                       Rejects name the original files and lines
  --memory-limit SIZE  memory DuckDB may use before it spills to disk, e.g. 1GB or 4GB
                       (default ${DEFAULT_MEMORY_LIMIT}, ${DEFAULT_INGEST_MEMORY_LIMIT} while the exports
                       are read; the whole process uses about 0.4 GB more)
  --redact             a shareable copy: account and owner names become stable
                       pseudonyms ("Account 3F9A2C", "Owner 81B2") in every output;
                       ids are kept. Salt: $CROSSSELL_REDACT_SALT (else a fixed default)
  --quiet              no progress on stderr (errors are still printed)
  --help               this text

Exit status: 0 success, 1 unexpected error or stopped by a signal (SIGINT, SIGTERM,
SIGHUP: its temporary files are removed first), 2 bad input (missing file or column,
too many rejected rows, nothing to report on, --input not a folder), 3 bad
configuration or usage (including a bad mapping file, an unknown preset, and an
--out that is refused: see below).
A failed run keeps the previous outputs and writes its rejects report to <out>.failed/.
--out is refused before any work when it is /, your home folder, the project, the
input folder or a folder containing or inside it, when its parent cannot be
written, or when it is a non-empty folder this product did not write (it marks
its outputs with a .crosssell-output file).`;

function presetList(): string {
  try {
    return presetNames().join(", ");
  } catch {
    return "see loaders/pipeline/mapping/presets";
  }
}

export {UsageError};

export interface CliArgs {
  help: boolean;
  quiet: boolean;
  options: PipelineOptions;
}

export function parseCliArgs(argv: string[]): CliArgs {
  const v = parseOptions(argv, {
    ...PIPELINE_OPTIONS,
    out: {type: "string"},
    redact: {type: "boolean", default: false},
    quiet: {type: "boolean", default: false},
    help: {type: "boolean", short: "h", default: false}
  });
  const options: PipelineOptions = {input: v.input, out: v.out, config: v.config};
  if (v["as-of"] !== undefined) options.asOf = checkDate("--as-of", v["as-of"]);
  if (v.today !== undefined) options.today = checkDate("--today", v.today);
  if (v["reject-limit"] !== undefined) options.rejectLimit = checkShare("--reject-limit", v["reject-limit"]);
  if (v.mode !== undefined) options.mode = checkMode("--mode", v.mode);
  if (v["memory-limit"] !== undefined) options.memoryLimit = checkMemorySize("--memory-limit", v["memory-limit"]);
  if (v.preset !== undefined) options.preset = v.preset;
  if (v.mapping !== undefined) options.mapping = v.mapping;
  if (v.redact) options.redact = true;
  return {help: v.help ?? false, quiet: v.quiet ?? false, options};
}

/** Runs the command line; returns the exit status (never calls process.exit itself). */
export async function main(argv: string[], stderr: (text: string) => void = (t) => process.stderr.write(t)): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (e) {
    const failure = describeFailure(e);
    stderr(`pipeline: ${failure.stack ?? failure.message}\n`);
    return failure.exitCode;
  }
  if (args.help) {
    stderr(HELP + "\n");
    return EXIT_OK;
  }
  const started = Date.now();
  const log = args.quiet ? undefined : (m: string) => stderr(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}\n`);
  try {
    // The mapping's notes: what was mapped from which file, unknown values and their fix.
    const onNotes = (notes: string[]) => {
      if (!args.quiet) stderr(notes.map((n) => `mapping: ${n}\n`).join(""));
    };
    const result = await runPipeline({...args.options, log, onNotes});
    if (!args.quiet) stderr(`pipeline: done in ${(result.durationMs / 1000).toFixed(1)} s → ${result.outDir}\n`);
    return EXIT_OK;
  } catch (e) {
    const failure = describeFailure(e);
    stderr(failure.stack ? `pipeline failed unexpectedly: ${failure.stack}\n` : `pipeline failed: ${failure.message}\n`);
    return failure.exitCode;
  }
}

function isEntryPoint(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/**
 * A run stopped by a signal (a scheduler's timeout, Ctrl-C, a closed terminal) removes its
 * temporary folders before it exits 1: DuckDB's spill files alone are hundreds of MB at scale.
 * The published outputs are whole either way: they are swapped in by one rename (safety/swap.ts).
 * Only the command installs this: main() also runs inside tests and other commands.
 */
function stopCleanlyOnSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      removeTrackedWorkFolders();
      process.stderr.write(`pipeline: stopped by ${signal}; its temporary files are removed, and the output folder is as the last finished run left it.\n`);
      process.exit(EXIT_FAILURE);
    });
  }
}

if (isEntryPoint()) {
  stopCleanlyOnSignals();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
