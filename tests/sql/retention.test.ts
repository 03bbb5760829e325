/**
 * Retention and expansion (metrics.md): int_retention_pairs_at_d,
 * mart_revenue_bridge and mart_retention_accounts on inline rows worked out by
 * hand, and the bridge identity on a random fixture.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {DEFAULT_BANDS, runFixture, type Fixture, type LineIn, type TestDb} from "../pipeline/models/helpers.js";

// D = 2024-06-30, S = 2023-06-30. R0 = revenue in (2022-06-30, 2023-06-30], R1 = revenue in
// P = (2023-06-30, 2024-06-30]. Each account shows one movement (working per account):
const FIXTURE: Fixture = {
  asOf: "2024-06-30",
  accounts: [
    {account_id: "CH", segment: "SMB"},
    {account_id: "CR", segment: "SMB"},
    {account_id: "CT", segment: "Enterprise"},
    {account_id: "CS", segment: "Enterprise"},
    {account_id: "UP", segment: "SMB"},
    {account_id: "RE", segment: "SMB"},
    {account_id: "NB", segment: "Enterprise"},
    {account_id: "RT", segment: "SMB"},
    {account_id: "FXA", segment: "Enterprise"},
    {account_id: "MAP", segment: "SMB"}
  ],
  accountMap: [["C-M1", "MAP"], ["C-M2", "MAP"]],
  fxRates: [["EUR", "2023-02", 1.1], ["EUR", "2024-02", 1.2]],
  lines: [
    // CH churned: R0 = 100, R1 = 0 ≤ 0 → churn = 100 − 0 = 100 (P1). GRR counts min(max(0, 0), 100) = 0.
    ["CH", "P1", "2023-01-15", 100],
    // CR, a credit-only period: R0 = 200, R1 = −50 ≤ 0 → churn = 200 − (−50) = 250 (P1: Δ = −250). GRR 0.
    ["CR", "P1", "2023-02-10", 200],
    ["CR", "P1", "2024-01-10", -50],
    // CT drops P2 and stays: R0 = 300 + 100 = 400, R1 = 300 > 0; P1 Δ = 0, P2 Δ = −100 → contraction 100.
    ["CT", "P1", "2023-03-01", 300],
    ["CT", "P2", "2023-04-01", 100],
    ["CT", "P1", "2024-03-01", 300],
    // CS adopts P2 inside P (2024-02-01 > first purchase 2023-05-01: a cross-sell event in P):
    // R0 = 100, R1 = 160; P2 Δ = 60 → cross_sell_expansion 60; P1 Δ = 0.
    ["CS", "P1", "2023-05-01", 100],
    ["CS", "P1", "2024-05-01", 100],
    ["CS", "P2", "2024-02-01", 60],
    // UP grows an old product: R0 = 100, R1 = 150; P1 (adopted 2022-12-01, before P) Δ = 50 → upsell 50.
    ["UP", "P1", "2022-12-01", 100],
    ["UP", "P1", "2024-04-01", 150],
    // RE re-adopts P2 after a lapse: P2 was cross-sold on 2021-06-01, nothing in the R0 window, 70 in P.
    // Its adoption is not in P → upsell 70, not cross-sell. R0 = 100 (P1 2023-01-10), R1 = 100 + 70 = 170.
    ["RE", "P1", "2021-01-10", 50],
    ["RE", "P2", "2021-06-01", 40],
    ["RE", "P1", "2023-01-10", 100],
    ["RE", "P1", "2024-01-10", 100],
    ["RE", "P2", "2024-03-01", 70],
    // NB, a new customer: not in E, first purchase 2023-09-01 in P → new_business = R1 = 500 + 20 = 520
    // (its P2, cross-sold in P, stays new business: only accounts of E expand).
    ["NB", "P1", "2023-09-01", 500],
    ["NB", "P2", "2024-01-01", 20],
    // RT returns: bought in 2021, nothing in the R0 window (not in E), 110 in P → returning 110.
    ["RT", "P1", "2021-05-01", 90],
    ["RT", "P1", "2024-05-15", 110],
    // NEG-C (no CRM account: unmatched, segment Unknown): not in E, R1 = −30 < 0, first purchase 2021
    // → returning −30 (summed as the spec says, so that ending is all revenue in P).
    ["NEG-C", "P1", "2021-03-01", 80],
    ["NEG-C", "P1", "2024-02-01", -30],
    // FXA bills in EUR: 100 EUR × 1.1 (2023-02) = 110 = R0; 100 EUR × 1.2 (2024-02) = 120 = R1 → upsell 10.
    ["FXA", "P1", "2023-02-15", 100, "EUR"],
    ["FXA", "P1", "2024-02-15", 100, "EUR"],
    // MAP is billed as two customers, both mapped to it: R0 = 100 (C-M1), R1 = 130 (C-M2) → upsell 30
    // (unmapped, C-M1 would churn 100 and C-M2 be new business 130).
    ["C-M1", "P1", "2023-03-01", 100],
    ["C-M2", "P1", "2024-03-01", 130]
  ] as LineIn[]
};
// Overall: E = {CH, CR, CT, CS, UP, RE, FXA, MAP}, starting = 100+200+400+100+100+100+110+100 = 1210;
// churn 100+250 = 350; contraction 100; cross-sell 60; upsell 50+70+10+30 = 160; new business 520;
// returning 110−30 = 80; ending = −50+300+160+150+170+520+110−30+120+130 = 1580
// = 1210 + 520 + 80 + 60 + 160 − 100 − 350 ✓.
// NRR numerator Σ R1 over E = 0−50+300+160+150+170+120+130 = 980; GRR numerator = 0+0+300+100+100+100+110+100 = 810.

let db: TestDb;
beforeAll(async () => {
  db = await runFixture(FIXTURE, ["mart_retention_accounts", "mart_kpis"]);
});
afterAll(() => db.close());

// "returning" is an SQL keyword: quoted when not qualified.
const bridgeColumns = `existing_accounts, starting, new_business, "returning", cross_sell_expansion, upsell_expansion,
  contraction, churn, ending, cross_sell_share_of_expansion, nrr_numerator, grr_numerator`;

/**
 * The cuts whose bridge at D differs from the sum of int_retention_pairs_at_d's amounts (the two compute the
 * movements separately: the bridge at every date, the pairs at D). Both are exact DECIMAL sums cast to DOUBLE.
 */
