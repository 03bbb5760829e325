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
 * DuckDB's memory_limit unless --memory-limit says otherwise. The process's resident memory
 * runs about 0.7 GB above it (allocator caches, Node). Measured on the benchmark input
 * (10M billing lines, 200k accounts, 2 cores): 1.2GB peaked at 1.92 GB RSS, 1GB at 1.74-1.89 GB,
 * 800MB at 1.47-1.56 GB and 640MB at 1.36 GB, all in about the same time (the models spill
 * little, and the pipeline drops intermediate tables once spent): 640MB keeps it under 1.5 GB
 * with room to spare.
 */
export const DEFAULT_MEMORY_LIMIT = "640MB";

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
