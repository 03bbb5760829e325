import {BANDED_FIGURES} from "../../src/catalog/index.js";
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {applyOverrides, bandRows, ConfigError, DEFAULT_BANDS, loadConfigFile, parseConfig} from "../../loaders/pipeline/config.js";

function issuesOf(value: unknown): string[] {
  try {
    parseConfig(value);
  } catch (e) {
    return (e as ConfigError).issues;
  }
  return [];
}

describe("configuration", () => {
  it("defaults to the bands of benchmarks.md and the documented settings", () => {
    const c = parseConfig({});
    expect(c.currency).toBe("USD");
    expect(c.as_of).toBeUndefined();
    expect(c.grace_days).toBe(0);
    expect(c.reject_limit).toBe(0.01);
    expect(c.bands.cross_sell_rate).toEqual({low: 0.15, high: 0.3});
    expect(c.bands.time_to_cross_sell_months).toEqual({low: 6, high: 12});
    expect(c.bands.full_suite_rate).toEqual({low: 0.7, high: null});
    expect(c.tiers).toEqual({a: 0.5, b: 0.8, c: 0.95});
    expect([c.small_sample_min, c.white_space_min_holders]).toEqual([5, 5]);
    expect(c.top_accounts).toEqual({tiers: ["A", "B"], max: 250});
    expect(c.mode).toBe("auto");
  });

  it("data/config.json is exactly the defaults", () => {
    const file = join(import.meta.dirname, "..", "..", "data", "config.json");
    expect(loadConfigFile(file)).toEqual(parseConfig({}));
    expect(Object.keys(JSON.parse(readFileSync(file, "utf8")).bands)).toEqual(Object.keys(DEFAULT_BANDS));
  });

  it("reports every mistake with its path in the file", () => {
    expect(issuesOf({bands: {cross_sell_rate: {low: "0.1", high: 0.3}}})).toEqual(["bands.cross_sell_rate.low: expected number, got string"]);
    expect(issuesOf({tiers: {a: 0.5, b: 0.8, c: 2}, grace_days: -1})).toEqual([
      "grace_days: Number must be greater than or equal to 0",
      "tiers.c: Number must be less than or equal to 1"
    ]);
    expect(issuesOf({as_of: "2024-02-30"})).toEqual(["as_of: not a calendar date"]);
    expect(issuesOf({segment_bands: {SMB: {cross_sell_rate: {lo: 0.1}}}})).toEqual(['segment_bands.SMB.cross_sell_rate: unknown key "lo"']);
  });

  it("treats unknown keys as errors (typo protection)", () => {
    expect(issuesOf({reject_limt: 0.02})).toEqual(['(top level): unknown key "reject_limt"']);
    expect(issuesOf({bands: {cross_sell_rat: {low: 0, high: 1}}})).toEqual(['bands: unknown key "cross_sell_rat"']);
  });

  it("names the file in the message, and rejects invalid JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "config-"));
    writeFileSync(join(dir, "bad.json"), '{"mode": "weekly"}');
    expect(() => loadConfigFile(join(dir, "bad.json"))).toThrow(/bad\.json:\n {2}mode: Invalid enum value/);
    writeFileSync(join(dir, "broken.json"), "{mode:");
    expect(() => loadConfigFile(join(dir, "broken.json"))).toThrow(/not valid JSON/);
  });

  it("lets command-line flags override the file", () => {
    const c = applyOverrides(parseConfig({reject_limit: 0.05, as_of: "2024-01-31"}), {reject_limit: 0.2, as_of: undefined, mode: "bookings"});
    expect([c.reject_limit, c.as_of, c.mode]).toEqual([0.2, "2024-01-31", "bookings"]);
    expect(() => applyOverrides(parseConfig({}), {reject_limit: 3})).toThrow(ConfigError);
  });

  it("builds band rows: global rows, then per-segment overrides merged with the global band", () => {
    const rows = bandRows(parseConfig({segment_bands: {SMB: {cross_sell_rate: {low: 0.1}}}}));
    // One global row per banded figure of the catalog, then the SMB override.
    expect(rows).toHaveLength(BANDED_FIGURES.length + 1);
    expect(rows[0]).toEqual({figure: "cross_sell_rate", segment: null, low: 0.15, high: 0.3});
    expect(rows).toContainEqual({figure: "net_revenue_retention", segment: null, low: 1, high: 1.1});
    expect(rows).toContainEqual({figure: "gross_revenue_retention", segment: null, low: 0.9, high: 0.95});
    expect(rows[BANDED_FIGURES.length]).toEqual({figure: "cross_sell_rate", segment: "SMB", low: 0.1, high: 0.3});
  });
});
