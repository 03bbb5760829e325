/**
 * Exit codes of `npm run refresh` (and `npm run build`), chosen so that a
 * scheduler can act on them without reading the log:
 *
 * | code | meaning | what to do |
 * |---|---|---|
 * | 0 | refreshed and published | nothing |
 * | 1 | anything else (site build failed, disk full, a bug, another refresh running) | look at the log; retry |
 * | 2 | bad input: an export is missing, has a missing column, or too many rejected rows | fix the exports |
 * | 3 | bad configuration or usage: unknown flag, bad config/mapping file, unknown preset | fix the command or config |
 * | 4 | data too old: the newest billing line is older than `--max-age` days | check that the exports are current |
 *
 * The pipeline (`npm run pipeline`) uses the same 0/1/2/3 codes, so its code is
 * passed through unchanged.
 */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_BAD_CONFIG = 3;
export const EXIT_DATA_TOO_OLD = 4;

export type ExitCode =
  | typeof EXIT_OK
  | typeof EXIT_FAILED
  | typeof EXIT_BAD_INPUT
  | typeof EXIT_BAD_CONFIG
  | typeof EXIT_DATA_TOO_OLD;

/** One line per code, for `--help` and the run log. */
export const EXIT_CODE_MEANINGS: Record<ExitCode, string> = {
  [EXIT_OK]: "refreshed and published",
  [EXIT_FAILED]: "failed for another reason (site build, disk, another refresh running, a bug)",
  [EXIT_BAD_INPUT]: "bad input: fix the exports (missing file or column, too many rejected rows)",
  [EXIT_BAD_CONFIG]: "bad configuration or usage: fix the command line, config or mapping file",
  [EXIT_DATA_TOO_OLD]: "data too old: the newest billing line is older than --max-age days"
};

/** A refresh failure that knows its exit code and which step failed. */
export class RefreshError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly step?: string
  ) {
    super(message);
    this.name = "RefreshError";
  }
}

/**
 * Maps a child process's exit status to a refresh exit code. The pipeline's
 * 2 and 3 keep their meaning; anything else (including death by signal, which
 * has no status) is a generic failure.
 */
export function exitCodeFromPipeline(status: number | null): ExitCode {
  if (status === EXIT_OK) return EXIT_OK;
  if (status === EXIT_BAD_INPUT || status === EXIT_BAD_CONFIG) return status;
  return EXIT_FAILED;
}

/** Exit code for an error thrown by a step: its own `exitCode` when it carries a known one. */
export function exitCodeOf(error: unknown): ExitCode {
  const code = (error as {exitCode?: unknown} | null)?.exitCode;
  if (code === EXIT_BAD_INPUT || code === EXIT_BAD_CONFIG || code === EXIT_DATA_TOO_OLD || code === EXIT_FAILED) return code;
  return EXIT_FAILED;
}
