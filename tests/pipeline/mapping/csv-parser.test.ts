import {describe, expect, it} from "vitest";
import {CsvParser, type CsvRecord} from "../../../loaders/pipeline/mapping/csv-parser.js";

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
