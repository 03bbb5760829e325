/**
 * Writes docs/data-files.md from the zod schemas (`npx tsx loaders/docs/cli.ts`),
 * or with `--check` exits 1 when the committed file is out of date.
 */
import {readFileSync, writeFileSync} from "node:fs";
import {resolve} from "node:path";
import {renderDataFiles, undescribedColumns} from "./data-files.js";

export const DATA_FILES_DOC = resolve(import.meta.dirname, "../../docs/data-files.md");

function main(args: string[]): number {
  if (args.includes("--help")) {
    console.log("usage: tsx loaders/docs/cli.ts [--check]\n  writes docs/data-files.md from src/schemas; --check only verifies it is current");
    return 0;
  }
  const missing = undescribedColumns();
  if (missing.length) {
    console.error(`These columns have no description (add .describe() in the schema or an entry in loaders/docs/descriptions.ts):\n  ${missing.join("\n  ")}`);
    return 1;
  }
  const fresh = renderDataFiles();
  if (args.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(DATA_FILES_DOC, "utf8");
    } catch {
      // a missing file is simply out of date
    }
    if (current !== fresh) {
      console.error("docs/data-files.md is out of date: run `npx tsx loaders/docs/cli.ts`.");
      return 1;
    }
    return 0;
  }
  writeFileSync(DATA_FILES_DOC, fresh);
  console.error(`wrote ${DATA_FILES_DOC}`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main(process.argv.slice(2)));
