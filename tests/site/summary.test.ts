// The Overview's "What changed, in words" (loaders/site/summary.ts): fixed inputs → exact sentences.
import {describe, expect, it} from "vitest";
import {overviewSummary, type SummaryInput} from "../../loaders/site/summary.js";

/** The five headline figures now (kpis.json) with their default bands. */
function kpis(values: Partial<Record<string, {value: number | null; status: "below" | "within" | "above" | null}>> = {}): SummaryInput["kpis"] {
  const k = (id: string, value: number | null, low: number, high: number, status: "below" | "within" | "above" | null) => ({
    value: values[id]?.value !== undefined ? values[id]!.value : value,
    low,
    high,
    status: values[id]?.status !== undefined ? values[id]!.status : status
  });
  return {
    as_of: "2026-09-30",
    currency: "USD",
    kpis: {
      cross_sell_rate: k("cross_sell_rate", 0.2, 0.15, 0.3, "within"),
      multi_product_rate: k("multi_product_rate", 0.45, 0.4, 0.6, "within"),
      cross_sell_revenue_share: k("cross_sell_revenue_share", 0.25, 0.2, 0.4, "within"),
      time_to_cross_sell_months: k("time_to_cross_sell_months", 8, 6, 12, "within"),
      cross_sell_win_rate: k("cross_sell_win_rate", 0.4, 0.3, 0.5, "within")
    }
  };
}

const prev = (figure: string, value: number | null, status: "below" | "within" | "above" | null = "within") => ({figure, as_of: "2025-09-30", value, status});

/** Previous values: cross-sell rate −4 pts of a 15-pt band (0.27), win rate −3 pts of 20 (0.15), months +0.6 of 6 (0.1). */
const PREVIOUS = [
  prev("cross_sell_rate", 0.24),
  prev("multi_product_rate", 0.45),
  prev("cross_sell_revenue_share", 0.24),
  prev("time_to_cross_sell_months", 7.4),
  prev("cross_sell_win_rate", 0.43),
  prev("revenue", 1_000_000, null)
];

const PRODUCTS = [
  {product_id: "CRM", product_name: "Core CRM"},
  {product_id: "DAT", product_name: "Data Hub"}
];
const BY_SEGMENT = [
  {product_id: "CRM", segment: "SMB", potential: 100_000},
  {product_id: "DAT", segment: "Enterprise", potential: 300_000},
  {product_id: "CRM", segment: "Enterprise", potential: 100_000}
];
const unit = (owner: string | null, potential: number | null, quadrant: "Pursue now" | "Nurture" | null = "Pursue now") => ({quadrant, potential, owner});
const UNITS = [
  unit("Ann", 50_000),
  unit("Ann", 10_000),
  unit("Bo", 70_000),
  unit("Cy", 20_000),
  unit("Di", 5_000),
  unit(null, 1_000),
  unit("Zed", 999_999, "Nurture"),
  unit("Bo", null)
];

const input = (over: Partial<SummaryInput> = {}): SummaryInput => ({kpis: kpis(), previous: PREVIOUS, bySegment: BY_SEGMENT, products: PRODUCTS, units: UNITS, ...over});

describe("overviewSummary", () => {
  it("names the figures that moved most against their band widths, the largest white space and the pursue-now units' owners", () => {
    expect(overviewSummary(input())).toEqual({
      as_of: "2026-09-30",
      previous_as_of: "2025-09-30",
      top_mover: "cross_sell_rate",
      sentences: [
        {
          topic: "change",
          text:
            "Cross-sell rate moved most since the previous period (as of 2025-09-30): 24.0% → 20.0% (−4.0 pts), still within its benchmark band (15.0%–30.0%). " +
            "Next, Cross-sell win rate: 43.0% → 40.0% (−3.0 pts), still within its benchmark band (30.0%–50.0%).",
          href: "./trends?figure=cross_sell_rate"
        },
        {topic: "white_space", text: "The largest white space is Data Hub in Enterprise: $300K of potential, 60.0% of all white space ($500K).", href: "./white-space"},
        {
          topic: "pursue_now",
          text:
            "7 demand units are in Pursue now, with $156K of potential. They belong to 4 owners; the most potential is with Bo (2 units, $70K), Ann (2 units, $60K) and Cy (1 unit, $20K). 1 unit has no owner.",
          href: "./priority-matrix?quadrant=Pursue+now"
        }
      ]
    });
  });

  it("says when a move crosses an edge of the band, either way", () => {
    const into = overviewSummary(input({kpis: kpis({multi_product_rate: {value: 0.61, status: "above"}}), movers: 1}));
    expect(into.top_mover).toBe("multi_product_rate");
    expect(into.sentences[0].text).toBe(
      "Multi-product rate moved most since the previous period (as of 2025-09-30): 45.0% → 61.0% (+16.0 pts), rising above its benchmark band (40.0%–60.0%)."
    );
    const below = overviewSummary(input({kpis: kpis({cross_sell_rate: {value: 0.1, status: "below"}}), movers: 1}));
    expect(below.sentences[0].text).toContain("24.0% → 10.0% (−14.0 pts), dropping below its benchmark band (15.0%–30.0%).");
    const back = overviewSummary(input({previous: [prev("time_to_cross_sell_months", 13, "above")], movers: 1}));
    expect(back.sentences[0].text).toBe(
      "Time to cross-sell moved most since the previous period (as of 2025-09-30): 13.0 months → 8.0 months (−5.0 months), falling back into its benchmark band (6.0–12.0 months)."
    );
    const whole = overviewSummary(input({previous: [prev("time_to_cross_sell_months", 5, "below")], kpis: kpis({time_to_cross_sell_months: {value: 13, status: "above"}})}));
    expect(whole.sentences[0].text).toContain("crossing the whole of its benchmark band (6.0–12.0 months) from below to above.");
  });

  it("says so when there is no previous period, nothing moved, no white space or no unit to pursue", () => {
    const none = overviewSummary(input({previous: [], bySegment: [], units: [unit("Ann", 5, "Nurture")]}));
    expect(none.previous_as_of).toBeNull();
    expect(none.top_mover).toBeNull();
    expect(none.sentences.map((s) => s.text)).toEqual([
      "There are no figures for the previous period to compare with (the data start within the period).",
      "There is no white space with an estimated potential: every active account holds every core product it could.",
      "No demand unit is in Pursue now."
    ]);
    expect(none.sentences[0].href).toBe("./trends");
    const still = overviewSummary(input({previous: PREVIOUS.map((p) => ({...p, value: (kpis().kpis[p.figure]?.value as number | undefined) ?? p.value}))}));
    expect(still.top_mover).toBeNull();
    expect(still.sentences[0].text).toBe("None of the headline figures changed since the previous period (as of 2025-09-30).");
  });

  it("leaves out a figure that is undefined now or then, and names one owner plainly", () => {
    const s = overviewSummary(input({kpis: kpis({cross_sell_rate: {value: null, status: null}}), units: [unit("Ann", 2_500)], movers: 1}));
    expect(s.top_mover).toBe("cross_sell_win_rate");
    expect(s.sentences[2].text).toBe("1 demand unit is in Pursue now, with $2.5K of potential. They belong to Ann (1 unit, $2.5K).");
  });
});
