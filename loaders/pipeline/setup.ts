/**
 * What runPipeline (loaders/pipeline/run.ts) settles before any work: its options
 * and defaults, the configuration, the input and output folders (checked and
 * claimed before anything is read), and, for a preset or mapping file, the
 * canonical exports made from the user's. Failures are PipelineErrors with
 * the exit code the command line uses.
 */
import {existsSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {DuckDBConnection} from "@duckdb/node-api";
import {applyOverrides, isRealDate, loadConfigFile, parseConfig, todayUtc, type Config, type ConfigOverrides} from "./config.js";
import {CodedError, EXIT_BAD_CONFIG, EXIT_BAD_INPUT, knownExitCode, type ExitCode} from "../exit-codes.js";
import {prepareExports, type PreparedExports} from "./mapping/index.js";
import type {MetricsContext} from "./models/index.js";
import {failedRunDir} from "./outputs/publish.js";
import type {RejectRow} from "./outputs/rejects.js";
import {checkOutputFolder} from "./safety/paths.js";
import {claimOutputFolder} from "./safety/swap.js";
import {makeTempFolder, removeStaleTempFolders, removeWorkFolder} from "./safety/work-folders.js";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DEFAULT_INPUT = join(REPO_ROOT, "data");
export const DEFAULT_OUT = join(REPO_ROOT, ".pipeline", "out");
export const DEFAULT_CONFIG = join(REPO_ROOT, "data", "config.json");

export type ComputeOutputs = (conn: DuckDBConnection, ctx: MetricsContext) => Promise<Record<string, unknown>>;

export interface PipelineOptions {
  /** Exports folder; default the bundled sample in data/. */
  input?: string;
  /** Output folder; default .pipeline/out. */
  out?: string;
  /** Configuration file; default data/config.json when present, else built-in defaults. */
  config?: string;
  /** Or a configuration object (already parsed JSON), instead of a file. */
  configObject?: unknown;
  asOf?: string;
  /** The run date (YYYY-MM-DD): the default as-of is the latest invoice date on or before it. Default: today (UTC). */
  today?: string;
  rejectLimit?: number;
  mode?: "auto" | "billing" | "bookings";
  /**
   * The exports are in a known system's format (preset name) or described by a
   * mapping file: they are turned into canonical exports first (loaders/mapping),
   * in a temporary folder. The mapping's reject_limit / mode / as_of apply unless
   * asOf / rejectLimit / mode above are given; both beat the configuration file.
   */
  preset?: string;
  mapping?: string;
  /** What the mapping layer did, one line each (default: logged). */
  onNotes?: (notes: string[]) => void;
  /** Progress lines (stderr in the command line); silent when omitted. */
  log?: (message: string) => void;
  /** The metrics models; default loaders/pipeline/models/index.ts computeOutputs. */
  computeOutputs?: ComputeOutputs;
  /** DuckDB's memory_limit (it spills to a temporary folder beyond it). Default DEFAULT_MEMORY_LIMIT, DEFAULT_INGEST_MEMORY_LIMIT while the exports are read (args.ts memoryLimits). */
  memoryLimit?: string;
  /** A shareable copy: account and owner names pseudonymised in every output (loaders/pipeline/outputs/redact.ts). */
  redact?: boolean;
}

export interface PipelineResult {
  outDir: string;
  manifest: unknown;
  files: string[];
  rejected: number;
  durationMs: number;
}

export class PipelineError extends CodedError {
  constructor(
    message: string,
    exitCode: ExitCode,
    /** For a run stopped by its rejects: the first rejected rows and where the full report is. */
    readonly rejects?: {first: RejectRow[]; reportPath: string}
  ) {
    super(message, exitCode);
    this.name = "PipelineError";
  }
}

/** A domain error (bad input, configuration, mapping, unsafe path) as a PipelineError with its exit code; anything else unchanged (a bug). */
export function asPipelineError(error: unknown): unknown {
  const code = knownExitCode(error);
  return code === undefined || error instanceof PipelineError ? error : new PipelineError((error as Error).message, code);
}

/** One run's clock, progress log and timed steps (the steps of run.json). */
export interface Run {
  startedAt: Date;
  /** The run date, YYYY-MM-DD. */
  runDate: string;
  log: (message: string) => void;
  steps: {step: string; duration_ms: number}[];
  /** Runs one step, logged and timed. */
  timed<T>(step: string, fn: () => Promise<T>): Promise<T>;
}

export function startRun(options: PipelineOptions): Run {
  const log = options.log ?? (() => {});
  const startedAt = new Date();
  const steps: Run["steps"] = [];
  return {
    startedAt,
    runDate: options.today ?? todayUtc(startedAt),
    log,
    steps,
    async timed(step, fn) {
      const t0 = performance.now();
      log(`${step}…`);
      try {
        return await fn();
      } finally {
        const ms = Math.round(performance.now() - t0);
        steps.push({step, duration_ms: ms});
        log(`${step} done in ${ms} ms`);
      }
    }
  };
}

/** The configuration: the object or file given, else data/config.json, else the defaults; then the overrides of the options and the mapping. */
export function resolveConfig(options: PipelineOptions, prepared?: Pick<PreparedExports, "asOf" | "rejectLimit" | "mode">): Config {
  let config: Config;
  if (options.configObject !== undefined) config = parseConfig(options.configObject);
  else if (options.config) config = loadConfigFile(resolve(options.config));
  else if (existsSync(DEFAULT_CONFIG)) config = loadConfigFile(DEFAULT_CONFIG);
  else config = parseConfig({});
  const overrides: ConfigOverrides = {
    as_of: options.asOf ?? prepared?.asOf,
    reject_limit: options.rejectLimit ?? prepared?.rejectLimit,
    mode: options.mode ?? prepared?.mode
  };
  return applyOverrides(config, overrides);
}

/** The configuration, and the run date checked with it (both are the command's settings). */
export function readConfig(options: PipelineOptions, run: Run): Config {
  const config = resolveConfig(options);
  if (!isRealDate(run.runDate)) throw new PipelineError(`today: expected a date written YYYY-MM-DD, got "${run.runDate}".`, EXIT_BAD_CONFIG);
  return config;
}

export interface RunPaths {
  /** The folder the user gave. */
  userInputDir: string;
  outDir: string;
}

/**
 * The input folder must exist; --out must be a place of its own, and its
 * folders the product's to replace (loaders/safety), before any work.
 */
export function checkPaths(options: PipelineOptions, run: Run): RunPaths {
  const userInputDir = resolve(options.input ?? DEFAULT_INPUT);
  const outDir = resolve(options.out ?? DEFAULT_OUT);
  if (!existsSync(userInputDir)) throw new PipelineError(`The input folder ${userInputDir} does not exist.`, EXIT_BAD_INPUT);
  if (!statSync(userInputDir).isDirectory()) {
    throw new PipelineError(`--input ${userInputDir} is a file, not a folder: give the folder that holds the exports.`, EXIT_BAD_INPUT);
  }
  checkOutputFolder("--out", outDir, {input: userInputDir, projectRoot: REPO_ROOT});
  for (const note of claimOutputFolder("--out", outDir, [{option: "the failure report folder", path: failedRunDir(outDir)}])) run.log(note);
  return {userInputDir, outDir};
}

export interface PreparedInput {
  /** The canonical exports: the user's folder, or the mapped copy in workDir. */
  inputDir: string;
  config: Config;
  /** A temporary folder of the run's own (mapped exports, DuckDB's spill files); the caller removes it (removeWorkFolder). */
  workDir: string;
}

/**
 * The work folder, and with a preset or mapping file the canonical exports
 * made from the user's (whose reject_limit / mode / as_of then apply unless
 * the options give them). The work folder is removed again when this fails.
 */
export async function prepareInput(options: PipelineOptions, paths: RunPaths, config: Config, run: Run): Promise<PreparedInput> {
  // A run killed outright left its folder (spill files, hundreds of MB at scale): removed first.
  for (const stale of removeStaleTempFolders()) run.log(`  removed ${join(tmpdir(), stale)}, left by a run that was stopped`);
  const workDir = makeTempFolder();
  if (options.preset === undefined && options.mapping === undefined) return {inputDir: paths.userInputDir, config, workDir};
  try {
    const prepared = await run.timed("mapping", () =>
      prepareExports({input: paths.userInputDir, preset: options.preset, mapping: options.mapping, workDir: join(workDir, "mapped")})
    );
    const mappedConfig = resolveConfig(options, prepared);
    if (options.onNotes) options.onNotes(prepared.notes);
    else for (const note of prepared.notes) run.log(`  ${note}`);
    return {inputDir: prepared.dir, config: mappedConfig, workDir};
  } catch (e) {
    removeWorkFolder(workDir);
    throw e;
  }
}
