import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {CsvParser, decodeStrict, NotUtf8Error, readCsvBatches, splitAtCharacter, type CsvRecord} from "../../../loaders/pipeline/mapping/csv-parser.js";

function parse(chunks: string[], delimiter = ","): CsvRecord[] {
  const out: CsvRecord[] = [];
  const p = new CsvParser(delimiter, (r) => out.push(r));
  for (const c of chunks) p.write(c);
  p.end();
  return out;
}

describe("CsvParser", () => {
  it("gives each record the physical line it starts on, across embedded newlines and CRLF", () => {
    // line 1 header; line 2 "a"; lines 3–4 one record with a newline in a quoted field; line 5 "c".
    const text = '\uFEFFid;note\r\n1;a\r\n2;"two\r\nlines; ""quoted"""\r\n3;c\r\n';
    const records = parse([text], ";");
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5]);
    expect(records[0].fields).toEqual(["id", "note"]);
    expect(records[2].fields).toEqual(["2", 'two\r\nlines; "quoted"']);
  });
  it("reads the same records whatever the chunk boundaries (quote, CR and LF split across chunks)", () => {
    const text = 'a,b\r\n"x""y",2\r\n"p\nq",3\n\n4,5';
    const whole = parse([text]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    // Blank line 5 is skipped; "4,5" starts on line 6.
    expect(whole.map((r) => r.line)).toEqual([1, 2, 3, 6]);
    expect(whole[1].fields).toEqual(['x"y', "2"]);
  });
  it("keeps an empty quoted field as a record and a tab delimiter", () => {
    expect(parse(['a\tb\n""\t\n'], "\t").map((r) => r.fields)).toEqual([["a", "b"], ["", ""]]);
    expect(parse(['a\tb\n""\n'], "\t").map((r) => r.fields)).toEqual([["a", "b"], [""]]);
  });
});

describe("strict UTF-8 reading (readCsvBatches)", () => {
  it("keeps a character cut by a chunk's end for the next chunk", () => {
    const bytes = Buffer.from("ab é€😀", "utf8");
    // Every cut of the bytes: the first part ends on a whole character, the rest carries the cut one.
    for (let cut = 0; cut <= bytes.length; cut++) {
      const [whole, rest] = splitAtCharacter(bytes.subarray(0, cut));
      expect(Buffer.concat([whole, rest]).equals(bytes.subarray(0, cut))).toBe(true);
      expect(() => decodeStrict(whole, 1)).not.toThrow();
      expect(rest.length).toBeLessThan(4);
    }
  });

  it("names the line of a byte that is not UTF-8 and shows that line", () => {
    // "é" saved as Latin-1 (one byte E9) on line 3, after a CRLF line and an LF line.
    const bytes = Buffer.concat([Buffer.from("id,name\r\n1,Ann\n2,Ren"), Buffer.from([0xe9]), Buffer.from("e\n3,Bob\n")]);
    try {
      decodeStrict(bytes, 1);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NotUtf8Error);
      expect((e as NotUtf8Error).line).toBe(3);
      expect((e as NotUtf8Error).excerpt).toBe("2,Ren\uFFFDe");
    }
    // Counted on from the line the parser had reached.
    expect(() => decodeStrict(Buffer.from([0x41, 0xff]), 40)).toThrow(/line 40/);
  });

  it("a file whose bad byte lies past the first chunk stops with that line; a good file reads whole", async () => {
    const dir = mkdtempSync(join(tmpdir(), "csv-utf8-"));
    const good = "id,name\n" + Array.from({length: 120_000}, (_, i) => `${i},Zoë ${i}`).join("\n") + "\n";
    writeFileSync(join(dir, "good.csv"), good);
    const records: CsvRecord[] = [];
    for await (const batch of readCsvBatches(join(dir, "good.csv"), ",")) records.push(...batch);
    expect(records).toHaveLength(120_001);
    expect(records[120_000].fields).toEqual(["119999", "Zoë 119999"]);
    // The same file with one Latin-1 "ë" on line 100,002 (record 100,000), past the first 1 MB chunk (about 1.7 MB in).
    const lines = good.split("\n");
    const bad = Buffer.concat([
      Buffer.from(lines.slice(0, 100_001).join("\n") + "\n100000,Zo"),
      Buffer.from([0xeb]),
      Buffer.from(" 100000\n" + lines.slice(100_002).join("\n"))
    ]);
    writeFileSync(join(dir, "bad.csv"), bad);
    const read = async () => {
      for await (const batch of readCsvBatches(join(dir, "bad.csv"), ",")) void batch;
    };
    await expect(read()).rejects.toMatchObject({line: 100_002, excerpt: "100000,Zo\uFFFD 100000"});
    rmSync(dir, {recursive: true});
  });
});
