import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {MappingError} from "../../../loaders/pipeline/mapping/schema.js";
import {cleanup, folderWith, prepare, readCsv} from "./helpers.js";

const OPP_HEADER = "Nr;Kunde;Art;Phase;Wert;Erstellt;Abschluss;Zeit";

/** A semicolon-separated export with European dates and decimal commas, mapped by a mapping file. */
function europeanExport(rows: string[]): {dir: string; mapping: string} {
  const dir = folderWith({"deals.csv": [OPP_HEADER, ...rows].join("\n") + "\n"});
  const mapping = join(dir, "mapping.json");
  writeFileSync(
    mapping,
    JSON.stringify({
      files: {
        opportunities: {
          source: "DEALS.csv", // file names match case-insensitively
          delimiter: ";",
          columns: {
            opportunity_id: "Nr",
            account_id: "kunde", // header match is case-insensitive too
            type: "Art",
            stage: "Phase",
            amount: "Wert",
            created_date: "Erstellt",
            close_date: ["Closed", "Abschluss"] // alternatives: the first one present
          },
          constants: {currency: "EUR"},
          values: {
            stage: {map: {gewonnen: "won", verloren: "lost", "": "open"}, case_insensitive: true, default: "open"},
            type: {map: {Neu: "new_business"}}
          },
          dates: {created_date: "DD.MM.YYYY", close_date: ["unix_seconds", "DD.MM.YYYY"]},
          numbers: {amount: {decimal: ",", thousands: "."}}
        }
      }
    })
  );
  return {dir, mapping};
}

describe("mapping one file", () => {
  it("renames, maps values, converts dates and numbers, keeps the user's file and line", async () => {
    const {dir, mapping} = europeanExport([
      "1;K1;Neu;Gewonnen;1.234,50;03.04.2024;1712188800;x", // 1712188800 s = 2024-04-04T00:00:00Z
      '2;K2;Neu;"VERLOREN";"-12,00";31.12.2024;05.01.2025;"multi', // record spans lines 3–4
      'line"',
      "3;K3;Neu;;7;2024-13-45;;x", // empty stage → "" key → open; bad date kept as written
      "4;K4;Upsell?;Eröffnet;abc;01.02.2025;;x" // unknown type kept (no default); stage default; amount kept
    ]);
    const prepared = await prepare({input: dir, mapping});
    try {
      const rows = readCsv(join(prepared.dir, "opportunities.csv"));
      expect(Object.keys(rows[0])).toEqual([
        "opportunity_id", "account_id", "type", "stage", "created_date", "close_date", "amount", "currency", "_source_file", "_source_line"
      ]);
      expect(rows.map((r) => [r.opportunity_id, r.type, r.stage, r.created_date, r.close_date, r.amount, r.currency, r._source_line])).toEqual([
        ["1", "new_business", "won", "2024-04-03", "2024-04-04", "1234.5", "EUR", "2"],
        ["2", "new_business", "lost", "2024-12-31", "2025-01-05", "-12", "EUR", "3"],
        ["3", "new_business", "open", "2024-13-45", "", "7", "EUR", "5"],
        ["4", "Upsell?", "open", "2025-02-01", "", "abc", "EUR", "6"]
      ]);
      expect(rows.every((r) => r._source_file === "deals.csv")).toBe(true);
      expect(prepared.notes.join("\n")).toContain('opportunities.type: values not in the value map, kept as they are: "Upsell?" (1 rows)');
    } finally {
      cleanup(dir, prepared.dir);
    }
  });

  it("names the mapping key and the columns found when a source column is missing", async () => {
    const {dir, mapping} = europeanExport(["1;K1;Neu;Gewonnen;1;03.04.2024;;x"]);
    const text = JSON.parse(readFileSync(mapping, "utf8"));
    text.files.opportunities.columns.stage = "Phse";
    writeFileSync(mapping, JSON.stringify(text));
    try {
      await expect(prepare({input: dir, mapping})).rejects.toThrow(
        /files\.opportunities\.columns\.stage: column "Phse" not found in deals\.csv \(closest: "Phase"\)\. Columns found: "Nr", "Kunde"/
      );
      await expect(prepare({input: dir, mapping})).rejects.toBeInstanceOf(MappingError);
    } finally {
      cleanup(dir);
    }
  });

  it("names the source key when no file matches", async () => {
    const {dir, mapping} = europeanExport([]);
    const text = JSON.parse(readFileSync(mapping, "utf8"));
    text.files.opportunities.source = "Opportunity*.csv";
    writeFileSync(mapping, JSON.stringify(text));
    try {
      await expect(prepare({input: dir, mapping})).rejects.toThrow(/files\.opportunities\.source: no file in .* matches "Opportunity\*\.csv"\. Files there: "deals\.csv", "mapping\.json"/);
    } finally {
      cleanup(dir);
    }
  });

  it("stacks several matching files and copies canonical files the mapping does not cover", async () => {
    const dir = folderWith({
      "items-2025-01.csv": "id,invoice,customer,price.product,amount,currency,period.start\nil_1,in_1,cus_1,prod_a,1999,usd,1735689600\n",
      "items-2025-02.csv": "id,invoice,customer,price.product,amount,currency,period.start\nil_2,in_2,cus_1,prod_a,-1,eur,2025-02-03\n",
      "accounts.csv": "account_id,account_name\ncus_1,One\n"
    });
    const mapping = join(dir, "m.json");
    writeFileSync(mapping, JSON.stringify({extends: "stripe", files: {invoice_lines: {source: "items-*.csv"}}}));
    const prepared = await prepare({input: dir, mapping});
    try {
      const lines = readCsv(join(prepared.dir, "invoice_lines.csv"));
      // 1999 cents = 19.99 exactly; -1 cent = -0.01; ISO date passes; currency upper-cased.
      expect(lines.map((l) => [l.line_id, l.invoice_date, l.amount, l.currency, l._source_file, l._source_line])).toEqual([
        ["il_1", "2025-01-01", "19.99", "USD", "items-2025-01.csv", "2"],
        ["il_2", "2025-02-03", "-0.01", "EUR", "items-2025-02.csv", "2"]
      ]);
      expect(readCsv(join(prepared.dir, "accounts.csv"))).toEqual([{account_id: "cus_1", account_name: "One"}]);
    } finally {
      cleanup(dir, prepared.dir);
    }
  });
});
