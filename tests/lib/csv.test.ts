import {describe, expect, it} from "vitest";
import {csvCell, toCsv} from "../../src/lib/csv.js";

describe("csvCell", () => {
  it("prefixes a quote to text that a spreadsheet would run as a formula", () => {
    expect(csvCell("=SUM(A1:A9)")).toBe("'=SUM(A1:A9)");
    expect(csvCell("+1 Plus Co")).toBe("'+1 Plus Co");
    expect(csvCell("-Minus Ltd")).toBe("'-Minus Ltd");
    expect(csvCell("@Mention")).toBe("'@Mention");
    expect(csvCell("\tTab")).toBe("'\tTab");
  });
  it("quotes after neutralising when the cell holds a comma or quote", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell(`O'Brien "Quoted", Inc.`)).toBe(`"O'Brien ""Quoted"", Inc."`);
  });
  it("keeps numbers as numbers (a credit stays negative) and leaves plain text alone", () => {
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell("Acme")).toBe("Acme");
    expect(csvCell(null)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(["CRM", "ANL"])).toBe("CRM ANL");
  });
});

describe("toCsv", () => {
  it("writes a header and one CRLF line per row", () => {
    const csv = toCsv([{a: "<script>x</script>", b: 1}], [{label: "Name", value: (r) => r.a}, {label: "N", value: (r) => r.b}]);
    expect(csv).toBe("Name,N\r\n<script>x</script>,1\r\n");
  });
});