async function sameAsBridge(t: TestDb): Promise<unknown[]> {
  return t.rows(
    `with accounts as (
       select account_id, any_value(account_movement) in ('churn', 'retained') as is_existing,
         sum(starting_revenue) as starting, sum(ending_revenue) as ending,
         coalesce(sum(amount) filter (where movement = 'new_business'), 0) as nb,
         coalesce(sum(amount) filter (where movement = 'returning'), 0) as ret,
         coalesce(sum(amount) filter (where movement = 'cross_sell_expansion'), 0) as cs,
         coalesce(sum(amount) filter (where movement = 'upsell_expansion'), 0) as up,
         coalesce(sum(amount) filter (where movement = 'contraction'), 0) as ct,
         coalesce(sum(amount) filter (where movement = 'churn'), 0) as ch
       from int_retention_pairs_at_d group by account_id
     ),
     per_cut as (
       select coalesce(dims.segment, 'all') as cut,
         coalesce(sum(starting) filter (where is_existing), 0)::double as starting, sum(ending)::double as ending,
         sum(nb)::double as nb, sum(ret)::double as ret, sum(cs)::double as cs, sum(up)::double as up,
         sum(ct)::double as ct, sum(ch)::double as ch
       from accounts
       join (select account_id, cut as segment from int_account_dims where dimension = 'segment') as dims using (account_id)
       group by grouping sets ((), (dims.segment))
     )
     select per_cut.cut from per_cut
     join mart_revenue_bridge as b on b.is_current and b.dimension = case when per_cut.cut = 'all' then 'all' else 'segment' end
       and b.cut = per_cut.cut
     where (b.starting, b.ending, b.new_business, b."returning", b.cross_sell_expansion, b.upsell_expansion, b.contraction, b.churn)
       <> (per_cut.starting, per_cut.ending, per_cut.nb, per_cut.ret, per_cut.cs, per_cut.up, per_cut.ct, per_cut.ch)`
  );
}

