/**
 * `npm run dev`: a live preview of the site for analysts writing pages.
 *
 * Runs the pipeline on the bundled sample (or --input DIR) into .pipeline/out,
 * prepares the site's data files for it (loaders/site/prepare.ts, here in this
 * process, so that the first page view only copies files), clears Framework's
 * loader cache when it was filled from other data (a cached loader output would
 * otherwise hide the fresh pipeline output), then starts `observable preview`
 * with CROSSSELL_DATA_DIR pointing at that output. The preview reloads the
 * browser whenever a page, component or data loader under src/ changes.
 *
 * A start is fast when nothing changed (issue #13: the Overview in ≤ 5 s): the
 * pipeline is skipped when its output is fresh (pipelineKey: the options, every
 * input file, the configuration and the pipeline's code, each by size, times and
 * inode), the site data is prepared once per output (site-cache.mjs), and the
 * loader cache is kept when it was filled from the very same output files
 * (LOADER_CACHE_MARK). Any change to the exports gives a new key: the pipeline
 * runs again and every cache keyed on its output is replaced.
 */
import {spawn, spawnSync} from "node:child_process";
import {createHash, type Hash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {delimiter, join, relative, resolve} from "node:path";
import {parseOptions, PIPELINE_OPTIONS, pipelineEnv} from "../pipeline/args.js";
import {describeFailure, EXIT_BAD_CONFIG, EXIT_FAILURE, UsageError} from "../exit-codes.js";
import {clearLoaderCache} from "../refresh/site-build.js";
import {pruneSiteCaches, siteCacheDir} from "../site/site-cache.mjs";

const root = resolve(import.meta.dirname, "..", "..");
const observableBin = resolve(root, "node_modules/@observablehq/framework/dist/bin/observable.js");
// The pipeline's defaults (loaders/pipeline/run.ts DEFAULT_INPUT, DEFAULT_CONFIG), not imported:
// that module brings DuckDB, seconds of a start that may not run the pipeline at all.
const DEFAULT_INPUT_DIR = "data";
const DEFAULT_CONFIG_FILE = "data/config.json";

export const DEV_HELP = `Usage: npm run dev -- [options]

Live preview of the report: runs the pipeline, then serves the site and reloads
the browser whenever a page (src/*.md), a component or a data loader changes.

Options:
  --input DIR          folder of exports to preview on. Default: the bundled sample in data/
  --as-of YYYY-MM-DD   as-of date D (passed to the pipeline)
  --config FILE        configuration file (passed to the pipeline)
  --mode MODE          auto, billing or bookings (passed to the pipeline)
  --data-dir DIR       serve an existing pipeline output folder as is; skips the pipeline
                       (e.g. the output of an earlier \`npm run pipeline -- --out DIR\`)
  --port N             port to listen on. Default: 3000, or the next free one
  --host HOST          interface to listen on. Default: 127.0.0.1
  --open               open a browser tab on start
  --help               this text

New exports are picked up on the next start of \`npm run dev\`: the pipeline runs
again when an input file, the configuration or the pipeline's code changed since
its last run, and is skipped otherwise.`;

export interface DevArgs {
  help: boolean;
  open: boolean;
  port?: number;
  host?: string;
  dataDir?: string;
  /** Options forwarded to the pipeline CLI. */
  pipelineArgs: string[];
}

export function parseDevArgs(argv: string[]): DevArgs {
  const {input, "as-of": asOf, config, mode} = PIPELINE_OPTIONS;
  const v = parseOptions(argv, {
    input,
    "as-of": asOf,
    config,
    mode,
    "data-dir": {type: "string"},
    port: {type: "string"},
    host: {type: "string"},
    open: {type: "boolean", default: false},
    help: {type: "boolean", short: "h", default: false}
  });
  let port: number | undefined;
  if (v.port !== undefined) {
    port = Number(v.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port: expected a port number 1–65535, got "${v.port}".`);
  }
  if (v["data-dir"] !== undefined && v.input !== undefined) throw new UsageError("--data-dir and --input exclude each other: --data-dir serves an existing output as is.");
  const pipelineArgs: string[] = [];
  for (const key of ["input", "as-of", "config", "mode"] as const) {
    if (v[key] !== undefined) pipelineArgs.push(`--${key}`, v[key]);
  }
  return {help: v.help ?? false, open: v.open ?? false, port, host: v.host, dataDir: v["data-dir"], pipelineArgs};
}

/** Environment for the preview: the data folder, and node_modules/.bin on PATH (Framework runs `tsx` loaders by name). */
export function previewEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {...env, CROSSSELL_DATA_DIR: dataDir, PATH: [resolve(root, "node_modules/.bin"), env.PATH ?? ""].join(delimiter)};
}

/** Every file under `path` (or the file itself), by path, size, times and inode: any write changes it. */
function stampTree(hash: Hash, path: string, base = path, skip: ReadonlySet<string> = new Set()): void {
  if (!existsSync(path)) return void hash.update(`missing ${path}\n`);
  const s = statSync(path, {bigint: true});
  if (s.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (name === "node_modules" || name === ".observablehq" || skip.has(relative(base, join(path, name)))) continue;
      stampTree(hash, join(path, name), base, skip);
    }
    return;
  }
  // ctime too: a file copied in with its old modification time (cp -p, unzip) still has a new ctime.
  hash.update(`${relative(base, path) || path}\0${s.size}\0${s.mtimeNs}\0${s.ctimeNs}\0${s.ino}\n`);
}

/**
 * Code under loaders/ that the pipeline does not import: the site's build helpers (their
 * data shaping is keyed on its own by site-cache.mjs) and the tools (sample, bench, docs, dev itself).
 */
const NOT_PIPELINE: ReadonlySet<string> = new Set(["site", "tools"]);

/** The value of `--name` in the pipeline's arguments, if given. */
function argValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/**
 * What decides the pipeline's output for `npm run dev`: its arguments, the CROSSSELL_ variables,
 * every file of the input folder and the configuration, and the code that computes the outputs
 * (loaders/, src/schemas, package.json) and node's version. Equal keys: the output is the same.
 */
export function pipelineKey(pipelineArgs: string[], options: {root?: string; env?: NodeJS.ProcessEnv} = {}): string {
  const base = options.root ?? root;
  const env = options.env ?? process.env;
  const hash = createHash("sha256");
  hash.update(`${process.version}\n${JSON.stringify(pipelineArgs)}\n`);
  for (const [k, v] of Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) if (k.startsWith("CROSSSELL_")) hash.update(`${k}=${v}\n`);
  const input = argValue(pipelineArgs, "--input");
  const config = argValue(pipelineArgs, "--config");
  for (const [label, path] of [
    ["input", resolve(base, input ?? DEFAULT_INPUT_DIR)],
    ["config", resolve(base, config ?? DEFAULT_CONFIG_FILE)],
    ["loaders", join(base, "loaders")],
    ["schemas", join(base, "src/schemas")],
    ["package", join(base, "package.json")]
  ] as const) {
    hash.update(`[${label}]\n`);
    stampTree(hash, path, path, label === "loaders" ? NOT_PIPELINE : undefined);
  }
  return hash.digest("hex");
}

/** Where dev remembers the key of the run that wrote .pipeline/out, and the files it wrote. */
export function pipelineStampPath(outDir: string): string {
  return `${outDir}.dev-stamp.json`;
}

/** The output folder's files, by name, size, times and inode: a run (or an edit) changes it. */
function outputStamp(outDir: string): string {
  const hash = createHash("sha256");
  stampTree(hash, outDir);
  return hash.digest("hex");
}

/** Whether .pipeline/out holds the output of a run with this key, untouched since. */
export function pipelineIsFresh(outDir: string, key: string): boolean {
  try {
    const stamp = JSON.parse(readFileSync(pipelineStampPath(outDir), "utf8")) as {key?: string; output?: string};
    return stamp.key === key && existsSync(outDir) && stamp.output === outputStamp(outDir);
  } catch {
    return false;
  }
}

export function writePipelineStamp(outDir: string, key: string): void {
  writeFileSync(pipelineStampPath(outDir), JSON.stringify({key, output: outputStamp(outDir)}) + "\n");
}

/**
 * The file in Framework's cache folder naming the site data its cached loader outputs were
 * made from. A build clears the whole folder (loaders/refresh/site-build.ts), this mark too.
 */
export const LOADER_CACHE_MARK = ".crosssell-data";

/**
 * Clears the data loaders' cached outputs unless they were made from `dataKey` (the prepared
 * site data's folder: the output's files and the shaping code); then marks them as such.
 * Returns whether it cleared.
 */
export function refreshLoaderCache(siteRoot: string, dataKey: string): boolean {
  const cache = join(siteRoot, ".observablehq", "cache");
  const mark = join(cache, LOADER_CACHE_MARK);
  if (existsSync(mark) && readFileSync(mark, "utf8") === dataKey) return false;
  // Only the data loaders' outputs: the bundled npm packages (_node, _npm) do not depend on
  // the data, and rebundling them made every start seconds slower.
  clearLoaderCache(siteRoot);
  mkdirSync(cache, {recursive: true});
  writeFileSync(mark, dataKey);
  return true;
}

/**
 * Runs the pipeline (`run`, returning its exit status) into `outDir` unless the output there
 * is fresh for these arguments; stamps the output after a successful run only.
 */
export function ensurePipelineOutput(
  pipelineArgs: string[],
  outDir: string,
  run: () => number,
  options: {root?: string; env?: NodeJS.ProcessEnv} = {}
): {ran: boolean; status: number} {
  const key = pipelineKey(pipelineArgs, options);
  if (pipelineIsFresh(outDir, key)) return {ran: false, status: 0};
  rmSync(pipelineStampPath(outDir), {force: true}); // a run that fails or is killed leaves no stamp
  const status = run();
  if (status === 0) writePipelineStamp(outDir, key);
  return {ran: true, status};
}

async function main(argv: string[]): Promise<number | undefined> {
  let args: DevArgs;
  try {
    args = parseDevArgs(argv);
  } catch (e) {
    const failure = describeFailure(e);
    console.error(`dev: ${failure.stack ?? failure.message}\n\n${DEV_HELP}`);
    return failure.exitCode;
  }
  if (args.help) {
    console.log(DEV_HELP);
    return 0;
  }

  let dataDir: string;
  if (args.dataDir !== undefined) {
    dataDir = resolve(args.dataDir);
    if (!existsSync(dataDir)) {
      console.error(`dev: --data-dir ${args.dataDir}: folder not found.`);
      return EXIT_BAD_CONFIG;
    }
  } else {
    dataDir = resolve(root, ".pipeline/out");
    const out = dataDir;
    const pipeline = ensurePipelineOutput(args.pipelineArgs, out, () =>
      spawnSync(process.execPath, ["--import", "tsx", resolve(root, "loaders/pipeline/cli.ts"), "--out", out, ...args.pipelineArgs], {
        cwd: root,
        stdio: "inherit",
        env: pipelineEnv()
      }).status ?? 1
    );
    if (pipeline.status !== 0) {
      console.error("dev: the pipeline failed (message above); not starting the preview.");
      return pipeline.status;
    }
    if (!pipeline.ran) console.error(`dev: the pipeline output in ${out} is up to date with the exports, the configuration and the code: not run again.`);
  }

  let cache: string;
  try {
    cache = siteCacheDir(dataDir);
    if (!existsSync(resolve(cache, ".complete"))) {
      // Imported only when needed: with the schemas and zod it is a second of every start.
      const {prepareSiteData} = await import("../site/prepare.js");
      prepareSiteData(dataDir, cache);
      pruneSiteCaches(cache);
    }
  } catch (e) {
    console.error(`dev: the pipeline output in ${dataDir} cannot be shown: ${(e as Error).message}`);
    return EXIT_FAILURE;
  }
  if (!refreshLoaderCache(resolve(root, "src"), cache)) console.error("dev: the data loaders' cached outputs were made from this output: kept.");
  const previewArgs = [observableBin, "preview", ...(args.open ? [] : ["--no-open"])];
  if (args.port !== undefined) previewArgs.push("--port", String(args.port));
  if (args.host !== undefined) previewArgs.push("--host", args.host);
  console.error(`dev: serving the site on ${dataDir}`);
  const preview = spawn(process.execPath, previewArgs, {cwd: root, stdio: "inherit", env: previewEnv(dataDir)});
  // Forward Ctrl-C / kill to the preview so that no server outlives this command.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => preview.kill(signal));
  }
  preview.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  return undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const code = await main(process.argv.slice(2));
  if (code !== undefined) process.exit(code);
}
