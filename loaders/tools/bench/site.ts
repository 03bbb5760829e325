/**
 * The site side of the benchmark: a refresh of the bundled sample, the size of
 * its dist/, each page's first chart and bytes in headless Chromium (from a
 * local static server, as tests/browser drives it), and the live preview's
 * start and reload times.
 */
import {spawn} from "node:child_process";
import {readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {connect, createServer} from "node:net";
import type {Browser} from "playwright-core";
import {launchChromium} from "../../site/pdf/browser.js";
import {serveDir} from "../serve.js";

/** Pages measured: every page of the sidebar that shows data, the guide's pages with examples, and one account page. */
export const BENCH_PAGES = [
  "/",
  "/trends",
  "/time-to-cross-sell",
  "/products",
  "/white-space",
  "/priority-matrix",
  "/concentration",
  "/team",
  "/win-rates",
  "/accounts",
  "/data-quality",
  "/explore",
  // The guide's pages run their examples on the report's data.
  "/guide/first-page",
  "/guide/components"
];

export interface PageMeasure {
  path: string;
  /** Best of the runs, from navigation start to the first chart with marks; null when the page has none. */
  firstChartMs: number | null;
  /**
   * Bytes on the wire of one cold load, every response (HTML, scripts, styles, data) with its headers,
   * as Chromium counts them (CDP Network.loadingFinished encodedDataLength), from `npm run serve`'s
   * server, which gzips text as static hosts do (GitHub Pages, Netlify, nginx with gzip on).
   */
  transferredBytes: number;
  /** The same responses' bodies once decoded (CDP Network.dataReceived dataLength): what a host that does not compress would send. */
  rawBytes: number;
}

/** Bytes of the files under `dir`. */
export function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, {recursive: true, encoding: "utf8"})) {
    const s = statSync(join(dir, entry));
    if (s.isFile()) total += s.size;
  }
  return total;
}

/** A chart with marks: the same test as tests/browser/check-site.ts countCharts. */
const CHART_DRAWN = `[...document.querySelectorAll("figure svg, svg[class^='plot']")].some((s) => s.getBoundingClientRect().width > 0 && s.querySelectorAll("[aria-label] path, [aria-label] rect, [aria-label] circle, [aria-label] line, g[aria-label$='mark'] *").length > 0)`;

async function loadOnce(browser: Browser, url: string, waitForChart: boolean): Promise<{ms: number | null; transferredBytes: number; rawBytes: number}> {
  const context = await browser.newContext(); // a cold cache every time
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  let transferredBytes = 0;
  let rawBytes = 0;
  cdp.on("Network.dataReceived", (e) => (rawBytes += e.dataLength));
  cdp.on("Network.loadingFinished", (e) => (transferredBytes += e.encodedDataLength));
  try {
    const started = performance.now();
    await page.goto(url, {waitUntil: "commit"});
    let ms: number | null = null;
    if (waitForChart) {
      const drawn = await page.waitForFunction(CHART_DRAWN, null, {polling: 20, timeout: 120_000}).then(() => true, () => false);
      if (drawn) ms = performance.now() - started;
    }
    await page.waitForLoadState("networkidle");
    return {ms, transferredBytes, rawBytes};
  } finally {
    await context.close();
  }
}

