/**
 * Intermediate models on a few inline rows each; expected values worked out by hand.
 */
import {describe, expect, it} from "vitest";
import {DIMENSION_IDS} from "../../src/catalog/index.js";
import {runFixture, type Fixture} from "../pipeline/models/helpers.js";

describe("int_customer_accounts / int_accounts / int_revenue_lines", () => {
  it("maps customers (map wins), keeps unmatched customers as accounts, converts fx monthly then constant", async () => {
    // Map: C9 → A1, and A2 → A1 (the map wins over the identical account id A2).
    // U7 is neither mapped nor an account → unmatched, its own account.
    // EUR: 2024-01 → 1.1, else 1.2; GBP constant 1.25; USD (reporting) → 1.
    // Lines → revenue: C9 100 EUR 2024-01-10 → A1 110; C9 100 EUR 2024-02-20 → A1 120;
    //   A2 10 USD → A1 10; A1 50 GBP → 62.5; U7 −5 USD → U7 −5; A1 line of 2024-07-01 is after D.
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        accounts: [{account_id: "A1", segment: "SMB"}, {account_id: "A2", segment: "SMB", region: "NA"}],
        accountMap: [["C9", "A1"], ["A2", "A1"]],
        fxRates: [["EUR", "2024-01", 1.1], ["EUR", null, 1.2], ["GBP", null, 1.25]],
        lines: [
          ["C9", "P1", "2024-01-10", 100, "EUR"],
          ["C9", "P1", "2024-02-20", 100, "EUR"],
          ["A2", "P1", "2024-02-10", 10],
          ["A1", "P2", "2024-03-05", 50, "GBP"],
          ["U7", "P1", "2024-03-01", -5],
          ["A1", "P1", "2024-07-01", 1000]
        ]
      },
      ["int_revenue_lines", "int_accounts"]
    );
    expect(await db.rows("select customer_id, account_id, is_unmatched from int_customer_accounts order by customer_id")).toEqual([
      {customer_id: "A1", account_id: "A1", is_unmatched: false},
      {customer_id: "A2", account_id: "A1", is_unmatched: false},
      {customer_id: "C9", account_id: "A1", is_unmatched: false},
      {customer_id: "U7", account_id: "U7", is_unmatched: true}
    ]);
    expect(await db.rows("select account_id, account_name, segment, region, is_unmatched from int_accounts order by account_id")).toEqual([
      {account_id: "A1", account_name: "A1", segment: "SMB", region: null, is_unmatched: false},
      {account_id: "A2", account_name: "A2", segment: "SMB", region: "NA", is_unmatched: false},
      {account_id: "U7", account_name: "U7", segment: "Unknown", region: null, is_unmatched: true}
    ]);
    expect(
      await db.rows("select account_id, product_id, invoiced_on::varchar as invoiced_on, revenue::double as revenue from int_revenue_lines order by invoiced_on")
    ).toEqual([
      {account_id: "A1", product_id: "P1", invoiced_on: "2024-01-10", revenue: 110},
      {account_id: "A1", product_id: "P1", invoiced_on: "2024-02-10", revenue: 10},
      {account_id: "A1", product_id: "P1", invoiced_on: "2024-02-20", revenue: 120},
      {account_id: "U7", product_id: "P1", invoiced_on: "2024-03-01", revenue: -5},
      {account_id: "A1", product_id: "P2", invoiced_on: "2024-03-05", revenue: 62.5}
    ]);
    db.close();
  });
});

