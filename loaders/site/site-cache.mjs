// The site's data files and build-time pages for one pipeline output folder, made once and
// then copied by the loaders in src (plain JavaScript run by node: no tsx start-up per file).
//
// loaders/site/prepare.ts writes every file into a cache folder keyed by the output
// folder's path, the size and time of each of its files, and the source of the code that
// shapes them (so an edit to a shaping function, the guide or the catalog is never hidden by
// an old cache). The first loader to need the folder runs prepare once (`npm run dev` runs
// it before the preview starts, `npm run build` beside Framework's start); the others copy,
// or wait for the prepare under way (its lock file names its process). Files are renamed
// into place and a ".complete" mark is written last, so a loader never copies a half-written
// folder.
import {spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {tarEnd, tarHeader, tarPadding} from "./tar.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/**
 * Source whose code decides the files' content (loaders/pipeline/mapping: text/csv.ts reads
 * rejects.csv with its parser; loaders/tools/docs, docs, src/components: the guide's pages;
 * src/catalog: the Definitions page). Stamped with everything below them.
 */
const CODE_DIRS = ["loaders/site", "loaders/text", "loaders/pipeline/mapping", "loaders/tools/docs", "docs", "src/lib", "src/schemas", "src/catalog", "src/components"].map((d) =>
  join(root, d)
);
/** How many prepared folders to keep (one per recent pipeline output); older ones are deleted. */
const KEEP = 4;
/** The prepared folder's subfolder whose files are served as data/<name> (src/data.tar.js). */
export const DATA_FOLDER = "data";
/** The prepared folder's subfolder of the pages made at build time (src/definitions.md.js, src/guide). */
export const PAGES_FOLDER = "pages";

export function siteCacheRoot() {
  return join(tmpdir(), "crosssell-site-data");
}

function stamp(hash, dir, recursive) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const s = statSync(path);
    if (s.isFile()) hash.update(`${path}:${s.size}:${s.mtimeMs}\n`);
    else if (recursive && s.isDirectory()) stamp(hash, path, true);
  }
}

/** The cache folder of the site data of the pipeline output folder `dir`. */
export function siteCacheDir(dir) {
  const hash = createHash("sha256").update(`${resolve(dir)}\n`);
  stamp(hash, dir, false);
  for (const code of CODE_DIRS) if (existsSync(code)) stamp(hash, code, true);
  return join(siteCacheRoot(), hash.digest("hex").slice(0, 16));
}

/** Deletes all but the KEEP most recent prepared folders (never `keep`). */
export function pruneSiteCaches(keep) {
  const base = siteCacheRoot();
  if (!existsSync(base)) return;
  const entries = readdirSync(base)
    .filter((name) => !name.endsWith(".lock"))
    .map((name) => ({path: join(base, name), time: statSync(join(base, name)).mtimeMs}))
    .filter((e) => e.path !== keep)
    .sort((a, b) => b.time - a.time);
  for (const e of entries.slice(KEEP - 1)) rmSync(e.path, {recursive: true, force: true});
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the lock of preparing `cache` for this process; false when another live process
 * holds it. A lock left by a process that died is taken over.
 */
export function lockPrepare(cache) {
  const lock = `${cache}.lock`;
  // On a fresh machine (or a fresh TMPDIR) the cache root does not exist yet.
  mkdirSync(dirname(lock), {recursive: true});
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), {flag: "wx"});
      return true;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      if (!staleLock(lock)) return false;
      rmSync(lock, {force: true});
    }
  }
  return false;
}

export function unlockPrepare(cache) {
  const lock = `${cache}.lock`;
  try {
    if (readFileSync(lock, "utf8") === String(process.pid)) rmSync(lock, {force: true});
  } catch {
    // already gone
  }
}

/** A lock whose process is gone (or that names none and is more than 10 s old). */
function staleLock(lock) {
  let text;
  try {
    text = readFileSync(lock, "utf8");
  } catch {
    return true;
  }
  const pid = Number(text);
  if (Number.isInteger(pid) && pid > 0) return !alive(pid);
  try {
    return Date.now() - statSync(lock).mtimeMs > 10_000;
  } catch {
    return true;
  }
}

