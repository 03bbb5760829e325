import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {cleanup, folderWith, prepare, readCsv} from "./helpers.js";

const IDENTITY_OPPS = {
  source: "deals.csv",
  columns: {
    opportunity_id: "id",
    account_id: "account",
    product_id: "product",
    type: "type",
    stage: "stage",
    amount: "amount",
    created_date: "created",
    close_date: "closed",
    owner: "owner"
  }
};

async function derivedTypes(files: Record<string, string>, mapping: object): Promise<Record<string, string>> {
  const dir = folderWith(files);
  writeFileSync(join(dir, "mapping.json"), JSON.stringify(mapping));
  const prepared = await prepare({input: dir, mapping: join(dir, "mapping.json")});
  try {
    return Object.fromEntries(readCsv(join(prepared.dir, "opportunities.csv")).map((r) => [r.opportunity_id, r.type]));
  } finally {
    cleanup(dir, prepared.dir);
  }
}

describe("derive_type: won_before_engaged (issue 6)", () => {
  it("types each deal from the products the account had won before it was engaged", async () => {
    const deals = [
      "id,account,product,type,stage,amount,created,closed,owner",
      "d1,A,P1,,won,10,2017-01-01,2017-02-01,x", // A has won nothing closed before 01-01 → new_business
      "d2,A,P2,,won,10,2017-02-01,2017-03-01,x", // d1 closed 02-01, not strictly before 02-01 → new_business
      "d3,A,P2,,lost,10,2017-02-02,2017-03-05,x", // d1 (P1) closed 02-01 < 02-02; no P2 yet → cross_sell
      "d4,A,P1,,open,,2017-03-02,,x", // d1 (P1) and d2 (P2) before → this product won → upsell
      "d5,A,P2,existing_business_renewal,won,5,2017-04-01,2017-04-02,x", // P2 won before + renewal hint → renewal
      "d6,B,P1,,lost,10,2017-05-01,2017-06-01,x", // B: only lost deals before → new_business
      "d7,B,P1,,open,,2017-07-01,,x", // d6 was lost → new_business
      "d8,A,P3,new_business,won,10,2017-05-01,2017-05-02,x", // explicit CRM type kept even though A is existing
      "d9,A,P3,,open,,,,x", // no engage date: nothing is before it → new_business (the pipeline rejects the date)
      "d10,,P1,,open,,2017-05-01,,x" // no account → new_business (the pipeline rejects the account)
    ].join("\n");
    const types = await derivedTypes({"deals.csv": deals}, {files: {opportunities: {...IDENTITY_OPPS, derive_type: "won_before_engaged"}}});
    expect(types).toEqual({
      d1: "new_business", d2: "new_business", d3: "cross_sell", d4: "upsell", d5: "renewal",
      d6: "new_business", d7: "new_business", d8: "new_business", d9: "new_business", d10: "new_business"
    });
  });
});