describe("int_pair_adoption / int_account_journey", () => {
  const lines: [string, string, string, number][] = [
    ["B1", "P1", "2023-01-10", 100], // bundle bought on day one: P1 + P2 initial
    ["B1", "P2", "2023-01-10", 50],
    ["B1", "P3", "2023-03-01", -20], // credit only (and a zero line) → never adopted
    ["B1", "P3", "2023-04-01", 0],
    ["B1", "P4", "2023-01-15", 30], // 5 days after first purchase
    ["B1", "P5", "2023-02-01", -10], // credit first, adopted on the first positive line
    ["B1", "P5", "2023-02-10", 40]
  ];

  it("adopts on the first positive line; bundles on day one are initial; credit-only pairs never adopt", async () => {
    const db = await runFixture({asOf: "2023-12-31", lines}, "int_account_journey");
    expect(
      await db.rows(
        "select product_id, adopted_on::varchar as adopted_on, is_initial, is_cross_sold from int_pair_adoption order by product_id"
      )
    ).toEqual([
      {product_id: "P1", adopted_on: "2023-01-10", is_initial: true, is_cross_sold: false},
      {product_id: "P2", adopted_on: "2023-01-10", is_initial: true, is_cross_sold: false},
      {product_id: "P4", adopted_on: "2023-01-15", is_initial: false, is_cross_sold: true},
      {product_id: "P5", adopted_on: "2023-02-10", is_initial: false, is_cross_sold: true}
    ]);
    expect(
      await db.rows(
        "select first_purchase_on::varchar as f, acquisition_cohort, first_cross_sell_on::varchar as x, latest_adoption_on::varchar as l from int_account_journey"
      )
    ).toEqual([{f: "2023-01-10", acquisition_cohort: "2023-Q1", x: "2023-01-15", l: "2023-02-10"}]);
    db.close();
  });

  it("applies grace days strictly: adopted > first purchase + grace", async () => {
    // grace 5: P4 on 01-15 = 01-10 + 5 → not cross-sold; P5 on 02-10 still is. grace 4: P4 is.
    const five = await runFixture({asOf: "2023-12-31", lines, graceDays: 5}, "int_account_journey");
    expect(await five.rows("select product_id from int_pair_adoption where is_cross_sold order by 1")).toEqual([{product_id: "P5"}]);
    expect(await five.rows("select first_cross_sell_on::varchar as x from int_account_journey")).toEqual([{x: "2023-02-10"}]);
    five.close();
    const four = await runFixture({asOf: "2023-12-31", lines, graceDays: 4}, "int_pair_adoption");
    expect(await four.rows("select product_id from int_pair_adoption where is_cross_sold order by 1")).toEqual([
      {product_id: "P4"},
      {product_id: "P5"}
    ]);
    four.close();
  });
});