/** Waits while another process prepares `cache`; true when the folder is then complete. */
export function waitForPrepare(cache) {
  const lock = `${cache}.lock`;
  for (;;) {
    if (existsSync(join(cache, ".complete"))) return true;
    if (!existsSync(lock) || staleLock(lock)) return existsSync(join(cache, ".complete"));
    sleep(50);
  }
}

/** The prepared folder for `dir`, running loaders/site/prepare-cli.ts once when it is missing. */
export function ensureSiteData(dir) {
  const cache = siteCacheDir(dir);
  if (waitForPrepare(cache)) return cache;
  const run = spawnSync(process.execPath, ["--max-old-space-size=8192", "--import", "tsx", join(root, "loaders/site/prepare-cli.ts"), dir, cache], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "inherit", "pipe"]
  });
  if (run.status !== 0) throw new Error((run.stderr || `prepare exited with ${run.status ?? run.signal}`).trim());
  return cache;
}

/** A loader's failure: the reason on stderr, exit 1 (Framework fails the build naming the loader). */
function fail(what, e) {
  process.stderr.write(`${what}: ${e.message}\n`);
  process.exit(1);
}

/** The prepared folder of $CROSSSELL_DATA_DIR. */
function preparedFolder() {
  const dir = process.env.CROSSSELL_DATA_DIR;
  if (!dir) throw new Error("CROSSSELL_DATA_DIR is not set: build the site with `npm run build` (or set it to a pipeline output folder).");
  if (!existsSync(dir)) throw new Error(`CROSSSELL_DATA_DIR=${dir}: folder not found.`);
  return ensureSiteData(resolve(dir));
}

/**
 * A loader's whole body: writes the prepared file `name` to stdout, or fails the build with the reason.
 * `family` (a file name prefix, say "figures_by_") lists the prepared files of that family when `name`
 * is not one of them, so a wrong name is told the ones that exist.
 */
export function emitSiteFile(name, family) {
  try {
    const file = join(preparedFolder(), name);
    if (!existsSync(file)) {
      const known = family ? readdirSync(dirname(file)).filter((f) => f.startsWith(family)).sort() : [];
      throw new Error(`${name} was not prepared (not a site file?)${known.length ? `; prepared: ${known.join(", ")}` : ""}`);
    }
    process.stdout.write(readFileSync(file));
  } catch (e) {
    fail(`${name.startsWith(`${PAGES_FOLDER}/`) ? "page" : "data"} loader ${name}`, e);
  }
}

/**
 * The files of a prepared subfolder in the order an archive holds them: smallest first (then by
 * name). Framework extracts a member by reading the archive up to it, so a small file a page needs
 * is never behind accounts.json (110 MB at 200,000 accounts).
 */
export function archiveOrder(folder) {
  return readdirSync(folder)
    .map((name) => ({name, size: statSync(join(folder, name)).size}))
    .sort((a, b) => a.size - b.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Writes all of `buffer` to `fd`, waiting when a non-blocking pipe is full. */
function writeAll(fd, buffer) {
  for (let at = 0; at < buffer.length; ) {
    try {
      at += writeSync(fd, buffer, at);
    } catch (e) {
      if (e.code !== "EAGAIN") throw e;
      sleep(5);
    }
  }
}

/** Writes to `fd` a tar of the files of `folder` (archiveOrder), read in chunks: memory stays flat. */
export function writeArchive(fd, folder) {
  const chunk = Buffer.alloc(1 << 20);
  for (const {name, size} of archiveOrder(folder)) {
    writeAll(fd, tarHeader(name, size));
    const input = openSync(join(folder, name), "r");
    try {
      let left = size;
      while (left > 0) {
        const n = readSync(input, chunk, 0, Math.min(chunk.length, left), null);
        if (n === 0) throw new Error(`${name} shrank while it was archived`);
        writeAll(fd, chunk.subarray(0, n));
        left -= n;
      }
    } finally {
      closeSync(input);
    }
    writeAll(fd, tarPadding(size));
  }
  writeAll(fd, tarEnd());
}

/** An archive loader's whole body: the prepared subfolder `subfolder` as a tar on stdout. */
export function emitSiteArchive(subfolder) {
  try {
    const folder = join(preparedFolder(), subfolder);
    if (!existsSync(folder)) throw new Error(`${subfolder}/ was not prepared`);
    writeArchive(1, folder);
  } catch (e) {
    fail(`data loader ${subfolder}.tar`, e);
  }
}
