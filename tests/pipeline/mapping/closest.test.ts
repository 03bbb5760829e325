import {describe, expect, it} from "vitest";
import {closestMatch} from "../../../loaders/pipeline/mapping/closest.js";

const MAVEN_CATALOG = ["GTX Basic", "GTX Pro", "MG Special", "MG Advanced", "GTX Plus Pro", "GTX Plus Basic", "GTK 500"];

describe("closestMatch", () => {
  it("finds the catalog name a CRM spelled without its space", () => {
    // "gtxpro" vs "gtxpro" after dropping case and spaces: distance 0.
    expect(closestMatch("GTXPro", MAVEN_CATALOG)).toBe("GTX Pro");
  });
  it("tolerates a small typo, and prefers the nearest", () => {
    // "mgspecal" → "mgspecial": 1 insertion; "mgadvanced" is 6+ away.
    expect(closestMatch("MG Specal", MAVEN_CATALOG)).toBe("MG Special");
  });
  it("suggests nothing for an unrelated name", () => {
    expect(closestMatch("Widget 9000", MAVEN_CATALOG)).toBeNull();
    expect(closestMatch("", MAVEN_CATALOG)).toBeNull();
  });
});