describe("int_asof_dates / int_pair_windows / int_account_periods", () => {
  it("uses every month end from the first line's month to D; D = 29 Feb gives S = 28 Feb; S is outside P, S+1 inside", async () => {
    // D = 2024-02-29 → S = 2023-02-28. Month ends 2023-01-31 … 2024-01-31 (13) + D = 14 dates.
    // K1 P1: 2023-01-20 5, 2023-02-28 1000 (on S: outside P), 2023-03-01 7 (S+1: inside).
    // Revenue in the window at D = 7; at 2023-02-28: (2022-02-28, 2023-02-28] → 5 + 1000.
    const db = await runFixture(
      {
        asOf: "2024-02-29",
        lines: [
          ["K1", "P1", "2023-01-20", 5],
          ["K1", "P1", "2023-02-28", 1000],
          ["K1", "P1", "2023-03-01", 7]
        ]
      },
      "int_pair_windows"
    );
    const dates = await db.rows<{as_of: string; s: string; is_current: boolean; is_quarter_end: boolean}>(
      "select as_of::varchar as as_of, period_start_excl::varchar as s, is_current, is_quarter_end from int_asof_dates order by as_of"
    );
    expect(dates.length).toBe(14);
    expect(dates[0]).toEqual({as_of: "2023-01-31", s: "2022-01-31", is_current: false, is_quarter_end: false});
    expect(dates[2]).toEqual({as_of: "2023-03-31", s: "2022-03-31", is_current: false, is_quarter_end: true});
    expect(dates[13]).toEqual({as_of: "2024-02-29", s: "2023-02-28", is_current: true, is_quarter_end: false});
    const windows = await db.rows(
      "select eval_on::varchar as t, revenue::double as revenue from int_pair_windows where eval_on in ('2024-02-29', '2023-02-28', '2023-03-31') order by t"
    );
    // 2023-03-31: (2022-03-31, 2023-03-31] → 5 + 1000 + 7 = 1012.
    expect(windows).toEqual([
      {t: "2023-02-28", revenue: 1005},
      {t: "2023-03-31", revenue: 1012},
      {t: "2024-02-29", revenue: 7}
    ]);
    db.close();
  });

  it("a month end 28 Feb after a leap year reaches back to 28 Feb, so 29 Feb is inside its window", async () => {
    // D = 2025-02-28 → S = 2024-02-28: the 2024-02-29 line (10) is in P, the 2024-02-28 line (1) is not.
    // At the month end 2024-02-29 the window is (2023-02-28, 2024-02-29] → 1 + 10 = 11.
    const db = await runFixture(
      {asOf: "2025-02-28", lines: [["K1", "P1", "2024-02-28", 1], ["K1", "P1", "2024-02-29", 10]]},
      "int_account_asof"
    );
    expect(
      await db.rows("select as_of::varchar as t, revenue::double as revenue, is_active from int_account_asof where as_of in ('2025-02-28', '2024-02-29') order by t")
    ).toEqual([
      {t: "2024-02-29", revenue: 11, is_active: true},
      {t: "2025-02-28", revenue: 10, is_active: true}
    ]);
    db.close();
  });

  it("counts credits in revenue: a pair or account with revenue <= 0 in the window is not held / not active", async () => {
    // At D = 2024-06-30: Q1 P1 100, P2 −30 (credit-only pair) → revenue 70, 1 product held, active.
    // Q2 P1 50 and −50 → revenue 0 → not active, 0 held.
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        products: [{product_id: "P1"}, {product_id: "P2", is_core: false}],
        lines: [["Q1", "P1", "2024-01-01", 100], ["Q1", "P2", "2024-02-01", -30], ["Q2", "P1", "2024-01-01", 50], ["Q2", "P1", "2024-03-01", -50]]
      },
      "int_account_asof"
    );
    expect(
      await db.rows("select account_id, revenue::double as revenue, is_active, products_held::integer as held from int_account_asof where as_of = '2024-06-30' order by 1")
    ).toEqual([
      {account_id: "Q1", revenue: 70, is_active: true, held: 1},
      {account_id: "Q2", revenue: 0, is_active: false, held: 0}
    ]);
    // (int_account_periods keeps the account's key: Q1 is 1, Q2 is 2 in id order.)
    expect(
      await db.rows(
        "select account_key, ending_revenue::double as revenue, products_held::integer as held, core_products_held::integer as core from int_account_periods where as_of = '2024-06-30' order by 1"
      )
    ).toEqual([
      {account_key: 1, revenue: 70, held: 1, core: 1},
      {account_key: 2, revenue: 0, held: 0, core: 0}
    ]);
    db.close();
  });

  it("has rows at the as-of dates only, not at a period start that is no as-of date", async () => {
    // D = 2024-06-15 → S = 2023-06-15, which is no month end: the pair has a window there
    // ((2022-06-15, 2023-06-15] → 40) but the account has no row for it.
    const db = await runFixture({asOf: "2024-06-15", lines: [["K1", "P1", "2023-01-01", 40]]}, "int_account_asof");
    expect(await db.rows("select eval_on::varchar as t, revenue::double as revenue from int_pair_windows where eval_on = '2023-06-15'")).toEqual([
      {t: "2023-06-15", revenue: 40}
    ]);
    expect(await db.rows("select as_of::varchar as t from int_account_periods where as_of = '2023-06-15'")).toEqual([]);
    expect(await db.rows("select as_of::varchar as t from int_account_asof where as_of = '2023-06-15'")).toEqual([]);
    expect(await db.rows("select as_of::varchar as t, revenue::double as revenue from int_account_asof where as_of = '2023-06-30'")).toEqual([
      {t: "2023-06-30", revenue: 40}
    ]);
    db.close();
  });
});

