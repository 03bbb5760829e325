/**
 * Command-line parsing shared by `npm run pipeline` (loaders/pipeline/cli.ts),
 * refresh/build (loaders/refresh/args.ts) and dev (loaders/tools/dev.ts): node:util's
 * parseArgs with its errors as UsageErrors (exit 3), and the pipeline's own
 * options, which refresh and dev accept and pass on to it, with their checks —
 * so that a value is refused with the same words by every command, before
 * anything runs.
 */
import {parseArgs, type ParseArgsConfig} from "node:util";
import {isMemorySize, isRealDate} from "./config.js";
import {UsageError} from "../exit-codes.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs, strict, no positionals; an unknown option or a missing value is a UsageError. */
export function parseOptions<const O extends OptionsConfig>(argv: string[], options: O) {
  try {
    return parseArgs<{args: string[]; options: O; strict: true; allowPositionals: false}>({args: argv, options, strict: true, allowPositionals: false}).values;
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. Run with --help for the options.`);
  }
}

/**
 * DuckDB's memory_limit for the metrics unless --memory-limit says otherwise; the exports are read
 * with at most DEFAULT_INGEST_MEMORY_LIMIT of it. The process's resident memory runs about
 * 0.35-0.45 GB above the limit (Node, the DuckDB library, allocator caches; while the CSV files are
 * read, the reader's buffers too). Measured on the benchmark input (10M billing lines, 200k
 * accounts, 2 cores), with the models dropping every intermediate and staging table once spent,
 * in an order that finishes tables early (models/model-graph.ts); peaks are the maximum resident
 * size, in MiB as `npm run bench` prints them (its target: 1,536):
 * - 640MB throughout: 25-27 s, peak 955-1,065 MiB (while the lines are read);
 * - 1GB throughout: 23.1-24.5 s, peak 1,309-1,443 MiB (the highest while the lines are read);
 * - 640MB while reading, 1GB for the metrics (the default): as fast, peak 1,380-1,404 MiB;
 * - no limit (4GB): 22 s, peak 2.2 GiB.
 * Every model spills less at 1GB; the CSV read gains little from it (0.3 s).
 */
export const DEFAULT_MEMORY_LIMIT = "1GB";
export const DEFAULT_INGEST_MEMORY_LIMIT = "640MB";

/** DuckDB's memory limit while the exports are read, and for the rest of the run: --memory-limit sets both. */
export function memoryLimits(memoryLimit: string | undefined): {ingest: string; metrics: string} {
  return memoryLimit === undefined ? {ingest: DEFAULT_INGEST_MEMORY_LIMIT, metrics: DEFAULT_MEMORY_LIMIT} : {ingest: memoryLimit, metrics: memoryLimit};
}

/**
 * The environment a command that starts the pipeline as a child gives it (npm run build,
 * refresh, dev and the bench): glibc's malloc kept to two arenas, unless the caller set
 * MALLOC_ARENA_MAX. By default glibc opens up to 8 arenas per core, one for each thread that
 * allocates while another does (DuckDB's workers, Node's own threads), and memory freed in one
 * arena is not reused by the others, so the process holds more than DuckDB uses. Measured at
 * benchmark scale, seven runs each, in turn: peaks of 1,284-1,378 MiB with two arenas against
 * 1,337-1,463 MiB without, in the same time. glibc reads the variable when the process starts,
 * so it is set for the child rather than by the pipeline; other C libraries ignore it.
 */
export function pipelineEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return env.MALLOC_ARENA_MAX === undefined ? {...env, MALLOC_ARENA_MAX: "2"} : env;
}

/** The pipeline's options that the other commands pass on (their help: loaders/pipeline/cli.ts HELP). */
export const PIPELINE_OPTIONS = {
  input: {type: "string"},
  "as-of": {type: "string"},
  today: {type: "string"},
  "reject-limit": {type: "string"},
  config: {type: "string"},
  mode: {type: "string"},
  preset: {type: "string"},
  mapping: {type: "string"},
  "memory-limit": {type: "string"}
} as const satisfies OptionsConfig;

export const MODES = ["auto", "billing", "bookings"] as const;
export type ModeOption = (typeof MODES)[number];

export function checkDate(option: string, value: string): string {
  if (!isRealDate(value)) throw new UsageError(`${option}: expected a date written YYYY-MM-DD, got "${value}".`);
  return value;
}

export function checkShare(option: string, value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`${option}: expected a share between 0 and 1 (e.g. 0.01 for 1%), got "${value}".`);
  }
  return n;
}

export function checkMode(option: string, value: string): ModeOption {
  if (!(MODES as readonly string[]).includes(value)) throw new UsageError(`${option}: expected auto, billing or bookings, got "${value}".`);
  return value as ModeOption;
}

/** A DuckDB memory size, trimmed. */
export function checkMemorySize(option: string, value: string): string {
  if (!isMemorySize(value)) throw new UsageError(`${option}: expected a size such as 800MB, 1GB or 4GB, got "${value}".`);
  return value.trim();
}
