import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {RefreshError} from "../../loaders/refresh/error.js";
import {formatQuality, qualityLogFields, readQuality} from "../../loaders/refresh/summary.js";
import {REJECTS_CSV, manifest} from "./fixture-project.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "summary-"));
});
afterEach(() => rmSync(dir, {recursive: true, force: true}));

describe("data-quality summary", () => {
  it("reads counts, the first rejects and unmatched customers from the pipeline's outputs", () => {
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest()));
    writeFileSync(join(dir, "rejects.csv"), REJECTS_CSV);
    const q = readQuality(dir, 1);
    expect(q.rejectsTotal).toBe(2);
    expect(q.firstRejects).toEqual([{file: "invoice_lines.csv", line: "17", column: "amount", value: "12,5", reason: "not a decimal number"}]);

    const text = formatQuality(q).join("\n");
    expect(text).toContain("as of 2026-06-30 (billing mode, USD), newest billing line 2026-06-28");
    expect(text).toMatch(/invoice_lines\.csv\s+4000\s+3998\s+2\s+bbbbbbbbbbbb/);
    expect(text).toMatch(/products\s+absent/);
    expect(text).toContain("rejected rows: 2 (first 1 below;");
    expect(text).toContain('invoice_lines.csv line 17, column amount, value "12,5": not a decimal number');
    // 150 + 900 = 1050; the largest first.
    expect(text).toContain("unmatched billing customers: 2 (revenue 1050.00 USD; each kept as its own account) — largest: CUST-7 (1 lines), CUST-9 (3 lines)");

    expect(qualityLogFields(q)).toMatchObject({
      as_of: "2026-06-30",
      latest_invoice_on: "2026-06-28",
      rows_rejected: 2,
      unmatched_customers: 2,
      unmatched_customer_ids: ["CUST-9", "CUST-7"],
      files: [
        {file: "accounts", sha256: "a".repeat(64), rows_read: 300, rows_loaded: 300, rows_rejected: 0},
        {file: "invoice_lines", rows_read: 4000, rows_loaded: 3998, rows_rejected: 2},
        {file: "products", path: null, sha256: null}
      ]
    });
  });

  it("says so when nothing was rejected or unmatched (rejects.csv may be absent)", () => {
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest({unmatched_customers: []})));
    const text = formatQuality(readQuality(dir)).join("\n");
    expect(text).toContain("rejected rows: none");
    expect(text).toContain("unmatched billing customers: none");
  });

  it("refuses a manifest that does not match its schema, naming the field", () => {
    const {latest_invoice_on: _, ...broken} = manifest();
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(broken));
    expect(() => readQuality(dir)).toThrow(RefreshError);
    expect(() => readQuality(dir)).toThrow(/latest_invoice_on/);
  });

  it("states how the as-of date was chosen (run date from run.json) and the lines dated after it", () => {
    const future = {count: 3, first: "2026-07-02", last: "2099-12-31", amount: 1250.5};
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest({future_dated_lines: future})));
    writeFileSync(
      join(dir, "run.json"),
      JSON.stringify({started_at: "2026-11-28T06:00:00Z", finished_at: "2026-11-28T06:00:09Z", duration_ms: 9000, run_date: "2026-11-28", steps: [], version: "0.1.0"})
    );
    const q = readQuality(dir);
    expect(q.runDate).toBe("2026-11-28");
    const text = formatQuality(q).join("\n");
    expect(text).toContain("as of 2026-06-30: the latest invoice date on or before the run date 2026-11-28; 3 lines are dated later");
    expect(text).toContain(
      "future-dated lines: 3 lines dated 2026-07-02 … 2099-12-31, revenue 1250.50 USD: loaded, but outside every figure (they count once the as-of date reaches them)"
    );
    expect(qualityLogFields(q)).toMatchObject({as_of_rule: "latest_invoice_on_or_before_run_date", run_date: "2026-11-28", future_dated_lines: future});
  });

  it("says when the as-of date was configured, and that no line is later (run.json absent)", () => {
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest({as_of_rule: "configured"})));
    const q = readQuality(dir);
    expect(q.runDate).toBeNull();
    const text = formatQuality(q).join("\n");
    expect(text).toContain("as of 2026-06-30: set by --as-of, or as_of in the configuration or mapping file; no line is dated later");
    expect(text).not.toContain("future-dated lines:");
  });

  it("refuses a missing manifest", () => {
    expect(() => readQuality(dir)).toThrow(/wrote no .*manifest\.json/);
  });
});
