/**
 * The pandas peer's copy of the exports (loaders/tools/bench/peer-input.ts): the files it
 * reads less the records the pipeline's rejects.csv lists, everything else byte for byte,
 * reused until an export or the rejected rows change.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {copyWithoutRecords, peerInputDir, preparePeerInput, rejectedLines} from "../../../loaders/tools/bench/peer-input.js";

let root = "";
afterEach(() => rmSync(root, {recursive: true, force: true}));

const LINES = [
  "invoice_id,line_id,customer_id,product_id,invoice_date,amount,currency",
  "I1,1,C1,P1,2025-01-10,10.00,USD", // line 2: kept
  "I1,90,C1,P1,2025-02-30,199.00,USD", // line 3: rejected (not a calendar date)
  "I1,92,C1,P1,2025-01-10,12O.50,USD", // line 4: rejected (letter O in the amount)
  "I2,1,A2,P2,2025-01-20,5.5,EUR" // line 5: kept
];
const OPPORTUNITIES = [
  "opportunity_id,account_id,type,stage,amount,created_date,close_date,currency",
  'O1,A1,cross_sell,won,100,2025-01-01,2025-02-01,USD', // line 2: kept
  '"O2\nsplit",A1,cross_sell,won,100,2025-03-01,2025-02-01,USD', // lines 3-4: one record, rejected
  'O3,ACC-DELETED,upsell,lost,50,2025-01-01,2025-02-01,"USD"' // line 5: rejected (unknown account)
];
const REJECTS = [
  "file,line,column,value,reason",
  "accounts.csv,4,account_name,\"\",empty required field", // not a file the peer reads
  "invoice_lines.csv,3,invoice_date,2025-02-30,not a date (expected YYYY-MM-DD)",
  "invoice_lines.csv,4,amount,12O.50,\"not a decimal amount (use . as decimal separator, no thousands separators)\"",
  "opportunities.csv,3,close_date,2025-02-01,close_date before created_date (2025-03-01)",
  "opportunities.csv,5,account_id,ACC-DELETED,unknown account (not in accounts)"
];

function exports(): {input: string; rejects: string} {
  root = mkdtempSync(join(tmpdir(), "peer-input-"));
  const input = join(root, "input");
  mkdirSync(input, {recursive: true});
  const files: Record<string, string[]> = {
    invoice_lines: LINES,
    opportunities: OPPORTUNITIES,
    account_map: ["customer_id,account_id", "C1,A1"],
    accounts: ["account_id,account_name,segment", "A1,Acme,SMB"]
  };
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(input, `${name}.csv`), lines.join("\n") + "\n");
  const rejects = join(root, "rejects.csv");
  writeFileSync(rejects, REJECTS.join("\n") + "\n");
  return {input, rejects};
}

describe("rejectedLines", () => {
  it("lists the rejected lines of each file the peer reads, and nothing of the others", () => {
    const {rejects} = exports();
    const lines = rejectedLines(rejects);
    expect([...lines.get("invoice_lines")!]).toEqual([3, 4]);
    expect([...lines.get("opportunities")!]).toEqual([3, 5]);
    expect(lines.get("account_map")!.size).toBe(0);
    expect(lines.has("accounts")).toBe(false);
  });
});

describe("copyWithoutRecords", () => {
  it("leaves out a record whole, also one whose quoted field holds a line end", async () => {
    const {input} = exports();
    const to = join(root, "copy.csv");
    expect(await copyWithoutRecords(join(input, "opportunities.csv"), to, new Set([3]))).toBe(1);
    expect(readFileSync(to, "utf8")).toBe([OPPORTUNITIES[0], OPPORTUNITIES[1], OPPORTUNITIES[3]].join("\n") + "\n");
  });
});

describe("preparePeerInput", () => {
  it("writes the exports less the rejected records into <input>.peer, and reuses it until an export or the rejects change", async () => {
    const {input, rejects} = exports();
    const first = await preparePeerInput(input, rejects);
    expect(first.dir).toBe(peerInputDir(input));
    expect(first.dir).toBe(join(root, "input.peer"));
    expect(first).toMatchObject({reused: false, dropped: {invoice_lines: 2, opportunities: 2}});
    expect(readFileSync(join(first.dir, "invoice_lines.csv"), "utf8")).toBe([LINES[0], LINES[1], LINES[4]].join("\n") + "\n");
    expect(readFileSync(join(first.dir, "opportunities.csv"), "utf8")).toBe([OPPORTUNITIES[0], OPPORTUNITIES[1]].join("\n") + "\n");
    // a file with nothing rejected is copied as it is; a file the peer does not read is not copied
    expect(readFileSync(join(first.dir, "account_map.csv"), "utf8")).toBe(readFileSync(join(input, "account_map.csv"), "utf8"));
    expect(() => readFileSync(join(first.dir, "accounts.csv"))).toThrow();

    expect(await preparePeerInput(input, rejects)).toMatchObject({reused: true, dropped: {invoice_lines: 2, opportunities: 2}});
    // Other rejected rows (a pipeline with other rules): written again.
    writeFileSync(rejects, REJECTS.slice(0, 3).join("\n") + "\n");
    expect(await preparePeerInput(input, rejects)).toMatchObject({reused: false, dropped: {invoice_lines: 1}});
    // A changed export (its time moved on): written again.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(input, "invoice_lines.csv"), later, later);
    expect(await preparePeerInput(input, rejects)).toMatchObject({reused: false});
  });
});
