/**
 * Random damage to CSV exports, the kinds real exports and real operators
 * produce: bytes dropped, duplicated or swapped, lines cut or split, stray
 * quotes and delimiters, garbage bytes, other line ends and encodings. Every
 * mutation is drawn from a seeded stream (loaders/tools/sample/random.ts) and
 * recorded with its parameters, so that a failing case can be replayed and
 * read ("drop-bytes accounts.csv @1234 ×3").
 */
import {Random} from "../../loaders/tools/sample/random.js";

export const MUTATION_KINDS = [
  "drop-bytes",
  "duplicate-bytes",
  "swap-bytes",
  "cut-line",
  "truncate-line",
  "truncate-file",
  "split-line",
  "insert-quote",
  "insert-delimiter",
  "insert-blank-lines",
  "insert-garbage",
  "insert-cr",
  "crlf",
  "bom",
  "empty-file",
  "mixed-crlf",
  "utf16",
  "latin1"
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** One applied mutation: what, where, how much (enough to read it and to replay it). */
export interface Mutation {
  kind: MutationKind;
  file: string;
  at?: number;
  length?: number;
  detail?: string;
}

export function describeMutation(m: Mutation): string {
  const where = m.at === undefined ? "" : ` @${m.at}`;
  const size = m.length === undefined ? "" : ` ×${m.length}`;
  return `${m.kind} ${m.file}${where}${size}${m.detail ? ` (${m.detail})` : ""}`;
}

/** Byte offsets where each line starts (0 first). */
function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length - 1; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
  return starts;
}

const splice = (bytes: Buffer, at: number, remove: number, insert: Buffer = Buffer.alloc(0)): Buffer =>
  Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(at + remove)]);

/** Applies one mutation of `kind` to `bytes` (the file `file`), drawing its parameters from `rng`. */
export function mutate(kind: MutationKind, file: string, bytes: Buffer, rng: Random): {bytes: Buffer; mutation: Mutation} {
  const pos = () => rng.int(0, Math.max(0, bytes.length - 1));
  // Lines added or cut keep the file's own line end (a CRLF file stays CRLF: mixing them is mixed-crlf's).
  const eol = bytes.includes("\r\n") ? "\r\n" : "\n";
  /** A position that does not fall between the "\r" and "\n" of a line end. */
  const linePos = () => {
    const at = pos();
    return at > 0 && bytes[at - 1] === 0x0d ? at - 1 : at;
  };
  const line = () => {
    const starts = lineStarts(bytes);
    const i = rng.int(0, starts.length - 1);
    return {index: i, start: starts[i], end: i + 1 < starts.length ? starts[i + 1] : bytes.length};
  };
  switch (kind) {
    case "drop-bytes": {
      const at = pos();
      const length = Math.min(rng.int(1, 8), bytes.length - at);
      return {bytes: splice(bytes, at, length), mutation: {kind, file, at, length}};
    }
    case "duplicate-bytes": {
      const at = pos();
      const length = Math.min(rng.int(1, 40), bytes.length - at);
      return {bytes: splice(bytes, at, 0, Buffer.from(bytes.subarray(at, at + length))), mutation: {kind, file, at, length}};
    }
    case "swap-bytes": {
      const length = rng.int(1, 8);
      if (bytes.length < 2 * length) return {bytes, mutation: {kind, file, detail: "file too short"}};
      const a = rng.int(0, bytes.length - 2 * length);
      const b = rng.int(a + length, bytes.length - length);
      const out = Buffer.from(bytes);
      bytes.copy(out, b, a, a + length);
      bytes.copy(out, a, b, b + length);
      return {bytes: out, mutation: {kind, file, at: a, length, detail: `with @${b}`}};
    }
    case "cut-line": {
      const l = line();
      return {bytes: splice(bytes, l.start, l.end - l.start), mutation: {kind, file, at: l.start, detail: `line ${l.index + 1}`}};
    }
    case "truncate-line": {
      // The rest of a line is lost, its line end kept: a record with too few fields.
      const l = line();
      const body = l.end - (bytes[l.end - 1] === 0x0a ? eol.length : 0);
      const at = rng.int(l.start, Math.max(l.start, body - 1));
      return {bytes: splice(bytes, at, body - at), mutation: {kind, file, at, length: body - at, detail: `line ${l.index + 1}`}};
    }
    case "truncate-file": {
      const at = pos();
      return {bytes: Buffer.from(bytes.subarray(0, at)), mutation: {kind, file, at}};
    }
    case "split-line": {
      const at = linePos();
      return {bytes: splice(bytes, at, 0, Buffer.from(eol)), mutation: {kind, file, at}};
    }
    case "insert-quote": {
      const at = pos();
      return {bytes: splice(bytes, at, 0, Buffer.from('"')), mutation: {kind, file, at}};
    }
    case "insert-delimiter": {
      const at = pos();
      return {bytes: splice(bytes, at, 0, Buffer.from(",")), mutation: {kind, file, at}};
    }
    case "insert-blank-lines": {
      const l = line();
      const n = rng.int(1, 3);
      return {bytes: splice(bytes, l.start, 0, Buffer.from(eol.repeat(n))), mutation: {kind, file, at: l.start, length: n}};
    }
    case "insert-garbage": {
      // Control characters, NUL, bytes that are not UTF-8 on their own (a carriage return is insert-cr).
      const at = pos();
      const garbage = Buffer.from(Array.from({length: rng.int(1, 6)}, () => rng.pick([0x00, 0x01, 0x07, 0x1b, 0x7f, 0x80, 0xc3, 0xff, 0x09])));
      return {bytes: splice(bytes, at, 0, garbage), mutation: {kind, file, at, length: garbage.length, detail: garbage.toString("hex")}};
    }
    case "insert-cr": {
      // A lone carriage return: a line end of another system, inside a line or ending one.
      const at = pos();
      return {bytes: splice(bytes, at, 0, Buffer.from("\r")), mutation: {kind, file, at}};
    }
    case "crlf":
      return {bytes: Buffer.from(bytes.toString("latin1").replace(/\r?\n/g, "\r\n"), "latin1"), mutation: {kind, file}};
    case "bom":
      return {bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]), mutation: {kind, file}};
    case "empty-file":
      return {bytes: Buffer.alloc(0), mutation: {kind, file}};
    case "mixed-crlf": {
      // Some lines end in CRLF, the others in LF (the header among the CRLF ones, sometimes).
      const share = rng.int(1, 9) / 10;
      const text = bytes.toString("latin1").replace(/\n/g, () => (rng.chance(share) ? "\r\n" : "\n"));
      return {bytes: Buffer.from(text, "latin1"), mutation: {kind, file, detail: `${share * 100}% CRLF`}};
    }
    case "utf16": {
      const bigEndian = rng.chance(0.5);
      const le = Buffer.from(`\ufeff${bytes.toString("utf8")}`, "utf16le");
      return {bytes: bigEndian ? le.swap16() : le, mutation: {kind, file, detail: bigEndian ? "UTF-16BE" : "UTF-16LE"}};
    }
    case "latin1": {
      // Re-saved as Latin-1 after an accented name was typed in: é is then the single byte 0xE9.
      const at = rng.int(0, bytes.length);
      const text = bytes.subarray(0, at).toString("utf8") + "Müller é" + bytes.subarray(at).toString("utf8");
      return {bytes: Buffer.from(text, "latin1"), mutation: {kind, file, at}};
    }
  }
}
