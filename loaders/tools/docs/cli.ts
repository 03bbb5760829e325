/**
 * Writes the generated reference pages (`npm run docs`), or with `--check`
 * exits 1 when a committed page is out of date:
 *   docs/data-files.md  from the zod schemas of the output files;
 *   docs/exports.md     its column tables, from the header checks of the exports
 *                       (the prose around them is written by hand);
 *   docs/figures.md     from the catalog of figures (src/catalog/figures.ts).
 */
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {resolve} from "node:path";
import {renderDataFiles, undescribedColumns} from "./data-files.js";
import {exportDocProblems, renderExportsDoc} from "./exports.js";
import {renderFiguresDoc} from "./figures.js";

export const DATA_FILES_DOC = resolve(import.meta.dirname, "../../../docs/data-files.md");
export const EXPORTS_DOC = resolve(import.meta.dirname, "../../../docs/exports.md");
export const FIGURES_DOC = resolve(import.meta.dirname, "../../../docs/figures.md");

interface GeneratedDoc {
  path: string;
  /** What stops generation (a column without a description), one line each. */
  problems(): string[];
  /** The fresh page, given the committed one. */
  render(current: string): string;
}

const DOCS: GeneratedDoc[] = [
  {
    path: DATA_FILES_DOC,
    problems: () => undescribedColumns().map((c) => `${c} has no description (add .describe() in the schema or an entry in loaders/tools/docs/descriptions.ts)`),
    render: () => renderDataFiles()
  },
  {path: EXPORTS_DOC, problems: () => exportDocProblems().map((p) => `${p} (loaders/tools/docs/exports.ts)`), render: renderExportsDoc},
  {path: FIGURES_DOC, problems: () => [], render: () => renderFiguresDoc()}
];

function main(args: string[]): number {
  if (args.includes("--help")) {
    console.log("usage: tsx loaders/tools/docs/cli.ts [--check]\n  writes docs/data-files.md, docs/figures.md and the tables of docs/exports.md; --check only verifies they are current");
    return 0;
  }
  const problems = DOCS.flatMap((d) => d.problems());
  if (problems.length) {
    console.error(`Cannot generate the reference pages:\n  ${problems.join("\n  ")}`);
    return 1;
  }
  let status = 0;
  for (const doc of DOCS) {
    const current = existsSync(doc.path) ? readFileSync(doc.path, "utf8") : "";
    const fresh = doc.render(current);
    if (args.includes("--check")) {
      if (current !== fresh) {
        console.error(`${doc.path} is out of date: run \`npm run docs\`.`);
        status = 1;
      }
    } else if (current !== fresh) {
      writeFileSync(doc.path, fresh);
      console.error(`wrote ${doc.path}`);
    }
  }
  return status;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main(process.argv.slice(2)));
