import {describe, expect, it} from "vitest";
import {parseSampleArgs} from "../../../loaders/tools/sample/args.js";
import {DEFAULT_SAMPLE_OPTIONS} from "../../../loaders/tools/sample/generate.js";

describe("parseSampleArgs", () => {
  it("defaults to data/ and the default scale ending 2026-09-30", () => {
    expect(parseSampleArgs([])).toEqual(DEFAULT_SAMPLE_OPTIONS);
    expect(DEFAULT_SAMPLE_OPTIONS).toMatchObject({out: "data", accounts: 3000, end: "2026-09-30", gzip: false});
  });

  it("reads every option", () => {
    const o = parseSampleArgs(
      ["--out", "x", "--accounts", "50", "--invoice-lines", "900", "--opportunities", "80", "--seed", "9", "--end", "2025-12-31", "--gzip"]
    );
    expect(o).toMatchObject({out: "x", accounts: 50, invoiceLines: 900, opportunities: 80, seed: 9, end: "2025-12-31", gzip: true});
  });

  it("says what is wrong with a bad option", () => {
    expect(() => parseSampleArgs(["--accounts", "many"])).toThrow(/--accounts expects a whole number, got "many"/);
    expect(() => parseSampleArgs(["--end", "2025-02-30"])).toThrow(/not a calendar date/);
    expect(() => parseSampleArgs(["--out"])).toThrow(/--out needs a value/);
    expect(() => parseSampleArgs(["--colour"])).toThrow(/unknown option "--colour"/);
  });
});
