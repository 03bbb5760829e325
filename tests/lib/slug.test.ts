import {describe, expect, it} from "vitest";
import {accountFromSlug, accountSlug} from "../../src/lib/slug.js";

describe("account slugs", () => {
  it("keeps plain ids and round-trips any id", () => {
    expect(accountSlug("ACC-000123")).toBe("ACC-000123");
    for (const id of ["a/b", "x y", "~tilde", "é🚀", "<script>", "100%"]) {
      const slug = accountSlug(id);
      expect(slug).not.toMatch(/[/%\s<>]/);
      expect(accountFromSlug(slug)).toBe(id);
    }
  });
});
