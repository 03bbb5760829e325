/**
 * The work of runPipeline (loaders/pipeline/run.ts), one function a step: ingest
 * (with the reject limit), run parameters, the metrics models, the manifest,
 * the output files (validated into a staging folder) and the atomic publish.
 */
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import type {ZodTypeAny} from "zod";
import {OUTPUT_FILES} from "../../src/schemas/index.js";
import {manifestSchema, runSchema} from "../../src/schemas/run.js";
import {bandRows, type Config} from "./config.js";
import {EXIT_BAD_INPUT} from "../exit-codes.js";
import {ingest, type IngestResult} from "./ingest/index.js";
import {describeReasonCount, rejectSummary} from "./ingest/rejects.js";
import {dropIngestOnlyTables} from "./ingest/staging.js";
import {createRunParams, unmatchedCustomers, type RunDates} from "./ingest/run-params.js";
import {stableJson} from "./outputs/json.js";
import {failedRunDir, makeFailedRunDir, stageOutputs} from "./outputs/publish.js";
import {redactNames, redactSalt} from "./outputs/redact.js";
import {describeReject, firstRejects, writeRejectsCsv} from "./outputs/rejects.js";
import {isTableSource} from "./outputs/table-source.js";
import {validateOutput} from "./outputs/validate.js";
import {writeOutputFile} from "./outputs/write.js";
import {writeTableFiles, type TableFile} from "./outputs/write-tables.js";
import {removeOwnedFolder, toolVersion} from "./safety/marker.js";
import {PipelineError, type ComputeOutputs, type PipelineOptions, type PipelineResult, type PreparedInput, type Run, type RunPaths} from "./setup.js";

