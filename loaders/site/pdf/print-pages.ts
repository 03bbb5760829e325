/**
 * Printing report pages to PDF in headless Chromium, with the site's print
 * stylesheet. The page is laid out for print *before* its charts are drawn
 * (print media, a window as wide as the paper's printable width), so that
 * charts are drawn at the width they print at, not shrunk from a screen
 * layout with a sidebar.
 */
import type {Browser, BrowserContext, Page} from "playwright-core";
import type {Section} from "./sections.js";

export type Paper = "A4" | "Letter";

/** Printable width in CSS pixels (96 per inch) of landscape paper with the stylesheet's 10 mm side margins. */
export function printableWidth(paper: Paper): number {
  const widthMm = paper === "A4" ? 297 : 279.4;
  return Math.floor(((widthMm - 20) / 25.4) * 96);
}

export class PrintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PrintError";
  }
}

/** Waits until the page's cells have run, its data and fonts have loaded, and its charts have settled. */
export async function waitForContent(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForLoadState("networkidle", {timeout});
  await page.waitForFunction(() => !document.querySelector("#observablehq-main observablehq-loading"), null, {timeout});
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Charts are drawn in animation frames after their cell resolves: wait until the count of drawn marks stops changing.
  let previous = -1;
  for (let i = 0; i < 20; i++) {
    const marks = await page.$$eval("#observablehq-main svg *", (nodes) => nodes.length);
    if (marks === previous) return;
    previous = marks;
    await page.waitForTimeout(250);
  }
}

/**
 * Chooses `option` in the page's control labelled `control` (an Inputs select
 * or radio), unless it is chosen already (e.g. from the address). `force`:
 * controls are hidden in print, and the page is already laid out for print.
 */
async function choose(page: Page, path: string, control: string, option: string): Promise<void> {
  const form = page.locator("form", {has: page.locator(`label:text-is(${JSON.stringify(control)})`)}).first();
  if ((await form.count()) === 0) throw new PrintError(`${path}: no control "${control}" to choose "${option}" with`);
  const select = form.locator("select");
  if ((await select.count()) > 0) {
    const chosen = await select.first().evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? "");
    if (chosen !== option) await select.first().selectOption({label: option}, {force: true});
    return;
  }
  const input = form.locator("label", {hasText: option}).locator("input");
  if ((await input.count()) === 0) throw new PrintError(`${path}: the control "${control}" has no option "${option}"`);
  // A hidden radio cannot be clicked: check it and tell Inputs, as a click would.
  await input.first().evaluate((el: HTMLInputElement) => {
    el.checked = true;
    el.dispatchEvent(new Event("input", {bubbles: true}));
  });
}

/** Prints one section of the site served at `baseUrl`; fails on a page that shows an error. */
export async function printSection(context: BrowserContext, baseUrl: string, section: Section, paper: Paper): Promise<Uint8Array> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  try {
    await page.emulateMedia({media: "print"});
    const response = await page.goto(baseUrl + section.path + (section.query ? `?${section.query}` : ""));
    if (!response || !response.ok()) throw new PrintError(`${section.path}: the page could not be opened (HTTP ${response?.status() ?? "no answer"})`);
    await waitForContent(page);
    if (section.choose) {
      for (const [control, option] of Object.entries(section.choose)) await choose(page, section.path, control, option);
      await waitForContent(page);
    }
    if (section.omit) await page.addStyleTag({content: `${section.omit} { display: none !important; }`});
    const cellErrors = await page.locator(".observablehq--error").allTextContents();
    const problems = [...errors, ...cellErrors];
    if (problems.length) throw new PrintError(`${section.path}: the page shows an error, so it is not printed: ${problems.join("; ")}`);
    return await page.pdf({format: paper, landscape: true, printBackground: true});
  } finally {
    await page.close();
  }
}

/** A print context: print media, the paper's printable width, no request leaves the site. */
export async function printContext(browser: Browser, baseUrl: string, paper: Paper): Promise<BrowserContext> {
  const context = await browser.newContext({viewport: {width: printableWidth(paper), height: 900}});
  const origin = new URL(baseUrl).origin;
  await context.route(
    (url) => url.origin !== origin && url.protocol !== "data:" && url.protocol !== "blob:",
    (route) => route.abort()
  );
  return context;
}

/** Prints a self-contained HTML document (the cover). */
export async function printHtml(context: BrowserContext, html: string, paper: Paper): Promise<Uint8Array> {
  const page = await context.newPage();
  try {
    await page.emulateMedia({media: "print"});
    await page.setContent(html, {waitUntil: "load"});
    return await page.pdf({format: paper, landscape: true, printBackground: true});
  } finally {
    await page.close();
  }
}