describe("int_account_asof", () => {
  it("marks existing customers, cross-sell events in P (S+1 in, S out) and days to the first cross-sell", async () => {
    // D = 2024-06-30, S = 2023-06-30.
    // E1: P1 2023-01-10, P2 adopted 2023-07-01 (S+1) → existing, cross-sold in P, 172 days.
    // E2: P1 2023-01-10, P2 adopted 2023-06-30 (= S) → existing, not cross-sold in P.
    // E3: P1 2022-05-01 only → not active at S (window (2022-06-30, 2023-06-30]), no window at D: no row.
    // C1: P1 2022-09-01 only → active at S, no window row at D: a row, existing and not active.
    // N1: P1 2023-08-01, P2 2023-09-01 → not existing, cross-sold in P, 31 days.
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        lines: [
          ["E1", "P1", "2023-01-10", 10], ["E1", "P2", "2023-07-01", 20],
          ["E2", "P1", "2023-01-10", 10], ["E2", "P2", "2023-06-30", 20],
          ["E3", "P1", "2022-05-01", 10],
          ["C1", "P1", "2022-09-01", 10],
          ["N1", "P1", "2023-08-01", 10], ["N1", "P2", "2023-09-01", 20]
        ]
      },
      "int_account_asof"
    );
    expect(
      await db.rows(
        `select account_id, is_existing, is_active, cross_sold_in_period, days_to_first_cross_sell::integer as days,
                cross_sold_revenue::double as xrev, revenue::double as revenue
         from int_account_asof where as_of = '2024-06-30' order by 1`
      )
    ).toEqual([
      {account_id: "C1", is_existing: true, is_active: false, cross_sold_in_period: false, days: null, xrev: 0, revenue: 0},
      // E1's P2 line (20) is in P; E2's P2 line on S is not, so its cross-sold revenue is 0.
      {account_id: "E1", is_existing: true, is_active: true, cross_sold_in_period: true, days: 172, xrev: 20, revenue: 20},
      {account_id: "E2", is_existing: true, is_active: false, cross_sold_in_period: false, days: null, xrev: 0, revenue: 0},
      {account_id: "N1", is_existing: false, is_active: true, cross_sold_in_period: true, days: 31, xrev: 20, revenue: 30}
    ]);
    db.close();
  });
});

