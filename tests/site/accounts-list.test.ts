// What the pages about accounts load instead of every account (loaders/site/accounts-list.ts),
// worked out by hand on inline rows, and the accounts search (src/lib/account-views.ts).
import {describe, expect, it} from "vitest";
import {accountsList, concentration, exploreAccounts, ownerTotals, searchIndex, type SearchRow} from "../../loaders/site/accounts-list.js";
import {ACCOUNT_VIEWS, inView, searchAccounts, searchWords, shardsForPrefix, viewBit} from "../../src/lib/account-views.js";
import type {AccountRow} from "../../src/schemas/index.js";

function account(id: string, over: Partial<AccountRow> = {}): AccountRow {
  return {
    account_id: id,
    account_name: `Name ${id}`,
    segment: "SMB",
    region: null,
    industry: null,
    owner: null,
    in_target_profile: null,
    is_unmatched: false,
    first_purchase_on: "2025-01-01",
    acquisition_cohort: "2025-Q1",
    is_active: true,
    revenue: 100,
    products_held: 1,
    held_products: ["A"],
    tier: "D",
    revenue_rank: 1,
    cumulative_revenue_share: 1,
    cross_sold_in_period: false,
    first_cross_sell_on: null,
    white_space: 0,
    open_opportunities: 0,
    units_pursue_now: 0,
    has_page: false,
    ...over
  };
}

const PRODUCTS = [{product_id: "A", is_core: true}, {product_id: "B", is_core: true}, {product_id: "X", is_core: false}];
const KPIS = {period_start: "2025-07-01", as_of: "2026-06-30"};

const ACCOUNTS = [
  account("a1", {revenue: 50, products_held: 2, held_products: ["A", "B"], first_cross_sell_on: "2025-08-01", cross_sold_in_period: true, white_space: 0, segment: "Mid", tier: "B"}),
  account("a2", {revenue: 500, white_space: 10, units_pursue_now: 2, tier: "A", segment: "Mid"}),
  account("a3", {is_active: false, revenue: 0, products_held: 0, held_products: [], tier: null, revenue_rank: null, cumulative_revenue_share: null, is_unmatched: true, white_space: 5, first_cross_sell_on: "2025-06-30"}),
  account("a4", {revenue: 50, held_products: ["X"], white_space: 7})
];

describe("accountsList", () => {
  it("puts each account in the views of the accounts page's drill-downs", () => {
    const list = accountsList(ACCOUNTS, PRODUCTS, KPIS);
    const members = (key: (typeof ACCOUNT_VIEWS)[number]["key"]) => {
      const all = list.views.get("all")!;
      return all.rows.filter((_, i) => inView(all.views[i], key)).map((r) => r.account_id);
    };
    expect(members("all")).toEqual(["a1", "a2", "a3", "a4"]);
    expect(members("active")).toEqual(["a1", "a2", "a4"]);
    expect(members("multi_product")).toEqual(["a1"]);
    expect(members("single_product")).toEqual(["a2", "a4"]);
    expect(members("full_suite")).toEqual(["a1"]); // every core product (X is not core)
    expect(members("cross_sold")).toEqual(["a1"]);
    expect(members("first_cross_sell")).toEqual(["a1"]); // a3's is the day before the period
    expect(members("white_space")).toEqual(["a2", "a4"]); // a3 has white space but is inactive
    expect(members("pursue_now")).toEqual(["a2"]);
    expect(members("unmatched")).toEqual(["a3"]);
    expect(list.summary.views.find((v) => v.key === "single_product")?.total).toBe(2);
  });

  it("lists every account in one file when they fit, else each view's largest by revenue", () => {
    const small = accountsList(ACCOUNTS, PRODUCTS, KPIS);
    expect(small.summary.complete).toBe(true);
    expect(small.views.get("active")!.rows).toEqual([]); // the page filters the "all" file
    expect(small.summary.search_bounds).toEqual([]);
    const {account_id, revenue} = small.views.get("all")!.rows[0];
    expect({account_id, revenue}).toEqual({account_id: "a1", revenue: 50}); // file order kept

    const big = accountsList(ACCOUNTS, PRODUCTS, KPIS, {listMax: 2, shards: 4});
    expect(big.summary.complete).toBe(false);
    // Largest revenue first, ties (a1, a4: 50) in file order; the total still counts them all.
    expect(big.views.get("all")).toMatchObject({total: 4, rows: [{account_id: "a2"}, {account_id: "a1"}]});
    expect(big.views.get("active")!.rows.map((r) => r.account_id)).toEqual(["a2", "a1"]);
    expect(big.views.get("unmatched")!.rows.map((r) => r.account_id)).toEqual(["a3"]);
    expect(big.summary.search_bounds).toHaveLength(4);
  });

  it("gives each listed account its rank-1 next best product and potential, null when none", () => {
    const nextBest = new Map([["a2", {product_name: "Beta", potential: 10}], ["a4", {product_name: "Alpha", potential: 7}]]);
    const pick = (rows: {account_id: string; next_best_product: string | null; next_best_potential: number | null}[]) =>
      rows.map((r) => [r.account_id, r.next_best_product, r.next_best_potential]);
    expect(pick(accountsList(ACCOUNTS, PRODUCTS, KPIS, {nextBest}).views.get("all")!.rows)).toEqual([
      ["a1", null, null],
      ["a2", "Beta", 10],
      ["a3", null, null],
      ["a4", "Alpha", 7]
    ]);
    const big = accountsList(ACCOUNTS, PRODUCTS, KPIS, {listMax: 2, shards: 4, nextBest});
    expect(pick(big.views.get("white_space")!.rows)).toEqual([["a2", "Beta", 10], ["a4", "Alpha", 7]]);
    expect(ACCOUNTS[1]).not.toHaveProperty("next_best_product"); // the pipeline's rows are not changed
  });

  it("counts active accounts by segment × tier", () => {
    expect(accountsList(ACCOUNTS, PRODUCTS, KPIS).summary.by_segment_tier).toEqual([
      {segment: "Mid", tier: "B", n: 1},
      {segment: "Mid", tier: "A", n: 1},
      {segment: "SMB", tier: "D", n: 1}
    ]);
  });
});

