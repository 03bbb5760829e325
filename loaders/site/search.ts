/**
 * Account pages in the site's search (Framework's built-in search, `search: {index}` in
 * observablehq.config.ts): one entry per account that has a page, so that typing part of a
 * name, an id, an owner or a segment in the sidebar's search box finds the account page.
 *
 * Framework puts every entry into one index (minisearch.json) that the browser loads the
 * first time the search box is focused. Accounts without a page are left out (a result
 * must open something), and at most ACCOUNT_SEARCH_MAX of the paged ones, largest revenue
 * first, are indexed: the paged accounts are capped by the configuration's top_accounts.max
 * (250 by default), which has no upper bound. The accounts list (src/accounts.md) searches
 * every account.
 */
import {existsSync, readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import type {AccountRow} from "../../src/schemas/index.js";
import {accountHref} from "../../src/lib/slug.js";
import {ensureSiteData} from "./site-cache.mjs";

/**
 * About 220 bytes of minisearch.json per account with a distinct name: 2,000 accounts add
 * about 450 KB, loaded once, when the search box is first focused (the default 250 paged
 * accounts add about 55 KB).
 */
export const ACCOUNT_SEARCH_MAX = 2_000;

/** The prepared file (not served) the site configuration's search index reads. */
export const ACCOUNT_SEARCH_FILE = "account_search.json";

export interface SearchEntry {
  path: string;
  title: string;
  text: string;
}

type SearchAccount = Pick<AccountRow, "account_id" | "account_name" | "owner" | "segment" | "has_page" | "revenue">;

/**
 * The search entries of the paged accounts (at most `max`, largest revenue first, ties by id):
 * title = the account's name, text = its id, owner and segment, path = its page. Dots in the
 * path are written %2E: Framework's path normalizer would cut a ".html" or a final "." off the
 * id (the page reads the id back with URLSearchParams, which decodes them).
 */
export function accountSearchEntries(accounts: SearchAccount[], max = ACCOUNT_SEARCH_MAX): SearchEntry[] {
  return accounts
    .filter((a) => a.has_page)
    .sort((a, b) => b.revenue - a.revenue || a.account_id.localeCompare(b.account_id))
    .slice(0, max)
    .map((a) => ({
      path: accountHref(a.account_id, "/").replaceAll(".", "%2E"),
      title: a.account_name,
      text: [a.account_id, a.owner ?? "", a.segment].filter(Boolean).join(" ")
    }));
}

/**
 * `search.index` of observablehq.config.ts: the entries prepared for the pipeline output in
 * $CROSSSELL_DATA_DIR (prepared once with the other site files; see site-cache.mjs). Without
 * that variable (a Framework command run by hand) there are no accounts to index.
 */
export async function* accountSearchIndex(env: NodeJS.ProcessEnv = process.env): AsyncGenerator<SearchEntry> {
  const dir = env.CROSSSELL_DATA_DIR;
  if (!dir) return;
  if (!existsSync(dir)) throw new Error(`search index: CROSSSELL_DATA_DIR=${dir}: folder not found.`);
  const file = join(ensureSiteData(resolve(dir)), ACCOUNT_SEARCH_FILE);
  yield* JSON.parse(readFileSync(file, "utf8")) as SearchEntry[];
}
