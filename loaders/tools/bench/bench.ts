/**
 * npm run bench [-- --only pipeline,site,preview,scale] [--scale 0.1] [--input DIR] [--pipeline-out DIR] [--repeat N] [--strict]
 *
 * Measures, side by side in one run, each against its target (params.ts TARGETS):
 *  - site: `npm run build` of the bundled sample (refresh time), the size of its dist/,
 *    and each page's first chart and bytes in headless Chromium from a local static server;
 *  - preview: `npm run dev` until the Overview shows a chart, and a saved page shown;
 *  - pipeline: on 10M invoice lines, 1M opportunities, 200k accounts (generated into
 *    .bench/input, or .bench/input-scale-<scale> for another --scale, and reused; or --input DIR): the pipeline (time, peak memory)
 *    against the pandas peer (../shared/peers/pandas_kpis.py, on a copy of the same exports less
 *    the rows the pipeline rejected: peer-input.ts) and a text load of the files; with --repeat N the pipeline and the
 *    peer run N times, alternately, and their medians are compared (runs.ts);
 *  - scale: the site built on that pipeline output (the whole refresh = pipeline + site
 *    build) and each page's bytes and first chart at that scale (needs pipeline, or
 *    --pipeline-out DIR: an output folder of an earlier pipeline run at that scale, built
 *    on without running the pipeline again; the whole refresh is then not timed).
 * Prints the table and writes .bench/result.json. Exit status: 1 when a step fails; with
 * --strict also 2 when a target is missed.
 */
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {cpus, totalmem, tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {openDatabase, sqlIdent, sqlString} from "../../pipeline/db.js";
import {DEFAULT_MEMORY_LIMIT} from "../../pipeline/run.js";
import {pipelineEnv} from "../../pipeline/args.js";
import {generateSample, SAMPLE_FILES} from "../sample/generate.js";
import {parseTimeVerboseMaxRss, watchTreeMemory} from "./memory.js";
import {clearLoaderCache, writeBuildConfig} from "../../refresh/site-build.js";
import {pipelineStampPath} from "../dev.js";
import {benchInputDir, benchSampleOptions, canReuse, TARGETS, writeStamp} from "./params.js";
import {comparePeerFigures, describeAgreement, type Agreement, type KpisFile} from "./peer-agreement.js";
import {preparePeerInput, type PeerInput} from "./peer-input.js";
import {describeRuns, median, parseRepeat, parseTimeVerboseCpuSeconds} from "./runs.js";
import {formatReport, missedChecks, type BenchReport, type Check, type Section} from "./report.js";
import {BENCH_PAGES, dirBytes, freePort, measurePages, measurePreview, timeCommand, type PageMeasure} from "./site.js";

const PROJECT = resolve(import.meta.dirname, "../../..");
const ROOT = resolve(".bench");
/** The exports the pipeline reads: --input DIR, else the generated ones of the scale (prepareInput). */
let INPUT = benchInputDir(ROOT, 1);
const OUT = join(ROOT, "out");
/** The pandas notebook an analyst would write instead (shared/, beside the repository). */
const PEER = resolve(PROJECT, "../shared/peers/pandas_kpis.py");
const PARTS = ["site", "preview", "pipeline", "scale"] as const;
type Part = (typeof PARTS)[number];
const USAGE = "usage: npm run bench -- [--only site,preview,pipeline,scale] [--scale 0.1] [--input DIR] [--pipeline-out DIR] [--repeat N] [--strict]";

export function parseBenchArgs(argv: readonly string[]): {
  scale: number;
  strict: boolean;
  only: Set<Part>;
  input: string | null;
  pipelineOut: string | null;
  repeat: number;
} {
  let scale = 1;
  let repeat = 1;
  let strict = false;
  let input: string | null = null;
  let pipelineOut: string | null = null;
  let only = new Set<Part>(PARTS);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--scale") {
      scale = Number(argv[++i]);
      if (!Number.isFinite(scale)) throw new Error(`--scale expects a number, got "${argv[i]}"`);
    } else if (argv[i] === "--strict") strict = true;
    else if (argv[i] === "--repeat") repeat = parseRepeat(argv[++i]);
    else if (argv[i] === "--input") {
      input = argv[++i] ?? "";
      if (!input) throw new Error(`--input expects a folder; ${USAGE}`);
    } else if (argv[i] === "--pipeline-out") {
      pipelineOut = argv[++i] ?? "";
      if (!pipelineOut) throw new Error(`--pipeline-out expects a pipeline output folder; ${USAGE}`);
    } else if (argv[i] === "--only") {
      const names = (argv[++i] ?? "").split(",").filter(Boolean);
      const unknown = names.filter((n) => !(PARTS as readonly string[]).includes(n));
      if (names.length === 0 || unknown.length) throw new Error(`--only expects some of ${PARTS.join(",")}, got "${argv[i] ?? ""}"`);
      only = new Set(names as Part[]);
    } else throw new Error(`unknown option "${argv[i]}"; ${USAGE}`);
  }
  if (only.has("scale") && !only.has("pipeline") && pipelineOut === null) {
    throw new Error("--only scale needs pipeline too (the site is built on the pipeline's output), or --pipeline-out DIR");
  }
  return {scale, strict, only, input, pipelineOut, repeat};
}