describe("mart_retention_accounts: each account's movement at D", () => {
  it("is worked out by hand", async () => {
    const rows = await db.rows(
      `select account_id, account_movement, is_existing, starting as r0, ending as r1, new_business as nb, "returning" as ret,
         cross_sell_expansion as cs, upsell_expansion as up, contraction as ct, churn as ch
       from mart_retention_accounts order by account_id`
    );
    const row = (account_id: string, account_movement: string, r0: number, r1: number, m: Partial<Record<"nb" | "ret" | "cs" | "up" | "ct" | "ch", number>>) => ({
      account_id, account_movement, is_existing: r0 > 0, r0, r1, nb: 0, ret: 0, cs: 0, up: 0, ct: 0, ch: 0, ...m
    });
    expect(rows).toEqual([
      row("CH", "churn", 100, 0, {ch: 100}),
      row("CR", "churn", 200, -50, {ch: 250}),
      row("CS", "retained", 100, 160, {cs: 60}),
      row("CT", "retained", 400, 300, {ct: 100}),
      row("FXA", "retained", 110, 120, {up: 10}),
      row("MAP", "retained", 100, 130, {up: 30}),
      row("NB", "new_business", 0, 520, {nb: 520}),
      row("NEG-C", "returning", 0, -30, {ret: -30}),
      row("RE", "retained", 100, 170, {up: 70}),
      row("RT", "returning", 0, 110, {ret: 110}),
      row("UP", "retained", 100, 150, {up: 50})
    ]);
  });
});

describe("int_retention_pairs_at_d", () => {
  it("splits each account's movement by product, and the products add up to the account's amounts", async () => {
    const rows = await db.rows(
      `select account_id, product_id, starting_revenue::double as r0, ending_revenue::double as r1, change::double as change,
         is_cross_sell_event, movement, amount::double as amount
       from int_retention_pairs_at_d where account_id in ('CR', 'CS', 'CT', 'NB', 'RE') order by account_id, product_id`
    );
    expect(rows).toEqual([
      {account_id: "CR", product_id: "P1", r0: 200, r1: -50, change: -250, is_cross_sell_event: false, movement: "churn", amount: 250},
      {account_id: "CS", product_id: "P1", r0: 100, r1: 100, change: 0, is_cross_sell_event: false, movement: null, amount: 0},
      {account_id: "CS", product_id: "P2", r0: 0, r1: 60, change: 60, is_cross_sell_event: true, movement: "cross_sell_expansion", amount: 60},
      {account_id: "CT", product_id: "P1", r0: 300, r1: 300, change: 0, is_cross_sell_event: false, movement: null, amount: 0},
      {account_id: "CT", product_id: "P2", r0: 100, r1: 0, change: -100, is_cross_sell_event: false, movement: "contraction", amount: 100},
      // NB's P2 is a cross-sell event in P, but NB is not in E: both products are new business.
      {account_id: "NB", product_id: "P1", r0: 0, r1: 500, change: 500, is_cross_sell_event: false, movement: "new_business", amount: 500},
      {account_id: "NB", product_id: "P2", r0: 0, r1: 20, change: 20, is_cross_sell_event: true, movement: "new_business", amount: 20},
      {account_id: "RE", product_id: "P1", r0: 100, r1: 100, change: 0, is_cross_sell_event: false, movement: null, amount: 0},
      {account_id: "RE", product_id: "P2", r0: 0, r1: 70, change: 70, is_cross_sell_event: false, movement: "upsell_expansion", amount: 70}
    ]);
    expect(await sameAsBridge(db)).toEqual([]);
  });
});

