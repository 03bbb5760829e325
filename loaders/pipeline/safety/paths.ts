/**
 * Where the product may write. An output folder is replaced as a whole, so an
 * `--out` that names the exports, the project or the home folder would delete
 * them: every path a command writes or deletes is checked here before any
 * work, and refused (exit 3, saying why) when it is
 * - the root of the file system, the home folder or the project (or a folder containing one of them),
 * - the input folder, a folder containing it, or a folder inside it,
 * - a file where a folder is expected (or the reverse), or under a parent that cannot be written.
 * Paths are compared as real paths (symbolic links resolved), also for paths
 * that do not exist yet, through their nearest existing parent.
 */
import {existsSync, mkdtempSync, realpathSync, rmdirSync, statSync} from "node:fs";
import {homedir} from "node:os";
import {basename, dirname, join, parse, relative, resolve, sep} from "node:path";
import {CodedError, EXIT_BAD_CONFIG} from "../../exit-codes.js";

/** A path the product refuses to write or delete (exit 3). */
export class UnsafePathError extends CodedError {
  constructor(message: string) {
    super(message, EXIT_BAD_CONFIG);
    this.name = "UnsafePathError";
  }
}

/** The nearest existing folder or file at or above `path` (resolved). */
export function nearestExisting(path: string): string {
  let current = resolve(path);
  while (!existsSync(current)) {
    const up = dirname(current);
    if (up === current) break;
    current = up;
  }
  return current;
}

/** `path` with every symbolic link resolved; a part that does not exist yet is appended to its existing parent's real path. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  const existing = nearestExisting(absolute);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    real = existing; // unreadable: compare as written
  }
  const rest = relative(existing, absolute);
  return rest === "" ? real : join(real, rest);
}

/** True when `inner` lies strictly inside `outer` (both real, absolute). */
export function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !parse(rel).root;
}

export interface GuardContext {
  /** The exports folder the command reads. */
  input: string;
  /** The project (code, .git). */
  projectRoot: string;
  /** Default: the user's home folder. */
  home?: string;
}

/** Why writing or replacing `real` would destroy something, or null. */
function forbiddenPlace(real: string, ctx: GuardContext): string | null {
  const home = realPathOf(ctx.home ?? homedir());
  const project = realPathOf(ctx.projectRoot);
  const input = realPathOf(ctx.input);
  if (real === parse(real).root) return "is the root of the file system";
  if (real === home) return "is your home folder";
  if (isInside(home, real)) return "contains your home folder";
  if (real === project) return "is the project folder (its code and .git)";
  if (isInside(project, real)) return "contains the project folder";
  if (real === input) return "is the input folder (your exports)";
  if (isInside(input, real)) return `contains the input folder ${input}`;
  if (isInside(real, input)) return `lies inside the input folder ${input}`;
  return null;
}

function describe(option: string, path: string, real: string): string {
  return real === resolve(path) ? `${option} ${path}` : `${option} ${path} (really ${real})`;
}

/** Refuses a folder the command would replace as a whole (`--out`, `--data-out`). */
export function checkOutputFolder(option: string, path: string, ctx: GuardContext): void {
  const real = realPathOf(path);
  const why = forbiddenPlace(real, ctx);
  if (why) {
    throw new UnsafePathError(
      `${describe(option, path, real)} ${why}; it would be replaced as a whole. ` +
        `Choose a folder of its own for the outputs, e.g. ${option} ${join(dirname(resolve(path)), "cross-sell-report")}. Nothing was changed.`
    );
  }
  if (existsSync(real) && !statSync(real).isDirectory()) {
    throw new UnsafePathError(`${describe(option, path, real)} is a file, not a folder. Choose a folder for the outputs; nothing was changed.`);
  }
  checkWritableParent(option, path);
}

/** Refuses a file the command appends to (`--log`). */
export function checkOutputFile(option: string, path: string, ctx: GuardContext): void {
  const real = realPathOf(path);
  if (existsSync(real) && statSync(real).isDirectory()) {
    throw new UnsafePathError(`${describe(option, path, real)} is a folder; ${option} names a file, e.g. ${option} ${join(path, "refresh-log.jsonl")}.`);
  }
  const input = realPathOf(ctx.input);
  if (real === input || isInside(real, input)) {
    throw new UnsafePathError(`${describe(option, path, real)} lies inside the input folder ${input}: the product never writes among your exports. Choose a file elsewhere.`);
  }
  checkWritableParent(option, path);
}

/** Refuses two outputs that are the same folder or nested in each other (one publish would replace the other). */
export function checkSeparate(a: {option: string; path: string}, b: {option: string; path: string}): void {
  const ra = realPathOf(a.path);
  const rb = realPathOf(b.path);
  if (ra === rb || isInside(ra, rb) || isInside(rb, ra)) {
    throw new UnsafePathError(
      `${a.option} ${a.path} and ${b.option} ${b.path} ${ra === rb ? "are the same place" : "are nested in each other"}: ` +
        `publishing one would replace the other. Give each its own folder.`
    );
  }
}

/**
 * The folder that will hold `path` must exist or be creatable, and be
 * writable: tried for real (a probe folder created and removed), because
 * permission bits say nothing for root, and a read-only file system or a
 * full disk only shows when writing.
 */
export function checkWritableParent(option: string, path: string): void {
  const parent = dirname(resolve(path));
  const existing = nearestExisting(parent);
  const missing = existing === parent ? "" : ` (${parent} does not exist and would be created there)`;
  if (!statSync(existing).isDirectory()) {
    throw new UnsafePathError(`${option} ${path}: ${existing} is a file, not a folder, so ${basename(path)} cannot be created under it. Choose another ${option}.`);
  }
  try {
    rmdirSync(mkdtempSync(join(existing, ".crosssell-write-test-")));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UnsafePathError(
      `${option} ${path}: cannot write in ${existing}${missing} (${code}: read-only, no permission or no space). ` +
        `Choose another ${option} or make the folder writable; nothing was changed.`
    );
  }
}
