/**
 * Passes over a CSV's bytes (decompressed when gzipped) that DuckDB's reader
 * does not give: the physical lines of the empty lines it skips, whether the
 * file holds a byte that may start Unicode white space or a control character
 * (so the staging models look for them only in files that have one), a space
 * at either end of a value (trimmed only then) or a quote (newlines in fields looked for only then), whether
 * its gzip stream is complete (DuckDB reads a cut-off .gz as if it ended
 * there), and line ends mixed CRLF/LF (which its strict reader refuses):
 * such a file is read from a copy with LF line ends, same lines.
 */
import type {Hash} from "node:crypto";
import {createReadStream, createWriteStream} from "node:fs";
import {pipeline} from "node:stream/promises";
import {Transform} from "node:stream";
import {createGunzip} from "node:zlib";

export interface BlankLine {
  /** Physical line (header = 1). */
  line: number;
  /** The line as DuckDB counts in its reject reports: newlines inside quoted fields not counted. */
  recordLine: number;
}

export interface CsvScan {
  /** The empty lines outside quoted fields, which DuckDB skips without counting them. */
  blankLines: BlankLine[];
  /**
   * The file has a byte that may be (or start) a control character or Unicode white space:
   * C0 controls but CR/LF, DEL, and the lead bytes of U+0080-U+00BF, U+1680-U+18FF,
   * U+2000-U+2FFF, U+3000-U+3FFF and U+F000-U+FFFF (a UTF-8 byte order mark aside).
   */
  unusualBytes: boolean;
}

const BLANK_PATTERNS = [Buffer.from("\n\n"), Buffer.from("\n\r\n")];
const LF_BLANK_PATTERNS = BLANK_PATTERNS.slice(0, 1);
const UNUSUAL_BYTES = [
  ...Array.from({length: 32}, (_, b) => b).filter((b) => b !== 0x0a && b !== 0x0d),
  0x7f,
  0xc2,
  0xe1,
  0xe2,
  0xe3,
  0xef
];

/**
 * Scans a CSV for empty lines and unusual bytes: a first quick pass, and a second one counting
 * lines only when an empty line may be there (most files have none). Throws the stream's error
 * for a broken .gz (see gzipProblem).
 */
export async function scanCsv(path: string): Promise<CsvScan> {
  const {mayHaveBlankLines, unusualBytes} = await scanBytes(path);
  return {blankLines: mayHaveBlankLines ? await findBlankLines(path) : [], unusualBytes};
}

/** What the quick pass over a file's bytes finds. */
export interface ByteScan {
  mayHaveBlankLines: boolean;
  /** See CsvScan.unusualBytes. */
  unusualBytes: boolean;
  /**
   * The file has a space (0x20) at the start or end of the file, or next to a delimiter, a line end or a
   * quote: the only places where a value can start or end with one. Without such a space no value has
   * spaces to trim (the staging models' trim_spaces); spaces inside values ("Emma Schulz") do not count.
   */
  spaces: boolean;
  /**
   * The file has a double quote. Without one no field can hold a newline (in a CSV a record only
   * spans lines inside quotes), so a reader need not look for embedded newlines at all.
   */
  quoted: boolean;
}

/** Bytes a value can start after or end before: delimiter, line ends, quote. */
const VALUE_EDGE = new Uint8Array(256);
for (const b of [0x2c, 0x0a, 0x0d, 0x22]) VALUE_EDGE[b] = 1;

/**
 * Whether a space of `buffer` (starting at file offset `base`) may start or end a value: at the
 * file's start, or next to a VALUE_EDGE byte. A space in the last byte is left for the next buffer
 * (which starts with it, scanBytes' tail) or the file's end; each space is a memchr, and values with
 * spaces inside them (names) are a few per line at most.
 */
function hasEdgeSpace(buffer: Buffer, base: number): boolean {
  for (let i = buffer.indexOf(0x20); i !== -1; i = buffer.indexOf(0x20, i + 1)) {
    if (base + i === 0 || (i > 0 && VALUE_EDGE[buffer[i - 1]]) || (i + 1 < buffer.length && VALUE_EDGE[buffer[i + 1]])) return true;
  }
  return false;
}

