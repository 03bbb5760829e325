/**
 * runPipeline(options): ingest → metrics models → outputs → atomic publish.
 * Callable without a child process (build, refresh, tests); failures throw a
 * PipelineError carrying the exit status the command line uses.
 */
import {mkdtempSync, rmSync, statSync, writeFileSync, existsSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import type {DuckDBConnection} from "@duckdb/node-api";
import {OUTPUT_FILES} from "../src/schemas/index.js";
import {manifestSchema, runSchema} from "../src/schemas/run.js";
import {applyOverrides, bandRows, isRealDate, loadConfigFile, parseConfig, todayUtc, type Config, type ConfigOverrides} from "./config.js";
import {openDatabase} from "./db.js";
import {ingest, type IngestResult} from "./ingest/index.js";
import {describeReasonCount, rejectSummary} from "./ingest/rejects.js";
import {prepareExports, type PreparedExports} from "./mapping/index.js";
import {createRunParams, unmatchedCustomers, type RunDates} from "./ingest/run-params.js";
import {stableJson} from "./outputs/json.js";
import {describeReject, firstRejects, writeRejectsCsv, type RejectRow} from "./outputs/rejects.js";
import {failedRunDir, makeFailedRunDir, stageOutputs} from "./outputs/publish.js";
import {validateOutput} from "./outputs/validate.js";
import {isTableSource} from "./outputs/table-source.js";
import {redactNames, redactSalt} from "./outputs/redact.js";
import {writeOutputFile} from "./outputs/write.js";
import {EXIT_BAD_CONFIG, EXIT_BAD_INPUT, CodedError, knownExitCode, type ExitCode} from "./exit-codes.js";
import {checkOutputFolder} from "./safety/paths.js";
import {removeOwnedFolder, toolVersion} from "./safety/marker.js";
import {claimOutputFolder} from "./safety/swap.js";
import type {MetricsContext} from "./metrics/index.js";

/** Exit statuses of `npm run pipeline`: the one set of all commands (loaders/exit-codes.ts). */
export {EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_BAD_CONFIG, type ExitCode} from "./exit-codes.js";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_INPUT = join(REPO_ROOT, "data");
export const DEFAULT_OUT = join(REPO_ROOT, ".pipeline", "out");

/**
 * DuckDB's memory_limit unless --memory-limit says otherwise. The process's resident memory
 * runs about 0.7 GB above it (allocator caches, Node). Measured on the benchmark input
 * (10M billing lines, 200k accounts, 2 cores): 1.2GB peaked at 1.92 GB RSS, 1GB at 1.74-1.89 GB
 * and 800MB at 1.47-1.51 GB, all in about the same time (the models spill little, and the
 * pipeline drops intermediate tables once spent): 800MB keeps it within issue 13's 1.5 GB.
 */
export const DEFAULT_MEMORY_LIMIT = "800MB";
export const DEFAULT_CONFIG = join(REPO_ROOT, "data", "config.json");

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
function asPipelineError(error: unknown): unknown {
  const code = knownExitCode(error);
  return code === undefined || error instanceof PipelineError ? error : new PipelineError((error as Error).message, code);
}

export type {MetricsContext};

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
  /** The metrics models; default loaders/metrics/index.ts computeOutputs. */
  computeOutputs?: ComputeOutputs;
  /** DuckDB's memory_limit (it spills to a temporary folder beyond it). Default DEFAULT_MEMORY_LIMIT. */
  memoryLimit?: string;
  /** A shareable copy: account and owner names pseudonymised in every output (loaders/outputs/redact.ts). */
  redact?: boolean;
}

export interface PipelineResult {
  outDir: string;
  manifest: unknown;
  files: string[];
  rejected: number;
  durationMs: number;
}

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

async function loadComputeOutputs(): Promise<ComputeOutputs> {
  const modulePath = "./metrics/index.js";
  const mod = (await import(modulePath)) as {computeOutputs?: ComputeOutputs; computeOutputSources?: ComputeOutputs};
  // The lazy variant: big tables come back as table sources and are streamed to disk.
  if (typeof mod.computeOutputSources === "function") return mod.computeOutputSources;
  if (typeof mod.computeOutputs !== "function") throw new Error("loaders/metrics/index.ts does not export computeOutputs");
  return mod.computeOutputs;
}

