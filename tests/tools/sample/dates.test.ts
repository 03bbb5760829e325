import {describe, expect, it} from "vitest";
import {dayInMonth, daysInMonth, isoDay, isoMonth, monthOfDay, parseIsoDate} from "../../../loaders/tools/sample/dates.js";

describe("dates", () => {
  it("round-trips ISO dates through day numbers", () => {
    expect(parseIsoDate("1970-01-02")).toBe(1);
    expect(isoDay(parseIsoDate("2026-09-30"))).toBe("2026-09-30");
  });

  it("rejects dates that are not on the calendar or not ISO", () => {
    expect(() => parseIsoDate("2025-02-30")).toThrow(/not a calendar date/);
    expect(() => parseIsoDate("30/09/2026")).toThrow(/YYYY-MM-DD/);
  });

  it("clamps the billing day to the month's end", () => {
    const feb2024 = 2024 * 12 + 1;
    expect(daysInMonth(feb2024)).toBe(29);
    expect(isoDay(dayInMonth(feb2024, 31))).toBe("2024-02-29");
    expect(isoDay(dayInMonth(2026 * 12 + 8, 31))).toBe("2026-09-30");
    expect(monthOfDay(parseIsoDate("2026-09-30"))).toBe(2026 * 12 + 8);
    expect(isoMonth(2026 * 12)).toBe("2026-01");
  });
});
