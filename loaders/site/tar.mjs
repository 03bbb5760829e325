/**
 * A minimal ustar archive writer: regular files only, names under 100 bytes, fixed
 * mode and time (so the same files give the same bytes). Framework extracts files from
 * a `.tar` data loader's output (FileAttachment("data/x/a.json") from data/x.tar.js),
 * which lets one loader process serve many files. Plain JavaScript: the data loaders
 * (site-cache.mjs) stream archives with it under node, without a tsx start.
 */
const BLOCK = 512;

function octal(value, digits) {
  return value.toString(8).padStart(digits, "0");
}

/** The 512-byte header of a member `name` of `size` bytes. */
export function tarHeader(name, size) {
  if (Buffer.byteLength(name) >= 100) throw new Error(`tar: name too long: ${name}`);
  const header = Buffer.alloc(BLOCK, 0);
  const field = (offset, length, value) => header.write(value, offset, length, "utf8");
  field(0, 100, name);
  field(100, 8, "0000644\0");
  field(108, 8, "0000000\0");
  field(116, 8, "0000000\0");
  field(124, 12, `${octal(size, 11)}\0`);
  field(136, 12, `${octal(0, 11)}\0`);
  field(148, 8, "        "); // checksum counted as spaces
  field(156, 1, "0");
  field(257, 6, "ustar\0");
  field(263, 2, "00");
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${octal(sum, 6)}\0 `);
  return header;
}

/** The zeros after a member of `size` bytes, up to the next block. */
export function tarPadding(size) {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK, 0);
}

/** The two zero blocks that end an archive. */
export function tarEnd() {
  return Buffer.alloc(2 * BLOCK, 0);
}

/** An archive of `files`, in the order given. */
export function tarArchive(files) {
  const parts = [];
  for (const file of files) {
    const data = typeof file.data === "string" ? Buffer.from(file.data, "utf8") : file.data;
    parts.push(tarHeader(file.name, data.length), data, tarPadding(data.length));
  }
  parts.push(tarEnd());
  return Buffer.concat(parts);
}
