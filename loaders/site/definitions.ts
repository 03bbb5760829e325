/**
 * The Definitions page as Markdown, generated at build time from the catalog
 * of figures (src/catalog/figures.ts) and the bands in force (manifest.json),
 * so that every figure has a static anchor (#<figure id>) the other pages link to.
 */
import {FIGURE_LIST, statusWordsOf} from "../../src/catalog/index.js";
import {bandText} from "../../src/lib/figures.js";
import {escapeHtml as escape} from "../text/html.js";

export function definitionsMarkdown(bands: {figure: string; segment: string | null; low: number | null; high: number | null}[]): string {
  const out = [
    "---",
    "title: Definitions",
    "---",
    "",
    "# Definitions",
    "",
    "Every figure in the report, its definition and its benchmark band. All amounts are in the reporting currency; the period is the 12 months ending at the as-of date.",
    ""
  ];
  for (const f of FIGURE_LIST) {
    const inForce = bands
      .filter((b) => b.figure === f.id)
      .map((b) => `${b.segment ?? "all segments"}: ${bandText(f.id, b.low, b.high)}`)
      .join("; ");
    out.push(`<section class="card definition" id="${f.id}">`, "", `<h2>${escape(f.label)}</h2>`, "", `<p>${escape(f.definition)}</p>`);
    if (f.band) {
      const words = statusWordsOf(f);
      out.push(`<p><strong>Benchmark band:</strong> ${escape(f.band.text)}${inForce ? ` — in force for this report: ${escape(inForce)}` : ""}.</p>`);
      // A band without an upper edge is never crossed upwards.
      const above = f.band.high === null ? "" : `, above “${words.above}”`;
      out.push(`<p><strong>Status:</strong> below the band reads “${words.below}”, inside “${words.within}”${above}.</p>`);
    }
    out.push("", "</section>", "");
  }
  return out.join("\n");
}