describe("derive_type: holdings (issue 4)", () => {
  // Billing of A: P1 on 2024-01-15 (100), P1 credit 2024-03-01 (-100), P2 on 2024-06-30 (50).
  // Billing of customer C-9 is mapped to account B: P1 on 2024-02-01 (70).
  const lines = [
    "invoice_id,customer_id,product_id,invoice_date,amount",
    "i1,A,P1,2024-01-15,100",
    "i2,A,P1,2024-03-01,-100",
    "i3,A,P2,2024-06-30,50",
    "i4,C-9,P1,2024-02-01,70"
  ].join("\n");
  const deals = [
    "id,account,product,type,stage,amount,created,closed,owner",
    // A before 2024-01-15: no positive line strictly before → new_business
    "h1,A,P1,existing_business,won,100,2024-01-15,2024-01-20,x",
    // 2024-02-01: existing (P1 01-15); P1 revenue in (2023-02-01, 2024-02-01] = 100 > 0 → upsell
    "h2,A,P1,existing_business,open,,2024-02-01,,x",
    // 2024-04-01: P1 revenue in window = 100 - 100 = 0 → not held → cross_sell
    "h3,A,P1,,open,,2024-04-01,,x",
    // 2024-06-30: P2 line on the created date counts as held (window includes its end) → renewal by the hint
    "h4,A,P2,existing_business_renewal,won,50,2024-06-30,2024-07-01,x",
    // 2025-07-01: window (2024-07-01, 2025-07-01] holds nothing → cross_sell (A is existing)
    "h5,A,P2,existing_business,open,,2025-07-01,,x",
    // B through the account map: existing since 2024-02-01; P2 never held → cross_sell
    "h6,B,P2,existing_business,open,,2024-03-01,,x",
    // explicit type kept
    "h7,B,P1,upsell,open,,2024-03-01,,x",
    // existing customer, no product on the deal → other
    "h8,B,,existing_business,open,,2024-03-01,,x"
  ].join("\n");
  const accountMap = "customer_id,account_id\nC-9,B\n";
  const expected = {
    h1: "new_business", h2: "upsell", h3: "cross_sell", h4: "renewal", h5: "cross_sell", h6: "cross_sell", h7: "upsell", h8: "other"
  };

  it("uses the billing lines and the account map (canonical files of the folder)", async () => {
    const types = await derivedTypes(
      {"deals.csv": deals, "invoice_lines.csv": lines, "account_map.csv": accountMap},
      {files: {opportunities: {...IDENTITY_OPPS, derive_type: "holdings"}}}
    );
    expect(types).toEqual(expected);
  });

  it("uses won deals as revenue in bookings mode", async () => {
    // Won deals as revenue: g1 A/P1 closed 2024-01-10 (100). g2 created 2024-01-10: not strictly
    // after any revenue → new_business; g3 created 2024-05-01: existing, P1 held (100 on 01-10) → upsell;
    // g4 A/P2 created 2024-05-01 → cross_sell; g5 created 2025-02-01: P1 window (2024-02-01, 2025-02-01] empty → cross_sell.
    const bookings = [
      "id,account,product,type,stage,amount,created,closed,owner",
      "g1,A,P1,,won,100,2024-01-01,2024-01-10,x",
      "g2,A,P1,existing_business,lost,100,2024-01-10,2024-02-10,x",
      "g3,A,P1,existing_business,open,,2024-05-01,,x",
      "g4,A,P2,existing_business,open,,2024-05-01,,x",
      "g5,A,P1,existing_business,open,,2025-02-01,,x"
    ].join("\n");
    const types = await derivedTypes(
      {"deals.csv": bookings, "invoice_lines.csv": lines},
      {mode: "bookings", files: {opportunities: {...IDENTITY_OPPS, derive_type: "holdings"}}}
    );
    expect(types).toEqual({g1: "new_business", g2: "new_business", g3: "upsell", g4: "cross_sell", g5: "cross_sell"});
  });
});

describe("derive_owner", () => {
  it("is the opportunity owner with the most deals on the account, ties alphabetical, never overwriting", async () => {
    const dir = folderWith({
      // A: Zoe 2 deals, Bob 1 → Zoe. B: Amy 1, Cat 1 → tie → Amy. C: owner given → kept. D: no deals → empty.
      "deals.csv": [
        "id,account,product,type,stage,amount,created,closed,owner",
        "1,A,P,new_business,open,,2024-01-01,,Zoe",
        "2,A,P,new_business,open,,2024-01-01,,Bob",
        "3,A,P,new_business,open,,2024-01-01,,Zoe",
        "4,B,P,new_business,open,,2024-01-01,,Cat",
        "5,B,P,new_business,open,,2024-01-01,,Amy",
        "6,C,P,new_business,open,,2024-01-01,,Amy"
      ].join("\n"),
      "accts.csv": "name,rep\nA,\nB,\nC,Given\nD,\n",
      "mapping.json": JSON.stringify({
        files: {
          opportunities: IDENTITY_OPPS,
          accounts: {source: "accts.csv", columns: {account_id: "name", account_name: "name", owner: "rep"}, derive_owner: "most_opportunities"}
        }
      })
    });
    const prepared = await prepare({input: dir, mapping: join(dir, "mapping.json")});
    try {
      const owners = readCsv(join(prepared.dir, "accounts.csv")).map((r) => [r.account_id, r.owner]);
      expect(owners).toEqual([["A", "Zoe"], ["B", "Amy"], ["C", "Given"], ["D", ""]]);
      expect(prepared.notes).toContain("accounts.owner derived (most opportunities) for 2 accounts");
    } finally {
      cleanup(dir, prepared.dir);
    }
  });
});
