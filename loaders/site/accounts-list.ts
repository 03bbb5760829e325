/**
 * What the pages about accounts load, shaped at build time so that no page loads every
 * account: at 200,000 accounts accounts.json is 110 MB, and the accounts list,
 * concentration, team and explore pages each loaded all of it.
 *
 * - accounts list: a summary (counts per view, segment × tier), one file per drill-down
 *   view with at most LIST_MAX accounts (largest revenue first, each with its next best
 *   product), and a search index of SEARCH_SHARDS files split by word prefix (words of the
 *   name, owner and segment, and the id: a query loads the few shards its word can be in);
 * - concentration: the Pareto curve's points (thinned as the chart draws them) and the
 *   tier × products-held counts;
 * - team: sums per owner;
 * - explore: every account's explored columns up to EXPLORE_MAX accounts, else a systematic
 *   sample (every k-th account) that the page says it is.
 * Pure functions of the pipeline's rows, tested on inline rows.
 */
import type {z} from "zod";
import type {AccountRow, Kpis, productRow} from "../../src/schemas/index.js";
import type {NextBestProductRow} from "../../src/schemas/next-best-product.js";
import {ACCOUNT_VIEWS, EXPLORE_COLUMNS, normalizeSearch, searchWords, type AccountViewKey} from "../../src/lib/account-views.js";
import {paretoPoints, thinPoints} from "../../src/components/paretoCurve.js";

/** The most accounts a view's file lists (largest revenue first); a larger view is found by search. */
export const LIST_MAX = 5_000;
/** Files the search index is split into (src/accounts.md names each). */
export const SEARCH_SHARDS = 64;
/** The most shards one query loads: a prefix spanning more (one or two letters) asks for more letters. */
export const SEARCH_SHARDS_PER_QUERY = 3;
/** The most accounts the explore page loads. */
export const EXPLORE_MAX = 50_000;
/** Points of the Pareto curve kept (ParetoCurve's own default). */
export const PARETO_POINTS = 1_000;

/** Each view's test, given the core products and the period. */
function viewTests(core: string[], period: {start: string; asOf: string}): Record<AccountViewKey, (a: AccountRow) => boolean> {
  const inPeriod = (d: string | null) => d != null && d >= period.start && d <= period.asOf;
  return {
    all: () => true,
    active: (a) => a.is_active,
    multi_product: (a) => a.is_active && a.products_held >= 2,
    single_product: (a) => a.is_active && a.products_held === 1,
    full_suite: (a) => a.is_active && core.every((p) => a.held_products.includes(p)),
    cross_sold: (a) => a.cross_sold_in_period,
    first_cross_sell: (a) => inPeriod(a.first_cross_sell_on),
    white_space: (a) => a.is_active && a.white_space > 0,
    pursue_now: (a) => a.units_pursue_now > 0,
    unmatched: (a) => a.is_unmatched
  };
}

export interface AccountsList {
  summary: {
    total: number;
    active: number;
    paged: number;
    list_max: number;
    /** Every account fits in one file: the "all" view lists them all and the page filters it. */
    complete: boolean;
    views: {key: string; total: number}[];
    by_segment_tier: {segment: string; tier: string; n: number}[];
    /** First key of each search shard (empty when complete: the page searches the list itself). */
    search_bounds: string[];
    search_shards_per_query: number;
  };
  /** Each view's file: how many accounts it has, the ones listed, and the views of each (its bits). */
  views: Map<AccountViewKey, ViewFile>;
  /** The search index's shards, in key order. */
  search: {rows: SearchRow[]}[];
}

export interface ViewFile {
  view: string;
  total: number;
  rows: ListRow[];
  views: number[];
}

/** A listed account: its accounts.json row and its rank-1 next best product (null: none to offer). */
export type ListRow = AccountRow & {next_best_product: string | null; next_best_potential: number | null};

