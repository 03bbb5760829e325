/**
 * Mart models on a few inline rows each; expected values worked out by hand.
 */
import {describe, expect, it} from "vitest";
import {openTestDb, runFixture, type LineIn} from "../pipeline/models/helpers.js";
import {createMacros} from "../../loaders/pipeline/models/models.js";

describe("band_status (macros.sql)", () => {
  it("is inclusive at both edges; a NULL high is never above; no value → NULL", async () => {
    const db = await openTestDb();
    await createMacros(db.conn);
    const rows = await db.rows(
      `select band_status(0.15, 0.15, 0.3) as at_low, band_status(0.3, 0.15, 0.3) as at_high,
              band_status(0.1499, 0.15, 0.3) as below, band_status(0.3001, 0.15, 0.3) as above,
              band_status(5.0, 0.7, null) as open_high, band_status(null, 0.1, 0.2) as no_value,
              band_status(0.5, null, null) as no_band`
    );
    expect(rows).toEqual([
      {at_low: "within", at_high: "within", below: "below", above: "above", open_high: "within", no_value: null, no_band: null}
    ]);
    db.close();
  });
});

describe("mart_figures", () => {
  // D = 2024-06-30. Two SMB accounts (one without a region), one Enterprise; history starts 2024-01,
  // so nobody is active at S = 2023-06-30: the cross-sell rate is undefined.
  const fixture = {
    asOf: "2024-06-30",
    smallSampleMin: 2,
    accounts: [
      {account_id: "s1", segment: "SMB", region: "EMEA"},
      {account_id: "s2", segment: "SMB", region: null},
      {account_id: "e1", segment: "Enterprise", region: "EMEA"}
    ],
    bands: [
      {figure: "multi_product_rate", segment: null, low: 0.4, high: 0.6},
      {figure: "multi_product_rate", segment: "SMB", low: 0.5, high: 0.5},
      {figure: "cross_sell_rate", segment: null, low: 0.15, high: 0.3}
    ],
    lines: [
      ["s1", "P1", "2024-01-10", 10], ["s1", "P2", "2024-03-10", 5],
      ["s2", "P1", "2024-02-10", 20],
      ["e1", "P1", "2024-01-05", 100]
    ] as LineIn[]
  };

  it("leaves an empty denominator undefined: value and status NULL, counts 0, a reason", async () => {
    const db = await runFixture(fixture, "mart_figures");
    const [row] = await db.rows(
      "select * from mart_figures where figure = 'cross_sell_rate' and dimension = 'all' and is_current"
    );
    expect(row).toMatchObject({value: null, numerator: 0, denominator: 0, status: null, small_sample: true, low: 0.15, high: 0.3});
    expect(row.reason).toBe(
      "No existing customers at the period start (2023-06-30): no such account had revenue in the 12 months up to that day."
    );
    const [win] = await db.rows("select value, numerator, denominator, reason from mart_figures where figure = 'upsell_win_rate' and dimension = 'all' and is_current");
    expect(win).toEqual({
      value: null, numerator: 0, denominator: 0,
      reason: "No upsell opportunities were closed won or lost in the period (2023-07-01 to 2024-06-30)."
    });
    db.close();
  });

  it("cuts by segment with the segment's band, marks small samples and puts NULL attributes in 'Unknown'", async () => {
    // Multi-product at D: SMB s1 (2 products) of s1, s2 → 1/2 = 0.5 → SMB band [0.5, 0.5] → within;
    // Enterprise 0/1 → global band [0.4, 0.6] → below, small sample (1 < 2). Overall 1/3 → below.
    const db = await runFixture(fixture, "mart_figures");
    const rows = await db.rows(
      `select dimension, cut, value, numerator, denominator, low, high, status, small_sample from mart_figures
       where figure = 'multi_product_rate' and is_current and dimension in ('all', 'segment', 'region') order by dimension, cut`
    );
    expect(rows).toEqual([
      {dimension: "all", cut: "all", value: 1 / 3, numerator: 1, denominator: 3, low: 0.4, high: 0.6, status: "below", small_sample: false},
      {dimension: "region", cut: "EMEA", value: 0.5, numerator: 1, denominator: 2, low: 0.4, high: 0.6, status: "within", small_sample: false},
      {dimension: "region", cut: "Unknown", value: 0, numerator: 0, denominator: 1, low: 0.4, high: 0.6, status: "below", small_sample: true},
      {dimension: "segment", cut: "Enterprise", value: 0, numerator: 0, denominator: 1, low: 0.4, high: 0.6, status: "below", small_sample: true},
      {dimension: "segment", cut: "SMB", value: 0.5, numerator: 1, denominator: 2, low: 0.5, high: 0.5, status: "within", small_sample: false}
    ]);
    // Revenue has no denominator: small sample follows the active accounts of the cut.
    const revenue = await db.rows(
      "select cut, value, numerator, denominator, small_sample from mart_figures where figure = 'revenue' and is_current and dimension = 'segment' order by cut"
    );
    expect(revenue).toEqual([
      {cut: "Enterprise", value: 100, numerator: null, denominator: null, small_sample: true},
      {cut: "SMB", value: 35, numerator: null, denominator: null, small_sample: false}
    ]);
    db.close();
  });

  it("trends every figure at every month end: active accounts per month", async () => {
    // Month ends 2024-01-31 … 2024-06-30: active = e1, s1 from January, s2 from February.
    const db = await runFixture(fixture, "mart_figures");
    const rows = await db.rows<{as_of: string; value: number}>(
      "select as_of, value from mart_figures where figure = 'active_accounts' and dimension = 'all' order by as_of"
    );
    expect(rows).toEqual([
      {as_of: "2024-01-31", value: 2},
      {as_of: "2024-02-29", value: 3},
      {as_of: "2024-03-31", value: 3},
      {as_of: "2024-04-30", value: 3},
      {as_of: "2024-05-31", value: 3},
      {as_of: "2024-06-30", value: 3}
    ]);
    db.close();
  });

  it("counts closed opportunities per cut in each date's period (S_t, t]", async () => {
    // Cross-sell deals: s1 won 100 on 2024-02-15, s2 lost 50 on 2024-05-01, e1 won (no amount) on D,
    // e1 lost 40 on 2023-06-30 (= S at D: outside (S, D], inside the period of 2024-01-31), e1 lost 30 after D.
    // At D: SMB 1 won / 2 → 0.5, weighted 100/150; Enterprise 1/1, closed amount 0 → no weighted value;
    // overall 2/3, weighted 100/150. At 2024-01-31 only e1's deal of 2023-06-30 is in the period:
    // region EMEA (s1, e1) 0/1, region Unknown (s2) none → undefined.
    const base = {product_id: "P2", type: "cross_sell", created_on: "2023-01-01"};
    const db = await runFixture(
      {
        ...fixture,
        opportunities: [
          {...base, opportunity_id: "1", account_id: "s1", stage: "won", amount: 100, closed_on: "2024-02-15"},
          {...base, opportunity_id: "2", account_id: "s2", stage: "lost", amount: 50, closed_on: "2024-05-01"},
          {...base, opportunity_id: "3", account_id: "e1", stage: "won", amount: null, closed_on: "2024-06-30"},
          {...base, opportunity_id: "4", account_id: "e1", stage: "lost", amount: 40, closed_on: "2023-06-30"},
          {...base, opportunity_id: "5", account_id: "e1", stage: "lost", amount: 30, closed_on: "2024-07-01"}
        ]
      },
      "mart_figures"
    );
    const rows = await db.rows(
      `select as_of, dimension, cut, value, numerator, denominator, value_weighted from mart_figures
       where figure = 'cross_sell_win_rate' and ((is_current and dimension in ('all', 'segment')) or (as_of = '2024-01-31' and dimension = 'region'))
       order by as_of, dimension, cut`
    );
    expect(rows).toEqual([
      {as_of: "2024-01-31", dimension: "region", cut: "EMEA", value: 0, numerator: 0, denominator: 1, value_weighted: 0},
      {as_of: "2024-01-31", dimension: "region", cut: "Unknown", value: null, numerator: 0, denominator: 0, value_weighted: null},
      {as_of: "2024-06-30", dimension: "all", cut: "all", value: 2 / 3, numerator: 2, denominator: 3, value_weighted: 100 / 150},
      {as_of: "2024-06-30", dimension: "segment", cut: "Enterprise", value: 1, numerator: 1, denominator: 1, value_weighted: null},
      {as_of: "2024-06-30", dimension: "segment", cut: "SMB", value: 0.5, numerator: 1, denominator: 2, value_weighted: 100 / 150}
    ]);
    db.close();
  });

  it("gives the time to cross-sell per cut as the median and quartiles of the accounts' first cross-sells in the period", async () => {
    // Segment A: first cross-sell 30, 60 and 120 days after the first purchase → quartiles (continuous)
    // 45, 60, 90 days; segment B: one account, 10 days; b2 never cross-sells (no value, not counted).
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        accounts: [
          ...["a1", "a2", "a3"].map((id) => ({account_id: id, segment: "A"})),
          ...["b1", "b2"].map((id) => ({account_id: id, segment: "B"}))
        ],
        lines: [
          ["a1", "P1", "2024-01-01", 10], ["a1", "P2", "2024-01-31", 10],
          ["a2", "P1", "2024-01-01", 10], ["a2", "P2", "2024-03-01", 10],
          ["a3", "P1", "2024-01-01", 10], ["a3", "P2", "2024-04-30", 10],
          ["b1", "P1", "2024-01-01", 10], ["b1", "P2", "2024-01-11", 10],
          ["b2", "P1", "2024-01-01", 10]
        ] as LineIn[]
      },
      "mart_figures"
    );
    const rows = await db.rows(
      `select dimension, cut, value, p25, p75, denominator, reason from mart_figures
       where figure = 'time_to_cross_sell_months' and is_current and dimension in ('all', 'segment') order by dimension, cut`
    );
    // Overall: 10, 30, 60, 120 days → 25, 45, 75.
    const months = (days: number) => expect.closeTo(days / 30.4375, 12);
    expect(rows).toEqual([
      {dimension: "all", cut: "all", value: months(45), p25: months(25), p75: months(75), denominator: 4, reason: null},
      {dimension: "segment", cut: "A", value: months(60), p25: months(45), p75: months(90), denominator: 3, reason: null},
      {dimension: "segment", cut: "B", value: months(10), p25: months(10), p75: months(10), denominator: 1, reason: null}
    ]);
    db.close();
  });
});

