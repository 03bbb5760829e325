/**
 * The Maven "CRM Sales Opportunities" layout through data/examples/maven-crm/mapping.json
 * and the whole pipeline in bookings mode: first on tests/fixtures/maven-like (invented
 * rows in the same files and columns, present on every clone), then on the real export
 * exactly as published, when it is present (tests/helpers/real-exports.ts says where;
 * skipped with a note otherwise).
 *
 * The fixture (31 deals), by hand. Bookings: a won deal is revenue on its close date;
 * adoption = first won close date of (account, product); GTXPro is GTX Pro; D = the last
 * won close date, 2017-12-29; period (2016-12-29, 2017-12-29].
 *   Alderbrook: GTX Basic 02-10 (first); cross-sold GTX Pro 03-15 (FXA00002, spelt GTXPro),
 *     MG Special 04-02, MG Advanced 10-02 (after a lost MG Advanced deal). Owner: Ada Quill
 *     4 deals, Bram Oduya 3.
 *   Brightwater: MG Special 01-30; MG Advanced 09-18. Owner: Cleo Varga 3, Bram Oduya 3 (one
 *     of them the rejected FXR00004: the owner counts every deal naming the account) → tie →
 *     alphabetical → Bram Oduya.
 *   Copperline: GTX Basic and MG Special both 04-20 (a bundle: both initial); GTX Pro 07-03.
 *     FXC00003 (GTX Pro) was engaged on 04-20, the day of the first wins: not strictly after,
 *     so the deal is new_business, yet the adoption is a cross-sell. Owner Dev Patil (4 of 5).
 *   Dunmore Labs: GTX Ultra 08-30, nothing cross-sold. Eastgate: MG Advanced 07-14; GTX Pro
 *     12-29 (= D). Glenrock: MG Special 06-15, one deal. Fernhill: lost and open deals only,
 *     never a customer.
 *   Rejected: lines 11, 17, 22 (no account) and 25, 29 (prospecting, no engage date): 5 of 31.
 *   Types (won before engaged): new_business 15 (10 + the 5 rejected), cross_sell 9, upsell 7.
 *   Active at D: 6; holding 2+: 4 → multi-product rate 4/6; products held 4+2+3+1+2+1 = 13 → 13/6.
 *   Revenue 57,432; on cross-sold pairs 4400+70+3250 + 3150 + 4520+4300 + 4450 = 24,140.
 *   Days to first cross-sell: 33, 74, 168, 231 (Brightwater 01-30 → 09-18) → median 121 days.
 *   Closed cross_sell deals: won A02 A03 A07 B04 E02, lost A05 B03 D02 → 5/8; new_business 8/9
 *     (only F01 lost).
 *   No revenue before the period: no existing customers, the cross-sell rate is undefined.
 *
 * The real export: expected figures were worked out independently of the SQL, with this
 * Python over sales_pipeline.csv:
 *   won = [r for r in csv.DictReader(open('sales_pipeline.csv')) if r['deal_stage'] == 'Won']
 *   ad = {}  # product -> first close date, for one account
 *   for r in won: if r['account'] == acc: ad[p] = min(ad.get(p, '9999'), r['close_date'])
 *   first = min(ad.values()); cross = sorted((d, p) for p, d in ad.items() if d > first)
 *
 * Acme Corporation: first 2017-03-01 (GTX Basic); cross-sold GTX Plus Basic 03-24, MG Advanced 03-29,
 *   GTX Pro 04-27, GTX Plus Pro 05-11, MG Special 05-28. Owner: 9 deals each for Daniell Hammack, Donn
 *   Cantrell, Reed Clapper, Violet Mclelland → alphabetical → Daniell Hammack.
 * Cancity: first 2017-03-01 (GTX Plus Basic); MG Special 03-07, GTX Basic 03-12, GTX Plus Pro 03-25,
 *   GTX Pro 05-10, MG Advanced 06-13. Owner Darcel Schlecht (17 deals).
 * Isdom: first 2017-03-01 (GTX Plus Pro); MG Advanced 03-02, MG Special 03-07, GTX Basic 03-08,
 *   GTX Pro 03-11, GTX Plus Basic 05-09. Owner Darcel Schlecht (25 deals).
 * Rejected: 1,425 deals without account (1,088 Engaging + 337 Prospecting) + 163 Prospecting deals
 *   with an account but no engage date = 1,588 of 8,800 (18.05%, under the mapping's 25%).
 * Types (same rule in Python): upsell 5,323, new_business 2,773, cross_sell 704.
 */
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {MAVEN_FIXTURE_DIR, noteWhenRealAbsent, REAL_MAVEN_DIR} from "../../helpers/real-exports.js";
import {cleanup, EXAMPLES, prepareAndRun, readCsv, readJson} from "./helpers.js";

