import {describe, expect, it} from "vitest";
import {EXPORT_SPECS} from "../../loaders/ingest/files.js";
import {checkHeader, closestMatch, HeaderError, parseFirstRecord} from "../../loaders/ingest/header.js";
import {levenshtein} from "../../loaders/text/levenshtein.js";

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
