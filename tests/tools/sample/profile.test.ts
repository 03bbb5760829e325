import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {DEFAULT_SAMPLE_OPTIONS, generateSample} from "../../../loaders/tools/sample/generate.js";
import {profileSample} from "../../../loaders/tools/sample/profile.js";

// The default sample (3,000 accounts, default seed) is meant to land inside the
// benchmark bands of shared/spec/benchmarks.md, so the report shows mostly
// "on benchmark" and one clear gap (full suite). This checks it with the rough
// estimator in loaders/tools/sample/profile.ts (not the pipeline).
let figures: Record<string, number>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "sample-profile-"));
  await generateSample({...DEFAULT_SAMPLE_OPTIONS, out: dir});
  const row = await profileSample(dir);
  figures = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
});

describe("default sample figures", () => {
  it.each([
    ["cross_sell_rate", 0.15, 0.3],
    ["multi_product_rate", 0.4, 0.6],
    ["cross_sell_revenue_share", 0.2, 0.4],
    ["time_to_cross_sell_months", 6, 12],
    ["cross_sell_win_rate", 0.3, 0.5],
    ["new_business_win_rate", 0.05, 0.2],
    ["upsell_win_rate", 0.3, 0.5]
  ])("%s is inside its band [%s, %s]", (name, low, high) => {
    expect(figures[name]).toBeGreaterThanOrEqual(low);
    expect(figures[name]).toBeLessThanOrEqual(high);
  });

  it("has a few hundred accounts behind each headline figure", () => {
    expect(figures.existing_at_S).toBeGreaterThan(1000);
    expect(figures.ttc_count).toBeGreaterThan(200);
    expect(figures.full_suite_rate).toBeLessThan(0.7); // the gap the report should show
  });
});