describe("int_account_periods", () => {
  it("sums each account's pairs at D: R0, R1, products held, cross-sold revenue and the increases by movement", async () => {
    const rows = await db.rows(
      `select account_id, has_window_at_end as at_end, starting_revenue::double as r0, ending_revenue::double as r1,
         products_held::integer as held, cross_sold_revenue::double as cross_sold, cross_sold_in_period as event,
         cross_sell_increase::double as cs, upsell_increase::double as up
       from int_account_periods join int_account_keys using (account_key) where as_of = '2024-06-30' order by account_id`
    );
    const row = (account_id: string, at_end: boolean, r0: number, r1: number, held: number, more: {cross_sold?: number; event?: boolean; cs?: number; up?: number} = {}) => ({
      account_id, at_end, r0, r1, held, cross_sold: more.cross_sold ?? 0, event: more.event ?? false, cs: more.cs ?? 0, up: more.up ?? 0
    });
    // (int_account_periods keeps the account's key; its id is met here, as its readers do.)
    // Increases are summed for every account (the bridge counts them for a retained one only): NB's
    // cross-sold P2 (20, adopted in P) and RT's P1 (110) too. CT's P2 fell 100: not an increase.
    expect(rows).toEqual([
      // CH has no line after S: a window at S_t only.
      row("CH", false, 100, 0, 0),
      row("CR", true, 200, -50, 0),
      row("CS", true, 100, 160, 2, {cross_sold: 60, event: true, cs: 60}),
      row("CT", true, 400, 300, 1),
      row("FXA", true, 110, 120, 1, {up: 10}),
      row("MAP", true, 100, 130, 1, {up: 30}),
      row("NB", true, 0, 520, 2, {cross_sold: 20, event: true, cs: 20, up: 500}),
      row("NEG-C", true, 0, -30, 0),
      // RE's P2 was cross-sold in 2021: its revenue is cross-sold revenue, its growth an upsell.
      row("RE", true, 100, 170, 2, {cross_sold: 70, up: 70}),
      row("RT", true, 0, 110, 1, {up: 110}),
      row("UP", true, 100, 150, 1, {up: 50})
    ]);
  });
});