describe("mart_tiers", () => {
  it("lists all four tiers, empty ones with 0 and NULL shares", async () => {
    // X1 60 (c=0 → A), Y1 40 (c=0.6 → B). C and D empty.
    const db = await runFixture({asOf: "2024-06-30", lines: [["X1", "P1", "2024-01-01", 60], ["Y1", "P1", "2024-01-01", 40], ["Y1", "P2", "2024-01-01", 0.0001]]}, "mart_tiers");
    expect(await db.rows("select * from mart_tiers")).toEqual([
      {tier: "A", accounts: 1, revenue: 60, revenue_share: 60 / 100.0001, cumulative_account_share: 0.5, mean_products_held: 1},
      {tier: "B", accounts: 1, revenue: 40.0001, revenue_share: 40.0001 / 100.0001, cumulative_account_share: 1, mean_products_held: 2},
      {tier: "C", accounts: 0, revenue: 0, revenue_share: 0, cumulative_account_share: 1, mean_products_held: null},
      {tier: "D", accounts: 0, revenue: 0, revenue_share: 0, cumulative_account_share: 1, mean_products_held: null}
    ]);
    db.close();
  });
});

describe("mart_ttc_cohorts", () => {
  it("computes Kaplan–Meier with a censoring tied to an event still at risk", async () => {
    // D = 2024-06-30, cohort 2024-Q2:
    //   e31: first purchase 2024-04-01, cross-sell 2024-05-02 → event at 31 days
    //   c31: first purchase 2024-05-30, nothing else → censored at 31 days (to D)
    //   e70: first purchase 2024-04-02, cross-sell 2024-06-11 → event at 70 days
    // τ = 31: at risk 3 (the censored one too), 1 event → S = 2/3; τ = 70: at risk 1, 1 event → S = 0.
    // k=0 (0 d): share 0, at risk 3. k=1 (30.44 d): share 0, at risk 3.
    // k=2 (60.88 d): share 1/3, at risk 1 (only e70 ≥ 60.88), events 1, censored 1.
    // k=3 (91.31 d) > longest 70 → NULL; events 2, censored 1, at risk 0.
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        lines: [
          ["e31", "P1", "2024-04-01", 1], ["e31", "P2", "2024-05-02", 1],
          ["c31", "P1", "2024-05-30", 1],
          ["e70", "P1", "2024-04-02", 1], ["e70", "P2", "2024-06-11", 1]
        ]
      },
      "mart_ttc_cohorts"
    );
    const rows = await db.rows("select k, cohort_accounts, at_risk, events, censored, cross_sold_share from mart_ttc_cohorts where k <= 3");
    expect(rows).toEqual([
      {k: 0, cohort_accounts: 3, at_risk: 3, events: 0, censored: 0, cross_sold_share: 0},
      {k: 1, cohort_accounts: 3, at_risk: 3, events: 0, censored: 0, cross_sold_share: 0},
      {k: 2, cohort_accounts: 3, at_risk: 1, events: 1, censored: 1, cross_sold_share: expect.closeTo(1 / 3, 12)},
      {k: 3, cohort_accounts: 3, at_risk: 0, events: 2, censored: 1, cross_sold_share: null}
    ]);
    expect((await db.rows("select count(*)::integer as n from mart_ttc_cohorts"))[0]).toEqual({n: 37});
    db.close();
  });
});

