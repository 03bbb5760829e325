import {describe, expect, it} from "vitest";
import {bandText, changeText, FIGURES, HEADLINE, statusWords} from "../../src/lib/figures.js";

describe("status wording (benchmarks.md)", () => {
  it("reads higher-is-better figures as behind / on / ahead", () => {
    expect(statusWords("cross_sell_rate", "below")).toBe("behind benchmark");
    expect(statusWords("cross_sell_rate", "within")).toBe("on benchmark");
    expect(statusWords("cross_sell_rate", "above")).toBe("ahead of benchmark");
  });
  it("reads time to cross-sell as faster (premature) / on / slower", () => {
    expect(statusWords("time_to_cross_sell_months", "below")).toBe("faster than benchmark — check for premature cross-selling");
    expect(statusWords("time_to_cross_sell_months", "within")).toBe("on benchmark");
    expect(statusWords("time_to_cross_sell_months", "above")).toBe("slower than benchmark");
  });
  it("says nothing for an undefined figure", () => {
    expect(statusWords("cross_sell_rate", null)).toBeNull();
  });
});

describe("figure table", () => {
  it("defines every headline figure with a band", () => {
    for (const id of HEADLINE) expect(FIGURES[id].band).toBeTruthy();
  });
  it("writes bands and changes in the figure's unit", () => {
    expect(bandText("cross_sell_rate", 0.15, 0.3)).toBe("15.0%–30.0%");
    expect(bandText("full_suite_rate", 0.7, null)).toBe("≥ 70.0%");
    expect(bandText("time_to_cross_sell_months", 6, 12)).toBe("6.0–12.0 months");
    expect(changeText("cross_sell_rate", 0.21, 0.2)).toBe("+1.0 pts");
    expect(changeText("time_to_cross_sell_months", 8, 8.5)).toBe("−0.5 months");
    expect(changeText("revenue", 110, 100)).toBe("+10.0%");
    expect(changeText("cross_sell_rate", null, 0.2)).toBeNull();
  });
});
