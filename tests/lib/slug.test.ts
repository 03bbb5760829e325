import {describe, expect, it} from "vitest";
import {ACCOUNT_SHARDS, accountFromSearch, accountHref, accountShard, accountShards} from "../../src/lib/slug.js";

// Ids that once got no page, or a link to the site root (issue #10 item 10).
const AWKWARD = ["..", ".", "a/b", "../etc", "x?y=1", "a#b", "100%", "%41", "x y", " ", "~tilde", "é🚀", "<script>", "a&id=b", "+plus", ""];

describe("account page links", () => {
  it("round-trips any id through the link's query", () => {
    for (const id of ["ACC-000123", ...AWKWARD]) {
      const href = accountHref(id);
      expect(href.startsWith("./account?id=")).toBe(true);
      // One path (the account page) whatever the id: nothing of the id reaches the path.
      const url = new URL(href, "https://report.example/sub/");
      expect(url.pathname).toBe("/sub/account");
      expect(url.hash).toBe("");
      expect(accountFromSearch(url.search)).toBe(id);
    }
    expect(accountHref("ACC-1", "../")).toBe("../account?id=ACC-1");
  });

  it("has no id without a query", () => {
    expect(accountFromSearch("")).toBeNull();
    expect(accountFromSearch("?other=1")).toBeNull();
  });
});

describe("account shards", () => {
  it("puts every id in one of the shard files, the same one every time", () => {
    const names = new Set(accountShards());
    expect(names.size).toBe(ACCOUNT_SHARDS);
    for (const id of AWKWARD) {
      expect(names.has(accountShard(id))).toBe(true);
      expect(accountShard(id)).toBe(accountShard(id));
    }
    // FNV-1a worked out by hand for "a": (0x811c9dc5 ^ 0x61) * 0x01000193 mod 2^32 = 0xe40c292c; % 16 = 12.
    expect(accountShard("a")).toBe("12");
  });

  it("spreads ids over the shards", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 1600; i++) counts.set(accountShard(`ACC-${String(i).padStart(6, "0")}`), (counts.get(accountShard(`ACC-${String(i).padStart(6, "0")}`)) ?? 0) + 1);
    expect(counts.size).toBe(ACCOUNT_SHARDS);
    for (const n of counts.values()) expect(n).toBeGreaterThan(50); // 100 each on average
  });
});
