/**
 * How an account's page is found, from any account id.
 *
 * Account ids may hold any character ("..", "a/b", "?", "#", "%", spaces,
 * unicode), so an id is never a file or path name: every account is shown by
 * the one account page, `account?id=<id, URL-encoded>`, and its data lives in
 * one of ACCOUNT_SHARDS files chosen by a hash of the id. The build (which
 * writes the files) and the pages (which link and load) both use these
 * functions, so they cannot disagree.
 */

/** Files the account pages' data is split into: a page loads one (about 1/16 of the paged accounts). */
export const ACCOUNT_SHARDS = 16;

/** FNV-1a over the id's UTF-16 code units: stable, and the same in node and every browser. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The shard file ("00" … "15") holding an account's page data. */
export function accountShard(accountId: string): string {
  return String(fnv1a(accountId) % ACCOUNT_SHARDS).padStart(2, "0");
}

/** Every shard name, in order. */
export function accountShards(): string[] {
  return Array.from({length: ACCOUNT_SHARDS}, (_, i) => String(i).padStart(2, "0"));
}

/** The link to an account's page from a page at the site root (`base` "../" one folder down). */
export function accountHref(accountId: string, base = "./"): string {
  return `${base}account?id=${encodeURIComponent(accountId)}`;
}

/** The account id of the account page's URL query (`location.search`), or null. */
export function accountFromSearch(search: string): string | null {
  return new URLSearchParams(search).get("id");
}
