import {describe, expect, it} from "vitest";
import {cssString, minuteUtc, printedFreshness, printMarginStyle} from "../../../loaders/site/page/print.js";
import type {Freshness} from "../../../loaders/site/header.js";

const fresh: Freshness = {asOf: "2026-09-30", periodStart: "2025-10-01", refreshedAt: "2026-11-28T09:04:57.938Z", mode: "billing", currency: "USD"};

describe("the freshness line of printed pages", () => {
  it("states the as-of date, the period and the refresh time to the minute, in UTC", () => {
    expect(printedFreshness(fresh)).toBe("Cross-sell report · data as of 2026-09-30 (period 2025-10-01 to 2026-09-30) · refreshed 2026-11-28 09:04 UTC");
    expect(printedFreshness({...fresh, refreshedAt: null, periodStart: null})).toBe("Cross-sell report · data as of 2026-09-30");
    expect(printedFreshness({asOf: null, periodStart: null, refreshedAt: null, mode: null, currency: null})).toBe("Cross-sell report · no pipeline output found");
  });

  it("prints it in the bottom margin of every page, with the page number", () => {
    const style = printMarginStyle(fresh);
    expect(style).toMatch(/^<style>@page \{ @bottom-left \{ content: "Cross-sell report · data as of 2026-09-30 .*"; .*\} @bottom-right \{ content: "Page " counter\(page\) " of " counter\(pages\);/);
    expect(style.endsWith("</style>")).toBe(true);
  });

  it("writes text as a CSS string that cannot end the string or the style element", () => {
    expect(cssString('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
    expect(cssString("x</style><script>")).toBe('"x\\3c /style>\\3c script>"');
    expect(cssString("two\nlines")).toBe('"two lines"');
  });

  it("leaves a time it cannot read as it is", () => {
    expect(minuteUtc("2026-01-02T03:04:05Z")).toBe("2026-01-02 03:04 UTC");
    expect(minuteUtc("yesterday")).toBe("yesterday");
  });
});
