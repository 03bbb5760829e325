/**
 * What the board pack holds, in order: one section per report page (a page
 * that runs over several sheets stays one section), each starting on a new
 * sheet. Trends is printed once per headline figure, at quarter ends. Retention is included
 * only in reports that have that page.
 */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {FIGURES, HEADLINE} from "../../../src/lib/figures.js";

export interface Section {
  title: string;
  /** The page's path on the site, e.g. "/white-space". */
  path: string;
  /** Options to choose in the page's controls before printing, by control label → option text. */
  choose?: Record<string, string>;
  /** Added to the address (a page that reads its view from the URL shows it from the start). */
  query?: string;
  /** Parts of the page left out of the pack (a CSS selector). */
  omit?: string;
  /** A built page the section needs (relative to the site folder); left out when absent. */
  needs?: string;
}

export const SECTIONS: Section[] = [
  {title: "Overview", path: "/"},
  {title: "Retention", path: "/retention", needs: "retention.html"},
  // One sheet per figure: its chart at quarter ends (the board's rhythm), without the
  // table of the chart's values (it is on the report's Trends page).
  ...HEADLINE.map((figure) => ({
    title: `Trend: ${FIGURES[figure].label}`,
    path: "/trends",
    query: `figure=${figure}`,
    choose: {Figure: FIGURES[figure].label, Every: "Quarter ends"},
    omit: ".data-table"
  })),
  {title: "White space", path: "/white-space"},
  {title: "Priority matrix", path: "/priority-matrix"},
  {title: "Concentration", path: "/concentration"}
];

/** The sections a built site in `siteDir` can print. */
export function packSections(siteDir: string, sections: Section[] = SECTIONS): Section[] {
  return sections.filter((s) => !s.needs || existsSync(join(siteDir, s.needs)));
}
