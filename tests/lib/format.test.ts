import {describe, expect, it} from "vitest";
import {count, date, money, months, pct, pointsChange} from "../../src/lib/format.js";

describe("formatting for people", () => {
  it("formats ratios, money, months and counts", () => {
    expect(pct(0.2345)).toBe("23.4%"); // 23.45 → toFixed(1) rounds the binary value 23.449… down
    expect(pct(0.5)).toBe("50.0%");
    expect(money(1_234_567)).toBe("$1.2M");
    expect(money(950)).toBe("$950");
    expect(money(45_600)).toBe("$46K");
    expect(money(-2_500_000, "EUR")).toBe("-€2.5M");
    expect(money(1500, "CHF")).toBe("1.5K CHF");
    expect(months(8.46)).toBe("8.5 months");
    expect(count(12345)).toBe("12,345");
    expect(pointsChange(-0.012)).toBe("−1.2 pts");
    expect(date("2026-06-30")).toBe("30 Jun 2026");
  });
  it("shows a dash, never 0 or NaN, for a missing value", () => {
    for (const f of [pct, money, months, count]) {
      expect(f(null)).toBe("—");
      expect(f(Number.NaN)).toBe("—");
    }
  });
});
