/**
 * unmatchedCustomers on a few inline rows (staging tables as the models' test helper builds them);
 * expected values worked out by hand.
 */
import {describe, expect, it} from "vitest";
import {unmatchedCustomers} from "../../../loaders/pipeline/ingest/run-params.js";
import {loadFixture, openTestDb} from "../models/helpers.js";

describe("unmatchedCustomers", () => {
  it("counts every line of a customer neither mapped nor a CRM account (after D too) and converts its revenue", async () => {
    // A1 is an account, C9 is mapped: matched. U7 and U8 are unmatched.
    // U7: 100 EUR 2024-01 (rate 1.1) → 110, 100 EUR 2024-02 (constant 1.2) → 120, 10 USD after D → 10: 3 lines, 240.
    // U8: 50 GBP (constant 1.25) → 62.5, -5 USD → -5: 2 lines, 57.5.
    const db = await openTestDb();
    try {
      await loadFixture(db.conn, {
        asOf: "2024-06-30",
        accounts: [{account_id: "A1", segment: "SMB"}],
        accountMap: [["C9", "A1"]],
        fxRates: [["EUR", "2024-01", 1.1], ["EUR", null, 1.2], ["GBP", null, 1.25]],
        lines: [
          ["U8", "P1", "2024-03-01", 50, "GBP"],
          ["U7", "P1", "2024-01-10", 100, "EUR"],
          ["C9", "P1", "2024-01-10", 100, "EUR"],
          ["U7", "P2", "2024-02-20", 100, "EUR"],
          ["A1", "P1", "2024-02-10", 10],
          ["U8", "P1", "2024-03-02", -5],
          ["U7", "P1", "2024-07-01", 10]
        ]
      });
      expect(await unmatchedCustomers(db.conn)).toEqual([
        {customer_id: "U7", lines: 3, revenue: 240},
        {customer_id: "U8", lines: 2, revenue: 57.5}
      ]);
    } finally {
      db.close();
    }
  });

  it("converts a line of a million or more without overflow, in the reporting currency too", async () => {
    // U9: 1,500,000.00 USD → 1,500,000; 2,000,000.00 EUR (constant 1.2) → 2,400,000. (A line's
    // DECIMAL(18, 4) amount times a DECIMAL(18, 8) rate would overflow DECIMAL(18, 12).)
    const db = await openTestDb();
    try {
      await loadFixture(db.conn, {
        asOf: "2024-06-30",
        accounts: [{account_id: "A1", segment: "SMB"}],
        fxRates: [["EUR", null, 1.2]],
        lines: [
          ["A1", "P1", "2024-02-10", 10],
          ["U9", "P1", "2024-03-01", 1500000],
          ["U9", "P1", "2024-04-01", 2000000, "EUR"]
        ]
      });
      expect(await unmatchedCustomers(db.conn)).toEqual([{customer_id: "U9", lines: 2, revenue: 3900000}]);
    } finally {
      db.close();
    }
  });
});
