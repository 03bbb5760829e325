import {describe, expect, it} from "vitest";
import {formatCsv, parseCsv, parseCsvObjects, parseGuardedCsvObjects} from "../../loaders/text/csv.js";

describe("csv", () => {
  it("reads quoted cells with commas, doubled quotes, newlines, CRLF and a BOM", () => {
    const text = '\uFEFFfile,line,value\r\ninvoice_lines.csv,7,"12,5"\r\naccounts.csv,9,"say ""hi""\nthere"\r\n';
    expect(parseCsv(text)).toEqual([
      ["file", "line", "value"],
      ["invoice_lines.csv", "7", "12,5"],
      ["accounts.csv", "9", 'say "hi"\nthere']
    ]);
  });

  it("keeps empty cells and a last line without newline", () => {
    expect(parseCsv("a,b\n,x\ny,")).toEqual([["a", "b"], ["", "x"], ["y", ""]]);
  });

  it("maps rows to the header's names", () => {
    expect(parseCsvObjects("file,line\nx.csv,3\n")).toEqual([{file: "x.csv", line: "3"}]);
    expect(parseCsvObjects("")).toEqual([]);
  });

  it("round-trips through formatCsv", () => {
    const rows = [["id", "name"], ["1", 'A "quoted", name'], ["2", "line\nbreak"]];
    expect(parseCsv(formatCsv(rows))).toEqual(rows);
  });
});

describe("parseGuardedCsvObjects", () => {
  it("reads a CSV written for people back into the exact values (the spreadsheet formula guard undone)", () => {
    const text = "file,value\r\n'=a.csv,''=1\r\nb.csv,'-2+3\r\n\r\nc.csv,-500.00\r\n";
    expect(parseGuardedCsvObjects(text)).toEqual([
      {file: "=a.csv", value: "'=1"},
      {file: "b.csv", value: "-2+3"},
      {file: "c.csv", value: "-500.00"}
    ]);
  });
});
