import {describe, expect, it} from "vitest";
import {csvCell, neutraliseFormula, quoteCsvField, restoreCsvCell, toCsv} from "../../src/lib/csv.js";
import {FORMULA_CASES} from "./formula-cases.js";

describe("neutraliseFormula", () => {
  it.each(FORMULA_CASES)("%j → %j", (cell, guarded) => {
    expect(neutraliseFormula(cell)).toBe(guarded);
  });

  it.each(FORMULA_CASES)("restoreCsvCell undoes it: %j", (cell, guarded) => {
    expect(restoreCsvCell(guarded)).toBe(cell);
  });
});

describe("csvCell", () => {
  it("prefixes a quote to text that a spreadsheet would run as a formula", () => {
    expect(csvCell("=SUM(A1:A9)")).toBe("'=SUM(A1:A9)");
    expect(csvCell("+1 Plus Co")).toBe("'+1 Plus Co");
    expect(csvCell("-Minus Ltd")).toBe("'-Minus Ltd");
    expect(csvCell("@Mention")).toBe("'@Mention");
    expect(csvCell("\tTab")).toBe("'\tTab");
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
  });
  it("quotes after neutralising when the cell holds a comma or quote", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell(`O'Brien "Quoted", Inc.`)).toBe(`"O'Brien ""Quoted"", Inc."`);
  });
  it("keeps numbers as numbers (a credit stays negative, as a number or as text) and leaves plain text alone", () => {
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell("-500.00")).toBe("-500.00");
    expect(csvCell("Acme")).toBe("Acme");
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(["CRM", "ANL"])).toBe("CRM ANL");
  });
});

describe("quoteCsvField", () => {
  it("only quotes: a value a program reads back is kept exactly", () => {
    expect(quoteCsvField("=1+2")).toBe("=1+2");
    expect(quoteCsvField("a,b")).toBe('"a,b"');
    expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsvField("two\nlines")).toBe('"two\nlines"');
    expect(quoteCsvField("cr\rhere")).toBe('"cr\rhere"');
  });
});

describe("toCsv", () => {
  it("writes a header and one CRLF line per row", () => {
    const csv = toCsv([{a: "<script>x</script>", b: 1}], [{label: "Name", value: (r) => r.a}, {label: "N", value: (r) => r.b}]);
    expect(csv).toBe("Name,N\r\n<script>x</script>,1\r\n");
  });
});