describe("mart_revenue_bridge", () => {
  it("sums the movements overall at D, with the NRR and GRR numerators", async () => {
    const rows = await db.rows(`select ${bridgeColumns} from mart_revenue_bridge where is_current and dimension = 'all'`);
    expect(rows).toEqual([
      {
        existing_accounts: 8, starting: 1210, new_business: 520, returning: 80, cross_sell_expansion: 60, upsell_expansion: 160,
        contraction: 100, churn: 350, ending: 1580, cross_sell_share_of_expansion: 60 / 220, nrr_numerator: 980, grr_numerator: 810
      }
    ]);
  });

  it("cuts every movement by the account's segment (unmatched customers in Unknown)", async () => {
    // SMB = CH, CR, UP, RE, RT, MAP: starting 100+200+100+100+100 = 600, churn 350, upsell 50+70+30 = 150,
    //   returning 110, ending −50+150+170+110+130 = 510; NRR numerator 0−50+150+170+130 = 400, GRR 100×3 = 300.
    // Enterprise = CT, CS, NB, FXA: starting 400+100+110 = 610, contraction 100, cross-sell 60, upsell 10,
    //   new business 520, ending 300+160+520+120 = 1100; NRR numerator 300+160+120 = 580, GRR 300+100+110 = 510.
    // Unknown = NEG-C: returning −30, no expansion (share NULL).
    const rows = await db.rows(
      `select cut, ${bridgeColumns} from mart_revenue_bridge where is_current and dimension = 'segment' order by cut`
    );
    expect(rows).toEqual([
      {cut: "Enterprise", existing_accounts: 3, starting: 610, new_business: 520, returning: 0, cross_sell_expansion: 60, upsell_expansion: 10,
        contraction: 100, churn: 0, ending: 1100, cross_sell_share_of_expansion: 60 / 70, nrr_numerator: 580, grr_numerator: 510},
      {cut: "SMB", existing_accounts: 5, starting: 600, new_business: 0, returning: 110, cross_sell_expansion: 0, upsell_expansion: 150,
        contraction: 0, churn: 350, ending: 510, cross_sell_share_of_expansion: 0, nrr_numerator: 400, grr_numerator: 300},
      {cut: "Unknown", existing_accounts: 0, starting: 0, new_business: 0, returning: -30, cross_sell_expansion: 0, upsell_expansion: 0,
        contraction: 0, churn: 0, ending: -30, cross_sell_share_of_expansion: null, nrr_numerator: 0, grr_numerator: 0}
    ]);
  });

  it("at every month end, ends at all revenue in P_t and starts from the existing customers' revenue at S_t", async () => {
    const rows = await db.rows<{as_of: string; bridge_ending: number; revenue: number; starting: number; identity_gap: number}>(
      `select b.as_of, b.ending as bridge_ending, f.value as revenue,
         b.starting + b.new_business + b.returning + b.cross_sell_expansion + b.upsell_expansion - b.contraction - b.churn - b.ending as identity_gap
       from mart_revenue_bridge as b
       join mart_figures as f on f.as_of = b.as_of and f.dimension = b.dimension and f.cut = b.cut and f.figure = 'revenue'
       order by b.as_of, b.dimension, b.cut`
    );
    expect(rows.length).toBeGreaterThan(40 * 3); // 2021-01 … 2024-06 month ends × (all, segments, …)
    for (const r of rows) {
      expect(r.bridge_ending, r.as_of).toBe(r.revenue);
      expect(Math.abs(r.identity_gap), r.as_of).toBeLessThan(1e-9);
    }
    // 2023-12-31: S_t = 2022-12-31, R0 window (2021-12-31, 2022-12-31] holds only UP's 100 → E = {UP}, and UP
    // has nothing in P_t = (2022-12-31, 2023-12-31] → churn 100.
    const [dec] = await db.rows(`select existing_accounts, starting, churn from mart_revenue_bridge where as_of = '2023-12-31' and dimension = 'all'`);
    expect(dec).toEqual({existing_accounts: 1, starting: 100, churn: 100});
  });
});