/** Each account's rank-1 next best product (shape.ts's topNextBest). */
export type TopNextBest = Map<string, Pick<NextBestProductRow, "product_name" | "potential">>;

export type SearchRow = Pick<AccountRow, "account_id" | "account_name" | "segment" | "owner" | "tier" | "revenue" | "has_page"> & {key: string; views: number};

export function accountsList(
  accounts: AccountRow[],
  products: Pick<z.infer<typeof productRow>, "product_id" | "is_core">[],
  kpis: Pick<Kpis, "period_start" | "as_of">,
  limits: {listMax?: number; shards?: number; nextBest?: TopNextBest} = {}
): AccountsList {
  const nextBest = limits.nextBest ?? new Map();
  const listMax = limits.listMax ?? LIST_MAX;
  const shards = limits.shards ?? SEARCH_SHARDS;
  const core = products.filter((p) => p.is_core).map((p) => p.product_id);
  const tests = viewTests(core, {start: kpis.period_start, asOf: kpis.as_of});
  // Each account's views as bits, beside the rows rather than in them: the rows stay
  // accounts.json's (copying 200,000 rows to add a field also took seconds).
  const viewsOf = accounts.map((a) => ACCOUNT_VIEWS.reduce((bits, v, bit) => (tests[v.key](a) ? bits | (1 << bit) : bits), 0));
  const complete = accounts.length <= listMax;
  // Largest revenue first, ties in file order (the order the accounts table showed them);
  // sorted once, each view keeps the order, so its first listMax members are its largest.
  const order = accounts.map((_, i) => i);
  if (!complete) order.sort((x, y) => accounts[y].revenue - accounts[x].revenue || x - y);
  const views = new Map<AccountViewKey, ViewFile>();
  ACCOUNT_VIEWS.forEach((v, bit) => {
    const members = order.filter((i) => (viewsOf[i] & (1 << bit)) !== 0);
    const listed = complete ? (v.key === "all" ? members : []) : members.slice(0, listMax);
    // Copies of the listed rows only (at most listMax per view), with the column the table adds.
    const rows = listed.map((i): ListRow => {
      const top = nextBest.get(accounts[i].account_id);
      return {...accounts[i], next_best_product: top?.product_name ?? null, next_best_potential: top?.potential ?? null};
    });
    views.set(v.key, {view: v.key, total: members.length, rows, views: listed.map((i) => viewsOf[i])});
  });

  // One bar piece per segment × tier of the active accounts, in order of first appearance.
  const segmentTier = new Map<string, {segment: string; tier: string; n: number}>();
  for (const a of accounts) {
    if (!a.is_active) continue;
    const tier = a.tier ?? "none";
    const key = `${a.segment}\u0000${tier}`;
    const cell = segmentTier.get(key) ?? {segment: a.segment, tier, n: 0};
    cell.n++;
    segmentTier.set(key, cell);
  }

  const search = complete ? {bounds: [], shards: Array.from({length: shards}, () => ({rows: [] as SearchRow[]}))} : searchIndex(accounts, viewsOf, order, shards);
  return {
    summary: {
      total: accounts.length,
      active: accounts.filter((a) => a.is_active).length,
      paged: accounts.filter((a) => a.has_page).length,
      list_max: listMax,
      complete,
      views: ACCOUNT_VIEWS.map((v) => ({key: v.key, total: views.get(v.key)!.total})),
      by_segment_tier: [...segmentTier.values()],
      search_bounds: search.bounds,
      search_shards_per_query: SEARCH_SHARDS_PER_QUERY
    },
    views,
    search: search.shards
  };
}

/**
 * The search index: one row per account and word of its name, owner and segment, and one for its whole id,
 * sorted by that key (then in `order`, of indices into `accounts`: largest revenue first), cut
 * into `shards` files of about equal rows. bounds[i] is the first key of shard i; empty
 * shards (fewer rows than shards) get "\uffff\uffff", which no prefix reaches.
 */