describe("the accounts search", () => {
  const named = [
    account("ACC-1", {account_name: "Café Noël GmbH", revenue: 10, owner: "Ann Lee"}),
    account("ACC-2", {account_name: "Noel & Sons", revenue: 30, is_active: false, owner: "Bo Park", segment: "Mid Market"}),
    account("ACC-3", {account_name: "Smith, Jones & Partners", revenue: 20, owner: "Ann Lee", segment: "Mid Market"}),
    account("ZZ-10", {account_name: "Jones Noelle", revenue: 5})
  ];
  const views = named.map((a) => (a.is_active ? viewBit("all") | viewBit("active") : viewBit("all")));
  const order = [1, 2, 0, 3]; // largest revenue first

  it("files each account under each word of its name, owner and segment and its whole id, in key order", () => {
    expect(searchWords("Café Noël GmbH")).toEqual(["cafe", "noel", "gmbh"]);
    const {bounds, shards} = searchIndex(named, views, order, 3);
    const keys = shards.map((s) => s.rows.map((r) => `${r.key}:${r.account_id}`));
    // 26 rows in shards of 9; under one key, largest revenue first (ACC-2, ACC-3, ACC-1, ZZ-10).
    expect(keys).toEqual([
      ["acc-1:ACC-1", "acc-2:ACC-2", "acc-3:ACC-3", "ann:ACC-3", "ann:ACC-1", "bo:ACC-2", "cafe:ACC-1", "gmbh:ACC-1", "jones:ACC-3"],
      ["jones:ZZ-10", "lee:ACC-3", "lee:ACC-1", "market:ACC-2", "market:ACC-3", "mid:ACC-2", "mid:ACC-3", "noel:ACC-2", "noel:ACC-1"],
      ["noelle:ZZ-10", "park:ACC-2", "partners:ACC-3", "smb:ACC-1", "smb:ZZ-10", "smith:ACC-3", "sons:ACC-2", "zz-10:ZZ-10"]
    ]);
    expect(bounds).toEqual(["acc-1", "jones", "noelle"]);
    expect(shardsForPrefix(bounds, "noe")).toEqual([1, 2]);
    expect(shardsForPrefix(bounds, "jones")).toEqual([0, 1]); // "jones" may start in shard 1 or end shard 0
    expect(shardsForPrefix(bounds, "a")).toEqual([0]);
    expect(shardsForPrefix(bounds, "zz")).toEqual([2]);
  });

  const search = (query: string, view: "all" | "active" = "all", perQuery = 3) => {
    const {bounds, shards} = searchIndex(named, views, order, 3);
    const loaded: number[] = [];
    return searchAccounts<SearchRow>(query, view, {bounds, perQuery, load: async (i) => (loaded.push(i), shards[i])}).then((r) => ({ids: r.rows.map((x) => x.account_id), partial: r.partial, loaded}));
  };

  it("finds accounts by the start of any word of the name, accents ignored, largest revenue first", async () => {
    expect(await search("noel")).toEqual({ids: ["ACC-2", "ACC-1", "ZZ-10"], partial: false, loaded: [1, 2]});
    expect(await search("NOËL")).toMatchObject({ids: ["ACC-2", "ACC-1", "ZZ-10"]});
    expect(await search("jones noe")).toMatchObject({ids: ["ZZ-10"]}); // every word must start a name word
    expect(await search("oel")).toMatchObject({ids: []}); // not the middle of a word
  });

  it("finds accounts by the words of their owner and segment, alone or with the name's", async () => {
    expect(await search("lee")).toEqual({ids: ["ACC-3", "ACC-1"], partial: false, loaded: [1]});
    expect(await search("ann lee")).toMatchObject({ids: ["ACC-3", "ACC-1"]});
    expect(await search("bo park")).toMatchObject({ids: ["ACC-2"]});
    expect(await search("mid market")).toMatchObject({ids: ["ACC-2", "ACC-3"]});
    expect(await search("lee smb")).toMatchObject({ids: ["ACC-1"]}); // owner Ann Lee, segment SMB
    expect(await search("lee cafe")).toMatchObject({ids: ["ACC-1"]}); // owner and name
    expect(await search("lee", "active")).toMatchObject({ids: ["ACC-3", "ACC-1"]});
  });

  it("finds accounts by the start of the id, and keeps to the view", async () => {
    expect(await search("acc-")).toMatchObject({ids: ["ACC-2", "ACC-3", "ACC-1"]});
    expect(await search("ZZ-1")).toMatchObject({ids: ["ZZ-10"]});
    expect(await search("noel", "active")).toMatchObject({ids: ["ACC-1", "ZZ-10"]});
    expect(await search("   ")).toEqual({ids: [], partial: false, loaded: []});
  });

  it("loads at most perQuery shards and says when more could match", async () => {
    const r = await search("j", "all", 1); // "j" spans shards 0 and 1
    expect(r.loaded).toEqual([0]);
    expect(r.partial).toBe(true);
  });

  it("looks under the query's narrowest word, so a rarer word completes a search a common one cuts short", async () => {
    // "jones" spans shards 0 and 1, "lee" only shard 1: "jones lee" loads shard 1 alone and finds
    // ACC-3 (name … Jones, owner Ann Lee) whole; looking under "jones" (the longer word) would need 2 shards.
    expect(await search("jones lee", "all", 1)).toEqual({ids: ["ACC-3"], partial: false, loaded: [1]});
    expect(await search("jones", "all", 1)).toMatchObject({partial: true, loaded: [0]});
  });
});

