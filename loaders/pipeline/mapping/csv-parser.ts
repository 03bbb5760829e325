/**
 * A streaming CSV parser for foreign exports: any one-character delimiter,
 * quoted fields with doubled quotes and embedded delimiters or newlines, a
 * UTF-8 BOM, and CRLF, LF or CR line ends. Every record carries the PHYSICAL
 * line it starts on (header = line 1), which is what a user sees in an editor,
 * so that the pipeline's rejects can point at the user's own file.
 *
 * It is a state machine fed chunk by chunk, so big files never sit in memory.
 * The bytes are decoded strictly: a byte that is not UTF-8 (a file saved as
 * Windows-1252 or Latin-1 past its first megabyte, which source.ts checks)
 * stops the read with the line it is on, rather than becoming U+FFFD in the data.
 */
import {createReadStream} from "node:fs";
import {createGunzip} from "node:zlib";

export interface CsvRecord {
  fields: string[];
  /** Physical line where the record starts (1-based). */
  line: number;
}

export class CsvParser {
  private fields: string[] = [];
  private field = "";
  private inQuotes = false;
  /** The current field started with a quote (so an empty quoted field is not a blank line). */
  private quoted = false;
  private line = 1;
  private recordLine = 1;
  private pendingCR = false;
  private started = false;

  /** The physical line the parser has reached (1-based). */
  get currentLine(): number {
    return this.line;
  }

  constructor(
    private readonly delimiter: string,
    private readonly onRecord: (record: CsvRecord) => void
  ) {}

  push(chunk: string): void {
    let text = chunk;
    if (!this.started) {
      text = text.replace(/^\uFEFF/, "");
      this.started = true;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.pendingCR) {
        this.pendingCR = false;
        if (ch === "\n") {
          if (this.inQuotes) this.field += ch;
          continue; // CRLF: the line was already counted at the CR
        }
      }
      if (this.inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
          } else if (i + 1 === text.length) {
            // A quote at the end of a chunk: decide when the next chunk comes.
            this.carry = '"';
          } else this.inQuotes = false;
        } else {
          this.field += ch;
          if (ch === "\n") this.line++;
          else if (ch === "\r") {
            this.line++;
            this.pendingCR = true;
          }
        }
        continue;
      }
      if (ch === '"' && this.field === "") {
        this.inQuotes = true;
        this.quoted = true;
      } else if (ch === this.delimiter) {
        this.fields.push(this.field);
        this.field = "";
        this.quoted = false;
      } else if (ch === "\n" || ch === "\r") {
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
        if (ch === "\r") this.pendingCR = true;
      } else this.field += ch;
    }
  }

  /** A closing-or-doubled quote split across chunks. */
  private carry = "";

  /** Feeds a chunk, resolving a quote left at the end of the previous one. */
  write(chunk: string): void {
    if (this.carry) {
      this.carry = "";
      if (chunk[0] === '"') {
        this.field += '"';
        chunk = chunk.slice(1);
      } else this.inQuotes = false;
    }
    this.push(chunk);
  }

  end(): void {
    if (this.carry) {
      this.carry = "";
      this.inQuotes = false;
    }
    this.endRecord();
  }

  private endRecord(): void {
    this.fields.push(this.field);
    const blank = this.fields.length === 1 && this.fields[0] === "" && !this.quoted;
    if (!blank) this.onRecord({fields: this.fields, line: this.recordLine});
    this.fields = [];
    this.field = "";
    this.quoted = false;
  }
}

/** A byte sequence that is not UTF-8, on physical line `line`; `excerpt` is that line as far as it decodes. */
export class NotUtf8Error extends Error {
  constructor(
    readonly line: number,
    readonly excerpt: string
  ) {
    super(`line ${line}: bytes that are not UTF-8`);
  }
}

/** Splits `bytes` before a UTF-8 character that the chunk's end cuts in two (those bytes wait for the next chunk). */
export function splitAtCharacter(bytes: Buffer): [Buffer, Buffer] {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? [bytes.subarray(0, bytes.length - back), bytes.subarray(bytes.length - back)] : [bytes, bytes.subarray(bytes.length)];
  }
  return [bytes, bytes.subarray(bytes.length)];
}

// ignoreBOM: the parser drops the file's own BOM; a U+FEFF inside the file is data.
const strictUtf8 = new TextDecoder("utf-8", {fatal: true, ignoreBOM: true});
const lenientUtf8 = new TextDecoder("utf-8", {ignoreBOM: true});

/** Decodes whole characters strictly; on a bad byte, a NotUtf8Error at its line (counted on from `line`). */
export function decodeStrict(bytes: Buffer, line: number): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // The lenient decoding marks the first bad sequence with U+FFFD (a U+FFFD written
    // in the file before it would be taken for it: the line is then the earlier one).
    const text = lenientUtf8.decode(bytes);
    const at = text.indexOf("\uFFFD");
    const before = text.slice(0, at);
    const breaks = before.match(/\r\n|\r|\n/g)?.length ?? 0;
    const start = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
    const end = text.slice(at).search(/[\r\n]/);
    const excerpt = text.slice(start, end < 0 ? text.length : at + end);
    throw new NotUtf8Error(line + breaks, excerpt.length > 80 ? `${excerpt.slice(0, 77)}...` : excerpt);
  }
}

/** Streams the records of a (possibly gzipped) CSV file, in batches (one per chunk read). */
export async function* readCsvBatches(path: string, delimiter: string): AsyncGenerator<CsvRecord[]> {
  const raw = createReadStream(path, {highWaterMark: 1 << 20});
  const stream = path.toLowerCase().endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  let batch: CsvRecord[] = [];
  const parser = new CsvParser(delimiter, (r) => batch.push(r));
  let carry = Buffer.alloc(0);
  for await (const chunk of stream) {
    const [whole, rest] = splitAtCharacter(carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer));
    carry = Buffer.from(rest);
    parser.write(decodeStrict(whole, parser.currentLine));
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  // A character cut off by the end of the file is not UTF-8 either.
  if (carry.length) parser.write(decodeStrict(carry, parser.currentLine));
  parser.end();
  if (batch.length) yield batch;
}
