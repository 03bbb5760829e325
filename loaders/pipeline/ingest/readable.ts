/**
 * Whatever goes wrong with an export file stops the run with a message naming
 * the file (exit 2), never a stack trace: its encoding and header are checked
 * before anything is read, a read DuckDB's strict CSV reader refuses for line
 * ends mixed CRLF/LF is done again from a copy with LF line ends (the same
 * lines, so the same line numbers), and any other failure to read the file
 * (a cut-off .gz, a damaged parquet) is reported as a problem of that file.
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {detectForeignEncoding, encodingMessage, readHead} from "./encoding.js";
import {InputError} from "./errors.js";
import type {ExportSpec, FoundExport} from "./files.js";
import {checkDuplicateColumns, checkHeader, HeaderError} from "./header.js";
import {readHeader, SOURCE_COLUMNS} from "./read.js";
import {gzipProblem, hasMixedLineEnds, normaliseLineEnds} from "./scan.js";
import {uniqueNames} from "../../text/header-names.js";

/** The header of an export once its encoding and columns were checked: unique names, as read_csv is given them. */
export async function checkedHeader(conn: DuckDBConnection, spec: ExportSpec, found: FoundExport): Promise<string[]> {
  try {
    if (found.format === "csv") {
      const {head, atEnd} = await readHead(found.absolutePath);
      const foreign = detectForeignEncoding(head, atEnd);
      if (foreign) throw new InputError(encodingMessage(found.relativePath, foreign));
    }
    const written = await readHeader(conn, found);
    checkDuplicateColumns(spec, found.relativePath, written, SOURCE_COLUMNS);
    const header = uniqueNames(written);
    checkHeader(spec, found.relativePath, header);
    return header;
  } catch (e) {
    throw fileError(found, e);
  }
}

/** Copies of exports read with LF line ends, made on demand and removed by `remove`. */
export class LineEndCopies {
  private dir: string | null = null;

  async make(found: FoundExport): Promise<FoundExport> {
    this.dir ??= mkdtempSync(join(tmpdir(), "crosssell-lf-"));
    const copy = join(this.dir, `${found.name}.csv`);
    await normaliseLineEnds(found.absolutePath, copy);
    return {...found, absolutePath: copy};
  }

  remove(): void {
    if (this.dir) rmSync(this.dir, {recursive: true, force: true});
    this.dir = null;
  }
}

/**
 * Runs `read` on an export. When DuckDB refuses a CSV whose line ends are mixed, `read` runs
 * again on a copy with LF line ends (`onCopy` is told); any error reading the file becomes an
 * InputError naming it. `read` must start afresh each time it is called.
 */
export async function readSafely<T>(
  found: FoundExport,
  copies: LineEndCopies,
  read: (f: FoundExport) => Promise<T>,
  onCopy: () => void = () => {}
): Promise<T> {
  try {
    return await read(found);
  } catch (e) {
    if (found.format !== "csv" || !/state machine reached an invalid state/i.test(String((e as Error)?.message))) throw fileError(found, e);
    let mixed: boolean;
    try {
      mixed = await hasMixedLineEnds(found.absolutePath);
    } catch (scanError) {
      throw fileError(found, scanError);
    }
    if (!mixed) {
      throw new InputError(
        `${found.relativePath} could not be read: DuckDB's CSV reader stopped ("the CSV parser state machine reached an invalid state"), ` +
          `which a carriage return (CR) on its own outside double quotes causes. Save the file again with LF or CRLF line ends, ` +
          `or put values that hold line breaks in double quotes.`
      );
    }
    const copy = await copies.make(found);
    onCopy();
    try {
      return await read(copy);
    } catch (again) {
      throw fileError(found, again, copy.absolutePath);
    }
  }
}

/**
 * `e` as the InputError of the export `found` when it is a problem of the file (its encoding,
 * header, gzip stream, or DuckDB failing on it: DuckDB names the file it failed on); else `e`.
 */
export function fileError(found: FoundExport, e: unknown, copyPath?: string): unknown {
  if (e instanceof InputError) return e;
  if (e instanceof HeaderError) return new InputError(e.message);
  const gzip = gzipProblem(e);
  if (gzip) return new InputError(`${found.relativePath}: ${gzip}.`);
  const message = String((e as Error)?.message ?? e);
  const paths = [found.absolutePath, copyPath].filter((p): p is string => !!p);
  if (paths.some((p) => message.includes(p))) {
    // DuckDB's first line is the reason; its own hints (strict_mode, ignore_errors) are no advice to a user.
    const reason = message
      .replace(/^SQL model \S+ failed: /, "")
      .split("\n")[0]
      .replaceAll(copyPath ?? "\0", found.relativePath)
      .replaceAll(found.absolutePath, found.relativePath)
      .replace(/\.$/, "");
    return new InputError(
      `${found.relativePath} could not be read: ${reason}. Check that it is a complete, ` +
        `${found.format === "csv" ? "comma-separated UTF-8 text file (as data-contract.md describes)" : "valid parquet file"}, ` +
        `or export it again.`
    );
  }
  return e;
}