describe("concentration", () => {
  it("gives the Pareto points of the ranked accounts and their tier × products held counts", () => {
    const ranked = [
      {revenue_rank: 2, cumulative_revenue_share: 0.9, tier: "B" as const, products_held: 1},
      {revenue_rank: 1, cumulative_revenue_share: 0.6, tier: "A" as const, products_held: 3},
      {revenue_rank: null, cumulative_revenue_share: null, tier: null, products_held: 0},
      {revenue_rank: 3, cumulative_revenue_share: 1, tier: "B" as const, products_held: 1}
    ];
    expect(concentration(ranked)).toEqual({
      ranked: 3,
      points: [
        {accounts: 0, revenue: 0, tier: null},
        {accounts: 1 / 3, revenue: 0.6, tier: "A"},
        {accounts: 2 / 3, revenue: 0.9, tier: "B"},
        {accounts: 1, revenue: 1, tier: "B"}
      ],
      held: [
        {tier: "A", products_held: 3, accounts: 1},
        {tier: "B", products_held: 1, accounts: 2}
      ]
    });
  });
});

describe("ownerTotals and exploreAccounts", () => {
  it("sums each owner's accounts, none as Unknown", () => {
    const rows = [
      {owner: "Bo", white_space: 1.5, units_pursue_now: 1, open_opportunities: 2},
      {owner: null, white_space: 2, units_pursue_now: 0, open_opportunities: 1},
      {owner: "Bo", white_space: 3, units_pursue_now: 2, open_opportunities: 0}
    ];
    expect(ownerTotals(rows)).toEqual([
      {owner: "Bo", accounts: 2, white_space: 4.5, pursue_now: 3, open: 2},
      {owner: "Unknown", accounts: 1, white_space: 2, pursue_now: 0, open: 1}
    ]);
  });

  it("keeps every account up to the cap, else every k-th", () => {
    const many = Array.from({length: 10}, (_, i) => account(`x${i}`));
    expect(exploreAccounts(many, 10)).toMatchObject({total: 10, every: 1});
    const sampled = exploreAccounts(many, 4);
    expect(sampled.every).toBe(3);
    expect(sampled.rows.map((r) => r.account_name)).toEqual(["Name x0", "Name x3", "Name x6", "Name x9"]);
    expect(Object.keys(sampled.rows[0])).not.toContain("account_id");
  });
});
