/**
 * The exit codes of every command (`npm run pipeline`, `npm run build`,
 * `npm run refresh`), and the one place where an error becomes a code, so that
 * a scheduler can tell "fix the exports" from "fix the command" without reading
 * the log:
 *
 * | code | meaning | what to do |
 * |---|---|---|
 * | 0 | done (refresh/build: published) | nothing |
 * | 1 | anything else (site build failed, disk full, a bug, another refresh running) | look at the message or log; retry |
 * | 2 | bad input: an export is missing or unreadable, a column is missing, too many rejected rows | fix the exports |
 * | 3 | bad configuration or usage: unknown flag, bad config/mapping file, an unsafe or unwritable --out | fix the command or config |
 * | 4 | refresh/build only: the newest billing line is older than `--max-age` days | check that the exports are current |
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_BAD_CONFIG = 3;
export const EXIT_DATA_TOO_OLD = 4;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILURE | typeof EXIT_BAD_INPUT | typeof EXIT_BAD_CONFIG | typeof EXIT_DATA_TOO_OLD;

/** One line per code, for `--help` and the run log. */
export const EXIT_CODE_MEANINGS: Record<ExitCode, string> = {
  [EXIT_OK]: "refreshed and published",
  [EXIT_FAILURE]: "failed for another reason (site build, disk, another refresh running, a bug)",
  [EXIT_BAD_INPUT]: "bad input: fix the exports (missing file or column, too many rejected rows)",
  [EXIT_BAD_CONFIG]: "bad configuration or usage: fix the command line, config or mapping file, or choose another output folder",
  [EXIT_DATA_TOO_OLD]: "data too old: the newest billing line is older than --max-age days"
};

/** An error that knows the exit code it ends the command with. */
export class CodedError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode
  ) {
    super(message);
    this.name = "CodedError";
  }
}

/**
 * The errors of the domain modules and the codes they mean. Matched by name,
 * not class, so that this module imports none of them (they are thrown deep in
 * ingest, config and mapping, which must not depend on the command lines).
 */
const CODE_BY_ERROR_NAME: Record<string, ExitCode> = {
  InputError: EXIT_BAD_INPUT,
  ConfigError: EXIT_BAD_CONFIG,
  MappingError: EXIT_BAD_CONFIG,
  UnsafePathError: EXIT_BAD_CONFIG
};

function isExitCode(value: unknown): value is ExitCode {
  return value === EXIT_OK || value === EXIT_FAILURE || value === EXIT_BAD_INPUT || value === EXIT_BAD_CONFIG || value === EXIT_DATA_TOO_OLD;
}

/**
 * The code an error means when it is one the product throws on purpose (its own
 * known `exitCode`, or a domain error by name); undefined for anything else —
 * a bug, which keeps its stack trace.
 */
export function knownExitCode(error: unknown): ExitCode | undefined {
  const code = (error as {exitCode?: unknown} | null)?.exitCode;
  if (code !== undefined) return isExitCode(code) && code !== EXIT_OK ? code : undefined;
  const name = (error as {name?: unknown} | null)?.name;
  return typeof name === "string" ? CODE_BY_ERROR_NAME[name] : undefined;
}

/** A mistake on the command line (unknown option, a value of the wrong form): fix the command, exit 3. */
export class UsageError extends CodedError {
  constructor(message: string) {
    super(message, EXIT_BAD_CONFIG);
    this.name = "UsageError";
  }
}

/** What a command tells the user about an error, and the status it exits with. */
export interface Failure {
  exitCode: ExitCode;
  /** The error's own words (they name the file, option or value and the fix). */
  message: string;
  /** Only for a bug (no known code, not a system error): its stack trace, to print instead of the message. */
  stack?: string;
}

/**
 * The one place any error becomes an exit code and the words shown for it, for
 * `npm run pipeline`, refresh/build and dev alike: the code it is known by
 * (its own, or a domain error's by name), else 1. A system error (disk full,
 * permission) says all in its message; only a bug needs its stack.
 */
export function describeFailure(error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  const exitCode = knownExitCode(error);
  if (exitCode !== undefined) return {exitCode, message};
  const errno = error as NodeJS.ErrnoException | null;
  if (typeof errno?.code === "string" && errno.syscall) return {exitCode: EXIT_FAILURE, message};
  const machine = duckdbMachineFailure(message);
  if (machine !== undefined) return {exitCode: EXIT_FAILURE, message: machine};
  return {exitCode: EXIT_FAILURE, message, stack: (error as Error | null)?.stack ?? message};
}

/**
 * DuckDB's errors of the machine rather than of the code, in words for the command line: a file
 * it could not write or read (a full disk, a permission: its message names the file and the
 * cause) and memory it could not get. DuckDB's own advice for the latter is SQL (SET
 * memory_limit); the commands' option is --memory-limit. Any other DuckDB error is a bug.
 */
function duckdbMachineFailure(message: string): string | undefined {
  if (message.startsWith("IO Error: ")) return message;
  if (message.startsWith("Out of Memory Error: ")) {
    return `${message.split("\n")[0]}. DuckDB ran out of memory: give it more with --memory-limit (for example --memory-limit 4GB), or run where more memory is free.`;
  }
  return undefined;
}

/**
 * A pipeline child process's status as a refresh code: 2 and 3 keep their
 * meaning; anything else (4 included, and death by a signal, which has no
 * status) is a generic failure.
 */
export function exitCodeFromPipeline(status: number | null): ExitCode {
  if (status === EXIT_OK) return EXIT_OK;
  if (status === EXIT_BAD_INPUT || status === EXIT_BAD_CONFIG) return status;
  return EXIT_FAILURE;
}