const MAPPING = join(EXAMPLES, "maven-crm", "mapping.json");

/** The same bookings computation in plain TypeScript loops, straight from the published CSV. */
function independentAdoption(dir: string, account: string): {first: string; adopted: Record<string, string>} {
  const deals = readCsv(join(dir, "sales_pipeline.csv"));
  const adopted: Record<string, string> = {};
  for (const d of deals) {
    if (d.account !== account || d.deal_stage !== "Won" || !(Number(d.close_value) > 0)) continue;
    const product = d.product === "GTXPro" ? "GTX Pro" : d.product;
    if (!adopted[product] || d.close_date < adopted[product]) adopted[product] = d.close_date;
  }
  return {first: Object.values(adopted).sort()[0], adopted};
}

interface ExpectedAccount {
  first: string;
  crossSell: Record<string, string>;
  /** The products adopted on the first purchase date. */
  initial: string[];
  owner: string;
  industry: string;
  region: string;
}

/** A mapped run of one export folder, shared by the tests of its describe block. */
function mappedRun(dir: () => string) {
  const run = {out: "", work: "", rejected: 0, notes: [] as string[]};
  beforeAll(async () => {
    const r = await prepareAndRun({input: dir(), mapping: MAPPING});
    Object.assign(run, {out: r.out, work: r.prepared.dir, rejected: r.rejected, notes: r.prepared.notes});
    expect(r.prepared).toMatchObject({mode: "bookings", rejectLimit: 0.25});
  });
  afterAll(() => cleanup(run.out, run.work));
  return run;
}

function checkAccounts(dir: string, out: string, expected: Record<string, ExpectedAccount>, count: number): void {
  const accounts = new Map(readJson<any[]>(join(out, "accounts.json")).map((a) => [a.account_id, a]));
  expect(accounts.size).toBe(count);
  for (const [account, e] of Object.entries(expected)) {
    // The independent loop agrees with the figures worked out by hand…
    const {first, adopted} = independentAdoption(dir, account);
    expect(first).toBe(e.first);
    for (const p of e.initial) expect(adopted[p]).toBe(e.first);
    for (const [p, d] of Object.entries(e.crossSell)) expect(adopted[p]).toBe(d);
    // …and so does the pipeline.
    const a = accounts.get(account);
    expect(a.first_purchase_on).toBe(e.first);
    // Every close date is inside the trailing year at D: all adopted products are held.
    expect(a.held_products).toEqual([...e.initial, ...Object.keys(e.crossSell)].sort());
    expect(a.first_cross_sell_on).toBe(Object.values(e.crossSell).sort()[0] ?? null);
    expect(a.owner).toBe(e.owner);
    expect(a.industry).toBe(e.industry); // sectors stay as published, typos included
    expect(a.region).toBe(e.region);
  }
}

function typeCounts(work: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of readCsv(join(work, "opportunities.csv"))) counts[d.type] = (counts[d.type] ?? 0) + 1;
  return counts;
}

function rejectsByReason(out: string): Record<string, number> {
  const byReason: Record<string, number> = {};
  for (const r of readCsv(join(out, "rejects.csv"))) byReason[`${r.column}: ${r.reason}`] = (byReason[`${r.column}: ${r.reason}`] ?? 0) + 1;
  return byReason;
}

