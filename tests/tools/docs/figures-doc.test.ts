// docs/figures.md is the catalog of figures written out: it must be the fresh generation
// (npm run docs) and give every figure of the catalog its own section and anchor.
import {readFileSync} from "node:fs";
import {resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {FIGURES_DOC} from "../../../loaders/tools/docs/cli.js";
import {renderFiguresDoc} from "../../../loaders/tools/docs/figures.js";
import {FIGURE_LIST} from "../../../src/catalog/index.js";

const committed = readFileSync(resolve(FIGURES_DOC), "utf8");

describe("docs/figures.md", () => {
  it("is the fresh generation from the catalog (run `npm run docs` when it is not)", () => {
    expect(committed).toBe(renderFiguresDoc());
  });

  it("has a section with an anchor, the definition and the band for every figure of the catalog", () => {
    for (const f of FIGURE_LIST) {
      expect(committed, f.id).toContain(`<a id="${f.id}"></a>`);
      expect(committed, f.id).toContain(`## ${f.label}`);
      expect(committed, f.id).toContain(f.definition);
      if (f.band) expect(committed, f.id).toContain(f.band.text);
    }
  });

  it("writes a band in the figure's unit: a share as a percentage, time to cross-sell in months", () => {
    expect(committed).toContain("Default band: 15% to 30%");
    expect(committed).toContain("Default band: 6 months to 12 months");
    expect(committed).toMatch(/Net revenue retention[\s\S]*Default band: 100% to 110%/);
  });
});
