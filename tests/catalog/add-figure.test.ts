/**
 * Adding a figure is one catalog entry and its SQL. The catalog module is
 * replaced by the real one plus one entry (as if it had been added to
 * src/catalog/figures.ts), whose SQL is a one-line contributions model in
 * tests/fixtures/catalog/: every active account counts 1 of 2, so the figure
 * is exactly 0.5 wherever there are active customers, its numerator is the
 * number of active customers and its denominator twice that. Nothing else is
 * changed, and the figure reaches kpis.json, figures.json and the cut files,
 * the configuration's bands, the Definitions page and the data-file reference.
 */
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, it, vi} from "vitest";
import type {FigureEntry} from "../../src/catalog/figures.js";

vi.mock("../../src/catalog/figures.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/catalog/figures.js")>();
  const halfActive: FigureEntry = {
    id: "half_active",
    label: "Half of the active customers",
    kind: "ratio",
    unit: "% of active customers",
    definition: "A test figure: every active customer counts one half.",
    summary: "Half of the active customers, a figure added by a test.",
    better: "higher",
    band: {low: 0.4, high: 0.6, text: "40–60% of customers"},
    overview: null,
    pages: ["trends"],
    kpi: "ratio",
    sql: {contributions: "tests/fixtures/catalog/half_active.sql", undefinedReason: "No active customers{scope} at the as-of date{period}."}
  };
  return {...original, FIGURE_CATALOG: [...original.FIGURE_CATALOG, halfActive]};
});

const {runPipeline} = await import("../../loaders/pipeline/run.js");
const {definitionsMarkdown} = await import("../../loaders/site/definitions.js");
const {renderDataFiles} = await import("../../loaders/tools/docs/data-files.js");

const REPO = resolve(import.meta.dirname, "../..");
let out: string;
const read = (file: string) => JSON.parse(readFileSync(join(out, file), "utf8"));

beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), "h4-catalog-")), "out");
  await runPipeline({input: join(REPO, "tests/fixtures/minimal"), out, configObject: {}});
}, 120_000);
afterAll(() => rmSync(resolve(out, ".."), {recursive: true, force: true}));

describe("a figure added through the catalog alone", () => {
  it("is in kpis.json with the fields of its shape, its default band and status", () => {
    const figures = read("figures.json") as {figure: string; dimension: string; is_current: boolean; value: number}[];
    const active = figures.find((f) => f.figure === "active_accounts" && f.dimension === "all" && f.is_current)!.value;
    expect(active).toBeGreaterThan(0);
    expect(read("kpis.json").kpis.half_active).toEqual({value: 0.5, numerator: active, denominator: 2 * active, low: 0.4, high: 0.6, status: "within"});
  });

  it("is computed for every as-of date and cut, like the built-in figures", () => {
    const rows = (file: string) => (read(file) as {figure: string}[]).filter((r) => r.figure === "half_active");
    const all = read("figures.json") as {figure: string; dimension: string; as_of: string}[];
    const dates = new Set(all.filter((r) => r.dimension === "all").map((r) => r.as_of));
    expect(rows("figures.json").filter((r) => (r as unknown as {dimension: string}).dimension === "all")).toHaveLength(dates.size);
    const bySegment = rows("figures_by_segment.json") as unknown as {value: number | null; reason: string | null; cut: string}[];
    expect(bySegment.length).toBeGreaterThan(0);
    // A segment without active customers at a month end is undefined, with the catalog's words.
    for (const r of bySegment) {
      if (r.value === null) expect(r.reason).toMatch(new RegExp(`^No active customers with segment = ${r.cut} at the as-of date in the period \\(`));
      else expect(r.value).toBe(0.5);
    }
  });

  it("gets a configurable band, written to the manifest", () => {
    expect(read("manifest.json").bands).toContainEqual({figure: "half_active", segment: null, low: 0.4, high: 0.6});
  });

  it("is on the Definitions page with its band in force and its status words", () => {
    const page = definitionsMarkdown(read("manifest.json").bands);
    expect(page).toContain('<section class="card definition" id="half_active">');
    expect(page).toContain("<h2>Half of the active customers</h2>");
    expect(page).toContain("40–60% of customers — in force for this report: all segments: 40.0%–60.0%");
    expect(page).toContain("below the band reads “behind benchmark”");
  });

  it("is in the data-file reference: its kpis.json object and the figure enum", () => {
    const reference = renderDataFiles();
    expect(reference).toContain("| `kpis.half_active` | object | no | Half of the active customers, a figure added by a test. |");
    expect(reference).toContain("| `kpis.half_active.numerator` | number | no |");
    expect(reference).toMatch(/\| `figure` \| one of [^|]*`half_active`/);
  });
});
