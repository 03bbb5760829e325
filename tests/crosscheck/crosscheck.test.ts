/**
 * Cross-check: the pipeline's kpis.json on the bundled sample against an
 * independent implementation of metrics.md written in plain Python
 * (tests/crosscheck/independent.py: no DuckDB, no SQL, no shared code).
 * Counts must be equal; amounts and ratios equal to 1e-9 relative (the
 * pipeline sums exact decimals, Python sums doubles).
 */
import {execFile} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "../..");
let out = "";
let kpis: any;
let bridges: any[];
let retentionAccounts: any[];
let expected: any;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "crosscheck-"));
  await run(process.execPath, ["--import", "tsx", "loaders/pipeline/cli.ts", "--input", "data", "--out", out, "--quiet"], {cwd: root});
  kpis = JSON.parse(readFileSync(join(out, "kpis.json"), "utf8"));
  bridges = JSON.parse(readFileSync(join(out, "revenue_bridge.json"), "utf8"));
  retentionAccounts = JSON.parse(readFileSync(join(out, "retention_accounts.json"), "utf8"));
  const python = await run("python3", [join(root, "tests/crosscheck/independent.py"), join(root, "data"), kpis.as_of], {
    maxBuffer: 16 * 1024 * 1024
  });
  expected = JSON.parse(python.stdout);
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, {recursive: true, force: true});
});

const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));

describe("kpis.json on the bundled sample equals an independent implementation", () => {
  it("ratio figures: same numerator and denominator", () => {
    for (const id of ["cross_sell_rate", "multi_product_rate", "full_suite_rate"]) {
      const [numerator, denominator] = expected[id];
      expect([kpis.kpis[id].numerator, kpis.kpis[id].denominator], id).toEqual([numerator, denominator]);
      close(kpis.kpis[id].value, numerator / denominator);
    }
    const [crossSold, revenue] = expected.cross_sell_revenue_share;
    close(kpis.kpis.cross_sell_revenue_share.numerator, crossSold);
    close(kpis.kpis.cross_sell_revenue_share.denominator, revenue);
    close(kpis.kpis.products_per_customer.value, expected.products_per_customer);
  });

  it("time to cross-sell: count, median, p25, p75", () => {
    const [count, median, p25, p75] = expected.time_to_cross_sell_months;
    const t = kpis.kpis.time_to_cross_sell_months;
    expect(t.count).toBe(count);
    close(t.value, median);
    close(t.p25, p25);
    close(t.p75, p75);
  });

  it("win rates by count and by value", () => {
    for (const id of ["cross_sell_win_rate", "new_business_win_rate", "upsell_win_rate"]) {
      const [won, lost, valueWeighted] = expected[id];
      expect([kpis.kpis[id].won, kpis.kpis[id].lost], id).toEqual([won, lost]);
      close(kpis.kpis[id].value_weighted, valueWeighted);
    }
  });

  it("ABCD tiers and white space", () => {
    for (const row of kpis.tiers) {
      const [accounts, revenue] = expected.tiers[row.tier] ?? [0, 0];
      expect(row.accounts, row.tier).toBe(accounts);
      close(row.revenue, revenue);
    }
    // Potentials are stored as DECIMAL(38,10) per (segment, product): allow their rounding.
    expect(Math.abs(kpis.kpis.revenue_at_full_cross_sell.white_space - expected.white_space)).toBeLessThan(1e-3);
  });
});

describe("retention and expansion on the bundled sample equal an independent implementation", () => {
  const MOVEMENTS = ["new_business", "returning", "cross_sell_expansion", "upsell_expansion", "contraction", "churn"] as const;

  it("kpis.json: NRR and GRR (numerator, denominator, value, band status) and the revenue bridge", () => {
    for (const id of ["net_revenue_retention", "gross_revenue_retention"]) {
      const [numerator, denominator] = expected[id];
      const k = kpis.kpis[id];
      expect(Object.keys(k), id).toEqual(["value", "numerator", "denominator", "low", "high", "status"]);
      close(k.numerator, numerator);
      close(k.denominator, denominator);
      close(k.value, numerator / denominator);
      expect(k.status, id).toBe(k.value < k.low ? "below" : k.value > k.high ? "above" : "within");
    }
    expect(Object.keys(kpis.revenue_bridge)).toEqual(["starting", ...MOVEMENTS, "ending", "cross_sell_share_of_expansion"]);
    for (const key of ["starting", ...MOVEMENTS, "ending", "cross_sell_share_of_expansion"]) close(kpis.revenue_bridge[key], expected.revenue_bridge[key]);
    close(kpis.revenue_bridge.ending, kpis.kpis.cross_sell_revenue_share.denominator); // ending = all revenue in P
  });

  it("kpis.json's revenue bridge: ending = starting + new business + returning + cross-sell + upsell − contraction − churn, to the cent", () => {
    const b = kpis.revenue_bridge;
    const sum = b.starting + b.new_business + b.returning + b.cross_sell_expansion + b.upsell_expansion - b.contraction - b.churn;
    expect(b.ending).toBeGreaterThan(0);
    expect(Math.abs(sum - b.ending)).toBeLessThan(0.005);
  });

  it("the revenue bridge at D, NRR and GRR", () => {
    const atD = bridges.filter((r) => r.is_current && r.dimension === "all");
    expect(atD).toHaveLength(1);
    const [row] = atD;
    expect(row.as_of).toBe(kpis.as_of);
    for (const key of ["starting", ...MOVEMENTS, "ending", "cross_sell_share_of_expansion"]) close(row[key], expected.revenue_bridge[key]);
    const [nrrNumerator, nrrDenominator] = expected.net_revenue_retention;
    const [grrNumerator, grrDenominator] = expected.gross_revenue_retention;
    close(row.nrr_numerator, nrrNumerator);
    close(row.starting, nrrDenominator);
    close(row.grr_numerator, grrNumerator);
    close(row.starting, grrDenominator);
    expect(row.existing_accounts).toBe(kpis.kpis.cross_sell_rate.denominator); // E is the cross-sell rate's E
  });

  it("ending = starting + new business + returning + cross-sell + upsell − contraction − churn, to the cent, on every row", () => {
    const gap = (r: any) => r.starting + r.new_business + r.returning + r.cross_sell_expansion + r.upsell_expansion - r.contraction - r.churn - r.ending;
    expect(bridges.length).toBeGreaterThan(100);
    for (const r of bridges) expect(Math.abs(gap(r)), `${r.as_of} ${r.dimension} ${r.cut}`).toBeLessThan(0.005);
    for (const r of retentionAccounts) expect(Math.abs(gap(r)), r.account_id).toBeLessThan(0.005);
    // The accounts add up to the bridge at D, and its ending is all revenue in P.
    const [atD] = bridges.filter((r) => r.is_current && r.dimension === "all");
    for (const key of ["starting", ...MOVEMENTS, "ending"]) {
      expect(Math.abs(retentionAccounts.reduce((s, r) => s + r[key], 0) - atD[key]), key).toBeLessThan(0.005);
    }
    close(atD.ending, kpis.kpis.cross_sell_revenue_share.denominator);
  });
});
