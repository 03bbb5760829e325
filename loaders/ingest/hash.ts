import {createHash} from "node:crypto";
import {createReadStream} from "node:fs";
import {createGunzip} from "node:zlib";

/**
 * Marks work started alongside DuckDB's read of the same file (hashing, the blank-line scan),
 * which is awaited only once that read succeeded. When the read fails first the promise is
 * left behind, and its own failure then (the file deleted, a truncated .gz) must not become
 * an unhandled rejection, which ends the process (the dev server, a test run) after the
 * pipeline already reported the read's error. Awaiting the returned promise still throws.
 */
export function alongside<T>(work: Promise<T>): Promise<T> {
  work.catch(() => {});
  return work;
}

/** sha256 of a file's bytes, streamed (exports can be large). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, {highWaterMark: 1 << 20})) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Physical line numbers (header = 1) of the empty lines of a CSV (optionally
 * gzipped): DuckDB's reader skips them without
 * counting them in its record numbers, so every later row's line number must be shifted. An empty
 * line is "\n\n" or "\n\r\n" outside quotes; most files have none, so the first
 * pass only looks for those bytes, and lines are counted (a second pass,
 * following quotes) only when one was found.
 */
export interface BlankLine {
  /** Physical line (header = 1). */
  line: number;
  /** The line as DuckDB counts in its reject reports: newlines inside quoted fields not counted. */
  recordLine: number;
}

export async function findBlankLines(path: string): Promise<BlankLine[]> {
  const offsets: number[] = [];
  let position = 0;
  let tail: Buffer = Buffer.alloc(0);
  for await (const chunk of openExportStream(path)) {
    const buffer = tail.length ? Buffer.concat([tail, chunk as Buffer]) : (chunk as Buffer);
    const base = position - tail.length;
    for (const pattern of BLANK_PATTERNS) {
      for (let i = buffer.indexOf(pattern); i !== -1; i = buffer.indexOf(pattern, i + 1)) {
        // a match lying wholly in the carried tail was found with the previous chunk
        if (i + pattern.length > tail.length) offsets.push(base + i);
      }
    }
    position += (chunk as Buffer).length;
    tail = buffer.subarray(Math.max(0, buffer.length - 2));
  }
  if (!offsets.length) return [];
  // Second pass, only when a candidate was found: count lines, following quotes so that
  // an empty line inside a quoted field (part of a value) is not taken for a skipped one.
  const lines: BlankLine[] = [];
  let line = 1;
  let quotedNewlines = 0;
  let inQuotes = false;
  let previous = -1; // last byte, "\r" skipped
  let lineEmpty = false;
  for await (const chunk of openExportStream(path)) {
    const buffer = chunk as Buffer;
    for (let i = 0; i < buffer.length; i++) {
      const byte = buffer[i];
      if (byte === 0x22) inQuotes = !inQuotes;
      else if (byte === 0x0a) {
        if (!inQuotes && lineEmpty && previous === 0x0a) lines.push({line, recordLine: line - quotedNewlines});
        if (inQuotes) quotedNewlines++;
        line++;
        lineEmpty = true;
      } else if (byte !== 0x0d) lineEmpty = false;
      if (byte !== 0x0d) previous = byte;
    }
  }
  return lines;
}

/**
 * True when the file (optionally gzipped) has a double quote anywhere. Without
 * one no field can hold a newline (in a CSV a record only spans lines inside
 * quotes), so a reader need not look for embedded newlines at all. Stops at
 * the first quote: files that quote anything usually do so on their first lines.
 */
export async function hasQuote(path: string): Promise<boolean> {
  const stream = openExportStream(path);
  try {
    for await (const chunk of stream) if ((chunk as Buffer).indexOf(0x22) !== -1) return true;
    return false;
  } finally {
    stream.destroy();
  }
}

const BLANK_PATTERNS = [Buffer.from("\n\n"), Buffer.from("\n\r\n")];

/** A CSV export's bytes, gunzipped when it ends in .gz; destroying the stream closes the file. */
export function openExportStream(path: string, highWaterMark = 1 << 20) {
  const raw = createReadStream(path, {highWaterMark});
  if (!path.endsWith(".gz")) return raw;
  // pipe() does not pass the file's own errors on: forwarded, they reach the reader
  // instead of being an uncaught 'error' event that ends the process.
  const gunzip = createGunzip();
  raw.on("error", (error) => gunzip.destroy(error));
  gunzip.on("close", () => raw.destroy());
  return raw.pipe(gunzip);
}

function countNewlines(buffer: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = buffer.indexOf(10, from); i !== -1 && i < to; i = buffer.indexOf(10, i + 1)) n++;
  return n;
}