describe("a Maven-layout export (tests/fixtures/maven-like), end to end", () => {
  const run = mappedRun(() => MAVEN_FIXTURE_DIR);
  const us = "United States";

  it("builds the report: products, first purchase, first cross-sell and owner of every customer", () => {
    checkAccounts(MAVEN_FIXTURE_DIR, run.out, {
      Alderbrook: {first: "2017-02-10", initial: ["GTX Basic"], crossSell: {"GTX Pro": "2017-03-15", "MG Special": "2017-04-02", "MG Advanced": "2017-10-02"}, owner: "Ada Quill", industry: "technolgy", region: us},
      Brightwater: {first: "2017-01-30", initial: ["MG Special"], crossSell: {"MG Advanced": "2017-09-18"}, owner: "Bram Oduya", industry: "retail", region: us},
      Copperline: {first: "2017-04-20", initial: ["GTX Basic", "MG Special"], crossSell: {"GTX Pro": "2017-07-03"}, owner: "Dev Patil", industry: "medical", region: "Germany"},
      "Dunmore Labs": {first: "2017-08-30", initial: ["GTX Ultra"], crossSell: {}, owner: "Ada Quill", industry: "software", region: us},
      Eastgate: {first: "2017-07-14", initial: ["MG Advanced"], crossSell: {"GTX Pro": "2017-12-29"}, owner: "Cleo Varga", industry: "finance", region: "Japan"},
      Glenrock: {first: "2017-06-15", initial: ["MG Special"], crossSell: {}, owner: "Dev Patil", industry: "services", region: us}
    }, 7);
    const fernhill = readJson<any[]>(join(run.out, "accounts.json")).find((a) => a.account_id === "Fernhill");
    expect(fernhill).toMatchObject({first_purchase_on: null, held_products: [], owner: "Bram Oduya"});
  });

  it("derives each deal's type from what the account had won before it was engaged", () => {
    expect(typeCounts(run.work)).toEqual({new_business: 15, cross_sell: 9, upsell: 7});
    const byId = new Map(readCsv(join(run.work, "opportunities.csv")).map((d) => [d.opportunity_id, d]));
    expect(byId.get("FXA00002")).toMatchObject({type: "cross_sell", product_id: "GTX Pro", _source_line: "3"});
    expect(byId.get("FXA00006")?.type).toBe("upsell"); // GTX Pro won on 03-15, engaged again 11-20
    expect(byId.get("FXC00003")?.type).toBe("new_business"); // engaged the day of the first wins
    expect(byId.get("FXD00002")?.type).toBe("cross_sell"); // a lost deal has a type too
  });

  it("rejects the deals without account or date, by line, and the run succeeds", () => {
    expect(run.rejected).toBe(5);
    expect(rejectsByReason(run.out)).toEqual({"account_id: empty required field": 3, "created_date: empty required field": 2});
    expect(readCsv(join(run.out, "rejects.csv")).map((r) => `${r.file}:${r.line}`)).toEqual(
      [11, 17, 22, 25, 29].map((line) => `sales_pipeline.csv:${line}`)
    );
    expect(run.notes.join("\n")).toContain("opportunities.csv ← sales_pipeline.csv: 31 rows");
  });

  it("computes the headline figures from the bookings", () => {
    const {as_of, period_start, kpis} = readJson(join(run.out, "kpis.json"));
    expect([as_of, period_start]).toEqual(["2017-12-29", "2016-12-30"]);
    expect(kpis.cross_sell_rate).toMatchObject({value: null, denominator: 0});
    expect(kpis.cross_sell_rate.reason).toMatch(/existing customers/i);
    expect(kpis.multi_product_rate).toMatchObject({value: 4 / 6, numerator: 4, denominator: 6});
    expect(kpis.products_per_customer.value).toBeCloseTo(13 / 6, 12);
    expect(kpis.cross_sell_revenue_share).toMatchObject({numerator: 24140, denominator: 57432});
    expect(kpis.time_to_cross_sell_months.count).toBe(4);
    expect(kpis.time_to_cross_sell_months.value).toBeCloseTo(121 / 30.4375, 12);
    expect(kpis.cross_sell_win_rate).toMatchObject({value: 0.625, won: 5, lost: 3});
    expect(kpis.new_business_win_rate).toMatchObject({won: 8, lost: 1});
  });
});