describe("int_white_space_potential / int_account_tiers", () => {
  it("takes the segment mean with enough holders, else all holders, else 0", async () => {
    // min holders 2. P2: S1 holders a 10, b 20, c 30 → segment mean 20; S2 has one holder e 100 → all
    // holders (10+20+30+100)/4 = 40. P3 (core) held by nobody → 0, 'none'. P9 is not core → no row.
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        whiteSpaceMinHolders: 2,
        accounts: ["a", "b", "c", "d"].map((id) => ({account_id: id, segment: "S1"})).concat(["e", "f"].map((id) => ({account_id: id, segment: "S2"}))),
        products: [{product_id: "P1"}, {product_id: "P2"}, {product_id: "P3"}, {product_id: "P9", is_core: false}],
        lines: [
          ...["a", "b", "c", "d", "e", "f"].map((id) => [id, "P1", "2024-01-01", 1] as [string, string, string, number]),
          ["a", "P2", "2024-02-01", 10], ["b", "P2", "2024-02-01", 20], ["c", "P2", "2024-02-01", 30], ["e", "P2", "2024-02-01", 100],
          ["f", "P9", "2024-02-01", 5]
        ]
      },
      "int_account_asof"
    );
    expect(
      await db.rows(
        "select segment, product_id, potential::double as potential, potential_basis from int_white_space_potential where as_of = '2024-06-30' and product_id <> 'P1' order by 1, 2"
      )
    ).toEqual([
      {segment: "S1", product_id: "P2", potential: 20, potential_basis: "segment"},
      {segment: "S1", product_id: "P3", potential: 0, potential_basis: "none"},
      {segment: "S2", product_id: "P2", potential: 40, potential_basis: "all"},
      {segment: "S2", product_id: "P3", potential: 0, potential_basis: "none"}
    ]);
    // Account white space = potentials of its core gaps: d → P2 20; f → P2 40; others 0.
    expect(
      await db.rows("select account_id, white_space::double as ws from int_account_asof where as_of = '2024-06-30' and white_space <> 0 order by 1")
    ).toEqual([{account_id: "d", ws: 20}, {account_id: "f", ws: 40}]);
    db.close();
  });

  it("has rows for a segment whose one holder is not active, and gives the active accounts the same white space", async () => {
    // min holders 1, P1 and P2 core. a (S1): P1 10 → active, gap P2. z (S2): P2 10, P1 −30 → revenue −20,
    // not active, but it holds P2, so S2 has rows. P2 in S1: no holder → all holders: z 10. P1 in S2: no
    // holder → all: a 10. White space: a → 10 (P2); z → 0 (not active).
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        whiteSpaceMinHolders: 1,
        accounts: [{account_id: "a", segment: "S1"}, {account_id: "z", segment: "S2"}],
        products: [{product_id: "P1"}, {product_id: "P2"}],
        lines: [["a", "P1", "2024-01-01", 10], ["z", "P2", "2024-02-01", 10], ["z", "P1", "2024-03-01", -30]]
      },
      "int_account_asof"
    );
    expect(
      await db.rows(
        "select segment, product_id, potential::double as potential, potential_basis from int_white_space_potential where as_of = '2024-06-30' order by 1, 2"
      )
    ).toEqual([
      {segment: "S1", product_id: "P1", potential: 10, potential_basis: "segment"},
      {segment: "S1", product_id: "P2", potential: 10, potential_basis: "all"},
      {segment: "S2", product_id: "P1", potential: 10, potential_basis: "all"},
      {segment: "S2", product_id: "P2", potential: 10, potential_basis: "segment"}
    ]);
    expect(
      await db.rows("select account_id, is_active, white_space::double as ws from int_account_asof where as_of = '2024-06-30' order by 1")
    ).toEqual([
      {account_id: "a", is_active: true, ws: 10},
      {account_id: "z", is_active: false, ws: 0}
    ]);
    db.close();
  });

  it("ranks ties by account_id and tiers on the share of the accounts strictly above", async () => {
    // X1 40, Y1 30, Y2 30 (tie → Y1 first), Z1 0 (not active). Total 100.
    // X1 c = 0 → A; Y1 c = 0.4 → A; Y2 c = 0.7 → B.
    const db = await runFixture(
      {
        asOf: "2024-06-30",
        lines: [["Y2", "P1", "2024-01-01", 30], ["X1", "P1", "2024-01-01", 40], ["Y1", "P1", "2024-01-01", 30], ["Z1", "P1", "2024-01-01", 0]]
      },
      "int_account_tiers"
    );
    expect(
      await db.rows("select account_id, revenue_rank::integer as r, share_above, cumulative_revenue_share as cum, tier from int_account_tiers order by r")
    ).toEqual([
      {account_id: "X1", r: 1, share_above: 0, cum: 0.4, tier: "A"},
      {account_id: "Y1", r: 2, share_above: 0.4, cum: 0.7, tier: "A"},
      {account_id: "Y2", r: 3, share_above: 0.7, cum: 1, tier: "B"}
    ]);
    db.close();
  });
});

/** Two accounts: A1 with every attribute and one line, A2 (Enterprise) with none. */
const TWO_ACCOUNTS: Fixture = {
  asOf: "2024-06-30",
  accounts: [
    {account_id: "A1", segment: "SMB", region: "NA", industry: "Retail", owner: "Ann", in_target_profile: true},
    {account_id: "A2", segment: "Enterprise"}
  ],
  lines: [["A1", "P1", "2024-01-10", 100]]
};

describe("int_account_dims", () => {
  it("gives every account one cut per breakdown of the catalog, in long format, NULL as Unknown", async () => {
    // A1 bought P1 in 2024-01 (cohort 2024-Q1) and is the only active account → tier A.
    // A2 has no line: tier none, cohort Unknown; its empty region, industry, owner and profile read Unknown.
    const db = await runFixture(
      TWO_ACCOUNTS,
      "int_account_dims"
    );
    const rows = await db.rows<{account_id: string; dimension: string; cut: string}>(
      "select account_id, dimension, cut from int_account_dims order by account_id, dimension"
    );
    const cuts = (id: string) => Object.fromEntries(rows.filter((r) => r.account_id === id).map((r) => [r.dimension, r.cut]));
    expect(Object.keys(cuts("A1")).sort()).toEqual([...DIMENSION_IDS].sort());
    expect(cuts("A1")).toEqual({segment: "SMB", region: "NA", industry: "Retail", owner: "Ann", in_target_profile: "true", tier: "A", acquisition_cohort: "2024-Q1"});
    expect(cuts("A2")).toEqual({segment: "Enterprise", region: "Unknown", industry: "Unknown", owner: "Unknown", in_target_profile: "Unknown", tier: "none", acquisition_cohort: "Unknown"});
    db.close();
  });
});

