/**
 * The duplicate (invoice_id, line_id) rule (staging/chk_invoice_lines_late.sql): only the rows where
 * two runs of increasing keys meet are grouped when the file is in key order, every keyed row when it
 * is not (more than 64 runs). Either way every later row of a key is rejected, naming the first one:
 * checked here against the rule worked out in the test, for files in key order, nearly in key order
 * and in no order.
 */
import {copyFileSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {ingestFolder, rejectsOf} from "./helpers.js";

const MINIMAL = join(import.meta.dirname, "..", "..", "fixtures", "minimal");
const OTHER_FILES = ["accounts.csv", "opportunities.csv", "products.csv", "account_map.csv", "demand_units.csv", "fx_rates.csv"];
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
});

type Key = [invoice: string, line: string];

/** The expected rejects of `keys` written from line 2 on: [line, value, reason] of every later row of a key. */
function expectedDuplicates(keys: Key[]): [number, string, string][] {
  const first = new Map<string, number>();
  const rejects: [number, string, string][] = [];
  keys.forEach(([invoice, line], i) => {
    const id = `${invoice.trim()}\u0000${line.trim()}`;
    const seen = first.get(id);
    if (seen === undefined) first.set(id, i + 2);
    else rejects.push([i + 2, line.trim(), `duplicate (invoice_id, line_id) (first on line ${seen})`]);
  });
  return rejects;
}

async function duplicatesOf(keys: Key[]): Promise<[number, string, string][]> {
  const dir = mkdtempSync(join(tmpdir(), "ingest-duplicates-"));
  dirs.push(dir);
  for (const f of OTHER_FILES) copyFileSync(join(MINIMAL, f), join(dir, f));
  writeFileSync(
    join(dir, "invoice_lines.csv"),
    ["invoice_id,line_id,customer_id,product_id,invoice_date,amount,currency", ...keys.map(([i, l]) => `${i},${l},A1,P1,2024-09-01,10,`)].join("\n") + "\n"
  );
  const {db, conn} = await ingestFolder(dir);
  try {
    return (await rejectsOf(conn)).filter((r) => r.file === "invoice_lines.csv").map((r) => [r.line, r.value, r.reason]);
  } finally {
    db.close();
  }
}

/** Invoices I001…, each with lines 1…n (line 10 after line 9, as exports write them). */
function inKeyOrder(invoices: number, lines: number): Key[] {
  const keys: Key[] = [];
  for (let i = 1; i <= invoices; i++) for (let l = 1; l <= lines; l++) keys.push([`I${String(i).padStart(3, "0")}`, String(l)]);
  return keys;
}

/** A deterministic shuffle (the test must not depend on the run). */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe("duplicate (invoice_id, line_id)", () => {
  it("finds none in a file in key order, lines 10 and 11 after line 9", async () => {
    expect(await duplicatesOf(inKeyOrder(20, 12))).toEqual([]);
  });

  it("rejects a key written again next to itself, far from itself, and a third time", async () => {
    const keys = inKeyOrder(30, 3);
    keys.splice(10, 0, keys[9]); // right after itself
    keys.push(keys[0], keys[50], keys[0]); // the first line again at the end, twice
    keys.splice(70, 0, [" I005 ", "2"]); // the same key once trimmed
    const expected = expectedDuplicates(keys);
    expect(expected.length).toBe(5);
    expect(await duplicatesOf(keys)).toEqual(expected);
  });

  it("rejects the later copies of a file stacked twice", async () => {
    const keys = inKeyOrder(15, 2);
    const stacked = [...keys, ...keys];
    expect(await duplicatesOf(stacked)).toEqual(expectedDuplicates(stacked));
  });

  it("rejects the same rows in a file in no order (more than 64 runs)", async () => {
    const keys = inKeyOrder(40, 5);
    const withCopies = shuffled([...keys, keys[3], keys[77], keys[77], keys[199]], 7);
    const expected = expectedDuplicates(withCopies);
    expect(expected.length).toBe(4);
    expect(await duplicatesOf(withCopies)).toEqual(expected);
  });

  it("rejects the same rows in a file nearly in key order (a few runs)", async () => {
    const keys = inKeyOrder(40, 5);
    const nearly = [...keys];
    // a few lines moved back (each starts a run), and copies of lines far before and after them
    for (const [from, to] of [[120, 30], [150, 149], [60, 10]]) nearly.splice(to, 0, ...nearly.splice(from, 1));
    nearly.splice(100, 0, keys[5], keys[180]);
    const expected = expectedDuplicates(nearly);
    expect(expected.length).toBe(2);
    expect(await duplicatesOf(nearly)).toEqual(expected);
  });
});