noteWhenRealAbsent("the Maven export as published (tests/pipeline/mapping/maven.test.ts)");

describe.skipIf(!REAL_MAVEN_DIR)(
  REAL_MAVEN_DIR ? "the real Maven CRM export, as published, end to end" : "the real Maven CRM export (absent: set CROSSSELL_REAL_EXPORTS)",
  () => {
    const dir = REAL_MAVEN_DIR ?? "";
    const run = mappedRun(() => dir);

    it("builds the report: products, first purchase and first cross-sell of three accounts", () => {
      const us = "United States";
      checkAccounts(dir, run.out, {
        "Acme Corporation": {first: "2017-03-01", initial: ["GTX Basic"], crossSell: {"GTX Plus Basic": "2017-03-24", "MG Advanced": "2017-03-29", "GTX Pro": "2017-04-27", "GTX Plus Pro": "2017-05-11", "MG Special": "2017-05-28"}, owner: "Daniell Hammack", industry: "technolgy", region: us},
        Cancity: {first: "2017-03-01", initial: ["GTX Plus Basic"], crossSell: {"MG Special": "2017-03-07", "GTX Basic": "2017-03-12", "GTX Plus Pro": "2017-03-25", "GTX Pro": "2017-05-10", "MG Advanced": "2017-06-13"}, owner: "Darcel Schlecht", industry: "retail", region: us},
        Isdom: {first: "2017-03-01", initial: ["GTX Plus Pro"], crossSell: {"MG Advanced": "2017-03-02", "MG Special": "2017-03-07", "GTX Basic": "2017-03-08", "GTX Pro": "2017-03-11", "GTX Plus Basic": "2017-05-09"}, owner: "Darcel Schlecht", industry: "medical", region: us}
      }, 85);
    });

    it("derives every cross-sell date of those accounts from their deals (opportunity types)", () => {
      expect(typeCounts(run.work)).toEqual({upsell: 5323, new_business: 2773, cross_sell: 704});
      // Acme's deals engaged in March 2017, by hand from sales_pipeline.csv: by 2017-03-04 Acme had won
      // GTX Basic (closed 03-01) only → GTXPro is cross_sell; 3DKK3JF3 GTX Basic (03-06) → upsell;
      // 6RJE18RW GTX Plus Basic (03-19), not won yet (its first win closes 03-24) → cross_sell.
      const byId = new Map(readCsv(join(run.work, "opportunities.csv")).map((d) => [d.opportunity_id, d]));
      expect(byId.get("7TI1WTV9")).toMatchObject({type: "cross_sell", product_id: "GTX Pro", _source_line: "1299"});
      expect(byId.get("3DKK3JF3")?.type).toBe("upsell");
      expect(byId.get("6RJE18RW")?.type).toBe("cross_sell");
      expect(byId.get("7ASDRLM5")?.type).toBe("upsell");
    });

    it("rejects deals without account or date, with their reason, and the run succeeds", () => {
      expect(run.rejected).toBe(1588);
      const byReason = rejectsByReason(run.out);
      expect(byReason["account_id: empty required field"]).toBe(1425);
      expect(byReason["created_date: empty required field"]).toBe(163);
      // Line 11 of sales_pipeline.csv is the first deal with no account.
      expect(readFileSync(join(dir, "sales_pipeline.csv"), "utf8").split("\n")[10].split(",")[3]).toBe("");
      expect(readCsv(join(run.out, "rejects.csv"))[0]).toMatchObject({line: "11", column: "account_id"});
      expect(run.notes.join("\n")).toContain("opportunities.csv ← sales_pipeline.csv: 8800 rows");
    });
  }
);