export function searchIndex(
  accounts: AccountRow[],
  viewsOf: number[],
  order: number[],
  shards: number
): {bounds: string[]; shards: {rows: SearchRow[]}[]} {
  // Grouped by key, then the keys sorted: a few hundred thousand keys rather than a sort of
  // every posting (800,000 at 200,000 accounts).
  const byKey = new Map<string, number[]>();
  for (const i of order) {
    const r = accounts[i];
    const words = [...searchWords(r.account_name), ...searchWords(r.owner ?? ""), ...searchWords(r.segment)];
    for (const key of new Set([...words, normalizeSearch(r.account_id)])) {
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    }
  }
  // Plain code-unit order, as shardsForPrefix compares (never localeCompare).
  const keys = [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const postings: SearchRow[] = [];
  for (const key of keys) {
    for (const i of byKey.get(key)!) {
      const r = accounts[i];
      postings.push({key, account_id: r.account_id, account_name: r.account_name, segment: r.segment, owner: r.owner, tier: r.tier, revenue: r.revenue, has_page: r.has_page, views: viewsOf[i]});
    }
  }
  const size = Math.max(1, Math.ceil(postings.length / shards));
  const out = Array.from({length: shards}, (_, i) => ({rows: postings.slice(i * size, (i + 1) * size)}));
  return {bounds: out.map((s) => s.rows[0]?.key ?? "\uffff\uffff"), shards: out};
}

/** The concentration page: the Pareto curve as drawn, and active accounts per tier × products held. */
export function concentration(accounts: Pick<AccountRow, "revenue_rank" | "cumulative_revenue_share" | "tier" | "products_held">[], maxPoints = PARETO_POINTS) {
  const ranked = accounts.filter((a) => a.revenue_rank != null);
  const held = new Map<string, {tier: string | null; products_held: number; accounts: number}>();
  for (const a of ranked) {
    const key = `${a.tier}\u0000${a.products_held}`;
    const cell = held.get(key) ?? {tier: a.tier, products_held: a.products_held, accounts: 0};
    cell.accounts++;
    held.set(key, cell);
  }
  return {
    ranked: ranked.length,
    points: thinPoints(paretoPoints(ranked), maxPoints),
    held: [...held.values()].sort((a, b) => String(a.tier).localeCompare(String(b.tier)) || a.products_held - b.products_held)
  };
}

/** The team page: per owner ("Unknown" for none), accounts and the sums it shows, in file order. */
export function ownerTotals(accounts: Pick<AccountRow, "owner" | "white_space" | "units_pursue_now" | "open_opportunities">[]) {
  const owners = new Map<string, {owner: string; accounts: number; white_space: number; pursue_now: number; open: number}>();
  for (const a of accounts) {
    const owner = a.owner ?? "Unknown";
    const row = owners.get(owner) ?? {owner, accounts: 0, white_space: 0, pursue_now: 0, open: 0};
    row.accounts++;
    row.white_space += a.white_space;
    row.pursue_now += a.units_pursue_now;
    row.open += a.open_opportunities;
    owners.set(owner, row);
  }
  return [...owners.values()].sort((a, b) => a.owner.localeCompare(b.owner));
}

/**
 * The explore page's rows: every account when there are at most `max`, else every k-th
 * account in file order (k = ceil(total / max)): a systematic sample, whose means and shares
 * estimate the whole and whose counts and sums are the sample's (the page says so).
 */
export function exploreAccounts(accounts: AccountRow[], max = EXPLORE_MAX) {
  const every = Math.max(1, Math.ceil(accounts.length / max));
  const rows = [];
  for (let i = 0; i < accounts.length; i += every) {
    const a = accounts[i];
    rows.push(Object.fromEntries(EXPLORE_COLUMNS.map((k) => [k, a[k]])) as Pick<AccountRow, (typeof EXPLORE_COLUMNS)[number]>);
  }
  return {total: accounts.length, every, rows};
}
