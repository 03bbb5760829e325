/**
 * The Definitions page as Markdown, generated at build time from the figure
 * table (src/lib/figures.ts) and the bands in force (manifest.json), so that
 * every figure has a static anchor (#<figure id>) the other pages link to.
 */
import {FIGURES, bandText, statusWords} from "../../src/lib/figures.js";
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
  for (const f of Object.values(FIGURES)) {
    const inForce = bands
      .filter((b) => b.figure === f.id)
      .map((b) => `${b.segment ?? "all segments"}: ${bandText(f.id, b.low, b.high)}`)
      .join("; ");
    out.push(`<section class="card definition" id="${f.id}">`, "", `<h2>${escape(f.label)}</h2>`, "", `<p>${escape(f.definition)}</p>`);
    if (f.band) {
      out.push(`<p><strong>Benchmark band:</strong> ${escape(f.band)}${inForce ? ` — in force for this report: ${escape(inForce)}` : ""}.</p>`);
      const above = f.id === "full_suite_rate" ? "" : `, above “${statusWords(f.id, "above")}”`;
      out.push(`<p><strong>Status:</strong> below the band reads “${statusWords(f.id, "below")}”, inside “${statusWords(f.id, "within")}”${above}.</p>`);
    }
    out.push("", "</section>", "");
  }
  return out.join("\n");
}