/**
 * The quick pass: byte searches only (memchr speed), whether there may be an empty line, unusual bytes, a space at a
 * value's end. `hash`, for a plain file only (a .gz is scanned decompressed), is updated with every byte: the file's
 * hash from the same read (a read of a benchmark's invoice lines costs about 0.2 s of CPU).
 */
export async function scanBytes(path: string, hash?: Hash): Promise<ByteScan> {
  if (hash && path.endsWith(".gz")) throw new Error(`Internal error: ${path} is scanned decompressed, its bytes cannot be hashed by the scan.`);
  const candidates: number[] = [];
  let unusual: number[] = UNUSUAL_BYTES;
  let spaces = false;
  let quoted = false;
  let position = 0;
  let tail: Buffer = Buffer.alloc(0);
  for await (const chunk of openExportStream(path)) {
    hash?.update(chunk as Buffer);
    const buffer = tail.length ? Buffer.concat([tail, chunk as Buffer]) : (chunk as Buffer);
    const base = position - tail.length;
    if (!candidates.length) {
      // "\n\r\n" only where there is a CR (one memchr): a pattern search stops at every line end
      for (const pattern of buffer.indexOf(0x0d) === -1 ? LF_BLANK_PATTERNS : BLANK_PATTERNS) {
        for (let i = buffer.indexOf(pattern); i !== -1; i = buffer.indexOf(pattern, i + 1)) {
          // a match lying wholly in the carried tail was found with the previous chunk
          if (i + pattern.length > tail.length) candidates.push(base + i);
        }
      }
    }
    if (unusual.length) {
      // the UTF-8 byte order mark (EF BB BF) at the very start is no white space inside a value
      const from = position === 0 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
      if (unusual.some((b) => buffer.indexOf(b, from) !== -1)) unusual = [];
    }
    if (!spaces) spaces = hasEdgeSpace(buffer, base);
    if (!quoted) quoted = buffer.indexOf(0x22) !== -1;
    position += (chunk as Buffer).length;
    tail = buffer.subarray(Math.max(0, buffer.length - 2));
  }
  // a space as the file's last byte ends the last value
  if (!spaces && tail.length && tail[tail.length - 1] === 0x20) spaces = true;
  return {mayHaveBlankLines: candidates.length > 0, unusualBytes: unusual.length === 0, spaces, quoted};
}

/**
 * Quote states as DuckDB's strict reader has them: a quote opens a quoted field only at the
 * start of a field (elsewhere it is a plain character); inside one, "" is a quote and a single "
 * closes it; anything but a delimiter or a line end after the closing quote makes the record
 * malformed, and the reader resumes after the next line end.
 */
const Quote = {FieldStart: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3, Malformed: 4} as const;

/** Physical lines of the empty lines outside quoted fields (the second pass). */
export async function findBlankLines(path: string): Promise<BlankLine[]> {
  const lines: BlankLine[] = [];
  let line = 1;
  let quotedNewlines = 0;
  let state: number = Quote.FieldStart;
  let lineEmpty = false;
  let previous = -1; // last byte, "\r" skipped
  for await (const chunk of openExportStream(path)) {
    const buffer = chunk as Buffer;
    for (let i = 0; i < buffer.length; i++) {
      const byte = buffer[i];
      if (byte === 0x0a) {
        if (state === Quote.Quoted) quotedNewlines++;
        else {
          if (lineEmpty && previous === 0x0a) lines.push({line, recordLine: line - quotedNewlines});
          state = Quote.FieldStart;
        }
        line++;
        lineEmpty = true;
        previous = byte;
        continue;
      }
      if (byte === 0x0d) continue;
      lineEmpty = false;
      previous = byte;
      switch (state) {
        case Quote.FieldStart:
          state = byte === 0x22 ? Quote.Quoted : byte === 0x2c ? Quote.FieldStart : Quote.Unquoted;
          break;
        case Quote.Unquoted:
          if (byte === 0x2c) state = Quote.FieldStart;
          break;
        case Quote.Quoted:
          if (byte === 0x22) state = Quote.QuoteInQuoted;
          break;
        case Quote.QuoteInQuoted:
          state = byte === 0x22 ? Quote.Quoted : byte === 0x2c ? Quote.FieldStart : Quote.Malformed;
          break;
        case Quote.Malformed:
          break;
      }
    }
  }
  return lines;
}