const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

async function prepareInput(scale: number, given: string | null): Promise<{seconds: number | null; reused: boolean}> {
  if (given !== null) {
    INPUT = resolve(given);
    if (!existsSync(join(INPUT, "invoice_lines.csv"))) throw new Error(`--input ${given}: no invoice_lines.csv there`);
    log(`using the exports in ${INPUT}`);
    return {seconds: null, reused: true};
  }
  INPUT = benchInputDir(ROOT, scale);
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

/** Runs `command` (under /usr/bin/time -v when present, with `env`), passing its progress through; time and peak memory. */
async function runMeasured(command: string[], env: NodeJS.ProcessEnv = process.env): Promise<{
  seconds: number;
  exitCode: number;
  cpuSeconds: number | null;
  timeMaxRss: number | null;
  treePeakRss: number;
  processPeakHwm: number;
}> {
  const useTime = existsSync("/usr/bin/time");
  const [file, ...args] = useTime ? ["/usr/bin/time", "-v", ...command] : command;
  log(`running ${command.join(" ")}`);
  const started = performance.now();
  const child = spawn(file, args, {stdio: ["ignore", "inherit", "pipe"], env});
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
    cpuSeconds: useTime ? parseTimeVerboseCpuSeconds(stderr) : null,
    timeMaxRss: useTime ? parseTimeVerboseMaxRss(stderr) : null,
    treePeakRss: memory.peakTreeRss,
    processPeakHwm: memory.peakProcessHwm
  };
}

const mb = (bytes: number) => bytes / 1024 ** 2;

type Measured = Awaited<ReturnType<typeof runMeasured>>;

/** Several runs of one command as one: the median time and CPU time, the highest peak; null for no runs. */
function summarize(runs: Measured[]): {seconds: number; cpuSeconds: number | null; peakBytes: number; runs: number[]} | null {
  if (runs.length === 0) return null;
  const cpu = runs.map((r) => r.cpuSeconds).filter((c): c is number => c !== null);
  return {
    seconds: median(runs.map((r) => r.seconds))!,
    cpuSeconds: cpu.length === runs.length ? median(cpu) : null,
    peakBytes: Math.max(...runs.map((r) => Math.max(r.timeMaxRss ?? 0, r.treePeakRss))),
    runs: runs.map((r) => r.seconds)
  };
}

/** The runs' range beside a median, when there were several. */
function runsNote(seconds: number[]): {note: string} | Record<string, never> {
  const note = describeRuns(seconds);
  return note ? {note} : {};
}

/** "6 invoice_lines rows, 4 opportunities rows the pipeline rejected" */
function describeDropped(p: PeerInput): string {
  const parts = Object.entries(p.dropped).map(([file, n]) => `${n.toLocaleString("en-US")} ${file} rows`);
  return `${parts.join(", ") || "no rows"} the pipeline rejected`;
}


/**
 * Each page's first chart and bytes, with the page targets of its scale. The byte targets are on
 * the bytes Chromium received from `npm run serve`, which gzips text as a static host does
 * (headers included); the decoded size, what a host that does not compress sends, is printed beside.
 */
