/**
 * The passes over an export's bytes (loaders/pipeline/ingest/scan.ts): empty lines at
 * their physical line whatever the quoting, unusual bytes, mixed line ends and
 * their LF copy; and, over random files, that every record of a CSV is given
 * the physical line it starts on.
 */
import {createHash} from "node:crypto";
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {queryRows} from "../../../loaders/pipeline/db.js";
import {findBlankLines, gzipProblem, hasMixedLineEnds, normaliseLineEnds, scanBytes, scanCsv} from "../../../loaders/pipeline/ingest/scan.js";
import {sha256File} from "../../../loaders/pipeline/ingest/hash.js";
import {ingestFolder, rejectsOf} from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "scan-"));
function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

describe("findBlankLines", () => {
  it("follows quotes as DuckDB's strict reader does: only a quote at the start of a field opens one", async () => {
    // line 2: stray quotes inside unquoted fields; line 3 empty; lines 4-5 one quoted field; line 6 empty;
    // line 7: text after a closing quote (malformed: the reader resumes after the line end); line 8 empty
    const text = 'a,b\n1,x"y"z"\n\n2,"p\n\nq"\n\n3,"r"s\n\n4,t\n';
    const lines = await findBlankLines(file("quotes.csv", text));
    expect(lines.map((l) => l.line)).toEqual([3, 7, 9]);
    // DuckDB counts its reject lines without the newlines inside quoted fields
    expect(lines.map((l) => l.recordLine)).toEqual([3, 5, 7]);
  });

  it("an escaped quote inside a quoted field does not close it; CRLF empty lines count", async () => {
    const lines = await findBlankLines(file("escaped.csv", 'a,b\r\n1,"x ""\r\n\r\n"" y"\r\n\r\n2,z\r\n'));
    expect(lines.map((l) => l.line)).toEqual([5]);
  });
});

describe("scanBytes", () => {
  it("finds control characters and the lead bytes of Unicode white space, not a UTF-8 BOM or plain accents", async () => {
    const unusual = async (text: string) => (await scanBytes(file("u.csv", text))).unusualBytes;
    expect(await unusual("a,b\n1,x\n")).toBe(false);
    expect(await unusual("\ufeffa,b\n1,Müller\r\n")).toBe(false);
    expect(await unusual("a,b\n1,x\u00a0\n")).toBe(true);
    expect(await unusual("a,b\n1,\u200bx\n")).toBe(true);
    expect(await unusual("a,b\n1,x\ty\n")).toBe(true);
    expect(await unusual("a,b\n1,x\u0000\n")).toBe(true);
    expect(await unusual("a,b\n1,x\ufeff\n")).toBe(true);
    expect(await unusual("a,b\n1," + "x".repeat(3 << 20) + "\u3000\n")).toBe(true); // past the first chunks
  });

  it("says whether a value may start or end with a space, past the first chunks too", async () => {
    const spaces = async (name: string, text: string | Buffer) => (await scanBytes(file(name, text))).spaces;
    expect(await spaces("s0.csv", "a,b\n1,x\n")).toBe(false);
    expect(await spaces("s1.csv", "a,b\n1, x\n")).toBe(true);
    expect(await spaces("s2.csv", "a,b\n1,x\u00a0\n")).toBe(false); // no 0x20 byte: the Unicode trim's business
    expect(await spaces("s3.csv", "a,b\n1," + "x".repeat(3 << 20) + " \n")).toBe(true);
    expect(await spaces("s4.csv.gz", gzipSync("a,b\n" + "1,2\n".repeat(50_000) + "3, 4\n"))).toBe(true);
    // spaces inside values only: nothing to trim
    expect(await spaces("s5.csv", "a,b\n1,Emma Schulz\n2,\"x y\"\n")).toBe(false);
    // at a value's end: before a delimiter, a line end (LF or CRLF), a quote, or the file's end
    expect(await spaces("s6.csv", "a,b\n1 ,x\n")).toBe(true);
    expect(await spaces("s7.csv", "a,b\r\n1,x \r\n")).toBe(true);
    expect(await spaces("s8.csv", 'a,b\n1,"x "\n')).toBe(true);
    expect(await spaces("s9.csv", "a,b\n1,x ")).toBe(true);
    // at a value's start: after a line end or a quote; an all-space value
    expect(await spaces("s10.csv", "a,b\n1,x\n 2,y\n")).toBe(true);
    expect(await spaces("s11.csv", 'a,b\n1," x"\n')).toBe(true);
    expect(await spaces("s12.csv", "a,b,c\n1,   ,x\n")).toBe(true);
    // a space at a read chunk's last byte, its delimiter in the next chunk (1 MiB chunks)
    const first = "a,b\n1," + "x".repeat((1 << 20) - 7);
    expect(Buffer.byteLength(first + " ")).toBe(1 << 20);
    expect(await spaces("s13.csv", first + " ,2\n")).toBe(true);
    expect(await spaces("s14.csv", first + " y,2\n")).toBe(false);
  });

  it("finds a quote anywhere, also in a gzipped file, and says no for a file without one", async () => {
    const quoted = async (name: string, content: string | Buffer) => (await scanBytes(file(name, content))).quoted;
    const plain = "a,b\n1,2\n".repeat(200_000); // several read chunks
    expect(await quoted("none.csv", plain)).toBe(false);
    expect(await quoted("late.csv", plain + '3,"x"\n')).toBe(true);
    expect(await quoted("late.csv.gz", gzipSync(plain + '3,"x"\n'))).toBe(true);
    expect(await quoted("none.csv.gz", gzipSync(plain))).toBe(false);
  });

  it("hashes a plain file's bytes in the same read, as sha256File does; not a .gz (scanned decompressed)", async () => {
    const path = file("hashed.csv", "a,b\n" + "1,x y\r\n".repeat(400_000)); // several read chunks
    const hash = createHash("sha256");
    await scanBytes(path, hash);
    expect(hash.digest("hex")).toBe(await sha256File(path));
    await expect(scanBytes(file("hashed.csv.gz", gzipSync("a\n1\n")), createHash("sha256"))).rejects.toThrow(/decompressed/);
  });

  it("finds an empty line with CRLF line ends in a file that has a CR only after its first chunks", async () => {
    const lf = "a,b\n" + "1,2\n".repeat(400_000);
    expect((await scanBytes(file("crlf-late.csv", lf + "3,4\r\n\r\n5,6\r\n"))).mayHaveBlankLines).toBe(true);
    expect((await scanBytes(file("crlf-none.csv", lf + "3,4\r\n5,6\r\n"))).mayHaveBlankLines).toBe(false);
  });

  it("says whether an empty line may be there, and throws for a cut-off .gz", async () => {
    expect((await scanBytes(file("b.csv", "a\n1\n\n2\n"))).mayHaveBlankLines).toBe(true);
    expect((await scanBytes(file("nb.csv", "a\n1\n2\n"))).mayHaveBlankLines).toBe(false);
    const gz = gzipSync("a,b\n" + "1,2\n".repeat(50_000));
    const error = await scanCsv(file("cut.csv.gz", gz.subarray(0, gz.length - 8))).catch((e: unknown) => e);
    expect(gzipProblem(error)).toMatch(/^the gzip file is cut off/);
  });
});

