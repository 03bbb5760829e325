import {describe, expect, it} from "vitest";
import {WaterfallChart, waterfallSteps, type BridgeLike} from "../../src/components/waterfallChart.js";
import {makeDocument} from "./render.js";

const document = makeDocument();

// 1210 + 520 + 80 + 60 + 160 − 100 − 350 = 1580 (tests/sql/retention.test.ts's fixture), with returning
// made negative (−30) here: 1210 + 520 − 30 + 60 + 160 − 100 − 350 = 1470.
const bridge: BridgeLike = {
  starting: 1210, new_business: 520, returning: -30, cross_sell_expansion: 60, upsell_expansion: 160,
  contraction: 100, churn: 350, ending: 1470
};

describe("waterfallSteps", () => {
  it("floats each movement from the level the previous ones reached, from starting to ending", () => {
    expect(waterfallSteps(bridge).map(({key, kind, amount, y1, y2}) => ({key, kind, amount, y1, y2}))).toEqual([
      {key: "starting", kind: "total", amount: 1210, y1: 0, y2: 1210},
      {key: "new_business", kind: "increase", amount: 520, y1: 1210, y2: 1730},
      {key: "returning", kind: "decrease", amount: -30, y1: 1730, y2: 1700},
      {key: "cross_sell_expansion", kind: "increase", amount: 60, y1: 1700, y2: 1760},
      {key: "upsell_expansion", kind: "increase", amount: 160, y1: 1760, y2: 1920},
      {key: "contraction", kind: "decrease", amount: -100, y1: 1920, y2: 1820},
      {key: "churn", kind: "decrease", amount: -350, y1: 1820, y2: 1470},
      {key: "ending", kind: "total", amount: 1470, y1: 0, y2: 1470}
    ]);
  });
});

describe("WaterfallChart", () => {
  it("draws eight bars, coloured by direction, each linking to the accounts behind it", () => {
    const chart = WaterfallChart(bridge, {document, hrefFor: (step) => (step === "starting" ? null : `#accounts-${step}`)});
    const bars = [...chart.querySelectorAll("g[aria-label='bar'] rect")];
    expect(bars).toHaveLength(8);
    expect(bars.map((b) => b.getAttribute("fill"))).toEqual([
      "var(--theme-foreground-focus)", "var(--good)", "var(--bad)", "var(--good)", "var(--good)", "var(--bad)", "var(--bad)", "var(--theme-foreground-focus)"
    ]);
    const links = [...chart.querySelectorAll("g[aria-label='bar'] a")].map((a) => a.getAttribute("href") ?? a.getAttribute("xlink:href"));
    expect(links).toEqual([
      "#accounts-new_business", "#accounts-returning", "#accounts-cross_sell_expansion", "#accounts-upsell_expansion",
      "#accounts-contraction", "#accounts-churn", "#accounts-ending"
    ]);
    expect(bars[6].getAttribute("aria-label")).toBe("Churn: −$350");
    expect(chart.textContent).toContain("+$520");
  });

  it("draws a bridge of zeros without links when none are asked for", () => {
    const zeros = {starting: 0, new_business: 0, returning: 0, cross_sell_expansion: 0, upsell_expansion: 0, contraction: 0, churn: 0, ending: 0};
    const chart = WaterfallChart(zeros, {document});
    expect(chart.querySelectorAll("g[aria-label='bar'] rect")).toHaveLength(8);
    expect(chart.querySelector("a")).toBeNull();
  });

  it("on a narrow chart names the bars briefly and writes only the two totals", () => {
    const chart = WaterfallChart(bridge, {document, width: 360});
    const ticks = [...chart.querySelectorAll("g[aria-label='x-axis tick label'] text")].map((t) => t.textContent);
    expect(ticks).toEqual(["Start", "New", "Ret.", "X-sell", "Upsell", "Contr.", "Churn", "End"]);
    expect([...chart.querySelectorAll("g[aria-label='text'] text")].map((t) => t.textContent)).toEqual(["$1.2K", "$1.5K"]);
    // Every bar still says what it is.
    expect(chart.querySelectorAll("g[aria-label='bar'] rect")[6].getAttribute("aria-label")).toBe("Churn: −$350");
  });
});
