import {describe, expect, it} from "vitest";
import {EXIT_DATA_TOO_OLD} from "../../loaders/exit-codes.js";
import {RefreshError} from "../../loaders/refresh/error.js";
import {checkMaxAge, daysBetween, todayUtc} from "../../loaders/refresh/freshness.js";

describe("daysBetween", () => {
  it("counts calendar days, across month ends and leap days", () => {
    expect(daysBetween("2026-06-30", "2026-06-30")).toBe(0);
    expect(daysBetween("2026-06-30", "2026-07-01")).toBe(1);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2); // 29 Feb 2024 exists
    expect(daysBetween("2025-02-28", "2025-03-01")).toBe(1);
    expect(daysBetween("2025-12-31", "2026-12-31")).toBe(365);
    expect(daysBetween("2026-07-01", "2026-06-30")).toBe(-1);
  });

  it("gives today's UTC date", () => {
    expect(todayUtc(new Date("2026-03-04T23:59:59Z"))).toBe("2026-03-04");
  });
});

describe("checkMaxAge", () => {
  it("passes data exactly max-age days old and returns its age", () => {
    // 2026-06-30 → 2026-07-07 is 7 days.
    expect(checkMaxAge("2026-06-30", "2026-07-07", 7)).toBe(7);
    expect(checkMaxAge("2026-07-07", "2026-07-07", 0)).toBe(0);
  });

  it("fails with exit code 4 one day past max-age, naming the dates", () => {
    let error: unknown;
    try {
      checkMaxAge("2026-06-30", "2026-07-08", 7);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RefreshError);
    expect((error as RefreshError).exitCode).toBe(EXIT_DATA_TOO_OLD);
    expect((error as RefreshError).message).toContain("2026-06-30, 8 days before 2026-07-08 (--max-age 7)");
  });

  it("fails with exit code 4 when there is no billing line at all", () => {
    expect(() => checkMaxAge(null, "2026-07-08", 30)).toThrow(/no billing line/);
    try {
      checkMaxAge(null, "2026-07-08", 30);
    } catch (e) {
      expect((e as RefreshError).exitCode).toBe(EXIT_DATA_TOO_OLD);
    }
  });
});
