/**
 * A minimal ustar archive writer: regular files only, names under 100 bytes, fixed
 * mode and time (so the same files give the same bytes). Framework extracts files from
 * a `.tar` data loader's output (FileAttachment("data/x/a.json") from data/x.tar.js),
 * which lets one loader process serve many files.
 */
const BLOCK = 512;

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value, offset, length, "utf8");
}

function octal(value: number, digits: number): string {
  return value.toString(8).padStart(digits, "0");
}

export function tarArchive(files: {name: string; data: Buffer | string}[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    const data = typeof file.data === "string" ? Buffer.from(file.data, "utf8") : file.data;
    if (Buffer.byteLength(file.name) >= 100) throw new Error(`tar: name too long: ${file.name}`);
    const header = Buffer.alloc(BLOCK, 0);
    field(header, 0, 100, file.name);
    field(header, 100, 8, "0000644\0");
    field(header, 108, 8, "0000000\0");
    field(header, 116, 8, "0000000\0");
    field(header, 124, 12, `${octal(data.length, 11)}\0`);
    field(header, 136, 12, `${octal(0, 11)}\0`);
    field(header, 148, 8, "        "); // checksum counted as spaces
    field(header, 156, 1, "0");
    field(header, 257, 6, "ustar\0");
    field(header, 263, 2, "00");
    let sum = 0;
    for (const byte of header) sum += byte;
    field(header, 148, 8, `${octal(sum, 6)}\0 `);
    parts.push(header, data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK, 0));
  }
  parts.push(Buffer.alloc(2 * BLOCK, 0));
  return Buffer.concat(parts);
}
