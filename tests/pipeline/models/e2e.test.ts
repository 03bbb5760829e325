/**
 * End to end: computeOutputs on the ~10-account fixture (tests/pipeline/models/fixtures.ts),
 * kpis.json checked in full against figures worked out by hand, every output
 * validated against its schema.
 *
 * D = 2024-06-30, S = 2023-06-30, P = (S, D].
 * Active at S (revenue in (2022-06-30, 2023-06-30]): A01 (2022-07-15), A02 (2022-08-01),
 *   A03 (2023-01-10), A04 (2022-12-01, 2023-06-30), A06 (2023-05-01), A08 (2023-03-01
 *   EUR 90 × 1.1 = 99). Not: A05 (starts 2023-10), C-77, A09 (2022-01-01), A10 (no billing).
 *   E = 6.
 * Cross-sell events in P: A01 ANL 2023-09-01 (first purchase 2022-07-15), A05 ANL+MKT
 *   2024-03-01 and SUP 2024-04-01 (A05 not in E). A04 MKT was adopted on S itself → not
 *   in P. A03 bought CRM+ANL as a bundle on day one → no cross-sell. A06 ANL is credit
 *   only → never adopted. X = {A01} → 1/6 = 0.1667, within [0.15, 0.30].
 * At D (window = P): A01 CRM 100 + ANL 50 = 150 (2 products); A02 CRM 200 (1; the MKT
 *   line of 2024-07-01 is after D); A03 CRM 300 (1; ANL of 2023-01-10 is outside);
 *   A04 CRM 100 + MKT 80 = 180 (2); A05 500+200+100+20 = 820 (4, all 3 core → full
 *   suite); A06 CRM 400 − ANL 50 = 350 (1: the ANL pair is negative, not held); C-77
 *   (unmatched) 60 (1); A08 EUR 90 × 1.2 (no 2024-03 rate → constant) = 108 (1).
 *   Active = 8. Multi-product = A01, A04, A05 → 3/8 = 0.375, below [0.4, 0.6].
 *   Products per customer = (2+1+1+2+4+1+1+1)/8 = 13/8 = 1.625.
 *   Full suite = 1/8 = 0.125, below 0.70 (high null).
 * Revenue in P = 150+200+300+180+820+350+60+108 = 2168. Cross-sold pairs' revenue in P:
 *   A01 ANL 50 + A04 MKT 80 (adopted on S, still a cross-sold pair) + A05 ANL 200,
 *   MKT 100, SUP 20 = 450 → 450/2168 = 0.20756, within [0.2, 0.4].
 * Time to cross-sell (first event in P): A01 2022-07-15 → 2023-09-01 = 365 + 48 = 413
 *   days; A05 2023-10-01 → 2024-03-01 = 31+30+31+31+29 = 152 days. Even count: median =
 *   (152+413)/2 = 282.5 days = 9.2813 months; p25 = 152 + 0.25 × 261 = 217.25 days;
 *   p75 = 152 + 0.75 × 261 = 347.75 days; within [6, 12].
 * Win rates (close date in P): cross_sell O1 won 50, O2 lost 150, O3 lost (no amount = 0),
 *   O8 won 300 → 2/4 = 0.5 = high → within (inclusive); value-weighted 350/500 = 0.7.
 *   new_business O4 won 1000 (O5 closed on S → outside) → 1/1 = 1, above [0.05, 0.2].
 *   upsell O7 lost 40 → 0/1 = 0, below [0.3, 0.5]; value-weighted 0/40 = 0.
 * Tiers (revenue desc): A05 820 (c=0 → A), A06 350 (c=820/2168=0.378 → A), A03 300
 *   (0.540 → B), A02 200 (0.678 → B), A04 180 (0.770 → B), A01 150 (0.853 → C), A08 108
 *   (0.923 → C), C-77 60 (0.972 → D). A: 2 / 1170; B: 3 / 680; C: 2 / 258; D: 1 / 60.
 * White space (no segment has 5 holders → all holders): ANL holders A01 50, A05 200 →
 *   125; MKT holders A04 80, A05 100 → 90. Gaps: A01 MKT 90; A02, A03, A06, C-77, A08 ANL +
 *   MKT = 215 each; A04 ANL 125 → 90 + 5 × 215 + 125 = 1290. Revenue at full cross-sell =
 *   2168 + 1290 = 3458, ratio 3458/2168.
 * Retention (R0 = revenue in (2022-06-30, 2023-06-30], R1 = revenue in P; E as above):
 *   A01 R0 100 (CRM), R1 150: CRM Δ 0, ANL Δ +50 adopted 2023-09-01 in P, cross-sold → cross-sell 50.
 *   A02 R0 200, R1 200: no change. A03 R0 300 + 100 = 400, R1 300: ANL Δ −100 → contraction 100.
 *   A04 R0 100 + 80 = 180, R1 180: no change. A06 R0 400, R1 400 − 50 = 350: ANL Δ −50 →
 *   contraction 50. A08 R0 99, R1 108: CRM (its first product) Δ +9 → upsell 9. No account of E
 *   has R1 ≤ 0 → churn 0. Not in E: A05 (first purchase 2023-10-01 in P) 820 and C-77 (2024-02-01)
 *   60 → new business 880; A09 has nothing in P → returning 0.
 *   starting = 100+200+400+180+400+99 = 1379; ending = 1379 + 880 + 0 + 50 + 9 − 150 − 0 = 2168 ✓
 *   (all revenue in P). Cross-sell share of expansion = 50/59.
 *   NRR = Σ R1 over E = 150+200+300+180+350+108 = 1288 → 1288/1379 = 0.934, below [1.00, 1.10].
 *   GRR = 100 (A01 capped at R0) + 200 + 300 + 180 + 350 + 99 (A08 capped) = 1229 → 1229/1379 =
 *   0.891, below [0.90, 0.95].
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {computeOutputs} from "../../../loaders/pipeline/models/index.js";
import {OUTPUT_FILES} from "../../../src/schemas/index.js";
import {E2E_FIXTURE} from "./fixtures.js";
import {loadFixture, openTestDb, type TestDb} from "./helpers.js";

let db: TestDb;
let outputs: Record<string, unknown>;

beforeAll(async () => {
  db = await openTestDb();
  await loadFixture(db.conn, E2E_FIXTURE);
  outputs = await computeOutputs(db.conn, {topAccounts: {tiers: ["A", "B"], max: 3}});
});
afterAll(() => db.close());

describe("computeOutputs end to end", () => {
  it("returns exactly the metrics-produced outputs, each valid against its schema", () => {
    const expected = Object.entries(OUTPUT_FILES)
      .filter(([, f]) => f.producer === "metrics")
      .map(([k]) => k)
      .sort();
    expect(Object.keys(outputs).sort()).toEqual(expected);
    for (const key of expected) {
      const schema = OUTPUT_FILES[key as keyof typeof OUTPUT_FILES].schema;
      const result = schema.safeParse(outputs[key]);
      if (!result.success) throw new Error(`${key}: ${result.error.message.slice(0, 2000)}`);
    }
    expect(JSON.stringify(outputs)).not.toMatch(/NaN|Infinity/);
  });

  it("computes kpis.json exactly as worked out by hand", () => {
    const m = (days: number) => days / 30.4375;
    expect(outputs.kpis).toEqual({
      as_of: "2024-06-30",
      period_start: "2023-07-01",
      currency: "USD",
      kpis: {
        cross_sell_rate: {value: 1 / 6, numerator: 1, denominator: 6, low: 0.15, high: 0.3, status: "within"},
        multi_product_rate: {value: 0.375, numerator: 3, denominator: 8, low: 0.4, high: 0.6, status: "below"},
        cross_sell_revenue_share: {value: 450 / 2168, numerator: 450, denominator: 2168, low: 0.2, high: 0.4, status: "within"},
        time_to_cross_sell_months: {
          value: expect.closeTo(m(282.5), 12),
          p25: expect.closeTo(m(217.25), 12),
          p75: expect.closeTo(m(347.75), 12),
          count: 2,
          low: 6,
          high: 12,
          status: "within"
        },
        cross_sell_win_rate: {value: 0.5, won: 2, lost: 2, value_weighted: 0.7, low: 0.3, high: 0.5, status: "within"},
        new_business_win_rate: {value: 1, won: 1, lost: 0, value_weighted: 1, low: 0.05, high: 0.2, status: "above"},
        upsell_win_rate: {value: 0, won: 0, lost: 1, value_weighted: 0, low: 0.3, high: 0.5, status: "below"},
        products_per_customer: {value: 1.625},
        full_suite_rate: {value: 0.125, numerator: 1, denominator: 8, low: 0.7, high: null, status: "below"},
        revenue_at_full_cross_sell: {value: 3458, ratio: 3458 / 2168, white_space: 1290},
        net_revenue_retention: {value: 1288 / 1379, numerator: 1288, denominator: 1379, low: 1, high: 1.1, status: "below"},
        gross_revenue_retention: {value: 1229 / 1379, numerator: 1229, denominator: 1379, low: 0.9, high: 0.95, status: "below"}
      },
      revenue_bridge: {
        starting: 1379, new_business: 880, returning: 0, cross_sell_expansion: 50, upsell_expansion: 9,
        contraction: 150, churn: 0, ending: 2168, cross_sell_share_of_expansion: 50 / 59
      },
      tiers: [
        {tier: "A", accounts: 2, revenue: 1170},
        {tier: "B", accounts: 3, revenue: 680},
        {tier: "C", accounts: 2, revenue: 258},
        {tier: "D", accounts: 1, revenue: 60}
      ]
    });
  });

  it("gives pages to the top accounts of the page tiers, capped at max", () => {
    // Page tiers A, B: A05, A06, A03, A02, A04 by revenue rank; max 3 → A05, A06, A03.
    const accounts = outputs.accounts as {account_id: string; has_page: boolean}[];
    expect(accounts.filter((a) => a.has_page).map((a) => a.account_id)).toEqual(["A03", "A05", "A06"]);
    const history = outputs.account_history as {account_id: string; product_id: string; month: string; revenue: number}[];
    expect(history.filter((h) => h.account_id === "A03")).toEqual([
      {account_id: "A03", product_id: "ANL", month: "2023-01", revenue: 100},
      {account_id: "A03", product_id: "CRM", month: "2023-01", revenue: 300},
      {account_id: "A03", product_id: "CRM", month: "2024-01", revenue: 300}
    ]);
    const opportunities = outputs.account_opportunities as {opportunity_id: string}[];
    expect(opportunities.map((o) => o.opportunity_id)).toEqual(["O3", "O8", "O6"]);
  });

  it("lists the open cross-sell pipeline and marks open opportunities in the white space", () => {
    expect(outputs.open_pipeline).toEqual([
      {
        opportunity_id: "O6", account_id: "A06", account_name: "Zeta", product_id: "MKT", amount: 75,
        created_on: "2024-05-01", age_days: 60, owner: "Cy", buying_center: "Marketing", source: "csm"
      }
    ]);
    const ws = outputs.white_space as {account_id: string; product_id: string; status: string; potential: number | null}[];
    expect(ws.find((r) => r.account_id === "A06" && r.product_id === "MKT")).toMatchObject({status: "open_opportunity", potential: 90});
    expect(ws.find((r) => r.account_id === "A06" && r.product_id === "ANL")).toMatchObject({status: "gap", potential: 125});
    expect(ws.find((r) => r.account_id === "A06" && r.product_id === "CRM")).toMatchObject({status: "held", potential: null});
  });

  it("splits figures into figures.json (all at every date + every cut at D) and one trend file per dimension", () => {
    const figures = outputs.figures as {dimension: string; is_current: boolean; as_of: string}[];
    expect(figures.every((r) => r.dimension === "all" || r.is_current)).toBe(true);
    // Month ends from January 2022 (earliest line) to June 2024: 30 dates, D = 2024-06-30 among them.
    expect(new Set(figures.map((r) => r.as_of)).size).toBe(30);
    const bySegment = outputs.figures_by_segment as {dimension: string; as_of: string}[];
    expect(bySegment.every((r) => r.dimension === "segment")).toBe(true);
    expect(new Set(bySegment.map((r) => r.as_of)).size).toBe(30);
  });
});
