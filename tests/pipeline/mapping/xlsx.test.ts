import {join} from "node:path";
import ExcelJS from "exceljs";
import {describe, expect, it} from "vitest";
import {cleanup, prepare, readCsv, tempDir, EXAMPLES} from "./helpers.js";
import {writeFileSync} from "node:fs";

describe("reading .xlsx exports", () => {
  it("reads typed cells as text a person would see, with the sheet's row numbers", async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notes").addRow(["not this sheet"]);
    const sheet = workbook.addWorksheet("Lines");
    sheet.addRow([]); // row 1 empty: the header is the first non-empty row
    sheet.addRow(["Invoice", "Customer", "Product", "Date", "Amount"]); // row 2
    sheet.addRow(["F-1", "C1", "P", new Date(Date.UTC(2025, 0, 31)), 12.5]); // row 3: a date cell, a number
    sheet.addRow([]); // row 4 empty: skipped, the next row keeps its number
    sheet.addRow([{richText: [{text: "F-"}, {text: "2"}]}, "C1", "P", "2025-02-01", {formula: "2*3", result: 6}]); // row 5
    sheet.addRow(["F-3", "C2", "P", "31.02.2025", -4]); // row 6: a date that does not exist → kept as written
    await workbook.xlsx.writeFile(join(dir, "billing.xlsx"));
    writeFileSync(
      join(dir, "m.json"),
      JSON.stringify({
        files: {
          invoice_lines: {
            source: "*.xlsx",
            sheet: "Lines",
            columns: {invoice_id: "Invoice", customer_id: "Customer", product_id: "Product", invoice_date: "Date", amount: "Amount"},
            dates: {invoice_date: ["ISO", "DD.MM.YYYY"]}
          }
        }
      })
    );
    const prepared = await prepare({input: dir, mapping: join(dir, "m.json")});
    try {
      const rows = readCsv(join(prepared.dir, "invoice_lines.csv"));
      expect(rows.map((r) => [r.invoice_id, r.invoice_date, r.amount, r._source_file, r._source_line])).toEqual([
        ["F-1", "2025-01-31", "12.5", "billing.xlsx [Lines]", "3"],
        ["F-2", "2025-02-01", "6", "billing.xlsx [Lines]", "5"],
        ["F-3", "31.02.2025", "-4", "billing.xlsx [Lines]", "6"]
      ]);
      const wrongSheet = JSON.stringify({files: {invoice_lines: {source: "billing.xlsx", sheet: "Sheet1", columns: {invoice_id: "Invoice", customer_id: "Customer", product_id: "Product", invoice_date: "Date", amount: "Amount"}}}});
      writeFileSync(join(dir, "m.json"), wrongSheet);
      await expect(prepare({input: dir, mapping: join(dir, "m.json")})).rejects.toThrow('billing.xlsx: no worksheet "Sheet1"; the workbook has "Notes", "Lines"');
    } finally {
      cleanup(dir, prepared.dir);
    }
  });

  it("maps the shipped .xlsx example (German sheets, text dates, decimal commas)", async () => {
    const prepared = await prepare({input: join(EXAMPLES, "xlsx"), mapping: join(EXAMPLES, "xlsx", "mapping.json")});
    try {
      const deals = readCsv(join(prepared.dir, "opportunities.csv"));
      expect(deals.map((d) => [d.opportunity_id, d.type, d.stage, d.amount, d.created_date, d.close_date])).toEqual([
        ["D1", "new_business", "won", "1000", "2024-04-01", "2024-05-05"],
        ["D2", "cross_sell", "won", "400", "2025-06-01", "2025-06-25"],
        ["D3", "new_business", "won", "600", "2025-02-01", "2025-02-20"],
        ["D4", "cross_sell", "lost", "1250.5", "2025-04-01", "2025-05-15"]
      ]);
      const lines = readCsv(join(prepared.dir, "invoice_lines.csv"));
      expect(lines.map((l) => [l.invoice_id, l.customer_id, l.invoice_date, l.amount])).toEqual([
        ["R1", "K1", "2024-05-10", "1000"],
        ["R2", "K1", "2025-05-10", "1000"],
        ["R3", "K1", "2025-07-01", "400"],
        ["R4", "K2", "2025-03-01", "600"]
      ]);
      expect(readCsv(join(prepared.dir, "accounts.csv")).map((a) => a.account_name)).toEqual(["Müller AG", "Schmidt & Söhne"]);
    } finally {
      cleanup(prepared.dir);
    }
  });
});
