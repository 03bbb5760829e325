/**
 * `npm run pdf`: the board pack of the built report, written to dist/report.pdf.
 * Exit codes as for refresh: 0 written, 1 a page could not be printed,
 * 3 fix the setup (usage, no built site, no pipeline output, no Chromium).
 */
import {resolve} from "node:path";
import {parseArgs} from "node:util";
import {BoardPackSetupError, makeBoardPack} from "./board-pack.js";
import type {Paper} from "./print-pages.js";

export const PDF_HELP = `Usage: npm run pdf -- [options]

Prints the built report's board pack to a PDF: a cover sheet (as-of date,
period, contents, data-quality counts and SHA-256 of each export file), then
the Overview, Retention (when the report has it), the trend of each headline
figure, White space, Priority matrix and Concentration, each on landscape
sheets with the as-of date and refresh time at the foot of every page.
Build the report first (npm run build, or npm run refresh); npm run refresh
-- --pdf does both. Needs a Chromium: Debian's \`chromium\` package, or
CHROMIUM_PATH=/path/to/chrome.

Options:
  --dir DIR       the built site. Default: dist
  --data DIR      the pipeline output it was built from. Default: $CROSSSELL_DATA_DIR, else .pipeline/out
  --out FILE      the PDF to write. Default: report.pdf in the site folder
  --paper SIZE    a4 or letter. Default: a4
  --quiet         print only errors
  --help          this text`;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  try {
    ({values} = parseArgs({
      args: argv,
      options: {dir: {type: "string"}, data: {type: "string"}, out: {type: "string"}, paper: {type: "string"}, quiet: {type: "boolean"}, help: {type: "boolean"}},
      strict: true,
      allowPositionals: false
    }));
  } catch (e) {
    console.error(`pdf: ${(e as Error).message}\n\n${PDF_HELP}`);
    return 3;
  }
  if (values.help) {
    console.log(PDF_HELP);
    return 0;
  }
  const paper = (values.paper ?? "a4").toLowerCase();
  if (paper !== "a4" && paper !== "letter") {
    console.error(`pdf: --paper must be a4 or letter (got "${values.paper}")`);
    return 3;
  }
  const siteDir = resolve(values.dir ?? "dist");
  const started = Date.now();
  try {
    const pack = await makeBoardPack({
      siteDir,
      dataDir: resolve(values.data ?? env.CROSSSELL_DATA_DIR ?? ".pipeline/out"),
      out: values.out ? resolve(values.out) : undefined,
      paper: (paper === "a4" ? "A4" : "Letter") as Paper,
      log: values.quiet ? undefined : (m) => console.error(`pdf: ${m}`)
    });
    if (!values.quiet) console.error(`pdf: wrote ${pack.path} (${pack.pages} pages) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(`pdf: ${(error as Error).message}`);
    return error instanceof BoardPackSetupError ? 3 : 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
