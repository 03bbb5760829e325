/**
 * runPipeline(options): ingest → metrics models → outputs → atomic publish.
 * Callable without a child process (build, refresh, tests); failures throw a
 * PipelineError carrying the exit status the command line uses. Each step is
 * a function of loaders/pipeline/setup.ts (before any work) or
 * loaders/pipeline/steps.ts (the work).
 */
import {openDatabase, sqlString, type Database} from "./db.js";
import {memoryLimits} from "./args.js";
import {asPipelineError, checkPaths, prepareInput, readConfig, startRun, type PipelineOptions, type PipelineResult} from "./setup.js";
import {buildManifest, checkRejectLimit, computeMetrics, ingestExports, publishRun, runParameters, writeOutputs} from "./steps.js";
import {removeWorkFolder} from "./safety/work-folders.js";

/** Exit statuses of `npm run pipeline`: the one set of all commands (loaders/exit-codes.ts). */
export {EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_BAD_CONFIG, type ExitCode} from "../exit-codes.js";
export {DEFAULT_INGEST_MEMORY_LIMIT, DEFAULT_MEMORY_LIMIT} from "./args.js";
export {
  DEFAULT_CONFIG,
  DEFAULT_INPUT,
  DEFAULT_OUT,
  PipelineError,
  REPO_ROOT,
  resolveConfig,
  type ComputeOutputs,
  type PipelineOptions,
  type PipelineResult
} from "./setup.js";
export type {MetricsContext} from "./models/index.js";

export async function runPipeline(options: PipelineOptions = {}): Promise<PipelineResult> {
  try {
    const run = startRun(options);
    const config = readConfig(options, run);
    const paths = checkPaths(options, run);
    const input = await prepareInput(options, paths, config, run);
    const limits = memoryLimits(options.memoryLimit);
    // Opened inside the try: a database that cannot be opened must not leave the work folder behind.
    let db: Database | undefined;
    try {
      db = await openDatabase({memoryLimit: limits.ingest, tempDirectory: input.workDir});
      const ingested = await ingestExports(db.conn, input, paths, options, run);
      if (limits.metrics !== limits.ingest) await db.conn.run(`SET memory_limit = ${sqlString(limits.metrics)}`);
      await checkRejectLimit(db.conn, ingested, input.config, paths.outDir);
      const dates = await runParameters(db.conn, input.config, ingested, run);
      // The manifest first: it reads the staging lines, which the metrics drop once they are spent.
      const manifest = await buildManifest(db.conn, input.config, ingested, dates, options.redact);
      const outputs = await computeMetrics(db.conn, options, input.config, ingested, dates, run);
      const staged = await writeOutputs(db.conn, paths.outDir, outputs, manifest, run, db.connect);
      return publishRun(staged, paths, manifest, run);
    } finally {
      db?.close();
      removeWorkFolder(input.workDir);
    }
  } catch (e) {
    // Domain errors (bad input, configuration, mapping, unsafe path) become PipelineErrors with their code; a bug stays as it is.
    throw asPipelineError(e);
  }
}
