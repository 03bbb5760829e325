import {describe, expect, it} from "vitest";
import {EXPORT_SPECS} from "../../../loaders/pipeline/ingest/files.js";
import {checkDuplicateColumns, checkHeader, closestMatch, HeaderError, parseFirstRecord} from "../../../loaders/pipeline/ingest/header.js";
import {duplicateNames, uniqueNames} from "../../../loaders/text/header-names.js";
import {levenshtein} from "../../../loaders/text/levenshtein.js";

describe("header check", () => {
  it("accepts required columns in any order, with optional and unknown extra columns", () => {
    expect(() => checkHeader(EXPORT_SPECS.fx_rates, "fx_rates.csv", ["rate", "note", "currency"])).not.toThrow();
  });

  it("names the file, the missing column, the columns found and the closest match", () => {
    let error: unknown;
    try {
      checkHeader(EXPORT_SPECS.account_map, "account_map.csv", ["customer_id", "acount_id"]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HeaderError);
    expect((error as HeaderError).missing).toEqual(["account_id"]);
    expect((error as Error).message).toBe(
      'account_map.csv: required column "account_id" (found "acount_id": is it misspelled?) missing. ' +
        'Columns found: "customer_id", "acount_id". Rename the column in the export (names are case-sensitive) or map it with a preset.'
    );
  });

  it("lists every missing column and no suggestion when nothing is close", () => {
    expect(() => checkHeader(EXPORT_SPECS.fx_rates, "fx_rates.csv", ["foo"])).toThrow(
      'fx_rates.csv: required columns "currency", "rate" missing. Columns found: "foo".'
    );
  });
});

describe("duplicated column names", () => {
  it("are found trimmed and case aside, with every 1-based position", () => {
    expect(duplicateNames(["a", " b", "A", "c", "b ", "a"])).toEqual([
      {name: "a", positions: [1, 3, 6]},
      {name: "b", positions: [2, 5]}
    ]);
  });

  it("are made unique for DuckDB, whose names ignore case: the first keeps its name", () => {
    expect(uniqueNames(["amount", "Amount", "amount", " ", "x"])).toEqual(["amount", "Amount__2", "amount__3", "column_4", "x"]);
  });

  it("stop the run when the run reads the column, naming the file, the column and the positions", () => {
    expect(() => checkDuplicateColumns(EXPORT_SPECS.fx_rates, "fx_rates.csv", ["currency", "rate", "Rate", "rate"])).toThrow(
      'fx_rates.csv: column "rate" appears 3 times, as columns 2, 3 and 4 (written "rate", "Rate"). ' +
        "Delete or rename the extra columns in the export, so that it is clear which one holds the data."
    );
    expect(() => checkDuplicateColumns(EXPORT_SPECS.fx_rates, "fx_rates.csv", ["currency", "rate", "note", "note"])).not.toThrow();
    // the mapping layer's source columns are read too
    expect(() => checkDuplicateColumns(EXPORT_SPECS.fx_rates, "fx_rates.csv", ["currency", "rate", "_source_line", "_source_line"], ["_source_line"])).toThrow(
      'column "_source_line" appears twice, as column 3 and column 4'
    );
  });
});

describe("closest match", () => {
  it("matches case and separator variants, and small typos", () => {
    expect(closestMatch("account_id", ["Account ID", "name"])).toBe("Account ID");
    expect(closestMatch("invoice_date", ["invoce_date", "amount"])).toBe("invoce_date");
    expect(closestMatch("amount", ["customer", "region"])).toBeNull();
  });
  it("levenshtein counts edits", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
  });
});

describe("first CSV record", () => {
  it("strips a BOM, honours quotes with commas, quotes and newlines, stops at CRLF", () => {
    expect(parseFirstRecord('\uFEFFa,"b,1","c\n""2""",d\r\n1,2,3,4')).toEqual(["a", "b,1", 'c\n"2"', "d"]);
  });
  it("asks for more text until the record ends, unless at the end", () => {
    expect(parseFirstRecord('a,"b')).toBeNull();
    expect(parseFirstRecord("a,b", true)).toEqual(["a", "b"]);
  });
});
