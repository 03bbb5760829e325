/**
 * The Maven "CRM Sales Opportunities" export (shared/real/…), exactly as
 * published, through data/examples/maven-crm/mapping.json and the whole
 * pipeline in bookings mode.
 *
 * Expected figures were worked out independently of the SQL, with this Python
 * over sales_pipeline.csv (bookings: a won deal is revenue on its close date;
 * adoption = first won close date of (account, product); GTXPro is GTX Pro):
 *
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
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cleanup, EXAMPLES, MAVEN_DIR, prepareAndRun, readCsv, readJson} from "./helpers.js";

const MAPPING = join(EXAMPLES, "maven-crm", "mapping.json");

/** The same bookings computation in plain TypeScript loops, straight from the published CSV. */
function independentAdoption(account: string): {first: string; adopted: Record<string, string>} {
  const deals = readCsv(join(MAVEN_DIR, "sales_pipeline.csv"));
  const adopted: Record<string, string> = {};
  for (const d of deals) {
    if (d.account !== account || d.deal_stage !== "Won" || !(Number(d.close_value) > 0)) continue;
    const product = d.product === "GTXPro" ? "GTX Pro" : d.product;
    if (!adopted[product] || d.close_date < adopted[product]) adopted[product] = d.close_date;
  }
  return {first: Object.values(adopted).sort()[0], adopted};
}

const EXPECTED = {
  "Acme Corporation": {
    first: "2017-03-01",
    crossSell: {"GTX Plus Basic": "2017-03-24", "MG Advanced": "2017-03-29", "GTX Pro": "2017-04-27", "GTX Plus Pro": "2017-05-11", "MG Special": "2017-05-28"},
    initial: "GTX Basic",
    owner: "Daniell Hammack",
    industry: "technolgy"
  },
  Cancity: {
    first: "2017-03-01",
    crossSell: {"MG Special": "2017-03-07", "GTX Basic": "2017-03-12", "GTX Plus Pro": "2017-03-25", "GTX Pro": "2017-05-10", "MG Advanced": "2017-06-13"},
    initial: "GTX Plus Basic",
    owner: "Darcel Schlecht",
    industry: "retail"
  },
  Isdom: {
    first: "2017-03-01",
    crossSell: {"MG Advanced": "2017-03-02", "MG Special": "2017-03-07", "GTX Basic": "2017-03-08", "GTX Pro": "2017-03-11", "GTX Plus Basic": "2017-05-09"},
    initial: "GTX Plus Pro",
    owner: "Darcel Schlecht",
    industry: "medical"
  }
} as const;

describe("Maven CRM export, as published, end to end", () => {
  let out = "";
  let work = "";
  let rejected = 0;
  let notes: string[] = [];
  beforeAll(async () => {
    const r = await prepareAndRun({input: MAVEN_DIR, mapping: MAPPING});
    out = r.out;
    work = r.prepared.dir;
    rejected = r.rejected;
    notes = r.prepared.notes;
    expect(r.prepared).toMatchObject({mode: "bookings", rejectLimit: 0.25});
  });
  afterAll(() => cleanup(out, work));

  it("the independent computation agrees with the hand-worked figures", () => {
    for (const [account, e] of Object.entries(EXPECTED)) {
      const {first, adopted} = independentAdoption(account);
      expect(first).toBe(e.first);
      expect(adopted[e.initial]).toBe(e.first);
      for (const [p, d] of Object.entries(e.crossSell)) expect(adopted[p]).toBe(d);
    }
  });

  it("builds the report: products, first purchase and first cross-sell of three accounts", () => {
    const accounts = new Map(readJson<any[]>(join(out, "accounts.json")).map((a) => [a.account_id, a]));
    expect(accounts.size).toBe(85);
    for (const [account, e] of Object.entries(EXPECTED)) {
      const a = accounts.get(account);
      expect(a.first_purchase_on).toBe(e.first);
      // Every close date is in 2017, inside the trailing year at D = 2017-12-31: all adopted products are held.
      expect(a.held_products).toEqual([e.initial, ...Object.keys(e.crossSell)].sort());
      expect(a.first_cross_sell_on).toBe(Object.values(e.crossSell).sort()[0]);
      expect(a.owner).toBe(e.owner);
      expect(a.industry).toBe(e.industry); // sectors stay as published, typo included
      expect(a.region).toBe("United States");
    }
  });

  it("derives every cross-sell date of those accounts from their deals (opportunity types)", () => {
    const deals = readCsv(join(work, "opportunities.csv"));
    const counts: Record<string, number> = {};
    for (const d of deals) counts[d.type] = (counts[d.type] ?? 0) + 1;
    expect(counts).toEqual({upsell: 5323, new_business: 2773, cross_sell: 704});
    // Acme's deals engaged in March 2017, by hand from sales_pipeline.csv: by 2017-03-04 Acme had won
    // GTX Basic (closed 03-01) only → GTXPro is cross_sell; 3DKK3JF3 GTX Basic (03-06) → upsell;
    // 6RJE18RW GTX Plus Basic (03-19), not won yet (its first win closes 03-24) → cross_sell.
    const byId = new Map(deals.map((d) => [d.opportunity_id, d]));
    expect(byId.get("7TI1WTV9")).toMatchObject({type: "cross_sell", product_id: "GTX Pro", _source_line: "1299"});
    expect(byId.get("3DKK3JF3")?.type).toBe("upsell");
    expect(byId.get("6RJE18RW")?.type).toBe("cross_sell");
    expect(byId.get("7ASDRLM5")?.type).toBe("upsell");
  });

  it("rejects deals without account or date, with their reason, and the run succeeds", () => {
    expect(rejected).toBe(1588);
    const rejects = readCsv(join(out, "rejects.csv"));
    const byReason: Record<string, number> = {};
    for (const r of rejects) byReason[`${r.column}: ${r.reason}`] = (byReason[`${r.column}: ${r.reason}`] ?? 0) + 1;
    expect(byReason["account_id: empty required field"]).toBe(1425);
    expect(byReason["created_date: empty required field"]).toBe(163);
    // Line 11 of sales_pipeline.csv is the first deal with no account.
    expect(readFileSync(join(MAVEN_DIR, "sales_pipeline.csv"), "utf8").split("\n")[10].split(",")[3]).toBe("");
    expect(rejects[0]).toMatchObject({line: "11", column: "account_id"});
    expect(notes.join("\n")).toContain("opportunities.csv ← sales_pipeline.csv: 8800 rows");
  });
});