describe("net and gross revenue retention: figures like the others (mart_figures, mart_kpis)", () => {
  const figureColumns = `cut, figure, value, numerator, denominator, low, high, status, small_sample, reason`;

  it("NRR = Σ R1 / Σ R0 and GRR = Σ min(max(R1, 0), R0) / Σ R0 over E, overall at D, against their bands", async () => {
    // NRR 980 / 1210 = 0.810 < 1.00 and GRR 810 / 1210 = 0.669 < 0.90: both below. E has 8 accounts (not small).
    expect(await db.rows(`select ${figureColumns} from mart_figures where is_current and dimension = 'all' and figure like '%revenue_retention' order by figure`)).toEqual([
      {cut: "all", figure: "gross_revenue_retention", value: 810 / 1210, numerator: 810, denominator: 1210, low: 0.9, high: 0.95, status: "below", small_sample: false, reason: null},
      {cut: "all", figure: "net_revenue_retention", value: 980 / 1210, numerator: 980, denominator: 1210, low: 1, high: 1.1, status: "below", small_sample: false, reason: null}
    ]);
    // kpis.json's objects come from these rows (mart_kpis).
    expect(await db.rows(`select figure, value, numerator, denominator, status, reason from mart_kpis where figure = 'net_revenue_retention'`)).toEqual([
      {figure: "net_revenue_retention", value: 980 / 1210, numerator: 980, denominator: 1210, status: "below", reason: null}
    ]);
  });

  it("cuts keep the accounts of E in them; fewer than 5 is a small sample; a cut without E is undefined with the reason", async () => {
    // Enterprise: E = CT, CS, FXA (3 < 5: small sample); NRR 580/610 = 0.951 below, GRR 510/610 = 0.836 below.
    // SMB: E = CH, CR, UP, RE, MAP (5); NRR 400/600, GRR 300/600. Unknown (NEG-C only, not in E): undefined.
    const unknownReason =
      "No existing customers with segment = Unknown at the period start (2023-06-30): no such account had revenue in the 12 months up to that day, so there is no starting revenue to retain.";
    expect(await db.rows(`select ${figureColumns} from mart_figures where is_current and dimension = 'segment' and figure = 'net_revenue_retention' order by cut`)).toEqual([
      {cut: "Enterprise", figure: "net_revenue_retention", value: 580 / 610, numerator: 580, denominator: 610, low: 1, high: 1.1, status: "below", small_sample: true, reason: null},
      {cut: "SMB", figure: "net_revenue_retention", value: 400 / 600, numerator: 400, denominator: 600, low: 1, high: 1.1, status: "below", small_sample: false, reason: null},
      {cut: "Unknown", figure: "net_revenue_retention", value: null, numerator: 0, denominator: 0, low: 1, high: 1.1, status: null, small_sample: true, reason: unknownReason}
    ]);
    expect(await db.rows(`select cut, value from mart_figures where is_current and dimension = 'segment' and figure = 'gross_revenue_retention' order by cut`)).toEqual([
      {cut: "Enterprise", value: 510 / 610},
      {cut: "SMB", value: 300 / 600},
      {cut: "Unknown", value: null}
    ]);
  });

  it("is trended at every month end, from the bridge of that date", async () => {
    // 2023-12-31: E = {UP} with R0 100 and nothing in P_t (see above) → NRR 0/100 = 0, GRR 0; one account: small sample.
    expect(await db.rows(`select figure, value, numerator, denominator, small_sample from mart_figures where as_of = '2023-12-31' and dimension = 'all' and figure like '%revenue_retention' order by figure`)).toEqual([
      {figure: "gross_revenue_retention", value: 0, numerator: 0, denominator: 100, small_sample: true},
      {figure: "net_revenue_retention", value: 0, numerator: 0, denominator: 100, small_sample: true}
    ]);
    const [{missing}] = await db.rows<{missing: number}>(
      `select count(*)::integer as missing from mart_revenue_bridge as b
       where not exists (select 1 from mart_figures as f where f.as_of = b.as_of and f.dimension = b.dimension and f.cut = b.cut and f.figure = 'net_revenue_retention')`
    );
    expect(missing).toBe(0);
  });

  it("takes a segment's own band where the configuration gives one", async () => {
    // Enterprise NRR band 0.90–1.20 (override): 580/610 = 0.951 → within; SMB keeps the global 1.00–1.10 → below.
    const banded = await runFixture(
      {...FIXTURE, bands: [...DEFAULT_BANDS, {figure: "net_revenue_retention", segment: "Enterprise", low: 0.9, high: 1.2}]},
      "mart_figures"
    );
    expect(await banded.rows(`select cut, low, high, status from mart_figures where is_current and dimension = 'segment' and figure = 'net_revenue_retention' and cut <> 'Unknown' order by cut`)).toEqual([
      {cut: "Enterprise", low: 0.9, high: 1.2, status: "within"},
      {cut: "SMB", low: 1, high: 1.1, status: "below"}
    ]);
    banded.close();
  });
});