function pageChecks(pages: PageMeasure[], atScale: boolean): Check[] {
  return pages.flatMap((p) => {
    const overview = p.path === "/";
    const raw = atScale ? `raw ${mb(p.rawBytes).toFixed(2)} MB decoded` : `raw ${(p.rawBytes / 1024).toFixed(0)} KB decoded`;
    return [
      {label: `${p.path} first chart`, value: p.firstChartMs, unit: "ms" as const, ...(overview && !atScale ? {limit: TARGETS.overviewFirstChartMs} : {}), ...(p.firstChartMs === null ? {note: "no chart drawn"} : {})},
      atScale
        ? {label: `${p.path} transferred (on the wire, gzip)`, value: mb(p.transferredBytes), unit: "MB" as const, limit: TARGETS.pageAtScaleMB, note: raw}
        : {label: `${p.path} transferred (on the wire, gzip)`, value: p.transferredBytes / 1024, unit: "KB" as const, note: raw, ...(overview ? {limit: TARGETS.overviewKB} : {})}
    ];
  });
}

/** The first account with a page in a pipeline output, as an account page path. */
function accountPagePath(dataDir: string): string[] {
  const accounts = JSON.parse(readFileSync(join(dataDir, "accounts.json"), "utf8")) as {account_id: string; has_page: boolean}[];
  const first = accounts.find((a) => a.has_page);
  return first ? [`/account?id=${encodeURIComponent(first.account_id)}`] : [];
}

async function siteSection(work: string): Promise<Section> {
  const dist = join(work, "dist");
  const data = join(work, "data");
  log("npm run build of the bundled sample...");
  // what a user types, npm's own start included
  const build = await timeCommand("npm", ["run", "--silent", "build", "--", "--out", dist, "--data-out", data, "--log", join(work, "build-log.jsonl"), "--quiet"], {cwd: PROJECT});
  if (build.exitCode !== 0) throw new Error(`npm run build failed:\n${build.output.slice(-3000)}`);
  log("pages of the sample in Chromium (best of 3)...");
  const pages = await measurePages(dist, [...BENCH_PAGES, ...accountPagePath(data)]);
  return {
    title: "site, on the bundled sample (data/)",
    checks: [
      {label: "refresh (npm run build: pipeline + site + publish)", value: build.seconds, unit: "s", limit: TARGETS.sampleRefreshSeconds},
      {label: "dist/ size", value: mb(dirBytes(dist)), unit: "MB", limit: TARGETS.distMB},
      ...pageChecks(pages, false)
    ]
  };
}

async function previewSection(): Promise<Section> {
  // First as after new exports (the pipeline runs: its stamp is removed), then as a start with
  // nothing changed (the usual one: pipeline output, site data and loader cache all reused).
  log("npm run dev after new exports: start and reload...");
  rmSync(pipelineStampPath(join(PROJECT, ".pipeline/out")), {force: true});
  const cold = await measurePreview(PROJECT, await freePort());
  log("npm run dev again, nothing changed: start and reload...");
  const warm = await measurePreview(PROJECT, await freePort());
  const note = (p: typeof cold) => (p.error ? {note: p.error.split("\n")[0]} : {});
  return {
    title: "live preview (npm run dev on the bundled sample)",
    checks: [
      {label: "start until the Overview shows a chart", value: warm.startSeconds, unit: "s", limit: TARGETS.previewStartSeconds, ...note(warm)},
      {label: "  the same after new exports (pipeline run)", value: cold.startSeconds, unit: "s", ...note(cold)},
      {label: "saved page shown", value: warm.reloadMs, unit: "ms", limit: TARGETS.previewReloadMs}
    ]
  };
}