describe("mixed line ends", () => {
  it("are found anywhere, also across read chunks, and copied to LF without changing the lines", async () => {
    const long = "x".repeat((1 << 20) - 5);
    expect(await hasMixedLineEnds(file("lf.csv", "a\n1\n2\n"))).toBe(false);
    expect(await hasMixedLineEnds(file("crlf.csv", "a\r\n1\r\n" + long + "\r\n2\r\n"))).toBe(false);
    expect(await hasMixedLineEnds(file("mixed.csv", "a\r\n1\r\n" + long + "\n2\r\n"))).toBe(true);
    const source = file("mixed.csv.gz", gzipSync('a,b\r\n1,"x\r\ny"\n' + long + "\r\n2,\r\r\n"));
    await normaliseLineEnds(source, join(dir, "copy.csv"));
    expect(readFileSync(join(dir, "copy.csv"), "utf8")).toBe('a,b\n1,"x\ny"\n' + long + "\n2,\r\n");
  });
});

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("physical line numbers, on random files", () => {
  // Each record's account_id is the line it starts on; its name may hold stray quotes, a quoted
  // newline, escaped quotes; empty lines, CRLF line ends and malformed records come in between.
  for (const seed of [1, 2, 3]) {
    it(`every loaded and rejected record is placed at its own line (seed ${seed})`, async () => {
      const next = random(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
      const crlf = seed % 2 === 0;
      const out: string[] = ["account_id,account_name,segment"];
      const loaded: number[] = [];
      const malformed: number[] = [];
      for (let r = 0; r < 60; r++) {
        const line = out.join("\n").split("\n").length + 1;
        const kind = pick(["plain", "stray", "stray", "quoted", "newline", "escaped", "blank", "blank", "malformed", "toomany"]);
        if (kind === "blank") {
          out.push("");
          continue;
        }
        const name = {
          plain: "Acme",
          stray: 'Ac"me',
          quoted: '"Acme, Inc."',
          newline: '"Acme\nsecond line"',
          escaped: '"Acme ""quoted"""',
          malformed: '"Acme" Inc',
          toomany: "Acme,extra"
        }[kind]!;
        out.push(`L${line},${name},SMB`);
        (kind === "malformed" || kind === "toomany" ? malformed : loaded).push(line);
      }
      const folder = mkdtempSync(join(tmpdir(), "lines-"));
      for (const f of ["invoice_lines.csv", "opportunities.csv"]) {
        writeFileSync(join(folder, f), readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "minimal", f)));
      }
      writeFileSync(join(folder, "accounts.csv"), out.join(crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n"));
      const {db, conn, result} = await ingestFolder(folder);
      try {
        const rows = await queryRows<{id: string; line: number}>(conn, `SELECT account_id AS id, source_line::INTEGER AS line FROM stg_accounts`);
        expect(rows.map((r) => r.id)).toEqual(loaded.map((l) => `L${l}`));
        expect(rows.map((r) => r.line)).toEqual(loaded);
        const rejected = (await rejectsOf(conn)).filter((r) => r.file === "accounts.csv");
        expect(rejected.map((r) => r.line)).toEqual(malformed);
        for (const r of rejected) expect(r.value.startsWith(`L${r.line},`)).toBe(true);
        const accounts = result.files.find((f) => f.file === "accounts")!;
        expect(accounts.rows_read).toBe(loaded.length + malformed.length);
        expect(accounts.rows_read).toBe(accounts.rows_loaded + accounts.rows_rejected);
      } finally {
        db.close();
      }
    });
  }
});
