/**
 * Loading a data file on a page: validate it with its schema, then guard it.
 *
 *   import {loadData} from "./lib/load.js";
 *   const accounts = await loadData(FileAttachment("data/accounts.json"), "accounts");
 *
 * Validation catches a data file whose columns drifted from the schema (named
 * file and path); the guard catches page code that reads a column the file
 * does not have (named page, file and column).
 */
import {OUTPUT_FILES, type OutputName} from "../schemas/index.js";
import {guard} from "./guard.js";

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

/** Parses `raw` with the schema of output `name`, then guards it for `page`. */
export function checkData<N extends OutputName>(raw: unknown, name: N, page = currentPage()) {
  const {file, schema} = OUTPUT_FILES[name];
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const message =
      `Page ${page}: data file ${file} does not match its schema at ` +
      `${issue.path.join(".") || "(root)"}: ${issue.message}`;
    console.error(message);
    throw new DataFileError(message);
  }
  return guard(result.data, schema, {page, file});
}

export async function loadData<N extends OutputName>(attachment: Attachment, name: N) {
  return checkData(await attachment.json(), name);
}