/** True when the file has both CRLF and bare LF line ends. */
export async function hasMixedLineEnds(path: string): Promise<boolean> {
  let crlf = false;
  let lf = false;
  let lastWasCR = false;
  for await (const chunk of openExportStream(path)) {
    const buffer = chunk as Buffer;
    for (let i = buffer.indexOf(0x0a); i !== -1; i = buffer.indexOf(0x0a, i + 1)) {
      const cr = i > 0 ? buffer[i - 1] === 0x0d : lastWasCR;
      if (cr) crlf = true;
      else lf = true;
      if (crlf && lf) return true;
    }
    lastWasCR = buffer[buffer.length - 1] === 0x0d;
  }
  return false;
}

/** Writes `path` (optionally gzipped) to `to` uncompressed, every CRLF turned into LF: the same lines. */
export async function normaliseLineEnds(path: string, to: string): Promise<void> {
  let pendingCR = false;
  const strip = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let buffer = pendingCR ? Buffer.concat([Buffer.from([0x0d]), chunk]) : chunk;
      pendingCR = buffer[buffer.length - 1] === 0x0d;
      if (pendingCR) buffer = buffer.subarray(0, buffer.length - 1);
      const parts: Buffer[] = [];
      let from = 0;
      for (let i = buffer.indexOf("\r\n"); i !== -1; i = buffer.indexOf("\r\n", i + 2)) {
        parts.push(buffer.subarray(from, i));
        from = i + 1;
      }
      parts.push(buffer.subarray(from));
      done(null, Buffer.concat(parts));
    },
    flush(done) {
      done(null, pendingCR ? Buffer.from([0x0d]) : Buffer.alloc(0));
    }
  });
  const raw = createReadStream(path, {highWaterMark: 1 << 20});
  await (path.endsWith(".gz") ? pipeline(raw, createGunzip(), strip, createWriteStream(to)) : pipeline(raw, strip, createWriteStream(to)));
}

/**
 * A CSV export's bytes, gunzipped when it ends in .gz: the one stream every reader of an
 * export's bytes uses (header, encoding, scans). Destroying the stream closes the file.
 */
export function openExportStream(path: string, highWaterMark = 1 << 20) {
  const raw = createReadStream(path, {highWaterMark});
  if (!path.endsWith(".gz")) return raw;
  // pipe() does not pass the file's own errors on: forwarded, they reach the reader
  // instead of being an uncaught 'error' event that ends the process (or a gunzip stream
  // left waiting); the gunzip stream closing (done, failed or destroyed) closes the file.
  const gunzip = createGunzip();
  raw.on("error", (error) => gunzip.destroy(error));
  gunzip.on("close", () => raw.destroy());
  return raw.pipe(gunzip);
}

/** The reason a .gz cannot be read, for a message, or null when `e` is no gzip problem. */
export function gzipProblem(e: unknown): string | null {
  const code = (e as {code?: string})?.code;
  if (code === "Z_BUF_ERROR" || /unexpected end of file/i.test(String((e as Error)?.message))) {
    return "the gzip file is cut off (it ends before its compressed data does): it was probably not copied or downloaded completely; copy or export it again";
  }
  if (code === "Z_DATA_ERROR" || code === "Z_STREAM_ERROR") {
    return `the file is not a valid gzip file (${(e as Error).message}): export it again, or remove the .gz suffix if it is a plain CSV`;
  }
  return null;
}
