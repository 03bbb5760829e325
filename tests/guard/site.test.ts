/**
 * Guard rails end to end, on a built site:
 *   1. a data file with a renamed column fails the build, and the message names
 *      the file and the column;
 *   2. a page whose code reads a column the file does not have shows (and logs)
 *      an error naming the page, the file and the column — in plain code and
 *      through a Plot channel — instead of drawing zeros.
 */
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildSite, launchBrowser, makeTempSite, openPage, sampleOutput, serve, type TempSite} from "../helpers/site.js";

const LOAD = `\`\`\`js
import * as Plot from "@observablehq/plot";
import {loadData} from "./lib/load.js";
\`\`\`

\`\`\`js
const accounts = await loadData(FileAttachment("data/accounts.json"), "accounts");
\`\`\`
`;

/** A page that sums a column; with a typo it would be a total of 0 without the guard. */
const SUM_PAGE = `# Sum\n\n${LOAD}\n\`\`\`js\nconst total = accounts.reduce((sum, d) => sum + (d.whitespace ?? 0), 0);\ndisplay(total);\n\`\`\`\n`;
/** The same typo in a Plot channel, which reads the field by name. */
const PLOT_PAGE = `# Plot\n\n${LOAD}\n\`\`\`js\ndisplay(Plot.plot({marks: [Plot.barX(accounts, {x: "whitespace", y: "segment"})]}));\n\`\`\`\n`;
/** Correct code on correct data: the control case. */
const GOOD_PAGE = `# Good\n\n${LOAD}\n\`\`\`js\ndisplay(Plot.plot({marks: [Plot.barX(accounts, {x: "white_space", y: "segment"})]}));\n\`\`\`\n`;

/** The pipeline's output for the bundled sample (shared, read-only). */
let dataDir: string;
beforeAll(() => {
  dataDir = sampleOutput();
});

describe("a data file whose column was renamed", () => {
  let site: TempSite;
  let badDir: string;
  afterAll(() => {
    site?.cleanup();
    if (badDir) rmSync(badDir, {recursive: true, force: true});
  });

  it("fails the build with a message naming the file and the column", async () => {
    badDir = mkdtempSync(join(tmpdir(), "guard-renamed-"));
    cpSync(dataDir, badDir, {recursive: true});
    const path = join(badDir, "accounts.json");
    const rows = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>[];
    writeFileSync(path, JSON.stringify(rows.map(({white_space, ...rest}) => ({...rest, whitespace: white_space}))));

    site = makeTempSite("guard-renamed", {"good.md": GOOD_PAGE});
    const result = await buildSite(site, badDir);
    expect(result.status, result.output).not.toBe(0);
    // The message of prepare (loaders/site/read.ts) through the data archive's loader, as the guide quotes it.
    expect(result.output).toMatch(/data loader data\.tar: \S*\/accounts\.json does not match its schema at 0\.white_space: Required/);
  });
});

describe("page code that reads a column the file does not have", () => {
  let site: TempSite;
  let server: {url: string; close(): Promise<void>};
  let browser: Browser;

  beforeAll(async () => {
    site = makeTempSite("guard-code", {"typo-sum.md": SUM_PAGE, "typo-plot.md": PLOT_PAGE, "good.md": GOOD_PAGE});
    const result = await buildSite(site, dataDir);
    expect(result.status, result.output).toBe(0);
    server = await serve(site.outDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.cleanup();
  });

  const message = (page: string) => `Page ${page} reads column "whitespace" that accounts.json does not have.`;

  it("shows and logs the error, naming page, file and column, instead of a total of 0", async () => {
    const opened = await openPage(browser, `${server.url}/typo-sum`);
    const shown = await opened.cellErrors();
    expect(shown.join("\n")).toContain(message("/typo-sum"));
    expect(opened.errors.join("\n")).toContain(message("/typo-sum"));
    expect(await opened.page.locator("main").innerText()).not.toMatch(/^0$/m);
  });

  it("catches the typo inside a Plot channel too", async () => {
    const opened = await openPage(browser, `${server.url}/typo-plot`);
    expect((await opened.cellErrors()).join("\n")).toContain(message("/typo-plot"));
    expect(await opened.page.locator("main svg").count()).toBe(0);
  });

  it("stays silent for correct code", async () => {
    const opened = await openPage(browser, `${server.url}/good`);
    expect(opened.errors).toEqual([]);
    expect(await opened.cellErrors()).toEqual([]);
    expect(await opened.page.locator("main svg [aria-label=bar] rect").count()).toBeGreaterThan(0);
  });
});
