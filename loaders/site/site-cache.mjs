// The site's data files for one pipeline output folder, made once and then copied by
// the data loaders in src/data (plain JavaScript run by node: no tsx start-up per file).
//
// loaders/site/prepare.ts writes every file into a cache folder keyed by the output
// folder's path, the size and time of each of its files, and the source of the code that
// shapes them (so an edit to a shaping function is never hidden by an old cache). The
// first loader to need the folder runs prepare once (`npm run dev` runs it before the
// preview starts); the others copy. Files are renamed into place and a ".complete" mark
// is written last, so a loader never copies a half-written folder.
import {spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Source folders whose code decides the files' content (loaders/pipeline/mapping: text/csv.ts reads rejects.csv with its parser). */
const CODE_DIRS = ["loaders/site", "loaders/text", "loaders/pipeline/mapping", "src/lib", "src/schemas"].map((d) => join(root, d));
/** How many prepared folders to keep (one per recent pipeline output); older ones are deleted. */
const KEEP = 4;

export function siteCacheRoot() {
  return join(tmpdir(), "crosssell-site-data");
}

function stamp(hash, dir) {
  for (const name of readdirSync(dir).sort()) {
    const s = statSync(join(dir, name));
    if (s.isFile()) hash.update(`${name}:${s.size}:${s.mtimeMs}\n`);
  }
}

/** The cache folder of the site data of the pipeline output folder `dir`. */
export function siteCacheDir(dir) {
  const hash = createHash("sha256").update(`${resolve(dir)}\n`);
  stamp(hash, dir);
  for (const code of CODE_DIRS) if (existsSync(code)) stamp(hash, code);
  return join(siteCacheRoot(), hash.digest("hex").slice(0, 16));
}

/** Deletes all but the KEEP most recent prepared folders (never `keep`). */
export function pruneSiteCaches(keep) {
  const base = siteCacheRoot();
  if (!existsSync(base)) return;
  const entries = readdirSync(base)
    .map((name) => ({path: join(base, name), time: statSync(join(base, name)).mtimeMs}))
    .filter((e) => e.path !== keep)
    .sort((a, b) => b.time - a.time);
  for (const e of entries.slice(KEEP - 1)) rmSync(e.path, {recursive: true, force: true});
}

/** The prepared folder for `dir`, running loaders/site/prepare-cli.ts once when it is missing. */
export function ensureSiteData(dir) {
  const cache = siteCacheDir(dir);
  if (existsSync(join(cache, ".complete"))) return cache;
  const run = spawnSync(process.execPath, ["--max-old-space-size=8192", "--import", "tsx", join(root, "loaders/site/prepare-cli.ts"), dir, cache], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "inherit", "pipe"]
  });
  if (run.status !== 0) throw new Error((run.stderr || `prepare exited with ${run.status ?? run.signal}`).trim());
  return cache;
}

/**
 * A data loader's whole body: writes the prepared file `name` to stdout, or fails the build with the reason.
 * `family` (a parameterised loader's file name prefix, say "figures_by_") lists the prepared files of that
 * family when `name` is not one of them, so a wrong parameter is named with the ones that exist.
 */
export function emitSiteFile(name, family) {
  try {
    const dir = process.env.CROSSSELL_DATA_DIR;
    if (!dir) throw new Error("CROSSSELL_DATA_DIR is not set: build the site with `npm run build` (or set it to a pipeline output folder).");
    if (!existsSync(dir)) throw new Error(`CROSSSELL_DATA_DIR=${dir}: folder not found.`);
    const file = join(ensureSiteData(resolve(dir)), name);
    if (!existsSync(file)) {
      const known = family ? readdirSync(dirname(file)).filter((f) => f.startsWith(family)).sort() : [];
      throw new Error(`${name} was not prepared (not a site data file?)${known.length ? `; prepared: ${known.join(", ")}` : ""}`);
    }
    process.stdout.write(readFileSync(file));
  } catch (e) {
    process.stderr.write(`data loader ${name}: ${e.message}\n`);
    process.exit(1);
  }
}
