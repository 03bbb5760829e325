/**
 * npm run bench [-- --scale 0.1] [--strict]
 *
 * 1. Generates (or reuses) 10M invoice lines, 1M opportunities, 200k accounts
 *    with the sample generator into .bench/input (× scale).
 * 2. Times a bare DuckDB read of the same files (count(*) of read_csv per file), and for
 *    reference a text load (every file into a DuckDB table, all columns as text).
 * 3. Runs the whole pipeline as a child process on them, timing it and
 *    measuring its peak memory.
 * Prints both times, their ratio and the peak against the targets
 * (pipeline ≤ 3× bare read, peak < 2 GB); writes .bench/result.json.
 * Exit status: 1 when the pipeline fails; with --strict also 2 when a target is missed.
 */
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {openDatabase, sqlIdent, sqlString} from "../db.js";
import {DEFAULT_MEMORY_LIMIT} from "../pipeline.js";
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

/** Runs `query` on each input file in turn; returns the seconds it took and each file's rows. */
async function timeEachInput(
  connection: DuckDBConnection,
  query: (file: string, name: string) => string
): Promise<{seconds: number; results: Record<string, Record<string, unknown>[]>}> {
  const results: Record<string, Record<string, unknown>[]> = {};
  const started = performance.now();
  for (const name of SAMPLE_FILES) {
    const reader = await connection.runAndReadAll(query(sqlString(join(INPUT, `${name}.csv`)), name));
    results[name] = reader.getRowObjectsJson() as Record<string, unknown>[];
  }
  return {seconds: (performance.now() - started) / 1000, results};
}

/** count(*) of read_csv over each file, in one fresh DuckDB with its own defaults; returns seconds and row counts. */
async function bareRead(): Promise<{seconds: number; rows: Record<string, number>}> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const {seconds, results} = await timeEachInput(connection, (file) => `select count(*)::double as n from read_csv(${file})`);
  connection.closeSync();
  instance.closeSync();
  return {seconds, rows: Object.fromEntries(Object.entries(results).map(([name, [row]]) => [name, Number(row.n)]))};
}

/**
 * Reference for the ratio: every file copied into a DuckDB table as text, in a database opened
 * as the pipeline opens its own. Any pipeline that reports rejected rows by line must at least
 * hold every row once; typing, checking and the figures come on top.
 */
async function textLoad(): Promise<number> {
  const db = await openDatabase({memoryLimit: DEFAULT_MEMORY_LIMIT});
  const {seconds} = await timeEachInput(db.conn, (file, name) => `create table ${sqlIdent(name)} as select * from read_csv(${file}, all_varchar = true)`);
  db.close();
  return seconds;
}

/** The pipeline's top-level steps from its run.json (not the per-model ones). */
function pipelineSteps(): {step: string; seconds: number}[] {
  const path = join(OUT, "run.json");
  if (!existsSync(path)) return [];
  const run = JSON.parse(readFileSync(path, "utf8")) as {steps?: {step: string; duration_ms: number}[]};
  return (run.steps ?? []).filter((s) => !s.step.includes(":")).map((s) => ({step: s.step, seconds: s.duration_ms / 1000}));
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
  // The pipeline's progress is passed through, but not time's 20-line report at the end
  // (summarised below). Its first line may arrive split over two chunks, so the last few
  // characters are held back until the next chunk shows whether they start it.
  const marker = "\tCommand being timed:";
  let stderr = "";
  let printed = 0;
  let reportAt = -1;
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    if (reportAt >= 0) return;
    reportAt = stderr.indexOf(marker, Math.max(0, printed - marker.length));
    const upto = reportAt >= 0 ? reportAt : Math.max(printed, stderr.length - marker.length);
    process.stderr.write(stderr.slice(printed, upto));
    printed = upto;
  });
  const exitCode = await new Promise<number>((done) => child.on("close", (code) => done(code ?? 1)));
  if (reportAt < 0) process.stderr.write(stderr.slice(printed));
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
  log("text load of the same files (reference)...");
  const textLoadSeconds = await textLoad();
  rmSync(join(OUT, "run.json"), {force: true}); // steps are read back from this run's run.json only
  const pipeline = await runPipeline();
  const result: BenchResult = {
    scale,
    generationSeconds: generation.seconds,
    reusedInput: generation.reused,
    inputRows: bare.rows,
    bareReadSeconds: bare.seconds,
    textLoadSeconds,
    pipelineSeconds: pipeline.seconds,
    pipelineSteps: pipeline.exitCode === 0 ? pipelineSteps() : [],
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
