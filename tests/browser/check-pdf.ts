/**
 * Checks of a printed board pack, read back with poppler's pdfinfo and
 * pdftotext (Debian: poppler-utils): the page count is the cover plus each
 * section's pages, each section starts on the page its cover contents give,
 * with its heading, the cover states the as-of date, period, counts and
 * export hashes, and the pack shows the figures the Overview shows.
 */
import {spawnSync} from "node:child_process";
import type {Manifest} from "../../src/schemas/run.js";
import type {BoardPack} from "../../loaders/site/pdf/board-pack.js";

function poppler(command: string, args: string[]): string {
  const run = spawnSync(command, args, {encoding: "utf8"});
  if (run.error || run.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (install poppler-utils): ${run.error?.message ?? run.stderr}`);
  return run.stdout;
}

export function pdfPages(path: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(poppler("pdfinfo", [path]))?.[1]);
}

/** The text of page `page` (1-based), or of the whole file; runs of white space made one space. */
export function pdfText(path: string, page?: number): string {
  const range = page === undefined ? [] : ["-f", String(page), "-l", String(page)];
  return poppler("pdftotext", [...range, path, "-"]).replace(/\s+/g, " ");
}

/** The heading each section's first sheet shows (the page's h1). */
const HEADINGS: Record<string, RegExp> = {
  "/": /Cross-sell overview/,
  "/trends": /Trends/,
  "/white-space": /White space/,
  "/priority-matrix": /Priority matrix/,
  "/concentration": /concentration/i,
  "/retention": /Retention/
};

export function checkBoardPack(path: string, pack: BoardPack, manifest: Manifest, overviewFigures: string[]): string[] {
  const problems: string[] = [];
  const pages = pdfPages(path);
  const expected = 1 + pack.contents.reduce((n, s) => n + s.pages, 0);
  if (pages !== expected) problems.push(`report.pdf has ${pages} pages, expected ${expected} (the cover and each section's pages)`);
  const sections = ["/", "/trends", "/white-space", "/priority-matrix", "/concentration"];
  for (const s of sections) if (!pack.contents.some((c) => c.path === s)) problems.push(`report.pdf has no section for ${s}`);
  if (pack.contents.filter((c) => c.path === "/trends").length !== 5) problems.push("report.pdf should have one trend section per headline figure (5)");

  const cover = pdfText(path, 1);
  for (const fact of [`Data as of ${manifest.as_of}`, `period ${manifest.period_start} to ${manifest.period_end}`]) {
    if (!cover.includes(fact)) problems.push(`cover: no "${fact}"`);
  }
  for (const f of manifest.files) {
    if (f.sha256 && !cover.replace(/ /g, "").includes(f.sha256)) problems.push(`cover: no SHA-256 of ${f.path}`);
    const counts = [f.rows_read, f.rows_loaded, f.rows_rejected].map((n) => n.toLocaleString("en-US")).join(" ");
    if (f.path && !cover.includes(`${f.path} ${counts}`)) problems.push(`cover: no "${f.path} ${counts}" (rows read, loaded, rejected)`);
  }
  for (const c of pack.contents) {
    if (!cover.includes(`${c.title} ${c.page}`)) problems.push(`cover: contents do not give "${c.title}" on page ${c.page}`);
    const first = pdfText(path, c.page);
    const heading = HEADINGS[c.path];
    if (heading && !heading.test(first)) problems.push(`page ${c.page} (${c.title}) does not start with its heading ${heading}`);
    if (!first.includes(`Data as of`)) problems.push(`page ${c.page} (${c.title}): no as-of date in its header`);
  }
  // The freshness line at the foot of every printed sheet but the cover (which states it in full).
  for (let p = 2; p <= pages; p++) {
    if (!pdfText(path, p).includes(`data as of ${manifest.as_of}`)) problems.push(`page ${p}: no "data as of ${manifest.as_of}" at its foot`);
  }
  const trends = pack.contents.filter((c) => c.path === "/trends").map((c) => pdfText(path, c.page));
  if (new Set(trends).size !== trends.length) problems.push("the trend sections print the same page: the figure was not chosen");

  const overview = pack.contents.find((c) => c.path === "/");
  if (overview) {
    const text = Array.from({length: overview.pages}, (_, i) => pdfText(path, overview.page + i)).join(" ");
    for (const figure of overviewFigures) if (!text.includes(figure)) problems.push(`the Overview's figure "${figure}" is not in the PDF`);
  }
  return problems;
}