describe("mart_adjacency / mart_affinity / mart_penetration", () => {
  // D = 2024-06-30, all lines in P.
  // a: P1 (01-01) then P2 + P3 on 02-01 (bundle cross-sell) → adjacency P1→P2, P1→P3.
  // b: P1 + P2 bundle (01-01) then P3 (03-01) → P1→P3, P2→P3.
  // c: P1 only.  Holdings at D: a {P1,P2,P3}, b {P1,P2,P3}, c {P1}. Active 3.
  const lines: LineIn[] = [
    ["a", "P1", "2024-01-01", 1], ["a", "P2", "2024-02-01", 1], ["a", "P3", "2024-02-01", 1],
    ["b", "P1", "2024-01-01", 1], ["b", "P2", "2024-01-01", 1], ["b", "P3", "2024-03-01", 1],
    ["c", "P1", "2024-01-01", 1]
  ];
  const accounts = [{account_id: "a", segment: "S"}, {account_id: "b", segment: "S"}, {account_id: "c", segment: "T"}];

  it("counts initial → first cross-sold product pairs per account", async () => {
    const db = await runFixture({asOf: "2024-06-30", accounts, lines}, "mart_adjacency");
    expect(await db.rows("select * from mart_adjacency")).toEqual([
      {initial_product_id: "P1", cross_sold_product_id: "P2", accounts: 1},
      {initial_product_id: "P1", cross_sold_product_id: "P3", accounts: 2},
      {initial_product_id: "P2", cross_sold_product_id: "P3", accounts: 1}
    ]);
    db.close();
  });

  it("computes support, confidence and lift over the active accounts", async () => {
    // P1→P2: both 2, holders P1 3, P2 2 → support 2/3, confidence 2/3, lift (2/3)/(2/3) = 1.
    // P2→P1: confidence 2/2 = 1, lift 1/(3/3) = 1.
    const db = await runFixture({asOf: "2024-06-30", accounts, lines}, ["mart_penetration", "mart_affinity"]);
    expect(await db.rows("select * from mart_affinity where product_x in ('P1', 'P2') and product_y in ('P1', 'P2')")).toEqual([
      {product_x: "P1", product_y: "P2", active_accounts: 3, holders_x: 3, holders_y: 2, holders_both: 2, support: 2 / 3, confidence: 2 / 3, lift: 1},
      {product_x: "P2", product_y: "P1", active_accounts: 3, holders_x: 2, holders_y: 3, holders_both: 2, support: 2 / 3, confidence: 1, lift: 1}
    ]);
    // Penetration: S has 2 active accounts holding P1, P2, P3; T has 1 holding P1 only.
    expect(await db.rows("select * from mart_penetration where segment = 'T'")).toEqual([
      {segment: "T", product_id: "P1", active_accounts: 1, holders: 1, share: 1},
      {segment: "T", product_id: "P2", active_accounts: 1, holders: 0, share: 0},
      {segment: "T", product_id: "P3", active_accounts: 1, holders: 0, share: 0}
    ]);
    db.close();
  });
});