describe("int_cuts / int_account_cuts", () => {
  it("numbers every cut and lists each account's cuts by number", async () => {
    // The accounts of the int_account_dims case: A1 (SMB, NA, Retail, Ann, in profile, tier A, 2024-Q1),
    // A2 (Enterprise, tier none, everything else Unknown). Cuts, in (dimension, cut) byte order:
    // 1 acquisition_cohort 2024-Q1, 2 acquisition_cohort Unknown, 3 all all, 4 in_target_profile Unknown,
    // 5 in_target_profile true ('U' sorts before 't'), 6 industry Retail, 7 industry Unknown, 8 owner Ann,
    // 9 owner Unknown, 10 region NA, 11 region Unknown, 12 segment Enterprise, 13 segment SMB,
    // 14 tier A, 15 tier none.
    const db = await runFixture(TWO_ACCOUNTS, ["int_account_cuts"]);
    const cuts = await db.rows<{cut_no: number; dimension: string; cut: string}>(
      "select cut_no::integer as cut_no, dimension, cut from int_cuts order by cut_no"
    );
    expect(cuts.map((c) => `${c.cut_no} ${c.dimension} ${c.cut}`)).toEqual([
      "1 acquisition_cohort 2024-Q1",
      "2 acquisition_cohort Unknown",
      "3 all all",
      "4 in_target_profile Unknown",
      "5 in_target_profile true",
      "6 industry Retail",
      "7 industry Unknown",
      "8 owner Ann",
      "9 owner Unknown",
      "10 region NA",
      "11 region Unknown",
      "12 segment Enterprise",
      "13 segment SMB",
      "14 tier A",
      "15 tier none"
    ]);
    // A1 (billed) has account_key 1; A2, billed by no customer, has none (its cuts stay).
    expect(await db.rows("select account_id, cut_nos::integer[] as cut_nos, account_key from int_account_cuts order by account_id")).toEqual([
      {account_id: "A1", cut_nos: [1, 3, 5, 6, 8, 10, 13, 14], account_key: 1},
      {account_id: "A2", cut_nos: [2, 3, 4, 7, 9, 11, 12, 15], account_key: null}
    ]);
    db.close();
  });
});

describe("int_asof_cuts", () => {
  it("is every as-of date × every numbered cut, each date with its period start and flags", async () => {
    // TWO_ACCOUNTS: the only line is on 2024-01-10 and D = 2024-06-30, so the dates are the month ends
    // 2024-01-31 … 2024-05-31 and D itself: 6 dates; the cuts are the 15 of the int_cuts case.
    // 2024-03-31 is a quarter end; only D is current; a month end's period starts 12 months before it.
    const db = await runFixture(TWO_ACCOUNTS, ["int_asof_cuts"]);
    expect(await db.rows("select count(*)::integer as n, count(distinct as_of)::integer as dates, count(distinct cut_no)::integer as cuts from int_asof_cuts")).toEqual([
      {n: 90, dates: 6, cuts: 15}
    ]);
    const all = await db.rows<{as_of: string; period_start_excl: string; is_current: boolean; is_quarter_end: boolean}>(
      `select as_of::varchar as as_of, period_start_excl::varchar as period_start_excl, is_current, is_quarter_end
       from int_asof_cuts where dimension = 'all' and cut = 'all' order by as_of`
    );
    expect(all).toEqual([
      {as_of: "2024-01-31", period_start_excl: "2023-01-31", is_current: false, is_quarter_end: false},
      {as_of: "2024-02-29", period_start_excl: "2023-02-28", is_current: false, is_quarter_end: false},
      {as_of: "2024-03-31", period_start_excl: "2023-03-31", is_current: false, is_quarter_end: true},
      {as_of: "2024-04-30", period_start_excl: "2023-04-30", is_current: false, is_quarter_end: false},
      {as_of: "2024-05-31", period_start_excl: "2023-05-31", is_current: false, is_quarter_end: false},
      {as_of: "2024-06-30", period_start_excl: "2023-06-30", is_current: true, is_quarter_end: true}
    ]);
    db.close();
  });
});