describe("mart_retention_accounts", () => {
  it("lists each account's amounts and the products behind them; each row adds up", async () => {
    const rows = await db.rows<Record<string, unknown>>("select * from mart_retention_accounts");
    expect(rows.map((r) => r.account_id)).toEqual(["CH", "CR", "CS", "CT", "FXA", "MAP", "NB", "NEG-C", "RE", "RT", "UP"]);
    const byId = new Map(rows.map((r) => [r.account_id, r]));
    expect(byId.get("NEG-C")).toEqual({
      account_id: "NEG-C", account_name: "NEG-C", segment: "Unknown", account_movement: "returning", is_existing: false,
      starting: 0, ending: -30, new_business: 0, returning: -30, cross_sell_expansion: 0, upsell_expansion: 0, contraction: 0, churn: 0,
      new_business_products: [], returning_products: ["P1"], cross_sell_products: [], upsell_products: [], contraction_products: [], churn_products: []
    });
    expect(byId.get("NB")).toMatchObject({starting: 0, ending: 520, new_business: 520, new_business_products: ["P1", "P2"]});
    expect(byId.get("CS")).toMatchObject({starting: 100, ending: 160, cross_sell_expansion: 60, cross_sell_products: ["P2"], upsell_products: []});
    expect(byId.get("CT")).toMatchObject({contraction: 100, contraction_products: ["P2"]});
    expect(byId.get("CR")).toMatchObject({churn: 250, churn_products: ["P1"]});
    for (const r of rows) {
      const n = (k: string) => r[k] as number;
      const sum = n("starting") + n("new_business") + n("returning") + n("cross_sell_expansion") + n("upsell_expansion") - n("contraction") - n("churn");
      expect(sum, String(r.account_id)).toBe(n("ending"));
    }
  });
});

describe("an empty E", () => {
  it("with history only inside P: starting 0, everything is new business, no NRR/GRR numerators", async () => {
    const empty = await runFixture({asOf: "2024-06-30", lines: [["A", "P1", "2024-01-10", 40], ["A", "P2", "2024-03-10", 2], ["B", "P1", "2024-02-01", 8]]}, "mart_revenue_bridge");
    // A: first purchase 2024-01-10 in P → 42; B → 8. new_business = 50 = ending.
    expect(await empty.rows(`select ${bridgeColumns} from mart_revenue_bridge where is_current and dimension = 'all'`)).toEqual([
      {existing_accounts: 0, starting: 0, new_business: 50, returning: 0, cross_sell_expansion: 0, upsell_expansion: 0,
        contraction: 0, churn: 0, ending: 50, cross_sell_share_of_expansion: null, nrr_numerator: 0, grr_numerator: 0}
    ]);
    empty.close();
  });

  it("leaves NRR and GRR undefined, with the reason, in mart_figures and mart_kpis", async () => {
    // Only lines inside P: E is empty at D, so Σ R0 = 0.
    const empty = await runFixture({asOf: "2024-06-30", lines: [["A", "P1", "2024-01-10", 40]]}, "mart_kpis");
    const reason =
      "No existing customers at the period start (2023-06-30): no such account had revenue in the 12 months up to that day, so there is no starting revenue to retain.";
    expect(await empty.rows(`select figure, value, numerator, denominator, status, reason from mart_kpis where figure like '%revenue_retention' order by figure`)).toEqual(
      ["gross_revenue_retention", "net_revenue_retention"].map((figure) => ({figure, value: null, numerator: 0, denominator: 0, status: null, reason}))
    );
    empty.close();
  });

  it("with no billing at all: a bridge of zeros at D", async () => {
    const none = await runFixture({asOf: "2024-06-30", accounts: [{account_id: "A", segment: "SMB"}]}, "mart_revenue_bridge");
    expect(await none.rows(`select as_of, dimension, cut, ${bridgeColumns} from mart_revenue_bridge where dimension in ('all', 'segment')`)).toEqual(
      ["all", "SMB"].map((cut) => ({
        as_of: "2024-06-30", dimension: cut === "all" ? "all" : "segment", cut,
        existing_accounts: 0, starting: 0, new_business: 0, returning: 0, cross_sell_expansion: 0, upsell_expansion: 0,
        contraction: 0, churn: 0, ending: 0, cross_sell_share_of_expansion: null, nrr_numerator: 0, grr_numerator: 0
      }))
    );
    none.close();
  });
});