function formatShare(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

export async function runPipeline(options: PipelineOptions = {}): Promise<PipelineResult> {
  const log = options.log ?? (() => {});
  const startedAt = new Date();
  const runDate = options.today ?? todayUtc(startedAt);
  const steps: {step: string; duration_ms: number}[] = [];
  const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    log(`${step}…`);
    try {
      return await fn();
    } finally {
      const ms = Math.round(performance.now() - t0);
      steps.push({step, duration_ms: ms});
      log(`${step} done in ${ms} ms`);
    }
  };

  let config: Config;
  try {
    config = resolveConfig(options);
  } catch (e) {
    throw asPipelineError(e);
  }
  if (!isRealDate(runDate)) throw new PipelineError(`today: expected a date written YYYY-MM-DD, got "${runDate}".`, EXIT_BAD_CONFIG);
  const userInputDir = resolve(options.input ?? DEFAULT_INPUT);
  const outDir = resolve(options.out ?? DEFAULT_OUT);
  if (!existsSync(userInputDir)) throw new PipelineError(`The input folder ${userInputDir} does not exist.`, EXIT_BAD_INPUT);
  if (!statSync(userInputDir).isDirectory()) {
    throw new PipelineError(`--input ${userInputDir} is a file, not a folder: give the folder that holds the exports.`, EXIT_BAD_INPUT);
  }
  // Before any work: --out must be a place of its own, and its folders the product's to replace.
  try {
    checkOutputFolder("--out", outDir, {input: userInputDir, projectRoot: REPO_ROOT});
    for (const note of claimOutputFolder("--out", outDir, [{option: "the failure report folder", path: failedRunDir(outDir)}])) log(note);
  } catch (e) {
    throw asPipelineError(e);
  }

  const workDir = mkdtempSync(join(tmpdir(), "crosssell-duckdb-"));
  let inputDir = userInputDir;
  if (options.preset !== undefined || options.mapping !== undefined) {
    let prepared: PreparedExports;
    try {
      prepared = await timed("mapping", () =>
        prepareExports({input: userInputDir, preset: options.preset, mapping: options.mapping, workDir: join(workDir, "mapped")})
      );
      config = resolveConfig(options, prepared);
    } catch (e) {
      rmSync(workDir, {recursive: true, force: true});
      throw asPipelineError(e);
    }
    if (options.onNotes) options.onNotes(prepared.notes);
    else for (const note of prepared.notes) log(`  ${note}`);
    inputDir = prepared.dir;
  }

  const db = await openDatabase({memoryLimit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT, tempDirectory: workDir});
  const conn = db.conn;
  let staging: ReturnType<typeof stageOutputs> | null = null;
  try {
    let ingested: IngestResult;
    try {
      ingested = await timed("ingest", () =>
        ingest(conn, {
          inputDir,
          currency: config.currency,
          mode: config.mode,
          log: (m) => log(`  ${m}`),
          sourceDir: inputDir === userInputDir ? undefined : userInputDir
        })
      );
    } catch (e) {
      throw asPipelineError(e);
    }
    // Before anything is written, even a failed run's rejects report.
    if (options.redact) await timed("redact", () => redactNames(conn, redactSalt()));

    // Reject limit: a file whose rejected share exceeds it stops the run; its rejects are kept for diagnosis.
    const over = ingested.files.filter((f) => f.rows_read > 0 && f.rejected_share > config.reject_limit);
    if (over.length) {
      const failedDir = makeFailedRunDir(outDir);
      const reportPath = join(failedDir, "rejects.csv");
      await writeRejectsCsv(conn, reportPath);
      const first = await firstRejects(conn, 10);
      const which = over
        .map((f) => `${f.path}: ${f.rows_rejected} of ${f.rows_read} rows rejected (${formatShare(f.rejected_share)})`)
        .join("; ");
      // Counted per reason, so that the cause is named even when it is not among the first rejected rows.
      const perReason: string[] = [];
      for (const f of over) {
        const reasons = await rejectSummary(conn, f.file);
        const shown = reasons.slice(0, 8).map((r) => `\n  ${describeReasonCount(r)}`);
        if (reasons.length > 8) shown.push(`\n  … and ${reasons.length - 8} other reasons`);
        perReason.push(`\nRejected rows of ${f.path} per reason:${shown.join("")}`);
      }
      throw new PipelineError(
        `Too many rejected rows — ${which}, above the limit of ${formatShare(config.reject_limit)} ` +
          `(set with --reject-limit or reject_limit in the configuration). Previous outputs in ${outDir} were left untouched.` +
          `${perReason.join("")}\nFirst rejected rows:\n  ${first.map(describeReject).join("\n  ")}\nFull rejects report: ${reportPath}`,
        EXIT_BAD_INPUT,
        {first, reportPath}
      );
    }

    let dates: RunDates;
    try {
      dates = await timed("run parameters", () => createRunParams(conn, config, runDate));
    } catch (e) {
      throw asPipelineError(e);
    }
    log(`  as of ${dates.as_of}, period ${dates.period_start} … ${dates.as_of}, mode ${ingested.mode}, currency ${config.currency}`);
    if (dates.future_dated_lines.count) log(`  ${dates.future_dated_lines.count} line(s) dated after ${dates.as_of} (loaded, outside every figure)`);

    const compute = options.computeOutputs ?? (await loadComputeOutputs());
    const tables = await timed("metrics", () =>
      compute(conn, {
        config,
        mode: ingested.mode,
        asOf: dates.as_of,
        periodStart: dates.period_start,
        periodStartExcl: dates.period_start_excl,
        currency: config.currency,
        topAccounts: {tiers: [...config.top_accounts.tiers], max: config.top_accounts.max},
        log: (m) => log(`  ${m}`),
        onModel: (name, ms) => {
          steps.push({step: `metrics: ${name}`, duration_ms: Math.round(ms)});
          log(`  model ${name} in ${Math.round(ms)} ms`);
        }
      })
    );

    const unmatched = await unmatchedCustomers(conn);
    const manifest = {
      as_of: dates.as_of,
      as_of_rule: dates.as_of_rule,
      period_start: dates.period_start,
      period_end: dates.as_of,
      currency: config.currency,
      mode: ingested.mode,
      reject_limit: config.reject_limit,
      grace_days: config.grace_days,
      earliest_invoice_on: dates.earliest_invoice_on,
      latest_invoice_on: dates.latest_invoice_on,
      future_dated_lines: dates.future_dated_lines,
      files: ingested.files,
      unmatched_customers: unmatched,
      bands: bandRows(config),
      config: config as unknown as Record<string, unknown>,
      ...(options.redact ? {redacted: true as const} : {})
    };

    const written: string[] = [];
    const rejected = await timed("write outputs", async () => {
      const registry = OUTPUT_FILES as Record<string, {file: string; schema: import("zod").ZodTypeAny; producer: string}>;
      for (const name of Object.keys(tables)) {
        const entry = registry[name];
        if (!entry || entry.producer !== "metrics") throw new Error(`Bug: computeOutputs returned "${name}", which is not a metrics output in src/schemas/index.ts.`);
      }
      const missing = Object.entries(registry).filter(([name, e]) => e.producer === "metrics" && !(name in tables));
      if (missing.length) throw new Error(`Bug: computeOutputs did not return ${missing.map(([n]) => n).join(", ")}.`);
      const manifestText = stableJson(validateOutput("manifest.json", manifestSchema, manifest));

      // Each file is validated as it is written into the staging folder (table
      // sources row by row, streamed from DuckDB); a failure discards the folder.
      staging = stageOutputs(outDir);
      const ordered = Object.entries(tables).sort(([, a], [, b]) => Number(isTableSource(a)) - Number(isTableSource(b)));
      for (const [name, value] of ordered) {
        const entry = registry[name];
        await writeOutputFile(conn, join(staging.dir, entry.file), entry.file, entry.schema, value);
        written.push(entry.file);
      }
      writeFileSync(join(staging.dir, "manifest.json"), manifestText);
      written.push("manifest.json");
      const n = await writeRejectsCsv(conn, join(staging.dir, "rejects.csv"));
      written.push("rejects.csv");
      return n;
    });

    const finishedAt = new Date();
    const run = validateOutput("run.json", runSchema, {
      started_at: startedAt.toISOString(),
      finished_at: finishedAt.toISOString(),
      duration_ms: finishedAt.getTime() - startedAt.getTime(),
      run_date: runDate,
      steps,
      version: toolVersion()
    });
    writeFileSync(join(staging!.dir, "run.json"), stableJson(run));
    written.push("run.json");
    staging!.publish();
    staging = null;
    removeOwnedFolder("the failure report folder", failedRunDir(outDir)); // a stale failure report would mislead
    log(`published ${written.length} files to ${outDir}${rejected ? ` (${rejected} rejected rows in rejects.csv)` : ""}`);
    return {outDir, manifest, files: written.sort(), rejected, durationMs: finishedAt.getTime() - startedAt.getTime()};
  } finally {
    if (staging) (staging as {discard(): void}).discard();
    db.close();
    rmSync(workDir, {recursive: true, force: true});
  }
}
