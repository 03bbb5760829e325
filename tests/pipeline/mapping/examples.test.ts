/**
 * Each shipped example export (data/examples/<preset>/) maps to canonical files
 * and goes through the whole pipeline with zero rejects and the figures worked
 * out by hand below (README.md of each example repeats the working).
 */
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {cleanup, EXAMPLES, prepareAndRun, readCsv, readJson} from "./helpers.js";

interface Kpi {value: number | null; numerator?: number; denominator?: number; won?: number; lost?: number; value_weighted?: number | null; count?: number}
type Kpis = {as_of: string; kpis: Record<string, Kpi>};

async function run(name: string, opts: {preset?: string; mapping?: string}) {
  const {out, prepared, rejected} = await prepareAndRun({input: join(EXAMPLES, name), ...opts});
  const kpis = readJson<Kpis>(join(out, "kpis.json"));
  const opportunities = readCsv(join(prepared.dir, "opportunities.csv"));
  const types = Object.fromEntries(opportunities.map((o) => [o.opportunity_id, o.type]));
  return {out, prepared, rejected, kpis: kpis.kpis, asOf: kpis.as_of, types, opportunities};
}

describe("example exports end to end", () => {
  it("salesforce: report exports + canonical billing", async () => {
    const r = await run("salesforce", {preset: "salesforce"});
    try {
      expect(r.rejected).toBe(0);
      // Types: A1 "New Business" kept; A2 Acme had ANL (2024-01-15) before 2025-02-01, no BKP → cross_sell;
      // A3 ANL 1000 on 2025-01-15 within (2024-11-15, 2025-11-15] → upsell; B1 Globex had CRM, not ANL → cross_sell;
      // B2 "Renewal", CRM 2000 on 2024-06-01 within (2024-05-01, 2025-05-01] → renewal; C1 kept;
      // C2 Initech had ANL (2025-02-01), not CRM → cross_sell; D1 Umbrella has no billing → new_business.
      expect(r.types).toEqual({
        "006A1": "new_business", "006A2": "cross_sell", "006A3": "upsell", "006B1": "cross_sell",
        "006B2": "renewal", "006C1": "new_business", "006C2": "cross_sell", "006D1": "new_business"
      });
      // 006A2 has a two-line description: it starts on line 3, so 006A3 starts on line 5.
      expect(r.opportunities.map((o) => o._source_line)).toEqual(["2", "3", "5", "6", "7", "8", "9", "10"]);
      expect(readCsv(join(r.prepared.dir, "accounts.csv"))[3].account_name).toBe('Umbrella, Inc. "UC"');
      // D = 2025-12-31 (latest invoice), S = 2024-12-31. E (active at S) = Acme, Globex; X = Acme (BKP 2025-03-10).
      expect(r.asOf).toBe("2025-12-31");
      expect(r.kpis.cross_sell_rate).toMatchObject({value: 0.5, numerator: 1, denominator: 2});
      // Active at D: Acme (ANL+BKP), Globex, Initech → 1 of 3 multi-product.
      expect(r.kpis.multi_product_rate).toMatchObject({numerator: 1, denominator: 3});
      // Revenue in P: Acme 1000+500, Globex 2000, Initech 800+200 = 4500; cross-sold BKP 500.
      expect(r.kpis.cross_sell_revenue_share).toMatchObject({numerator: 500, denominator: 4500});
      // 2024-01-15 → 2025-03-10 = 366 + 54 = 420 days = 13.7988 months.
      expect(r.kpis.time_to_cross_sell_months.value).toBeCloseTo(420 / 30.4375, 10);
      // Cross-sell closed in P: A2 won 500, B1 lost 900, C2 lost 700 → 1/3, value 500/2100.
      expect(r.kpis.cross_sell_win_rate).toMatchObject({won: 1, lost: 2});
      expect(r.kpis.cross_sell_win_rate.value_weighted).toBeCloseTo(500 / 2100, 12);
    } finally {
      cleanup(r.out, r.prepared.dir);
    }
  });

  it("hubspot: companies + deals only (bookings)", async () => {
    const r = await run("hubspot", {preset: "hubspot"});
    try {
      expect(r.rejected).toBe(0);
      // Won deals as revenue: 9001 Northwind Core 2024-03-01. 9002 Reports → cross_sell; 9003 Core held → upsell;
      // 9004 empty type, no earlier revenue → new_business; 9005 Contoso had Core (2024-09-01) → cross_sell;
      // 9007 "existingbusiness" but Fabrikam's first win (9006) closes after 9007 was created → new_business.
      expect(r.types).toEqual({
        "9001": "new_business", "9002": "cross_sell", "9003": "upsell", "9004": "new_business",
        "9005": "cross_sell", "9006": "new_business", "9007": "new_business"
      });
      expect(r.opportunities[0].created_date).toBe("2024-02-01");
      // D = 2025-06-30 (latest won close), S = 2024-06-30: E = Northwind; X = Northwind (Reports 2025-03-15).
      expect(r.asOf).toBe("2025-06-30");
      expect(r.kpis.cross_sell_rate).toMatchObject({value: 1, numerator: 1, denominator: 1});
      expect(r.kpis.multi_product_rate).toMatchObject({numerator: 1, denominator: 3});
      // Revenue in P: 600 + 1300 + 2000 + 500 = 4400; cross-sold Reports 600.
      expect(r.kpis.cross_sell_revenue_share).toMatchObject({numerator: 600, denominator: 4400});
      // 2024-03-01 → 2025-03-15 = 365 + 14 = 379 days.
      expect(r.kpis.time_to_cross_sell_months.value).toBeCloseTo(379 / 30.4375, 10);
      expect(r.kpis.cross_sell_win_rate).toMatchObject({won: 1, lost: 1});
      expect(r.kpis.upsell_win_rate).toMatchObject({won: 1, lost: 0});
      expect(r.kpis.new_business_win_rate).toMatchObject({won: 2, lost: 0});
    } finally {
      cleanup(r.out, r.prepared.dir);
    }
  });

  it("stripe: invoice line items in cents + canonical CRM side and account map", async () => {
    const r = await run("stripe", {preset: "stripe"});
    try {
      expect(r.rejected).toBe(0);
      const lines = readCsv(join(r.prepared.dir, "invoice_lines.csv"));
      expect(lines.map((l) => [l.line_id, l.customer_id, l.invoice_date, l.amount, l.currency])).toEqual([
        ["il_1", "cus_A1", "2024-01-01", "100", "USD"],
        ["il_2", "cus_A1", "2025-01-01", "100", "USD"],
        ["il_3", "cus_A2", "2025-04-01", "25.5", "USD"],
        ["il_4", "cus_A2", "2025-04-01", "-5.5", "USD"],
        ["il_5", "cus_B", "2025-02-01", "499", "USD"],
        ["il_6", "cus_B", "2025-08-01", "499", "USD"]
      ]);
      // D = 2025-08-01, S = 2024-08-01. cus_A1 and cus_A2 are both ACC-1: basic 2024-01-01, add-on 2025-04-01 (cross-sold).
      expect(r.asOf).toBe("2025-08-01");
      expect(r.kpis.cross_sell_rate).toMatchObject({value: 1, numerator: 1, denominator: 1});
      expect(r.kpis.multi_product_rate).toMatchObject({numerator: 1, denominator: 2});
      // Revenue in P: 100 + 25.5 - 5.5 + 499 + 499 = 1118; cross-sold add-on 20.
      expect(r.kpis.cross_sell_revenue_share.numerator).toBeCloseTo(20, 10);
      expect(r.kpis.cross_sell_revenue_share.denominator).toBeCloseTo(1118, 10);
      // 2024-01-01 → 2025-04-01 = 366 + 90 = 456 days.
      expect(r.kpis.time_to_cross_sell_months.value).toBeCloseTo(456 / 30.4375, 10);
    } finally {
      cleanup(r.out, r.prepared.dir);
    }
  });

  it("xlsx: a German workbook through a mapping file", async () => {
    const r = await run("xlsx", {mapping: join(EXAMPLES, "xlsx", "mapping.json")});
    try {
      expect(r.rejected).toBe(0);
      // D = 2025-07-01, S = 2024-07-01: E = K1; X = K1 (Plus 2025-07-01). Active at D: K1 (Basis+Plus), K2.
      expect(r.asOf).toBe("2025-07-01");
      expect(r.kpis.cross_sell_rate).toMatchObject({value: 1, numerator: 1, denominator: 1});
      expect(r.kpis.multi_product_rate).toMatchObject({numerator: 1, denominator: 2});
      // Revenue in P: 1000 + 400 + 600 = 2000; cross-sold Plus 400.
      expect(r.kpis.cross_sell_revenue_share).toMatchObject({numerator: 400, denominator: 2000});
      // 2024-05-10 → 2025-07-01 = 365 + 52 = 417 days.
      expect(r.kpis.time_to_cross_sell_months.value).toBeCloseTo(417 / 30.4375, 10);
      // D2 won 400, D4 lost 1250.50 → 1/2, value 400/1650.5.
      expect(r.kpis.cross_sell_win_rate).toMatchObject({won: 1, lost: 1});
      expect(r.kpis.cross_sell_win_rate.value_weighted).toBeCloseTo(400 / 1650.5, 12);
    } finally {
      cleanup(r.out, r.prepared.dir);
    }
  });
});
