/**
 * Test harness: build a small Framework site in a temporary folder and look at
 * its pages in headless Chromium.
 *
 * The temporary site is a copy of the real one's code (src/catalog, src/lib, src/schemas,
 * src/components, src/data, loaders) plus the pages a test
 * gives it, so a page is checked exactly as it would run in the report, while
 * the build stays small (only the given pages and the data loaders they use).
 * It lives under .pipeline/ (git-ignored), inside the repository so that
 * node_modules resolves, and is deleted by `cleanup()`.
 */
import {spawn, spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from "node:fs";
import {delimiter, dirname, join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {A11Y_FIXES, A11Y_HEAD} from "../../loaders/site/page/a11y.js";
import {REPO} from "./project-copy.js";

export {REPO};
const OBSERVABLE = join(REPO, "node_modules/@observablehq/framework/dist/bin/observable.js");
// All of loaders/, not the folders the data loaders import today: their imports reach further than
// loaders/site (text/csv.ts reads with mapping/csv-parser.ts, which imports ingest/), and a missing
// one fails every build of the copy with ERR_MODULE_NOT_FOUND instead of the message a test awaits.
const COPIED = ["src/catalog", "src/lib", "src/schemas", "src/components", "src/data", "src/data.tar.js", "src/style.css", "loaders", "docs/guide.md"];

/** Every file under `dir` (recursively), sorted, for hashing. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {recursive: true, encoding: "utf8"})
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/**
 * The pipeline's output for the bundled sample (data/), made once and shared by
 * the test files that need real site data. It is keyed by a hash of the sample,
 * the pipeline code and the schemas, so a change to any of them makes a fresh one.
 */
export function sampleOutput(): string {
  const hash = createHash("sha256");
  for (const file of [...filesUnder(join(REPO, "data")), ...filesUnder(join(REPO, "loaders")), ...filesUnder(join(REPO, "src/schemas")), ...filesUnder(join(REPO, "src/catalog"))]) {
    hash.update(file).update(readFileSync(file));
  }
  const base = join(REPO, ".pipeline/tests");
  const dir = join(base, `sample-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(join(dir, "kpis.json"))) return dir;
  mkdirSync(base, {recursive: true});
  const tmp = `${dir}.tmp-${process.pid}`;
  const run = spawnSync(process.execPath, ["--import", "tsx", join(REPO, "loaders/pipeline/cli.ts"), "--input", join(REPO, "data"), "--out", tmp, "--quiet"], {
    cwd: REPO,
    encoding: "utf8"
  });
  if (run.status !== 0) throw new Error(`the pipeline failed on data/ (exit ${run.status}):\n${run.stderr}`);
  // Another test file may have made it meanwhile: keep theirs.
  if (existsSync(dir)) rmSync(tmp, {recursive: true, force: true});
  else renameSync(tmp, dir);
  for (const old of readdirSync(base)) {
    if (old.startsWith("sample-") && join(base, old) !== dir && !old.includes(".tmp-")) rmSync(join(base, old), {recursive: true, force: true});
  }
  return dir;
}

export interface TempSite {
  dir: string;
  srcDir: string;
  outDir: string;
  cleanup(): void;
}

/** A temporary site: the report's code plus `pages` (path under src → markdown or page loader source). */
export function makeTempSite(label: string, pages: Record<string, string>): TempSite {
  const base = join(REPO, ".pipeline/tests");
  mkdirSync(base, {recursive: true});
  const dir = mkdtempSync(join(base, `${label}-`));
  for (const rel of COPIED) {
    if (existsSync(join(REPO, rel))) cpSync(join(REPO, rel), join(dir, rel), {recursive: true});
  }
  // The site's stylesheet imports ../node_modules/…: give the copy the same neighbour.
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  for (const [rel, text] of Object.entries(pages)) {
    mkdirSync(dirname(join(dir, "src", rel)), {recursive: true});
    writeFileSync(join(dir, "src", rel), text);
  }
  const style = existsSync(join(dir, "src/style.css")) ? `style: "style.css",` : "";
  // The report's accessibility fixes, which its config writes into every page's head and footer.
  const footer = `head: ${JSON.stringify(A11Y_HEAD)}, footer: ${JSON.stringify(A11Y_FIXES)},`;
  writeFileSync(
    join(dir, "observablehq.config.js"),
    `export default {title: "test site", root: "src", output: "dist", globalStylesheets: [], ${style} ${footer} search: false, pager: false, toc: false};\n`
  );
  return {dir, srcDir: join(dir, "src"), outDir: join(dir, "dist"), cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

/**
 * Framework's caches of bundled packages (_node, _npm) and of its own client
 * (_observablehq) depend only on package versions, so every temporary site
 * shares one copy: only the first build of a run pays for bundling Plot & co.
 * Data loader outputs are never shared.
 */
const SHARED_CACHE = join(REPO, ".pipeline/tests/.framework-cache");
const SHARED_PARTS = ["_node", "_npm", "_observablehq"];

function seedCache(site: TempSite): void {
  for (const part of SHARED_PARTS) {
    const from = join(SHARED_CACHE, part);
    if (existsSync(from)) cpSync(from, join(site.srcDir, ".observablehq/cache", part), {recursive: true});
  }
}

function keepCache(site: TempSite): void {
  for (const part of SHARED_PARTS) {
    const from = join(site.srcDir, ".observablehq/cache", part);
    if (existsSync(from)) cpSync(from, join(SHARED_CACHE, part), {recursive: true, force: true});
  }
}

export interface BuildResult {
  status: number | null;
  /** stdout and stderr of `observable build`, without ANSI colours. */
  output: string;
}

/** Runs `observable build` in the temp site with CROSSSELL_DATA_DIR = dataDir. */
export async function buildSite(site: TempSite, dataDir: string): Promise<BuildResult> {
  seedCache(site);
  const result = await runBuild(site, dataDir);
  if (result.status === 0) keepCache(site);
  return result;
}

function runBuild(site: TempSite, dataDir: string): Promise<BuildResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [OBSERVABLE, "build"], {
      cwd: site.dir,
      env: {
        ...process.env,
        CROSSSELL_DATA_DIR: dataDir,
        PATH: [join(REPO, "node_modules/.bin"), process.env.PATH ?? ""].join(delimiter),
        NO_COLOR: "1"
      },
      stdio: ["ignore", "pipe", "pipe"]
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    // eslint-disable-next-line no-control-regex
    child.on("close", (status) => done({status, output: output.replace(/\x1b\[[0-9;]*m/g, "")}));
  });
}

// The same static server and browser as the report's browser checks.
export {serveDir as serve} from "../../loaders/tools/serve.js";
export {launchBrowser} from "../browser/check-site.js";

export interface OpenedPage {
  page: Page;
  /** console.error messages and uncaught page errors. */
  errors: string[];
  /** Text of Framework's inline error displays (a cell that threw). */
  cellErrors(): Promise<string[]>;
}

/** Opens `url`, waits for the page's cells to settle, and collects every error it shows or logs. */
export async function openPage(browser: Browser, url: string): Promise<OpenedPage> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  // Only the local server is reachable; a request elsewhere (a CDN) is an error.
  await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => {
    errors.push(`request outside the site: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(url, {waitUntil: "networkidle"});
  await page.waitForTimeout(300);
  return {
    page,
    errors,
    cellErrors: () => page.locator(".observablehq--error").allTextContents()
  };
}
