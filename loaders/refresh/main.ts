/**
 * The shared command-line entry of `npm run refresh` and `npm run build`:
 * parse, run, print, exit with the documented code.
 */
import {resolve} from "node:path";
import {parseRefreshArgs, USAGE, type RefreshOptions} from "./args.js";
import {describeFailure} from "../exit-codes.js";
import {refresh} from "./run.js";

export const PROJECT_ROOT = resolve(import.meta.dirname, "..", "..");

export async function main(argv: string[], defaults: Partial<RefreshOptions> = {}, usage = USAGE): Promise<number> {
  let parsed;
  try {
    parsed = parseRefreshArgs(argv, defaults);
  } catch (error) {
    const failure = describeFailure(error);
    process.stderr.write(`refresh: ${failure.stack ?? failure.message}\n`);
    return failure.exitCode;
  }
  if (parsed.help) {
    process.stdout.write(usage);
    return 0;
  }
  const result = await refresh(parsed.options, {
    projectRoot: PROJECT_ROOT,
    stderr: (text) => process.stderr.write(text),
    stdout: (text) => process.stdout.write(text)
  });
  return result.exitCode;
}
