import {describe, expect, it} from "vitest";
import {everyMonth} from "../../src/lib/months.js";

describe("everyMonth", () => {
  it("fills the months in between, across a year end, whatever the order given", () => {
    expect(everyMonth(["2025-02", "2024-11", "2024-11"])).toEqual(["2024-11", "2024-12", "2025-01", "2025-02"]);
  });
  it("one month, and none", () => {
    expect(everyMonth(["2026-09"])).toEqual(["2026-09"]);
    expect(everyMonth([])).toEqual([]);
  });
});
