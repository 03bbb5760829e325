import {DIMENSIONS, type DimensionId} from "../catalog/dimensions.js";

/**
 * The drill-downs of the accounts list (accounts?show=<key>): the accounts behind a figure.
 *
 * Which accounts belong to a view is decided at build time (loaders/site/accounts-list.ts,
 * which stores it as a bit per view in each row's `views`), so that a page loads the
 * accounts it shows, not every account to filter them. The page keeps the labels.
 */
export const ACCOUNT_VIEWS = [
  {key: "all", label: "All accounts"},
  {key: "active", label: "Active customers (revenue in the last 12 months)"},
  {key: "multi_product", label: "Multi-product customers (active, 2+ products)"},
  {key: "single_product", label: "Single-product customers (active, 1 product)"},
  {key: "full_suite", label: "Full-suite customers (every core product)"},
  {key: "cross_sold", label: "Cross-sold in the period (any cross-sell event)"},
  {key: "first_cross_sell", label: "First cross-sell in the period (time to cross-sell)"},
  {key: "white_space", label: "Active customers with white space"},
  {key: "pursue_now", label: "Accounts with units to pursue now"},
  {key: "unmatched", label: "Unmatched billing customers"}
] as const;

/**
 * The columns of accounts.json the explore page groups, filters and sums (explore_accounts.json):
 * every breakdown of the catalog is one (accounts.json has a column per breakdown).
 */
export const EXPLORE_COLUMNS = [
  "account_name",
  ...DIMENSIONS.map((d): DimensionId => d.id),
  "is_active",
  "revenue",
  "products_held",
  "white_space",
  "cross_sold_in_period",
  "open_opportunities"
] as const;

export type AccountViewKey = (typeof ACCOUNT_VIEWS)[number]["key"];

/** The bit of a view in a row's `views` number. */
export function viewBit(key: AccountViewKey): number {
  return 1 << ACCOUNT_VIEWS.findIndex((v) => v.key === key);
}

/** Whether a row whose `views` number is `views` belongs to the view `key`. */
export function inView(views: number, key: AccountViewKey): boolean {
  return (views & viewBit(key)) !== 0;
}

/**
 * The words an account is found by in the search index: each word of its name (letters and
 * digits, lower case, accents removed), and its whole id. Queries are split the same way.
 */
export function searchWords(text: string): string[] {
  return normalizeSearch(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Lower case without accents: "Café Noël" → "cafe noel". */
export function normalizeSearch(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
}

/**
 * The shards of the search index a word prefix can be in, given each shard's first key
 * (`bounds`, sorted; a key may spill over into the next shard). Keys compare as JavaScript
 * strings (UTF-16 code units) on both sides, never by locale.
 */
export function shardsForPrefix(bounds: readonly string[], prefix: string): number[] {
  const last = `${prefix}\uffff`;
  const out: number[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const next = i + 1 < bounds.length ? bounds[i + 1] : null;
    if (bounds[i] <= last && (next === null || next >= prefix)) out.push(i);
  }
  return out;
}

export interface SearchHit {
  /** The word (or whole id) this row of the index is filed under. */
  key: string;
  account_id: string;
  account_name: string;
  owner: string | null;
  segment: string;
  revenue: number;
  views: number;
}

/**
 * The accounts of view `view` matching `query`, largest revenue first: an account matches
 * when each word of the query starts a word of its name, owner or segment ("jones smb": an
 * SMB account of owner Ann Jones), or when its id starts with the query. Only the shards that the
 * query's narrowest word (the one whose prefix spans the fewest shards; of those, the longest) and
 * the query as an id can be in are loaded, at most `perQuery`; `partial` says they spanned more
 * (type more letters, or add a rarer word: "enterprise acme" looks under "acme", which all its
 * matches have too).
 */
export async function searchAccounts<R extends SearchHit>(
  query: string,
  view: AccountViewKey,
  index: {bounds: readonly string[]; perQuery: number; load: (shard: number) => Promise<{rows: readonly R[]}>}
): Promise<{rows: R[]; partial: boolean}> {
  const asId = normalizeSearch(query.trim());
  const words = searchWords(query);
  if (!asId) return {rows: [], partial: false};
  const spans = words.map((word) => ({word, shards: shardsForPrefix(index.bounds, word)}));
  const narrowest = spans.reduce<(typeof spans)[number] | null>(
    (best, s) => (!best || s.shards.length < best.shards.length || (s.shards.length === best.shards.length && s.word.length > best.word.length) ? s : best),
    null
  );
  const word = narrowest?.word ?? "";
  const wanted = new Set([...(narrowest?.shards ?? []), ...shardsForPrefix(index.bounds, asId)]);
  const shards = [...wanted].sort((a, b) => a - b);
  const loaded = await Promise.all(shards.slice(0, index.perQuery).map(index.load));
  const found = new Map<string, R>();
  for (const {rows} of loaded) {
    for (const r of rows) {
      // Only rows filed under a word the query can match need a closer look.
      if (!(word && r.key.startsWith(word)) && !r.key.startsWith(asId)) continue;
      if (found.has(r.account_id) || !inView(r.views, view)) continue;
      const rowWords = [...searchWords(r.account_name), ...searchWords(r.owner ?? ""), ...searchWords(r.segment)];
      const byName = words.length > 0 && words.every((w) => rowWords.some((n) => n.startsWith(w)));
      if (byName || normalizeSearch(r.account_id).startsWith(asId)) found.set(r.account_id, r);
    }
  }
  const rows = [...found.values()].sort((a, b) => b.revenue - a.revenue || (a.account_id < b.account_id ? -1 : 1));
  return {rows, partial: shards.length > index.perQuery};
}
