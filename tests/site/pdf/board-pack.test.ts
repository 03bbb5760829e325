import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {PDFDocument} from "pdf-lib";
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {BoardPackSetupError, joinPdfs, makeBoardPack, readRunFacts} from "../../../loaders/site/pdf/board-pack.js";
import {chromiumPath, noChromiumMessage} from "../../../loaders/site/pdf/browser.js";
import {main} from "../../../loaders/site/pdf/cli.js";
import {coverHtml} from "../../../loaders/site/pdf/cover.js";
import {printableWidth} from "../../../loaders/site/pdf/print-pages.js";
import {packSections, SECTIONS} from "../../../loaders/site/pdf/sections.js";
import type {Manifest} from "../../../src/schemas/run.js";
import {manifest as fixtureManifest} from "../../refresh/fixture-project.js";

// The refresh tests' manifest, with a file name that HTML would misread.
const base = fixtureManifest({currency: "EUR"});
const manifest: Manifest = {...base, files: base.files.map((f) => (f.file === "invoice_lines" ? {...f, path: "invoice<lines>.csv"} : f))};

let temp = "";
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), "w2a-pack-"));
});
afterEach(() => {
  rmSync(temp, {recursive: true, force: true});
  vi.unstubAllEnvs();
});

describe("the cover sheet", () => {
  const html = coverHtml({manifest, refreshedAt: "2026-10-01T06:30:12Z", contents: [{title: "Overview", page: 2}, {title: "Trend: Cross-sell rate", page: 5}]});

  it("states the as-of date, the period, the mode, the currency and the refresh time", () => {
    expect(html).toContain("Data as of <strong>2026-06-30</strong> · period 2025-07-01 to 2026-06-30 · billing mode · amounts in EUR · refreshed 2026-10-01 06:30 UTC");
  });

  it("lists each export file with its counts and SHA-256, and the totals", () => {
    expect(html).toContain(`<td>invoice&lt;lines&gt;.csv</td><td class="num">4,000</td><td class="num">3,998</td><td class="num">2</td><td class="hash">${"b".repeat(64)}</td>`);
    expect(html).toContain("<td>products (not provided)</td>");
    expect(html).toContain(`<td>All files</td><td class="num">4,300</td><td class="num">4,298</td><td class="num">2</td>`);
    expect(html).toContain("2 billing customer(s) matched no CRM account");
  });

  it("gives the page each section starts on, and escapes text from the data", () => {
    expect(html).toContain(`<tr><td>Trend: Cross-sell rate</td><td class="num">5</td></tr>`);
    expect(html).toContain("invoice&lt;lines&gt;.csv");
    expect(html).not.toContain("invoice<lines>");
  });

  it("makes no request: no script, no link, no external address", () => {
    expect(html).not.toMatch(/<script|<link|src=|https?:/);
  });
});

describe("the sections", () => {
  it("are the Overview, Retention, a trend per headline figure at quarter ends, White space, Priority matrix and Concentration", () => {
    expect(SECTIONS.map((s) => s.path)).toEqual(["/", "/retention", "/trends", "/trends", "/trends", "/trends", "/trends", "/white-space", "/priority-matrix", "/concentration"]);
    expect(SECTIONS.filter((s) => s.path === "/trends").map((s) => s.choose)).toContainEqual({Figure: "Multi-product rate", Every: "Quarter ends"});
  });

  it("leave Retention out of a report that has no such page", () => {
    expect(packSections(temp).some((s) => s.path === "/retention")).toBe(false);
    writeFileSync(join(temp, "retention.html"), "");
    expect(packSections(temp).some((s) => s.path === "/retention")).toBe(true);
  });

  it("print at the width of landscape A4 or Letter less 10 mm margins", () => {
    expect(printableWidth("A4")).toBe(1046); // 277 mm
    expect(printableWidth("Letter")).toBe(980); // 259.4 mm
  });
});

describe("joining PDFs", () => {
  it("keeps every page, in order, and titles the file", async () => {
    const one = await PDFDocument.create();
    one.addPage([100, 100]);
    const two = await PDFDocument.create();
    two.addPage([200, 100]);
    two.addPage([300, 100]);
    const joined = await PDFDocument.load(await joinPdfs([await one.save(), await two.save()], "Pack"));
    expect(joined.getPages().map((p) => p.getWidth())).toEqual([100, 200, 300]);
    expect(joined.getTitle()).toBe("Pack");
  });
});

describe("npm run pdf without what it needs", () => {
  it("says how to get a Chromium and exits 3 when there is none", async () => {
    vi.stubEnv("CHROMIUM_PATH", join(temp, "no-chromium"));
    expect(chromiumPath()).toBeNull();
    expect(noChromiumMessage()).toMatch(/apt-get install chromium[\s\S]*CHROMIUM_PATH=/);
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((m) => void errors.push(String(m)));
    try {
      expect(await main(["--dir", temp, "--data", temp])).toBe(3);
    } finally {
      spy.mockRestore();
    }
    expect(errors.join("\n")).toContain("sudo apt-get install chromium");
  });

  it("refuses a folder without a built site, and a data folder without a manifest, as setup errors", async () => {
    await expect(makeBoardPack({siteDir: temp, dataDir: temp})).rejects.toThrow(chromiumPath() ? /no built report in .*npm run build/ : /no Chromium/);
    expect(() => readRunFacts(temp)).toThrow(BoardPackSetupError);
    mkdirSync(join(temp, "bad"));
    writeFileSync(join(temp, "bad/manifest.json"), JSON.stringify({...manifest, as_of: "30/06/2026"}));
    expect(() => readRunFacts(join(temp, "bad"))).toThrow(/manifest\.json: as_of: /);
  });

  it("refuses an unknown paper size with exit 3", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await main(["--paper", "a3"])).toBe(3);
    } finally {
      spy.mockRestore();
    }
  });
});
