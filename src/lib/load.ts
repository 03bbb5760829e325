/**
 * Loading a data file on a page: decode it, check it against its schema, then guard it.
 *
 *   import {loadData} from "./lib/load.js";
 *   const accounts = await loadData(FileAttachment("data/accounts.json"), "accounts");
 *
 * The site's files store row arrays column by column (table-codec.ts); they are
 * decoded back into rows first. The shape check (columns and value types, on a
 * sample of the rows of a long array: the pipeline validated every row with the
 * schemas) catches a data file whose columns drifted from the schemas (named file
 * and path); the guard catches page code that reads a column the file does not
 * have (named page, file and column). Both use the shapes generated from the
 * schemas (data-shapes.ts), not zod: only types are imported from the schemas,
 * so zod is not among a page's scripts.
 */
import type {OUTPUT_FILES, OutputName} from "../schemas/index.js";
import {checkShape, guard} from "./guard.js";
import {decodeTables} from "./table-codec.js";
import type {SITE_FILES, SiteFileName} from "./site-files.js";
import {DATA_SHAPES} from "./data-shapes.js";

interface Attachment {
  name: string;
  json(): Promise<unknown>;
}

export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataFileError";
  }
}

function currentPage(): string {
  return typeof location === "undefined" ? "(no page)" : location.pathname;
}

type Loaded<N extends DataName> = N extends OutputName
  ? import("zod").infer<(typeof OUTPUT_FILES)[N]["schema"]>
  : N extends SiteFileName
    ? import("zod").infer<(typeof SITE_FILES)[N]["schema"]>
    : never;

/** A pipeline output (src/schemas) or a file the site's loaders derive from one (site-files.ts). */
export type DataName = OutputName | SiteFileName;

/** Decodes `raw`, checks it (on a sample of long arrays) against the shape of `name`, then guards it for `page`. */
export function checkData<N extends DataName>(raw: unknown, name: N, page = currentPage()): Loaded<N> {
  if (!Object.hasOwn(DATA_SHAPES, name)) throw new DataFileError(`Unknown data file name "${name}"`);
  const {file, shape} = DATA_SHAPES[name];
  const data = decodeTables(raw);
  const issue = checkShape(data, shape);
  if (issue) {
    const message =
      `Page ${page}: data file ${file} does not match its schema at ` +
      `${issue.path.join(".") || "(root)"}: ${issue.message}`;
    console.error(message);
    throw new DataFileError(message);
  }
  return guard(data, shape, {page, file}) as Loaded<N>;
}

export async function loadData<N extends DataName>(attachment: Attachment, name: N): Promise<Loaded<N>> {
  return checkData(await attachment.json(), name);
}
