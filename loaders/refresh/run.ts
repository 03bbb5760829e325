/**
 * `refresh(options)`: exports → pipeline → site build → publish, never half-built.
 *
 * Everything is produced in a work folder next to `--out` (same file system,
 * so the final rename is atomic) and published only when every step
 * succeeded; on any failure the work folder is deleted and the published
 * folder is left byte for byte as it was. A lock keeps two refreshes apart.
 */
import {existsSync, mkdirSync, renameSync, rmSync, statSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {pathToFileURL} from "node:url";
import type {RefreshOptions} from "./args.js";
import {runChild, stopRunningChildren, waitForRunningChildren} from "./child.js";
import {describeFailure, EXIT_BAD_CONFIG, EXIT_BAD_INPUT, EXIT_CODE_MEANINGS, EXIT_FAILURE, EXIT_OK, exitCodeFromPipeline, knownExitCode, type ExitCode} from "../exit-codes.js";
import {RefreshError} from "./error.js";
import {checkMaxAge, todayUtc} from "./freshness.js";
import {acquireLock, type Lock} from "./lock.js";
import {RunLog} from "./run-log.js";
import {buildSite} from "./site-build.js";
import {findTool, withProjectBin} from "./tools.js";
import {pipelineEnv} from "../pipeline/args.js";
import {removeOwnedFolder} from "../pipeline/safety/marker.js";
import {checkOutputFile, checkOutputFolder, checkSeparate} from "../pipeline/safety/paths.js";
import {claimOutputFolder, swapInto} from "../pipeline/safety/swap.js";
import {runTag} from "../pipeline/safety/work-folders.js";
import {formatQuality, qualityLogFields, readQuality, type QualitySummary} from "./summary.js";

/** How long a stopped refresh waits for its running step to end before it exits anyway. */
const CHILD_STOP_TIMEOUT_MS = 10_000;

export interface RefreshEnvironment {
  /** The project (package.json, loaders/, src/, observablehq.config.ts). */
  projectRoot: string;
  /** Progress and errors. */
  stderr: (text: string) => void;
  /** The data-quality summary. */
  stdout: (text: string) => void;
  /** Lock file; default <project>/.pipeline/refresh.lock. */
  lockFile?: string;
}

export interface RefreshResult {
  exitCode: ExitCode;
  error: string | null;
  failedStep: string | null;
  published: boolean;
  logPath: string;
  quality: QualitySummary | null;
  steps: Array<{step: string; status: "ok" | "failed"; duration_ms: number}>;
}

/** The shape of loaders/pipeline/mapping/index.ts that refresh relies on. */
interface MappingModule {
  prepareExports(options: {input: string; preset?: string; mapping?: string; workDir: string}): Promise<{
    dir: string;
    rejectLimit?: number | string;
    mode?: "auto" | "billing" | "bookings";
    asOf?: string;
    notes?: string[];
  }>;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export async function refresh(options: RefreshOptions, env: RefreshEnvironment): Promise<RefreshResult> {
  const projectRoot = resolve(env.projectRoot);
  const out = resolve(options.out);
  const input = resolve(options.input);
  const logPath = resolve(options.log ?? join(dirname(out), "refresh-log.jsonl"));
  const dataOut = options.dataOut === undefined ? undefined : resolve(options.dataOut);
  const steps: RefreshResult["steps"] = [];
  const guard = {input, projectRoot};
  const publishedFolders = [{option: "--out", path: out}, ...(dataOut ? [{option: "--data-out", path: dataOut}] : [])];
  // The run log is the first thing written: its place is checked before anything else
  // (a log inside a published folder would vanish at the next publish).
  try {
    checkOutputFile("--log", logPath, guard);
    for (const folder of publishedFolders) checkSeparate({option: "--log", path: logPath}, folder);
  } catch (error) {
    const {exitCode, message} = describeFailure(error);
    env.stderr(`refresh failed (exit ${exitCode}: ${EXIT_CODE_MEANINGS[exitCode]}):\n  ${message}\n`);
    return {exitCode, error: message, failedStep: "paths", published: false, logPath, quality: null, steps};
  }
  const startedAt = new Date();
  const runId = `${startedAt.toISOString().replace(/[-:.]/g, "").slice(0, 15)}-${process.pid}`;
  const log = new RunLog(logPath, runId);
  const say = (text: string) => {
    if (!options.quiet) env.stderr(`refresh: ${text}\n`);
  };
  const workDir = join(dirname(out), `.${basename(out)}.refresh-${runTag()}`);
  /** Where the rejects of a pipeline run that failed are kept (deleted by the next successful run). */
  const failedDir = join(dirname(out), `${basename(out)}-failed-run`);
  let lock: Lock | null = null;
  let quality: QualitySummary | null = null;
  let published = false;
  let failure: {error: string; exitCode: ExitCode; step: string | null} | null = null;

  async function step<T>(name: string, label: string, action: () => Promise<T> | T): Promise<T> {
    const started = Date.now();
    say(`${label}…`);
    try {
      const value = await action();
      const duration = Date.now() - started;
      steps.push({step: name, status: "ok", duration_ms: duration});
      log.write({type: "step", step: name, status: "ok", duration_ms: duration});
      say(`${label} — done in ${seconds(duration)}`);
      return value;
    } catch (error) {
      const duration = Date.now() - started;
      steps.push({step: name, status: "failed", duration_ms: duration});
      log.write({type: "step", step: name, status: "failed", duration_ms: duration, error: (error as Error).message});
      throw error instanceof RefreshError ? error : Object.assign(error as Error, {step: name});
    }
  }

  // A refresh stopped by the scheduler (timeout, shutdown) must still leave
  // the published folder alone and release its lock. Its running step is stopped
  // first and given a few seconds to end: the pipeline then removes its own
  // temporary files and says it was stopped (its line is forwarded before ours),
  // and nothing writes into the work folder while it is removed.
  let stoppedBy: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy = signal;
    stopRunningChildren(signal);
    void waitForRunningChildren(CHILD_STOP_TIMEOUT_MS).then(() => {
      rmSync(workDir, {recursive: true, force: true});
      lock?.release();
      log.write({type: "run", status: "failed", exit_code: EXIT_FAILURE, error: `stopped by ${signal}`, input, out, published: false});
      env.stderr(`refresh: stopped by ${signal}; the published folder was not touched.\n`);
      process.exit(EXIT_FAILURE);
    });
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("SIGHUP", onSignal);

  try {
    say(`${input} → ${out} (run log ${logPath})`);
    if (!existsSync(input)) throw new RefreshError(`the input folder ${input} does not exist`, EXIT_BAD_INPUT, "input");
    if (!statSync(input).isDirectory()) {
      throw new RefreshError(`--input ${input} is a file, not a folder: give the folder that holds the exports`, EXIT_BAD_INPUT, "input");
    }
    // Before any work: every folder this run replaces must be a place of its own (loaders/pipeline/safety).
    try {
      checkOutputFolder("--out", out, guard);
      if (dataOut) {
        checkOutputFolder("--data-out", dataOut, guard);
        checkSeparate({option: "--out", path: out}, {option: "--data-out", path: dataOut});
      }
    } catch (error) {
      throw Object.assign(error as Error, {step: "paths"});
    }
    lock = await step("lock", "taking the refresh lock", () =>
      acquireLock(env.lockFile ?? join(projectRoot, ".pipeline", "refresh.lock"), {out})
    );
    // Under the lock: finish or undo a publish a crash interrupted, and check that what will be replaced is ours.
    try {
      const notes = claimOutputFolder("--out", out, [{option: "the failed-run folder", path: failedDir}]);
      if (dataOut) notes.push(...claimOutputFolder("--data-out", dataOut));
      for (const note of notes) say(note);
    } catch (error) {
      throw Object.assign(error as Error, {step: "paths"});
    }
    if (options.pdf) {
      // Before any work: a board pack without a Chromium would fail only after the build.
      const {chromiumPath, noChromiumMessage} = await import("../site/pdf/browser.js");
      if (!chromiumPath()) throw new RefreshError(noChromiumMessage(), EXIT_BAD_CONFIG, "pdf");
    }
    mkdirSync(workDir, {recursive: true});

    // Step 1 (only with --preset/--mapping): turn the exports into the canonical format.
    let exportsDir = input;
    let asOf = options.asOf;
    let mode = options.mode;
    let rejectLimit = options.rejectLimit;
    if (options.preset !== undefined || options.mapping !== undefined) {
      await step("prepare", `mapping the exports (${options.preset ? `preset ${options.preset}` : `mapping ${options.mapping}`})`, async () => {
        let mapping: MappingModule;
        try {
          // Loaded from the project being refreshed, and only when asked for: the
          // mapping module is optional for a refresh of canonical exports.
          mapping = (await import(pathToFileURL(join(projectRoot, "loaders", "pipeline", "mapping", "index.ts")).href)) as MappingModule;
        } catch (error) {
          throw new RefreshError(
            `--preset/--mapping are not available in this installation (loaders/pipeline/mapping/index.ts could not be loaded: ${(error as Error).message})`,
            EXIT_BAD_CONFIG,
            "prepare"
          );
        }
        let prepared: Awaited<ReturnType<MappingModule["prepareExports"]>>;
        try {
          prepared = await mapping.prepareExports({
            input,
            preset: options.preset,
            mapping: options.mapping ? resolve(options.mapping) : undefined,
            workDir: join(workDir, "mapped")
          });
        } catch (error) {
          // A MappingError is a mistake in the preset name or the mapping file (including a
          // source file pattern that matches nothing): exit 3; the codes are mapped in loaders/exit-codes.ts.
          const code = knownExitCode(error);
          if (code !== undefined && !(error instanceof RefreshError)) throw new RefreshError((error as Error).message, code, "prepare");
          throw error;
        }
        exportsDir = prepared.dir;
        // The command line wins over a preset's defaults.
        asOf ??= prepared.asOf;
        mode ??= prepared.mode;
        rejectLimit ??= prepared.rejectLimit === undefined ? undefined : String(prepared.rejectLimit);
        for (const note of prepared.notes ?? []) say(`  ${note}`);
      });
    }

    // Step 2: the pipeline, into the work folder (it writes atomically itself).
    const dataDir = join(workDir, "data");
    await step("pipeline", "running the pipeline", async () => {
      const cli = join(projectRoot, "loaders", "pipeline", "cli.ts");
      if (!existsSync(cli)) throw new RefreshError(`the pipeline command ${cli} is missing`, EXIT_FAILURE, "pipeline");
      findTool(projectRoot, "tsx", "pipeline");
      const args = ["--import", "tsx", cli, "--input", exportsDir, "--out", dataDir];
      if (asOf) args.push("--as-of", asOf);
      if (options.today) args.push("--today", options.today);
      if (rejectLimit !== undefined) args.push("--reject-limit", rejectLimit);
      if (options.memoryLimit !== undefined) args.push("--memory-limit", options.memoryLimit);
      // A config.json shipped with the exports applies to them (currency, bands, as-of),
      // unless --config names another one.
      const config = options.config ? resolve(options.config) : existsSync(join(input, "config.json")) ? join(input, "config.json") : null;
      if (config) args.push("--config", config);
      if (mode) args.push("--mode", mode);
      if (options.redact) args.push("--redact");
      if (options.quiet) args.push("--quiet");
      const result = await runChild(process.execPath, args, {
        cwd: projectRoot,
        env: pipelineEnv(withProjectBin(projectRoot)),
        forward: options.quiet ? null : env.stderr
      });
      if (result.status !== 0) {
        const code = exitCodeFromPipeline(result.status);
        // The pipeline leaves the rejects of a failed run in <its out>.failed/: keep them
        // next to the published folder (the work folder is about to be deleted).
        const failedReport = `${dataDir}.failed`;
        let keptReport = "";
        if (existsSync(failedReport)) {
          removeOwnedFolder("the failed-run folder", failedDir);
          renameSync(failedReport, failedDir);
          keptReport = `; the rejected rows are in ${join(failedDir, "rejects.csv")}`;
        }
        const what = code === EXIT_BAD_INPUT ? "bad input" : code === EXIT_BAD_CONFIG ? "bad configuration" : "failed";
        const detail = options.quiet ? `\n  ${result.tail.slice(-15).join("\n  ")}` : " (its messages are above)";
        throw new RefreshError(
          `the pipeline stopped: ${what} (exit ${result.signal ?? result.status}); nothing was published${keptReport}${detail}`,
          code,
          "pipeline"
        );
      }
      removeOwnedFolder("the failed-run folder", failedDir); // a previous failure's report would mislead
      quality = readQuality(dataDir);
    });
    const q = quality as QualitySummary | null;
    if (!q) throw new RefreshError("the pipeline produced no manifest", EXIT_FAILURE, "pipeline");

    // Step 3 (only with --max-age): refuse stale exports before spending time on the build.
    if (options.maxAgeDays !== undefined) {
      const maxAge = options.maxAgeDays;
      await step("freshness", `checking the data is at most ${maxAge} days old`, () => {
        const age = checkMaxAge(q.manifest.latest_invoice_on, options.today ?? todayUtc(), maxAge);
        say(`  newest billing line ${q.manifest.latest_invoice_on}, ${age} days old`);
      });
    }

    // Step 4: the site, into the work folder.
    const siteDir = join(workDir, "site");
    await step("build", "building the site", () =>
      buildSite({projectRoot, dataDir, siteDir, workDir, forward: options.verbose ? env.stderr : null})
    );

    // Step 4b (only with --pdf): the board pack, printed from the new site into it.
    if (options.pdf) {
      await step("pdf", "printing the board pack (report.pdf)", async () => {
        const {makeBoardPack, BoardPackSetupError} = await import("../site/pdf/board-pack.js");
        try {
          const pack = await makeBoardPack({siteDir, dataDir, log: options.verbose ? (m) => say(`  ${m}`) : undefined});
          say(`  report.pdf: ${pack.pages} pages`);
        } catch (error) {
          throw error instanceof BoardPackSetupError ? new RefreshError(error.message, EXIT_BAD_CONFIG, "pdf") : error;
        }
      });
    }

    // Step 5: publish. From here on the new report is live.
    await step("publish", `publishing ${out}`, () => {
      mkdirSync(dirname(out), {recursive: true});
      swapInto(siteDir, out, "site", undefined, "--out");
      published = true;
      if (dataOut) {
        mkdirSync(dirname(dataOut), {recursive: true});
        swapInto(dataDir, dataOut, "pipeline-output", undefined, "--data-out");
      }
    });
  } catch (error) {
    const {exitCode, message} = describeFailure(error);
    const stepName = (error as {step?: string}).step ?? steps.find((s) => s.status === "failed")?.step ?? null;
    failure = {error: message, exitCode, step: stepName};
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("SIGHUP", onSignal);
    rmSync(workDir, {recursive: true, force: true});
    lock?.release();
  }

  // Stopped by a signal: the step that failed was the one the signal stopped. The signal's
  // handler reports the run and exits once that step has ended; no second report here.
  if (stoppedBy) return new Promise<never>(() => {});

  const finishedAt = new Date();
  const exitCode = failure?.exitCode ?? EXIT_OK;
  const finalQuality = quality as QualitySummary | null;
  log.write({
    type: "run",
    status: failure ? "failed" : "ok",
    exit_code: exitCode,
    exit_meaning: EXIT_CODE_MEANINGS[exitCode],
    error: failure?.error ?? null,
    failed_step: failure?.step ?? null,
    input,
    out,
    published,
    started_at: startedAt.toISOString(),
    finished_at: finishedAt.toISOString(),
    duration_ms: finishedAt.getTime() - startedAt.getTime(),
    steps,
    ...(finalQuality ? qualityLogFields(finalQuality) : {})
  });

  // The data-quality summary is worth printing even when a later step failed:
  // it often explains the failure (e.g. --max-age).
  if (finalQuality && !options.quiet) env.stdout(formatQuality(finalQuality).join("\n") + "\n");
  if (failure) {
    env.stderr(`refresh failed${failure.step ? ` at step "${failure.step}"` : ""} (exit ${exitCode}: ${EXIT_CODE_MEANINGS[exitCode]}):\n  ${failure.error}\n`);
    env.stderr(`refresh: ${out} was left as it was. Run log: ${logPath}\n`);
  } else {
    say(`published ${out} in ${seconds(finishedAt.getTime() - startedAt.getTime())}. Run log: ${logPath}`);
  }
  return {exitCode, error: failure?.error ?? null, failedStep: failure?.step ?? null, published, logPath, quality: finalQuality, steps};
}