/** A small seeded generator (mulberry32), so the random fixture is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the bridge identity on a random fixture", () => {
  it("ending = starting + new business + returning + cross-sell + upsell − contraction − churn, exactly, at every date and cut", async () => {
    const next = random(20240630);
    const lines: LineIn[] = [];
    for (let i = 0; i < 400; i++) {
      // account Rk starts 30·k days after 2021-01-01 (R29 and later start inside P: new business)
      const k = Math.floor(next() * 40);
      const account = `R${k}`;
      const product = `P${Math.floor(next() * 4)}`;
      const start = Date.UTC(2021, 0, 1) + k * 30 * 86_400_000;
      const day = new Date(start + Math.floor(next() * (Date.UTC(2024, 4, 15) - start) / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
      // cents, a credit one time in six, a EUR line one time in five
      const amount = Math.round((next() < 1 / 6 ? -1 : 1) * next() * 100_000) / 100;
      lines.push(next() < 0.2 ? [account, product, day, amount, "EUR"] : [account, product, day, amount]);
    }
    // and five lapsed accounts: 2021 only, then again in P (returning)
    for (let i = 0; i < 20; i++) {
      const account = `L${i % 5}`;
      const first = i < 10;
      const day = new Date((first ? Date.UTC(2021, 0, 1) : Date.UTC(2023, 8, 1)) + Math.floor(next() * 250) * 86_400_000).toISOString().slice(0, 10);
      lines.push([account, `P${Math.floor(next() * 4)}`, day, Math.round(next() * 50_000) / 100]);
    }
    const accounts = Array.from({length: 30}, (_, i) => ({account_id: `R${i}`, segment: ["SMB", "Mid", "Enterprise"][i % 3]}));
    const rnd = await runFixture(
      {asOf: "2024-05-15", accounts, lines, fxRates: [["EUR", null, 1.08372615]], graceDays: 10},
      ["mart_retention_accounts", "mart_figures"]
    );
    // Exact, per account at D, in DECIMAL: R1 = R0 + movements for E, R1 = new business + returning otherwise.
    const broken = await rnd.rows(
      `select account_id from int_retention_pairs_at_d group by account_id
       having sum(ending_revenue) <> case when any_value(account_movement) in ('churn', 'retained') then sum(starting_revenue) else 0 end
         + coalesce(sum(case when movement in ('churn', 'contraction') then -amount else amount end), 0)`
    );
    expect(broken).toEqual([]);
    // The bridge at D is the sum of the accounts' movements, overall and per segment.
    expect(await sameAsBridge(rnd)).toEqual([]);
    // At every date and cut the bridge ends at all revenue of the period (mart_figures' revenue, summed apart).
    const endings = await rnd.rows(
      `select b.as_of, b.dimension, b.cut from mart_revenue_bridge as b
       join mart_figures as f on f.as_of = b.as_of and f.dimension = b.dimension and f.cut = b.cut and f.figure = 'revenue'
       where b.ending <> f.value`
    );
    expect(endings).toEqual([]);
    // And in the written doubles, to the cent, with something moving in each movement somewhere.
    const rows = await rnd.rows<Record<string, number>>(`select * from mart_revenue_bridge`);
    for (const r of rows) {
      const sum = r.starting + r.new_business + r.returning + r.cross_sell_expansion + r.upsell_expansion - r.contraction - r.churn;
      expect(Math.abs(sum - r.ending)).toBeLessThan(0.005);
    }
    const current = rows.find((r) => (r as unknown as {is_current: boolean}).is_current && (r as unknown as {dimension: string}).dimension === "all")!;
    for (const movement of ["starting", "new_business", "returning", "cross_sell_expansion", "upsell_expansion", "contraction", "churn"]) {
      expect(current[movement], movement).not.toBe(0);
    }
    rnd.close();
  });
});
