/**
 * Exports must be UTF-8 (data-contract.md). A file saved as UTF-16 or in a
 * single-byte Western encoding (Latin-1, Windows-1252) is recognised from its
 * first megabyte, before its header is read, and stops the run with the
 * encoding found and how to re-save the file, rather than with a header of
 * garbage or every accented row rejected.
 */
import {isUtf8} from "node:buffer";
import {openExportStream} from "./scan.js";

export interface ForeignEncoding {
  /** As shown to the user, e.g. "UTF-16 LE (with a byte order mark)". */
  name: string;
  /** The encoding's name for iconv. */
  iconv: string;
  /** Where the evidence is, e.g. "byte 0xE9 on line 4". */
  evidence?: string;
}

const HEAD_BYTES = 1 << 20;

/** The encoding of `head` (the first bytes of a file) when it is not UTF-8; null for UTF-8 (or ASCII). */
export function detectForeignEncoding(head: Buffer, atEnd: boolean): ForeignEncoding | null {
  if (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return {name: "UTF-32 LE (with a byte order mark)", iconv: "UTF-32LE"};
  if (head[0] === 0 && head[1] === 0 && head[2] === 0xfe && head[3] === 0xff) return {name: "UTF-32 BE (with a byte order mark)", iconv: "UTF-32BE"};
  if (head[0] === 0xff && head[1] === 0xfe) return {name: "UTF-16 LE (with a byte order mark)", iconv: "UTF-16LE"};
  if (head[0] === 0xfe && head[1] === 0xff) return {name: "UTF-16 BE (with a byte order mark)", iconv: "UTF-16BE"};
  // Without a mark, UTF-16 text of mostly ASCII characters has a zero in every other byte.
  const sample = head.subarray(0, 4096 - (Math.min(head.length, 4096) % 2));
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? zerosOdd++ : zerosEven++;
  const pairs = sample.length / 2;
  if (pairs >= 2 && zerosOdd > pairs * 0.3 && zerosEven < pairs * 0.05) return {name: "UTF-16 LE (without a byte order mark)", iconv: "UTF-16LE"};
  if (pairs >= 2 && zerosEven > pairs * 0.3 && zerosOdd < pairs * 0.05) return {name: "UTF-16 BE (without a byte order mark)", iconv: "UTF-16BE"};

  const complete = atEnd ? head : head.subarray(0, completeLength(head));
  if (isUtf8(complete)) return null;
  const at = firstInvalidUtf8(complete);
  const line = 1 + countByte(complete, 0x0a, at);
  const evidence = `byte 0x${complete[at].toString(16).toUpperCase().padStart(2, "0")} on line ${line}`;
  // Bytes 0x80-0x9F are control characters in Latin-1 but letters and signs (€, “, –) in Windows-1252.
  const windows = complete.some((b) => b >= 0x80 && b <= 0x9f);
  return windows
    ? {name: "Windows-1252 (Western European)", iconv: "WINDOWS-1252", evidence}
    : {name: "Latin-1 (ISO-8859-1)", iconv: "ISO-8859-1", evidence};
}

/** The message for an export found in a foreign encoding: what was found and how to re-save it. */
export function encodingMessage(file: string, found: ForeignEncoding): string {
  const plain = file.replace(/\.gz$/, "");
  return (
    `${file} is not UTF-8: it ${found.evidence ? "appears to be" : "is"} encoded as ${found.name}${found.evidence ? ` (${found.evidence} is not UTF-8)` : ""}. ` +
    `Exports must be UTF-8. Re-save it as UTF-8: in Excel, File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)"; ` +
    `in LibreOffice Calc, Save As with "Edit filter settings" ticked and the character set "Unicode (UTF-8)"; ` +
    `or convert it: iconv -f ${found.iconv} -t UTF-8 ${plain} > ${plain.replace(/\.csv$/, "")}-utf8.csv, then put that file in place of ${file}.`
  );
}

/** The first megabyte of a file (decompressed when gzipped) and whether that is the whole file. */
export async function readHead(path: string): Promise<{head: Buffer; atEnd: boolean}> {
  const stream = openExportStream(path, 64 * 1024);
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= HEAD_BYTES) return {head: Buffer.concat(chunks).subarray(0, HEAD_BYTES), atEnd: false};
    }
  } finally {
    stream.destroy();
  }
  return {head: Buffer.concat(chunks), atEnd: true};
}

/** The length of `b` without a UTF-8 sequence cut off at its end. */
function completeLength(b: Buffer): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const byte = b[b.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? b.length - back : b.length;
  }
  return b.length;
}

/** Offset of the first byte that does not begin a valid UTF-8 sequence (the buffer is known to be invalid). */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const byte = b[i];
    const need = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (need === 0 || i + need > b.length || !isUtf8(b.subarray(i, i + need))) return i;
    i += need;
  }
  return 0;
}

function countByte(b: Buffer, byte: number, end: number): number {
  let n = 0;
  for (let i = b.indexOf(byte); i !== -1 && i < end; i = b.indexOf(byte, i + 1)) n++;
  return n;
}
