// Account pages in the site search (loaders/site/search.ts): which accounts, what each entry says,
// and the size of Framework's index at 200,000 accounts.
import MiniSearch from "minisearch";
import {describe, expect, it} from "vitest";
import {ACCOUNT_SEARCH_MAX, accountSearchEntries, accountSearchIndex} from "../../loaders/site/search.js";
import {accountFromSearch} from "../../src/lib/slug.js";

type A = Parameters<typeof accountSearchEntries>[0][number];
const account = (account_id: string, has_page: boolean, revenue: number, over: Partial<A> = {}): A => ({
  account_id,
  account_name: `Name of ${account_id}`,
  owner: "Ann Lee",
  segment: "SMB",
  has_page,
  revenue,
  ...over
});

/** Framework 1.13's index options (node_modules/@observablehq/framework/dist/search.js). */
const FRAMEWORK_INDEX = {
  fields: ["title", "text", "keywords"],
  storeFields: ["title"],
  processTerm: (term: string) => ((term.match(/\p{N}/gu)?.length ?? 0) > 6 ? null : term.slice(0, 15).toLowerCase())
};

describe("accountSearchEntries", () => {
  it("indexes the accounts with a page, largest revenue first: name as title, id, owner and segment as text, the page as path", () => {
    const entries = accountSearchEntries([
      account("ACC-1", false, 900),
      account("ACC-2", true, 10, {owner: null, segment: "Enterprise"}),
      account("ACC-3", true, 50, {account_name: "<b>Acme</b> & Co"})
    ]);
    expect(entries).toEqual([
      {path: "/account?id=ACC-3", title: "<b>Acme</b> & Co", text: "ACC-3 Ann Lee SMB"},
      {path: "/account?id=ACC-2", title: "Name of ACC-2", text: "ACC-2 Enterprise"}
    ]);
  });

  it("writes an awkward id so that Framework's path normalizer keeps it and the page reads it back", () => {
    for (const id of ["a.html", "x.", "a/b/index", "x?y#z", "100%", "é 🚀"]) {
      const [entry] = accountSearchEntries([account(id, true, 1)]);
      expect(entry.path.endsWith(".html") || entry.path.endsWith(".") || entry.path.endsWith("/index")).toBe(false);
      expect(accountFromSearch(new URL(entry.path, "http://x").search)).toBe(id);
    }
  });

  it("stays bounded at 200,000 accounts: paged accounts only, at most ACCOUNT_SEARCH_MAX, and a small index", () => {
    const accounts = Array.from({length: 200_000}, (_, i) =>
      account(`ACC-${String(i).padStart(6, "0")}`, i % 20 === 0, 200_000 - i, {account_name: `Company ${i} Holdings`, owner: `Owner ${i % 40}`})
    );
    const entries = accountSearchEntries(accounts);
    expect(entries.length).toBe(ACCOUNT_SEARCH_MAX); // 10,000 have a page here
    expect(entries[0].text).toContain("ACC-000000");
    expect(accountSearchEntries(accounts.slice(0, 2_000)).length).toBe(100);

    const index = new MiniSearch(FRAMEWORK_INDEX);
    index.addAll(entries.map((e) => ({id: e.path, keywords: "", ...e})));
    const bytes = JSON.stringify(index.toJSON()).length;
    expect(bytes).toBeLessThan(600_000);
    // Part of a name finds the account (as the search box does: prefix and fuzzy).
    const hits = index.search("Company 2340 Hold", {prefix: true, fuzzy: 0.15, combineWith: "AND"});
    expect(hits[0]?.id).toBe("/account?id=ACC-002340");
  });
});

describe("accountSearchIndex", () => {
  it("indexes no account when the site is built without a data folder, and names a missing one", async () => {
    const none: unknown[] = [];
    for await (const e of accountSearchIndex({})) none.push(e);
    expect(none).toEqual([]);
    await expect(accountSearchIndex({CROSSSELL_DATA_DIR: "/nonexistent/w4"}).next()).rejects.toThrow(/CROSSSELL_DATA_DIR=\/nonexistent\/w4: folder not found/);
  });
});
