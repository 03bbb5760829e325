/**
 * A streaming CSV parser for foreign exports: any one-character delimiter,
 * quoted fields with doubled quotes and embedded delimiters or newlines, a
 * UTF-8 BOM, and CRLF, LF or CR line ends. Every record carries the PHYSICAL
 * line it starts on (header = line 1), which is what a user sees in an editor,
 * so that the pipeline's rejects can point at the user's own file.
 *
 * It is a state machine fed chunk by chunk, so big files never sit in memory.
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

/** Streams the records of a (possibly gzipped) CSV file, in batches (one per chunk read). */
export async function* readCsvBatches(path: string, delimiter: string): AsyncGenerator<CsvRecord[]> {
  const raw = createReadStream(path, {highWaterMark: 1 << 20});
  const stream = path.toLowerCase().endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  stream.setEncoding("utf8");
  let batch: CsvRecord[] = [];
  const parser = new CsvParser(delimiter, (r) => batch.push(r));
  for await (const chunk of stream) {
    parser.write(chunk as string);
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  parser.end();
  if (batch.length) yield batch;
}