async function main(): Promise<void> {
  const {scale, strict, only, input, pipelineOut, repeat} = parseBenchArgs(process.argv.slice(2));
  mkdirSync(ROOT, {recursive: true});
  const work = mkdtempSync(join(tmpdir(), "crosssell-bench-"));
  const report: BenchReport = {machine: `${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), ${Math.round(totalmem() / 1024 ** 3)} GB, node ${process.version}`, sections: []};
  let failed = false;
  const part = async (name: Part, title: string, run: () => Promise<Section>) => {
    if (!only.has(name)) return;
    try {
      report.sections.push(await run());
    } catch (e) {
      failed = true;
      report.sections.push({title, checks: [], skipped: `FAILED: ${(e as Error).message.slice(0, 2000)}`});
    }
  };
  try {
    await part("site", "site, on the bundled sample", () => siteSection(work));
    await part("preview", "live preview", previewSection);
    let pipelineSeconds: number | null = null;
    await part("pipeline", "pipeline", async () => {
      const generation = await prepareInput(scale, input);
      log("bare DuckDB read of the same files...");
      const bare = await bareRead();
      log("text load of the same files (reference)...");
      const textLoadSeconds = await textLoad();
      rmSync(join(OUT, "run.json"), {force: true}); // steps are read back from this run's run.json only
      // node with tsx's loader, in one process: what `npm run pipeline` runs, without npm's own
      // process (0.3 s and ~60 MB that are not the pipeline's; the peer is timed without one too).
      const hasPeer = existsSync(PEER) && existsSync("/usr/bin/python3");
      let peerInput: PeerInput | null = null;
      // With --repeat, the two alternate: a slow spell of the machine falls on both.
      const pipelineRuns: Measured[] = [];
      const peerRuns: Measured[] = [];
      for (let run = 1; run <= repeat; run++) {
        const of = repeat > 1 ? ` (run ${run} of ${repeat})` : "";
        log(`running the pipeline on ${INPUT}${of}`);
        // started as npm run build and refresh start it (pipelineEnv: the same malloc settings)
        const pipeline = await runMeasured([process.execPath, "--import", "tsx", "loaders/pipeline/cli.ts", "--input", INPUT, "--out", OUT], pipelineEnv());
        if (pipeline.exitCode !== 0) throw new Error(`the pipeline failed (exit ${pipeline.exitCode})`);
        pipelineRuns.push(pipeline);
        if (hasPeer && !peerInput) {
          // pandas stops on the planted defects (an amount "12O.50"): it reads the same exports
          // less the rows this pipeline run rejected (its rejects.csv).
          log("the pandas peer's input: the exports less the rows the pipeline rejected...");
          peerInput = await preparePeerInput(INPUT, join(OUT, "rejects.csv"));
          log(`${peerInput.reused ? "reusing" : "wrote"} ${peerInput.dir} (${describeDropped(peerInput)})`);
        }
        if (peerInput) {
          log(`running the pandas peer ${PEER}${of}`);
          const peer = await runMeasured(["/usr/bin/python3", PEER, "--input", peerInput.dir, "--out", join(work, "peer-kpis.json")]);
          if (peer.exitCode !== 0) throw new Error(`the pandas peer failed (exit ${peer.exitCode})`);
          peerRuns.push(peer);
        }
      }
      const pipeline = summarize(pipelineRuns)!;
      const peer = summarize(peerRuns);
      pipelineSeconds = pipeline.seconds;
      let agreement: Agreement | null = null;
      if (peer) {
        const kpis = (path: string) => JSON.parse(readFileSync(path, "utf8")) as KpisFile;
        agreement = comparePeerFigures(kpis(join(work, "peer-kpis.json")), kpis(join(OUT, "kpis.json")));
      }
      const rows = Object.entries(bare.rows).map(([f, n]) => `${f} ${n.toLocaleString("en-US")}`).join(", ");
      return {
        title: `pipeline (${rows}; ${generation.reused ? `input ${INPUT}` : `generated in ${generation.seconds?.toFixed(1)} s`})`,
        checks: [
          {label: "bare DuckDB read (count(*) of each file)", value: bare.seconds, unit: "s"},
          {label: "text load (every file into DuckDB as text)", value: textLoadSeconds, unit: "s"},
          {label: "pipeline", value: pipeline.seconds, unit: "s", ...runsNote(pipeline.runs)},
          {label: "  CPU time (user + system, every thread)", value: pipeline.cpuSeconds, unit: "s"},
          // (run.json is the last run's)
          ...pipelineSteps().map((st) => ({label: `  ${st.step}`, value: st.seconds, unit: "s" as const, ...(repeat > 1 ? {note: "the last run"} : {})})),
          peer && peerInput
            ? {
                label: "pandas peer (7 headline figures, no checks)",
                value: peer.seconds,
                unit: "s",
                note: [describeRuns(peer.runs), `on ${peerInput.dir}: the same exports less ${describeDropped(peerInput)}`].filter(Boolean).join("; ")
              }
            : {label: "pandas peer", value: null, unit: "s", note: `skipped: ${PEER} or /usr/bin/python3 not found`},
          ...(peer ? [{label: "  CPU time (user + system)", value: peer.cpuSeconds, unit: "s" as const}] : []),
          {
            label: "pipeline ÷ pandas peer",
            value: peer ? pipeline.seconds / peer.seconds : null,
            unit: "×",
            limit: TARGETS.pipelineVsPandas,
            ...(repeat > 1 ? {note: "of the medians"} : {})
          },
          // the ratio compares like with like only if both computed the same figures
          ...(agreement
            ? [{label: "peer's figures that differ from the pipeline's", value: agreement.disagreements.length, unit: "" as const, limit: 0, note: describeAgreement(agreement)}]
            : []),
          {label: "pipeline ÷ text load", value: pipeline.seconds / textLoadSeconds, unit: "×"},
          {label: "pipeline peak memory", value: mb(pipeline.peakBytes), unit: "MB", limit: TARGETS.peakMB, ...(repeat > 1 ? {note: "the highest of the runs"} : {})},
          ...(peer ? [{label: "pandas peer peak memory", value: mb(peer.peakBytes), unit: "MB" as const}] : [])
        ]
      };
    });
    await part("scale", "site at benchmark scale", async () => {
      // The site is built on this run's pipeline output, or on --pipeline-out (the pipeline not run).
      const dataDir = pipelineOut === null ? OUT : resolve(pipelineOut);
      if (pipelineOut === null && pipelineSeconds === null) throw new Error("no pipeline output (the pipeline part failed)");
      if (!existsSync(join(dataDir, "accounts.json"))) throw new Error(`${dataDir}: no accounts.json (not a pipeline output folder)`);
      const dist = join(work, "dist-scale");
      log(`building the site on the pipeline output in ${dataDir}...`);
      const config = writeBuildConfig(PROJECT, work, dist);
      // A temporary folder of its own: the site data is prepared within the timed build, never
      // taken from an earlier run's cache (loaders/site/site-cache.mjs keeps it under tmpdir()).
      const tmp = join(work, "tmp");
      mkdirSync(tmp, {recursive: true});
      const env = {...process.env, TMPDIR: tmp, CROSSSELL_DATA_DIR: dataDir, CROSSSELL_SITE_OUT: dist, PATH: `${join(PROJECT, "node_modules/.bin")}:${process.env.PATH ?? ""}`};
      const observable = join(PROJECT, "node_modules/@observablehq/framework/dist/bin/observable.js");
      clearLoaderCache(join(PROJECT, "src")); // never the sample's cached loader output, and none left behind
      const build = await timeCommand(process.execPath, ["--import", "tsx", observable, "build", "--config", config], {cwd: PROJECT, env});
      clearLoaderCache(join(PROJECT, "src"));
      if (build.exitCode !== 0) throw new Error(`the site build failed:\n${build.output.slice(-3000)}`);
      log("pages at benchmark scale in Chromium...");
      const pages = await measurePages(dist, [...BENCH_PAGES, ...accountPagePath(dataDir)], 1);
      const refresh = pipelineSeconds === null ? null : pipelineSeconds + build.seconds;
      return {
        title: `site at benchmark scale (built on ${pipelineOut === null ? "the pipeline output above" : dataDir})`,
        checks: [
          {label: "site build (site data prepared within it)", value: build.seconds, unit: "s"},
          {label: "whole refresh (pipeline + site build)", value: refresh, unit: "s", limit: TARGETS.scaleRefreshSeconds, ...(refresh === null ? {note: "pipeline not run (--pipeline-out)"} : {})},
          {label: "dist/ size", value: mb(dirBytes(dist)), unit: "MB"},
          ...pageChecks(pages, true)
        ]
      };
    });
  } finally {
    rmSync(work, {recursive: true, force: true});
  }
  writeFileSync(join(ROOT, "result.json"), JSON.stringify(report, null, 2) + "\n");
  process.stdout.write(formatReport(report));
  if (failed) process.exit(1);
  if (strict && missedChecks(report).length > 0) process.exit(2);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
