/**
 * mart_next_best_product on a few inline rows; expected values worked out by hand.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {runFixture, type LineIn, type TestDb} from "../pipeline/models/helpers.js";

// D = 2024-06-30; every line on 2023-10-01 (8.97 months before D: urgency 3 for everybody
// without an open deal). Segment S, five active accounts:
//   h1: P1 10 + P2 40; h2, h3: P1 10 + P2 10; t: P1 10; u: P3 10. Nobody holds P4.
// Holders: P1 {h1,h2,h3,t} (4), P2 {h1,h2,h3} (3), P3 {u} (1), P4 none.
// Confidence P1→P2 = 3/4; every other pair into a gap is 0.
// Segment shares (5 active): P1 0.8, P2 0.6, P3 0.2, P4 0.
// Potentials (fewer than 5 holders in S → all holders): P1 40/4 = 10, P2 60/3 = 20, P3 10, P4 0 (nobody).
// Ability is an account's own (relationship, data, resources), the same for all its products.
//   t  (P2, P3, P4): P2: need 3 (0.75), fit 3 (0.6), urgency 3 → opportunity 3, not disqualified.
//                    P3: need 0 → disqualified; fit 1 (0.2), urgency 3 (open deals) → 4/3.
//                    P4: need 0, fit 0, urgency 3 → 1.  Rank: P2, P3, P4.
//   u  (P1, P2, P4): all need 0 (u holds only P3, whose holders hold nothing else): disqualified.
//                    P1: fit 3 (0.8), urgency 3 → 2; P2: fit 3 (0.6), urgency 3 → 2; P4: 1.
//                    P1 and P2 tie on quadrant and scores: the larger potential (P2: 20 > 10) first.
//   h1 (P3, P4): demand_units.csv scores P3 for two buying centers: IT (1,1,1 | 3,3,3 → Nurture),
//                Ops (3,3,3 | 1,1,1 → Build the relationship). Build ranks before Nurture: Ops speaks.
//                P4 derived: disqualified. Rank: P3, P4.
const lines: LineIn[] = [
  ["h1", "P1", "2023-10-01", 10], ["h1", "P2", "2023-10-01", 40],
  ...["h2", "h3"].flatMap((id) => [[id, "P1", "2023-10-01", 10], [id, "P2", "2023-10-01", 10]] as LineIn[]),
  ["t", "P1", "2023-10-01", 10],
  ["u", "P3", "2023-10-01", 10]
];

let db: TestDb;
beforeAll(async () => {
  db = await runFixture(
    {
      asOf: "2024-06-30",
      accounts: [
        ...["h1", "h2", "h3", "u"].map((id) => ({account_id: id, segment: "S"})),
        {account_id: "t", account_name: "Tee", segment: "S", owner: "Oz"}
      ],
      products: [
        {product_id: "P1", product_name: "One"}, {product_id: "P2", product_name: "Two"},
        {product_id: "P3", product_name: "Three"}, {product_id: "P4", product_name: "Four"}
      ],
      lines,
      opportunities: [
        {opportunity_id: "OPP-2", account_id: "t", product_id: "P3", type: "cross_sell", stage: "open", created_on: "2024-05-01"},
        {opportunity_id: "OPP-1", account_id: "t", product_id: "P3", type: "cross_sell", stage: "open", created_on: "2024-04-01"}
      ],
      demandUnits: [
        {account_id: "h1", buying_center: "IT", product_id: "P3", need: 1, fit: 1, urgency: 1, relationship: 3, data: 3, resources: 3},
        {account_id: "h1", buying_center: "Ops", product_id: "P3", need: 3, fit: 3, urgency: 3, relationship: 1, data: 1, resources: 1}
      ]
    },
    "mart_next_best_product"
  );
});
afterAll(() => db.close());

const rowsOf = (account: string) => db.rows(`select * from mart_next_best_product where account_id = '${account}' order by rank`);

describe("mart_next_best_product", () => {
  it("ranks an account's products by the demand-unit scores and gives the reasons in words", async () => {
    const t = await rowsOf("t");
    expect(t.map((r) => [r.rank, r.product_id])).toEqual([[1, "P2"], [2, "P3"], [3, "P4"]]);
    expect(t[0]).toMatchObject({
      account_name: "Tee", owner: "Oz", segment: "S", product_name: "Two", status: "gap", potential: 20,
      opportunity_score: 3, score_source: "derived", affinity_product_id: "P1", affinity_confidence: 0.75, segment_share: 0.6,
      open_opportunity_id: null, open_opportunities: 0,
      reason_affinity: "75% of accounts holding One also hold Two",
      reason_adoption: "60% of active S accounts hold Two",
      reason_opportunity: null,
      reason: "75% of accounts holding One also hold Two; 60% of active S accounts hold Two"
    });
    expect(t[1]).toMatchObject({
      product_id: "P3", status: "open_opportunity", potential: 10, quadrant: null, opportunity_score: 4 / 3,
      affinity_product_id: null, affinity_confidence: null, segment_share: 0.2,
      open_opportunity_id: "OPP-1", open_opportunities: 2,
      reason: "20% of active S accounts hold Three; Open opportunity OPP-1 (created 2024-04-01) and 1 more"
    });
    expect(t[2]).toMatchObject({product_id: "P4", potential: 0, quadrant: null, opportunity_score: 1, reason: "No active S account holds Four"});
  });

  it("agrees with the demand units: the same quadrant and scores as the matrix shows", async () => {
    const [unit] = await db.rows("select quadrant, opportunity_score, ability_score from mart_demand_units where account_id = 't' and product_id = 'P2'");
    const [best] = await rowsOf("t");
    expect({quadrant: best.quadrant, opportunity_score: best.opportunity_score, ability_score: best.ability_score}).toEqual(unit);
    expect(unit.quadrant).not.toBeNull();
  });

  it("breaks a tie on quadrant and scores by the larger potential, not the product id", async () => {
    const u = await rowsOf("u");
    expect(u.map((r) => [r.rank, r.product_id, r.potential, r.opportunity_score, r.quadrant])).toEqual([
      [1, "P2", 20, 2, null],
      [2, "P1", 10, 2, null],
      [3, "P4", 0, 1, null]
    ]);
  });

  it("takes the best of several buying centers' units scored in demand_units.csv", async () => {
    const h1 = await rowsOf("h1");
    expect(h1.map((r) => [r.rank, r.product_id, r.quadrant, r.score_source, r.opportunity_score, r.ability_score])).toEqual([
      [1, "P3", "Build the relationship", "file", 3, 1],
      [2, "P4", null, "derived", 1, expect.any(Number)]
    ]);
  });

  it("lists every active account's core products not held, once, and nothing held", async () => {
    const [counts] = await db.rows(
      `select count(*)::integer as n, count(distinct (account_id, product_id))::integer as pairs,
              (select count(*)::integer from int_white_space_at_d where status <> 'held') as gaps
       from mart_next_best_product`
    );
    expect(counts).toEqual({n: 12, pairs: 12, gaps: 12});
  });
});
