/**
 * A small streaming CSV writer for the sample exports: RFC 4180 quoting (the
 * project's one rule, src/lib/csv.ts quoteCsvField), UTF-8, `\n` line ends,
 * header row first. It is not the people-facing writer (toCsv): the sample's
 * files are exports the pipeline reads back, so values are kept exactly (no
 * formula guard), and it streams millions of rows to a file or gzip. Rows
 * are buffered in memory and handed to the file stream in chunks of about
 * 1 MB, so writing ten million lines neither builds one giant string nor pays
 * a stream call per row. With `gzip`, bytes go through zlib
 * (output `<name>.csv.gz`, which the pipeline reads like the `.csv`).
 */
import {createWriteStream, type WriteStream} from "node:fs";
import {once} from "node:events";
import {createGzip, type Gzip} from "node:zlib";
import {quoteCsvField} from "../../../src/lib/csv.js";

export type CsvValue = string | number | null | undefined;

/** One field as it appears in the file: quoted only when it holds `,`, `"`, CR or LF; inner quotes doubled. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  return quoteCsvField(typeof value === "number" ? String(value) : value);
}

/** One record including its `\n`. */
export function csvLine(values: readonly CsvValue[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ",";
    line += csvField(values[i]);
  }
  return line + "\n";
}

const FLUSH_AT_CHARS = 1 << 20;

export class CsvWriter {
  private buffer = "";
  private rows = 0;
  private readonly file: WriteStream;
  private readonly head: WriteStream | Gzip;

  private constructor(readonly path: string, readonly columns: readonly string[], gzip: boolean) {
    this.file = createWriteStream(path);
    if (gzip) {
      const zip = createGzip({level: 6});
      zip.pipe(this.file);
      this.head = zip;
    } else {
      this.head = this.file;
    }
    this.buffer = csvLine(columns);
  }

  /** Opens `path` (".gz" is the caller's business) and writes the header row. */
  static open(path: string, columns: readonly string[], options: {gzip?: boolean} = {}): CsvWriter {
    return new CsvWriter(path, columns, options.gzip ?? false);
  }

  /** Data rows written so far (header excluded). */
  get rowCount(): number {
    return this.rows;
  }

  /** Appends one row; the caller must `await drain()` now and then (cheap when nothing is due). */
  write(values: readonly CsvValue[]): void {
    if (values.length !== this.columns.length) {
      throw new Error(`${this.path}: row has ${values.length} values for ${this.columns.length} columns`);
    }
    this.buffer += csvLine(values);
    this.rows++;
  }

  /** True when enough is buffered that `drain()` should be awaited. */
  get due(): boolean {
    return this.buffer.length >= FLUSH_AT_CHARS;
  }

  /** Hands the buffer to the stream when it is large, waiting for back-pressure. */
  async drain(): Promise<void> {
    if (this.buffer.length < FLUSH_AT_CHARS) return;
    await this.push();
  }

  private async push(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = "";
    if (!this.head.write(chunk, "utf8")) await once(this.head, "drain");
  }

  /** Writes what is left and waits until the file is closed. */
  async close(): Promise<void> {
    if (this.buffer.length > 0) await this.push();
    const finished = once(this.file, "close");
    this.head.end();
    await finished;
  }
}
