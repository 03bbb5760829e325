/**
 * npm run bench [-- --scale 0.1] [--strict]
 *
 * 1. Generates (or reuses) 10M invoice lines, 1M opportunities, 200k accounts
 *    with the sample generator into .bench/input (× scale).
 * 2. Times a bare DuckDB read of the same files (count(*) of read_csv per file).
 * 3. Runs the whole pipeline as a child process on them, timing it and
 *    measuring its peak memory.
 * Prints both times, their ratio and the peak against the targets
 * (pipeline ≤ 3× bare read, peak < 2 GB); writes .bench/result.json.
 * Exit status: 1 when the pipeline fails; with --strict also 2 when a target is missed.
 */
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, rmSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {generateSample, SAMPLE_FILES} from "../sample/generate.js";
import {parseTimeVerboseMaxRss, watchTreeMemory} from "./memory.js";
import {benchSampleOptions, canReuse, TARGET_PEAK_BYTES, TARGET_RATIO, writeStamp} from "./params.js";
import {formatReport, type BenchResult} from "./report.js";

const ROOT = resolve(".bench");
const INPUT = join(ROOT, "input");
const OUT = join(ROOT, "out");

function parseArgs(argv: readonly string[]): {scale: number; strict: boolean} {
  let scale = 1;
  let strict = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--scale") {
      scale = Number(argv[++i]);
      if (!Number.isFinite(scale)) throw new Error(`--scale expects a number, got "${argv[i]}"`);
    } else if (argv[i] === "--strict") strict = true;
    else throw new Error(`unknown option "${argv[i]}"; usage: npm run bench -- [--scale 0.1] [--strict]`);
  }
  return {scale, strict};
}

const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

async function prepareInput(scale: number): Promise<{seconds: number | null; reused: boolean}> {
  const options = benchSampleOptions(scale, INPUT);
  if (canReuse(INPUT, options)) {
    log(`reusing ${INPUT} (generated earlier with the same parameters)`);
    return {seconds: null, reused: true};
  }
  rmSync(INPUT, {recursive: true, force: true});
  mkdirSync(INPUT, {recursive: true});
  log(`generating ${options.accounts} accounts, ~${options.invoiceLines} invoice lines, ~${options.opportunities} opportunities into ${INPUT}`);
  const started = performance.now();
  const summary = await generateSample(options);
  const seconds = (performance.now() - started) / 1000;
  writeStamp(INPUT, options);
  log(`generated ${summary.invoiceLines.lines} invoice lines and ${summary.opportunities.rows} opportunities in ${seconds.toFixed(1)} s`);
  return {seconds, reused: false};
}

/** count(*) of read_csv over each file, in one fresh DuckDB; returns seconds and row counts. */
async function bareRead(): Promise<{seconds: number; rows: Record<string, number>}> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const rows: Record<string, number> = {};
  const started = performance.now();
  for (const name of SAMPLE_FILES) {
    const file = join(INPUT, `${name}.csv`).replace(/'/g, "''");
    const reader = await connection.runAndReadAll(`select count(*)::double as n from read_csv('${file}')`);
    rows[name] = Number(reader.getRowObjectsJson()[0].n);
  }
  const seconds = (performance.now() - started) / 1000;
  connection.closeSync();
  return {seconds, rows};
}

async function runPipeline(): Promise<{seconds: number; exitCode: number; timeMaxRss: number | null; treePeakRss: number; processPeakHwm: number}> {
  const useTime = existsSync("/usr/bin/time");
  // node with tsx's loader, in one process: what `npm run pipeline` runs, without npm's and
  // tsx's own launcher processes (0.6 s and ~100 MB that are not the pipeline's).
  const command = [process.execPath, "--import", "tsx", "loaders/cli.ts", "--input", INPUT, "--out", OUT];
  const [file, ...args] = useTime ? ["/usr/bin/time", "-v", ...command] : command;
  log(`running ${command.join(" ")}`);
  const started = performance.now();
  const child = spawn(file, args, {stdio: ["ignore", "inherit", "pipe"]});
  const watch = watchTreeMemory(child.pid!);
  let stderr = "";
  let timeReportStarted = false;
  child.stderr.on("data", (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    stderr = (stderr + text).slice(-20_000); // the time -v report is at the end
    // Pass the pipeline's progress through, but not time's 20-line report (summarised below).
    if (timeReportStarted) return;
    const at = text.indexOf("\tCommand being timed:");
    if (at >= 0) timeReportStarted = true;
    process.stderr.write(at >= 0 ? text.slice(0, at) : text);
  });
  const exitCode = await new Promise<number>((done) => child.on("close", (code) => done(code ?? 1)));
  const seconds = (performance.now() - started) / 1000;
  const memory = watch.stop();
  return {
    seconds,
    exitCode,
    timeMaxRss: useTime ? parseTimeVerboseMaxRss(stderr) : null,
    treePeakRss: memory.peakTreeRss,
    processPeakHwm: memory.peakProcessHwm
  };
}

async function main(): Promise<void> {
  const {scale, strict} = parseArgs(process.argv.slice(2));
  mkdirSync(ROOT, {recursive: true});
  const generation = await prepareInput(scale);
  log("bare DuckDB read of the same files...");
  const bare = await bareRead();
  const pipeline = await runPipeline();
  const result: BenchResult = {
    scale,
    generationSeconds: generation.seconds,
    reusedInput: generation.reused,
    inputRows: bare.rows,
    bareReadSeconds: bare.seconds,
    pipelineSeconds: pipeline.seconds,
    pipelineExitCode: pipeline.exitCode,
    peakBytes: Math.max(pipeline.timeMaxRss ?? 0, pipeline.treePeakRss),
    timeMaxRssBytes: pipeline.timeMaxRss,
    treePeakRssBytes: pipeline.treePeakRss,
    targetRatio: TARGET_RATIO,
    targetPeakBytes: TARGET_PEAK_BYTES
  };
  writeFileSync(join(ROOT, "result.json"), JSON.stringify(result, null, 2) + "\n");
  process.stdout.write(formatReport(result));
  if (pipeline.exitCode !== 0) process.exit(1);
  const ratioOk = result.pipelineSeconds <= TARGET_RATIO * result.bareReadSeconds;
  if (strict && (!ratioOk || result.peakBytes >= TARGET_PEAK_BYTES)) process.exit(2);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
