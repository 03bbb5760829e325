/**
 * The pandas peer's defect-free copy of the exports: the planted defects of the
 * sample are left out, everything else is kept in file order, and the copy is
 * reused until an export changes.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {peerInputDir, preparePeerInput} from "../../../loaders/tools/bench/peer-input.js";

let root = "";
afterEach(() => rmSync(root, {recursive: true, force: true}));

function exports(): string {
  root = mkdtempSync(join(tmpdir(), "peer-input-"));
  const input = join(root, "input");
  const files: Record<string, string[]> = {
    products: ["product_id,product_name,product_family,core", "P1,One,F,true", "P2,Two,F,false"],
    accounts: ["account_id,account_name,segment", "A1,Acme,SMB", "A2,Beta,SMB"],
    fx_rates: ["currency,month,rate", "EUR,2025-01,1.1"],
    account_map: ["customer_id,account_id", "C1,A1"],
    invoice_lines: [
      "invoice_id,line_id,customer_id,product_id,invoice_date,amount,currency",
      "I1,1,C1,P1,2025-01-10,10.00,USD", // kept
      "I1,90,C1,P1,2025-02-30,199.00,USD", // not a calendar date
      "I1,91,C1,P1,31/12/2025,250.00,USD", // not YYYY-MM-DD
      "I1,92,C1,P1,2025-01-10,12O.50,USD", // letter O in the amount
      "I1,93,C1,LEGACY-X,2025-01-10,75.00,USD", // unknown product
      "I1,94,C1,P1,2025-01-10,310.00,GBP", // no GBP rate
      "I1,1,C1,P1,2025-01-10,1.00,USD", // repeats (I1, 1): the first one stays
      "I2,1,A2,P2,2025-01-20,5.5,EUR", // kept: EUR has a rate for 2025-01
      "I2,2,A2,P2,2025-02-20,5.5,EUR", // no EUR rate for 2025-02
      "I3,,A2,P1,2025-01-21,-3,", // kept: no line id, empty currency = USD
      "I3,,A2,P1,2025-01-21,-3," // kept too: without a line id there is no duplicate key
    ],
    opportunities: [
      "opportunity_id,account_id,type,stage,amount,created_date,close_date,currency",
      "O1,A1,cross_sell,won,100,2025-01-01,2025-02-01,USD", // kept
      "O2,A1,cross_sell,won,100,2025-03-01,2025-02-01,USD", // closed before created
      "O1,A2,upsell,lost,50,2025-01-01,2025-02-01,USD", // repeats O1
      "O3,ACC-DELETED,upsell,lost,50,2025-01-01,2025-02-01,USD", // unknown account
      "O4,A2,Cross-Sell,open,,2025-01-01,,USD" // kept: the peer drops unknown types itself
    ]
  };
  rmSync(input, {recursive: true, force: true});
  mkdirSync(input, {recursive: true});
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(input, `${name}.csv`), lines.join("\n") + "\n");
  return input;
}

describe("preparePeerInput", () => {
  it("writes the exports less the planted defects into <input>.peer, and reuses it until an export changes", async () => {
    const input = exports();
    const first = await preparePeerInput(input);
    expect(first.dir).toBe(peerInputDir(input));
    expect(first.dir).toBe(join(root, "input.peer"));
    expect(first).toMatchObject({reused: false, dropped: {invoice_lines: 7, opportunities: 3}});
    expect(readFileSync(join(first.dir, "invoice_lines.csv"), "utf8").trim().split("\n")).toEqual([
      "invoice_id,line_id,customer_id,product_id,invoice_date,amount,currency",
      "I1,1,C1,P1,2025-01-10,10.00,USD",
      "I2,1,A2,P2,2025-01-20,5.5,EUR",
      "I3,,A2,P1,2025-01-21,-3,",
      "I3,,A2,P1,2025-01-21,-3,"
    ]);
    expect(readFileSync(join(first.dir, "opportunities.csv"), "utf8").trim().split("\n")).toEqual([
      "opportunity_id,account_id,type,stage,amount,created_date,close_date,currency",
      "O1,A1,cross_sell,won,100,2025-01-01,2025-02-01,USD",
      "O4,A2,Cross-Sell,open,,2025-01-01,,USD"
    ]);
    expect(readFileSync(join(first.dir, "account_map.csv"), "utf8")).toBe(readFileSync(join(input, "account_map.csv"), "utf8"));

    expect(await preparePeerInput(input)).toMatchObject({reused: true, dropped: {invoice_lines: 7, opportunities: 3}});
    // A changed export (its time moved on) is filtered again.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(input, "invoice_lines.csv"), later, later);
    expect(await preparePeerInput(input)).toMatchObject({reused: false});
  });
});