/** Each page's first-chart time (best of `runs`) and bytes, for the built site in `dist`. */
export async function measurePages(dist: string, paths: string[], runs = 3): Promise<PageMeasure[]> {
  const server = await serveDir(dist);
  const browser = await launchChromium();
  try {
    const out: PageMeasure[] = [];
    for (const path of paths) {
      const first = await loadOnce(browser, server.url + path, true);
      let best = first.ms;
      for (let i = 1; i < runs && best !== null; i++) {
        const again = await loadOnce(browser, server.url + path, true);
        if (again.ms !== null) best = Math.min(best, again.ms);
      }
      out.push({path, firstChartMs: best, transferredBytes: first.transferredBytes, rawBytes: first.rawBytes});
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Runs a command; resolves with its wall time in seconds and exit code (output kept for a failure). */
export function timeCommand(command: string, args: string[], options: {cwd: string; env?: NodeJS.ProcessEnv}): Promise<{seconds: number; exitCode: number; output: string}> {
  return new Promise((done) => {
    const started = performance.now();
    let output = "";
    const child = spawn(command, args, {cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"]});
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => done({seconds: (performance.now() - started) / 1000, exitCode: code ?? 1, output}));
  });
}

/**
 * `npm run dev` (loaders/tools/dev.ts, pipeline included) on a free port, run through npm as an
 * analyst does: seconds from the command's start until the Overview shows a chart, then
 * milliseconds from saving a page until the open browser shows its new text. The probe page
 * is removed after.
 */
export async function measurePreview(root: string, port: number): Promise<{startSeconds: number | null; reloadMs: number | null; error?: string}> {
  const probe = join(root, "src", "bench-probe.md");
  const browser = await launchChromium();
  const started = performance.now();
  // What an analyst types, npm's own start included; detached, so that the whole group
  // (npm, dev.ts, Framework's preview) is stopped at the end.
  const child = spawn("npm", ["run", "--silent", "dev", "--", "--port", String(port)], {cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"]});
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  try {
    const page = await browser.newPage();
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 180_000;
    // The browser goes to the page once the server takes connections, as an analyst opens it
    // once Framework prints its address. Polling with page loads instead (one failed load every
    // 100 ms) kept the browser busy on one of the two cores while npm, dev.ts and the preview
    // started, and added about a second to the figure.
    while (Date.now() < deadline && child.exitCode === null && !(await acceptsConnections(port))) await new Promise((r) => setTimeout(r, 50));
    let startSeconds: number | null = null;
    while (startSeconds === null && Date.now() < deadline && child.exitCode === null) {
      const ok = await page.goto(`${url}/`, {waitUntil: "commit", timeout: 5_000}).then((r) => r?.ok() ?? false, () => false);
      if (!ok) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (await page.waitForFunction(CHART_DRAWN, null, {polling: 20, timeout: 120_000}).then(() => true, () => false)) {
        startSeconds = (performance.now() - started) / 1000;
      }
    }
    if (startSeconds === null) return {startSeconds: null, reloadMs: null, error: `the preview showed no Overview chart:\n${output.slice(-2000)}`};
    writeFileSync(probe, "# Bench probe\n\nversion-one\n");
    // Saved once the page is connected to the preview, as a page being edited is: Framework
    // (1.13 preview.js hello) reads the page, sends "welcome", then starts watching it, so an
    // edit saved in between is never shown. The client logs its socket's messages.
    let helloSeen = false;
    const welcomed = new Promise<void>((ok) =>
      page.on("console", (m) => {
        if (m.text().includes("path: /bench-probe")) helloSeen = true;
        else if (helloSeen && m.text().includes("type: welcome")) ok();
      })
    );
    await page.goto(`${url}/bench-probe`);
    await page.waitForFunction(`document.body.textContent.includes("version-one")`, null, {polling: 20, timeout: 60_000});
    await Promise.race([welcomed, new Promise((r) => setTimeout(r, 10_000))]);
    await new Promise((r) => setTimeout(r, 500)); // its watcher is set up just after the welcome
    const saved = performance.now();
    writeFileSync(probe, "# Bench probe\n\nversion-two\n");
    const shown = await page.waitForFunction(`document.body.textContent.includes("version-two")`, null, {polling: 10, timeout: 60_000}).then(() => true, () => false);
    return {startSeconds, reloadMs: shown ? performance.now() - saved : null};
  } finally {
    rmSync(probe, {force: true});
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((ok) => child.on("exit", ok));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    await browser.close();
  }
}

/** Whether something listens on 127.0.0.1:`port` (a TCP connect, closed at once). */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      answer(true);
    });
    socket.once("error", () => answer(false));
  });
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const {port} = server.address() as {port: number};
      server.close(() => ok(port));
    });
  });
}