describe("mart_win_rates", () => {
  it("groups closed opportunities by close quarter and type; NULL amounts count as 0", async () => {
    // 2024-Q1 cross_sell: won 100, lost (no amount) → 1/2, value-weighted 100/100 = 1.
    // 2024-Q2 cross_sell: lost 50 → 0/1, value-weighted 0. An open deal and one closed after D are ignored.
    const base = {account_id: "a", product_id: "P1", created_on: "2024-01-01"};
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        accounts: [{account_id: "a"}],
        opportunities: [
          {...base, opportunity_id: "1", type: "cross_sell", stage: "won", amount: 100, closed_on: "2024-02-01"},
          {...base, opportunity_id: "2", type: "cross_sell", stage: "lost", amount: null, closed_on: "2024-03-31"},
          {...base, opportunity_id: "3", type: "cross_sell", stage: "lost", amount: 50, closed_on: "2024-04-01"},
          {...base, opportunity_id: "4", type: "cross_sell", stage: "open", amount: 50},
          {...base, opportunity_id: "5", type: "cross_sell", stage: "won", amount: 50, closed_on: "2024-07-01"}
        ]
      },
      "mart_win_rates"
    );
    expect(await db.rows("select * from mart_win_rates")).toEqual([
      {quarter: "2024-Q1", quarter_end: "2024-03-31", type: "cross_sell", won: 1, lost: 1, won_amount: 100, lost_amount: 0, win_rate: 0.5, value_weighted: 1},
      {quarter: "2024-Q2", quarter_end: "2024-06-30", type: "cross_sell", won: 0, lost: 1, won_amount: 0, lost_amount: 50, win_rate: 0, value_weighted: 0}
    ]);
    db.close();
  });
});