function formatShare(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

/**
 * Reads and validates the exports into staging tables; with --redact the
 * names are pseudonymised before anything is written, even a failed run's
 * rejects report.
 */
export async function ingestExports(conn: DuckDBConnection, input: PreparedInput, paths: RunPaths, options: PipelineOptions, run: Run): Promise<IngestResult> {
  const ingested = await run.timed("ingest", () =>
    ingest(conn, {
      inputDir: input.inputDir,
      currency: input.config.currency,
      mode: input.config.mode,
      log: (m) => run.log(`  ${m}`),
      sourceDir: input.inputDir === paths.userInputDir ? undefined : paths.userInputDir
    })
  );
  if (options.redact) await run.timed("redact", () => redactNames(conn, redactSalt()));
  await dropIngestOnlyTables(conn);
  return ingested;
}

/**
 * Reject limit: a file whose rejected share exceeds it stops the run; its
 * rejects are kept in <out>.failed/ for diagnosis, and the message names the
 * files, the count per reason (so that the cause is named even when it is not
 * among the first rejected rows) and the first rejected rows.
 */
export async function checkRejectLimit(conn: DuckDBConnection, ingested: IngestResult, config: Config, outDir: string): Promise<void> {
  const over = ingested.files.filter((f) => f.rows_read > 0 && f.rejected_share > config.reject_limit);
  if (!over.length) return;
  const failedDir = makeFailedRunDir(outDir);
  const reportPath = join(failedDir, "rejects.csv");
  await writeRejectsCsv(conn, reportPath);
  const first = await firstRejects(conn, 10);
  const which = over.map((f) => `${f.path}: ${f.rows_rejected} of ${f.rows_read} rows rejected (${formatShare(f.rejected_share)})`).join("; ");
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

/** The as-of date, the period and the other dates every model reads (table run_params). */
export async function runParameters(conn: DuckDBConnection, config: Config, ingested: IngestResult, run: Run): Promise<RunDates> {
  const dates = await run.timed("run parameters", () => createRunParams(conn, config, run.runDate));
  run.log(`  as of ${dates.as_of}, period ${dates.period_start} … ${dates.as_of}, mode ${ingested.mode}, currency ${config.currency}`);
  if (dates.future_dated_lines.count) run.log(`  ${dates.future_dated_lines.count} line(s) dated after ${dates.as_of} (loaded, outside every figure)`);
  return dates;
}

async function loadComputeOutputs(): Promise<ComputeOutputs> {
  const modulePath = "./models/index.js";
  const mod = (await import(modulePath)) as {computeOutputs?: ComputeOutputs; computeOutputSources?: ComputeOutputs};
  // The lazy variant: big tables come back as table sources and are streamed to disk.
  if (typeof mod.computeOutputSources === "function") return mod.computeOutputSources;
  if (typeof mod.computeOutputs !== "function") throw new Error("loaders/pipeline/models/index.ts does not export computeOutputs");
  return mod.computeOutputs;
}

/** The metrics models: one value (or table source) per metrics output file; each model's time is a step of run.json. */
export async function computeMetrics(
  conn: DuckDBConnection,
  options: PipelineOptions,
  config: Config,
  ingested: IngestResult,
  dates: RunDates,
  run: Run
): Promise<Record<string, unknown>> {
  const compute = options.computeOutputs ?? (await loadComputeOutputs());
  return run.timed("metrics", () =>
    compute(conn, {
      config,
      mode: ingested.mode,
      asOf: dates.as_of,
      periodStart: dates.period_start,
      periodStartExcl: dates.period_start_excl,
      currency: config.currency,
      topAccounts: {tiers: [...config.top_accounts.tiers], max: config.top_accounts.max},
      log: (m) => run.log(`  ${m}`),
      onModel: (name, ms) => {
        run.steps.push({step: `metrics: ${name}`, duration_ms: Math.round(ms)});
        run.log(`  model ${name} in ${Math.round(ms)} ms`);
      }
    })
  );
}

/** manifest.json: the run's dates, settings, files read and what did not match. */
export async function buildManifest(conn: DuckDBConnection, config: Config, ingested: IngestResult, dates: RunDates, redact: boolean | undefined) {
  return {
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
    unmatched_customers: await unmatchedCustomers(conn),
    bands: bandRows(config),
    config: config as unknown as Record<string, unknown>,
    ...(redact ? {redacted: true as const} : {})
  };
}

/** The output files in a staging folder, not yet published. */
export interface StagedOutputs {
  staging: ReturnType<typeof stageOutputs>;
  files: string[];
  rejected: number;
}

/**
 * Writes every output file into a staging folder next to --out, each
 * validated against its schema as it is written (table sources row by row,
 * by DuckDB, several at a time on connections opened with `connect`,
 * loaders/pipeline/outputs/write-tables.ts); a failure discards the folder.
 */
export async function writeOutputs(
  conn: DuckDBConnection,
  outDir: string,
  tables: Record<string, unknown>,
  manifest: unknown,
  run: Run,
  connect?: () => Promise<DuckDBConnection>
): Promise<StagedOutputs> {
  return run.timed("write outputs", async () => {
    const registry = OUTPUT_FILES as Record<string, {file: string; schema: ZodTypeAny; producer: string}>;
    for (const name of Object.keys(tables)) {
      const entry = registry[name];
      if (!entry || entry.producer !== "metrics") throw new Error(`Bug: computeOutputs returned "${name}", which is not a metrics output in src/schemas/index.ts.`);
    }
    const missing = Object.entries(registry).filter(([name, e]) => e.producer === "metrics" && !(name in tables));
    if (missing.length) throw new Error(`Bug: computeOutputs did not return ${missing.map(([n]) => n).join(", ")}.`);
    const manifestText = stableJson(validateOutput("manifest.json", manifestSchema, manifest));

    const staging = stageOutputs(outDir);
    try {
      const files: string[] = [];
      // The small values first, then the tables DuckDB writes.
      const tableFiles: TableFile[] = [];
      for (const [name, value] of Object.entries(tables)) {
        const {file, schema} = registry[name];
        if (isTableSource(value)) tableFiles.push({path: join(staging.dir, file), file, schema, source: value});
        else {
          await writeOutputFile(conn, join(staging.dir, file), file, schema, value);
          files.push(file);
        }
      }
      await writeTableFiles(conn, tableFiles, connect, (file, ms) => run.log(`  wrote ${file} in ${Math.round(ms)} ms`));
      files.push(...tableFiles.map((t) => t.file));
      writeFileSync(join(staging.dir, "manifest.json"), manifestText);
      files.push("manifest.json");
      const rejected = await writeRejectsCsv(conn, join(staging.dir, "rejects.csv"));
      files.push("rejects.csv");
      return {staging, files, rejected};
    } catch (e) {
      staging.discard();
      throw e;
    }
  });
}

/**
 * Adds run.json (timings, version) and swaps the staging folder into --out in
 * one rename; a stale failure report is removed, as it would mislead.
 */
export function publishRun(staged: StagedOutputs, paths: RunPaths, manifest: unknown, run: Run): PipelineResult {
  const {staging, files, rejected} = staged;
  const finishedAt = new Date();
  try {
    const runFile = validateOutput("run.json", runSchema, {
      started_at: run.startedAt.toISOString(),
      finished_at: finishedAt.toISOString(),
      duration_ms: finishedAt.getTime() - run.startedAt.getTime(),
      run_date: run.runDate,
      steps: run.steps,
      version: toolVersion()
    });
    writeFileSync(join(staging.dir, "run.json"), stableJson(runFile));
    files.push("run.json");
    staging.publish();
  } catch (e) {
    staging.discard();
    throw e;
  }
  removeOwnedFolder("the failure report folder", failedRunDir(paths.outDir));
  run.log(`published ${files.length} files to ${paths.outDir}${rejected ? ` (${rejected} rejected rows in rejects.csv)` : ""}`);
  return {outDir: paths.outDir, manifest, files: files.sort(), rejected, durationMs: finishedAt.getTime() - run.startedAt.getTime()};
}
