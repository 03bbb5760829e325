/**
 * `npm run pipeline -- [options]`: reads the exports, validates them, computes
 * the figures and publishes the output folder. Progress goes to stderr; on
 * failure a one-paragraph message and a non-zero exit status:
 * 0 ok, 1 unexpected error, 2 bad input, 3 bad configuration or usage.
 */
import {realpathSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {isMemorySize, isRealDate} from "./config.js";
import {knownExitCode} from "../exit-codes.js";
import {presetNames} from "./mapping/index.js";
import {
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
                       (default ${DEFAULT_MEMORY_LIMIT}; the whole process uses about 0.7 GB more)
  --redact             a shareable copy: account and owner names become stable
                       pseudonyms ("Account 3F9A2C", "Owner 81B2") in every output;
                       ids are kept. Salt: $CROSSSELL_REDACT_SALT (else a fixed default)
  --quiet              no progress on stderr (errors are still printed)
  --help               this text

Exit status: 0 success, 1 unexpected error, 2 bad input (missing file or column,
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

export class UsageError extends Error {}

export interface CliArgs {
  help: boolean;
  quiet: boolean;
  options: PipelineOptions;
}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        input: {type: "string"},
        out: {type: "string"},
        "as-of": {type: "string"},
        today: {type: "string"},
        "reject-limit": {type: "string"},
        config: {type: "string"},
        mode: {type: "string"},
        preset: {type: "string"},
        mapping: {type: "string"},
        "memory-limit": {type: "string"},
        redact: {type: "boolean", default: false},
        quiet: {type: "boolean", default: false},
        help: {type: "boolean", short: "h", default: false}
      },
      strict: true,
      allowPositionals: false
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. Run with --help for the options.`);
  }
  const v = parsed.values;
  const options: PipelineOptions = {input: v.input, out: v.out, config: v.config};
  if (v["as-of"] !== undefined) {
    if (!isRealDate(v["as-of"])) throw new UsageError(`--as-of: expected a date written YYYY-MM-DD, got "${v["as-of"]}".`);
    options.asOf = v["as-of"];
  }
  if (v.today !== undefined) {
    if (!isRealDate(v.today)) throw new UsageError(`--today: expected a date written YYYY-MM-DD, got "${v.today}".`);
    options.today = v.today;
  }
  if (v["reject-limit"] !== undefined) {
    const n = Number(v["reject-limit"]);
    if (v["reject-limit"].trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) {
      throw new UsageError(`--reject-limit: expected a share between 0 and 1 (e.g. 0.01 for 1%), got "${v["reject-limit"]}".`);
    }
    options.rejectLimit = n;
  }
  if (v.mode !== undefined) {
    if (v.mode !== "auto" && v.mode !== "billing" && v.mode !== "bookings") {
      throw new UsageError(`--mode: expected auto, billing or bookings, got "${v.mode}".`);
    }
    options.mode = v.mode;
  }
  if (v["memory-limit"] !== undefined) {
    if (!isMemorySize(v["memory-limit"])) {
      throw new UsageError(`--memory-limit: expected a size such as 800MB, 1GB or 4GB, got "${v["memory-limit"]}".`);
    }
    options.memoryLimit = v["memory-limit"].trim();
  }
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
    stderr(`pipeline: ${(e as Error).message}\n`);
    return EXIT_BAD_CONFIG;
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
    const code = knownExitCode(e);
    if (code !== undefined) {
      stderr(`pipeline failed: ${(e as Error).message}\n`);
      return code;
    }
    // A system error (disk full, permission) says all in its message; only a bug needs its stack.
    if (typeof (e as NodeJS.ErrnoException)?.code === "string" && (e as NodeJS.ErrnoException).syscall) {
      stderr(`pipeline failed: ${(e as Error).message}\n`);
      return EXIT_FAILURE;
    }
    stderr(`pipeline failed unexpectedly: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT_FAILURE;
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

if (isEntryPoint()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
