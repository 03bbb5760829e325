/**
 * `npm run dev`: a live preview of the site for analysts writing pages.
 *
 * Runs the pipeline on the bundled sample (or --input DIR) into .pipeline/out,
 * prepares the site's data files for it (loaders/site/prepare.ts, here in this
 * process, so that the first page view only copies files), clears Framework's
 * loader cache (a cached loader output would otherwise hide the fresh pipeline
 * output), then starts `observable preview` with CROSSSELL_DATA_DIR pointing at
 * that output. The preview reloads the browser whenever a page, component or
 * data loader under src/ changes.
 */
import {spawn, spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {delimiter, resolve} from "node:path";
import {parseArgs} from "node:util";
import {clearLoaderCache} from "./refresh/site-build.js";
import {prepareSiteData} from "./site/prepare.js";
import {pruneSiteCaches, siteCacheDir} from "./site/site-cache.mjs";

const root = resolve(import.meta.dirname, "..");
const observableBin = resolve(root, "node_modules/@observablehq/framework/dist/bin/observable.js");

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

New exports are picked up on the next start of \`npm run dev\` (the pipeline
runs every time; it takes seconds on the sample).`;

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
  const {values: v} = parseArgs({
    args: argv,
    options: {
      input: {type: "string"},
      "as-of": {type: "string"},
      config: {type: "string"},
      mode: {type: "string"},
      "data-dir": {type: "string"},
      port: {type: "string"},
      host: {type: "string"},
      open: {type: "boolean", default: false},
      help: {type: "boolean", short: "h", default: false}
    },
    strict: true,
    allowPositionals: false
  });
  let port: number | undefined;
  if (v.port !== undefined) {
    port = Number(v.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port: expected a port number 1–65535, got "${v.port}".`);
  }
  if (v["data-dir"] !== undefined && v.input !== undefined) throw new Error("--data-dir and --input exclude each other: --data-dir serves an existing output as is.");
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

function main(argv: string[]): number | undefined {
  let args: DevArgs;
  try {
    args = parseDevArgs(argv);
  } catch (e) {
    console.error(`dev: ${(e as Error).message}\n\n${DEV_HELP}`);
    return 3;
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
      return 3;
    }
  } else {
    dataDir = resolve(root, ".pipeline/out");
    const pipeline = spawnSync(process.execPath, ["--import", "tsx", resolve(root, "loaders/cli.ts"), "--out", dataDir, ...args.pipelineArgs], {
      cwd: root,
      stdio: "inherit"
    });
    if (pipeline.status !== 0) {
      console.error("dev: the pipeline failed (message above); not starting the preview.");
      return pipeline.status ?? 1;
    }
  }

  try {
    const cache = siteCacheDir(dataDir);
    if (!existsSync(resolve(cache, ".complete"))) {
      prepareSiteData(dataDir, cache);
      pruneSiteCaches(cache);
    }
  } catch (e) {
    console.error(`dev: the pipeline output in ${dataDir} cannot be shown: ${(e as Error).message}`);
    return 1;
  }
  // Only the data loaders' outputs: the bundled npm packages (_node, _npm) do not depend on
  // the data, and rebundling them made every start seconds slower.
  clearLoaderCache(resolve(root, "src"));
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
  const code = main(process.argv.slice(2));
  if (code !== undefined) process.exit(code);
}