describe("mart_demand_units", () => {
  it("derives the six scores with their reasons, and lets demand_units.csv replace a unit", async () => {
    // D = 2024-06-30. Segment S: h1, h2, h3 hold P1 + P2 (so confidence(P1→P2) = 3/4 over the 4
    // P1 holders); t holds P1 only (adopted 2023-10-01 → 273 days = 8.97 months before D).
    // Unit (t, P2): need: conf(P1→P2) = 0.75 → 3; fit: 3 of 4 S accounts hold P2 → 0.75 → 3;
    // urgency: no open deal, 8.97 months in [6, 12] → 3; relationship: 1 product → 1;
    // data: segment + owner filled = 2 → 2; resources: t has the lowest revenue: revenues
    // h1..h3 20 each, t 10 (total 70): t c = 60/70 = 0.857 → C → 2.
    // opportunity 3, ability 5/3 → Build the relationship. Potential: 3 holders < 5 → all: 10.
    // File unit for (h1, P3) (P3 not held by anybody) replaces the derived one: scores as given.
    const lines: LineIn[] = [
      ...["h1", "h2", "h3"].flatMap((id) => [[id, "P1", "2023-10-01", 10], [id, "P2", "2023-10-01", 10]] as LineIn[]),
      ["t", "P1", "2023-10-01", 10]
    ];
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        accounts: [
          ...["h1", "h2", "h3"].map((id) => ({account_id: id, segment: "S"})),
          {account_id: "t", account_name: "Tee", segment: "S", owner: "Oz"}
        ],
        products: [{product_id: "P1", product_name: "One"}, {product_id: "P2", product_name: "Two"}, {product_id: "P3", product_name: "Three"}],
        lines,
        demandUnits: [
          {account_id: "h1", buying_center: "IT", product_id: "P3", need: 2, fit: 2, urgency: 2, relationship: 3, data: 3, resources: 3, assessed_on: "2024-05-01"}
        ]
      },
      "mart_demand_units"
    );
    const [t] = await db.rows("select * from mart_demand_units where account_id = 't' and product_id = 'P2'");
    expect(t).toEqual({
      account_id: "t", account_name: "Tee", owner: "Oz", segment: "S", buying_center: null, product_id: "P2",
      need: 3, fit: 3, urgency: 3, relationship: 1, data: 2, resources: 2, score_source: "derived",
      why_need: "Holders of One hold Two in 75% of cases (≥ 50% → 3)",
      why_fit: "75% of active S accounts hold Two (≥ 50% → 3)",
      why_urgency: "Latest adoption 9.0 months before the as-of date (6–12 months → 3)",
      why_relationship: "Holds 1 product at the as-of date (1 → 1)",
      why_data: "2 of 4 profile fields filled (segment, industry, owner, in target profile) (2–3 → 2)",
      why_resources: "Tier C (C → 2)",
      opportunity_score: 3, ability_score: 5 / 3, is_disqualified: false, quadrant: "Build the relationship", potential: 10
    });
    const file = await db.rows("select buying_center, score_source, need, why_need, quadrant, potential from mart_demand_units where account_id = 'h1' and product_id = 'P3'");
    expect(file).toEqual([
      {buying_center: "IT", score_source: "file", need: 2, why_need: "Scored in demand_units.csv (assessed 2024-05-01)", quadrant: "Pursue now", potential: 0}
    ]);
    // (h2, P3): nobody holds P3, so both held products give confidence 0 (ties: P1) and no
    // S account holds it: the texts of the zero branches.
    expect(await db.rows("select need, why_need, fit, why_fit from mart_demand_units where account_id = 'h2' and product_id = 'P3'")).toEqual([
      {need: 0, why_need: "Holders of One hold Three in 0% of cases (none → 0)", fit: 0, why_fit: "0% of active S accounts hold Three (none → 0)"}
    ]);
    db.close();
  });
});
