/**
 * Header checks: before anything is computed, every export must have its
 * required columns. The check is a zod schema per file (required columns are
 * required keys, optional columns optional keys, extra columns pass through),
 * and a failure becomes ONE message naming the file, the missing column(s), the
 * columns found and, when a found column looks like a misspelling, the closest
 * match.
 */
import {z} from "zod";
import type {ExportSpec} from "./files.js";
import {openExportStream} from "./scan.js";
import {levenshtein} from "../../text/levenshtein.js";
import {describePositions, duplicateNames} from "../../text/header-names.js";

/** The zod schema of a file's header, seen as an object {column: true}. */
export function headerSchema(spec: ExportSpec) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const c of spec.requiredColumns) shape[c] = z.literal(true);
  for (const c of spec.optionalColumns) shape[c] = z.literal(true).optional();
  return z.object(shape).passthrough();
}

export class HeaderError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly missing: string[]
  ) {
    super(message);
    this.name = "HeaderError";
  }
}

/** Throws a HeaderError when a required column is missing. `file` is the name shown to the user. */
export function checkHeader(spec: ExportSpec, file: string, columns: string[]): void {
  const asObject = Object.fromEntries(columns.map((c) => [c, true as const]));
  const result = headerSchema(spec).safeParse(asObject);
  if (result.success) return;
  const missing = result.error.issues.map((i) => String(i.path[0]));
  const canonical = new Set([...spec.requiredColumns, ...spec.optionalColumns]);
  const candidates = columns.filter((c) => !canonical.has(c));
  const parts = missing.map((m) => {
    const match = closestMatch(m, candidates);
    return `"${m}"` + (match ? ` (found "${match}": is it misspelled?)` : "");
  });
  const found = columns.length ? columns.map((c) => `"${c}"`).join(", ") : "none";
  throw new HeaderError(
    `${file}: required column${missing.length > 1 ? "s" : ""} ${parts.join(", ")} missing. ` +
      `Columns found: ${found}. Rename the column in the export (names are case-sensitive) or map it with a preset.`,
    file,
    missing
  );
}

/**
 * Throws a HeaderError when a column the run reads (a canonical column, or a source column
 * of a mapped file) is written twice in the header, case aside: which of the two holds the
 * data cannot be told, and taking the first would silently drop the other. Other repeated
 * names are columns the run ignores anyway. `columns` are the names as written.
 */
export function checkDuplicateColumns(spec: ExportSpec, file: string, columns: string[], extraRead: readonly string[] = []): void {
  const read = new Set([...spec.requiredColumns, ...spec.optionalColumns, ...extraRead].map((c) => c.toLowerCase()));
  const repeated = duplicateNames(columns).filter((d) => read.has(d.name.toLowerCase()));
  if (!repeated.length) return;
  const parts = repeated.map((d) => {
    const spellings = [...new Set(d.positions.map((p) => columns[p - 1].trim()))];
    return (
      `column "${d.name}" appears ${d.positions.length === 2 ? "twice" : `${d.positions.length} times`}, as ${describePositions(d.positions)}` +
      (spellings.length > 1 ? ` (written ${spellings.map((s) => `"${s}"`).join(", ")})` : "")
    );
  });
  throw new HeaderError(
    `${file}: ${parts.join("; ")}. Delete or rename the extra column${repeated.length > 1 || repeated[0].positions.length > 2 ? "s" : ""} ` +
      `in the export, so that it is clear which one holds the data.`,
    file,
    []
  );
}

/** Normalises case and separators so that "Account ID" and "account-id" both read as "account_id". */
function normalise(s: string): string {
  return s.trim().toLowerCase().replace(/[\s\-.]+/g, "_");
}

/**
 * The found column that most likely meant `wanted`: equal after normalising case and
 * separators, else within an edit distance of a third of the name (at least 2).
 */
export function closestMatch(wanted: string, found: string[]): string | null {
  const target = normalise(wanted);
  let best: {column: string; distance: number} | null = null;
  for (const column of found) {
    const distance = levenshtein(target, normalise(column));
    if (distance <= Math.max(2, Math.floor(target.length / 3)) && (!best || distance < best.distance)) {
      best = {column, distance};
    }
  }
  return best?.column ?? null;
}

/**
 * Reads the header record of a CSV (optionally gzipped): the first record,
 * honouring a UTF-8 BOM, quotes (with embedded commas/newlines) and CRLF.
 * Reads only as many bytes as the header needs.
 */
export async function readCsvHeader(path: string): Promise<string[]> {
  const stream = openExportStream(path, 64 * 1024);
  let text = "";
  try {
    for await (const chunk of stream) {
      text += (chunk as Buffer).toString("utf8");
      const parsed = parseFirstRecord(text);
      if (parsed) return parsed;
      if (text.length > 1024 * 1024) break;
    }
  } finally {
    stream.destroy();
  }
  return parseFirstRecord(text, true) ?? [];
}

/** Parses the first CSV record of `text`; null when more text is needed (unless atEnd). */
export function parseFirstRecord(text: string, atEnd = false): string[] | null {
  const s = text.replace(/^\uFEFF/, "");
  const fields: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (inQuotes) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      fields.push(field);
      return fields;
    } else field += ch;
  }
  if (!atEnd) return null;
  if (s.length === 0) return [];
  fields.push(field);
  return fields;
}
