/**
 * runPipeline on the ingest/publication side (metrics replaced by a stand-in):
 * manifest, rejects.csv, reject limit, atomic publication, determinism.
 */
import {BANDED_FIGURES} from "../../src/catalog/index.js";
import {createHash} from "node:crypto";
import {existsSync, mkdtempSync, readdirSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {EXIT_BAD_CONFIG, EXIT_BAD_INPUT, PipelineError, runPipeline} from "../../loaders/pipeline/run.js";
import {stubComputeOutputs} from "./stub-metrics.js";
import {queryRows} from "../../loaders/pipeline/db.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");
const MINIMAL = join(FIXTURES, "minimal");
const BAD_DATE = join(FIXTURES, "bad-inputs", "bad-date");

function tempOut(): string {
  return join(mkdtempSync(join(tmpdir(), "pipeline-")), "out");
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

// The run date is pinned: the default as-of date must not depend on the day the tests run.
const run = (input: string, out: string, extra: Parameters<typeof runPipeline>[0] = {}) =>
  runPipeline({input, out, configObject: {}, computeOutputs: stubComputeOutputs, today: "2025-06-30", ...extra});

describe("runPipeline (ingest and publication)", () => {
  it("computes the metrics with DuckDB's metrics memory limit: 1GB by default (the exports are read with 640MB), --memory-limit's otherwise", async () => {
    const seen: string[] = [];
    const recording: typeof stubComputeOutputs = async (conn, ctx) => {
      const [{limit}] = await queryRows<{limit: string}>(conn, "select current_setting('memory_limit') as limit");
      seen.push(limit);
      return stubComputeOutputs(conn, ctx);
    };
    await run(MINIMAL, tempOut(), {computeOutputs: recording});
    await run(MINIMAL, tempOut(), {computeOutputs: recording, memoryLimit: "2GB"});
    // DuckDB reports the limit in its own units (GiB, MiB: 1GB is 953.6 MiB).
    expect(seen).toEqual(["953.6 MiB", "1.8 GiB"]);
  });

  it("writes the manifest with dates, mode, config, file hashes, counts and unmatched customers", async () => {
    const out = tempOut();
    const result = await run(MINIMAL, out);
    expect(result.rejected).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({
      as_of: "2024-12-31",
      as_of_rule: "latest_invoice_on_or_before_run_date",
      future_dated_lines: {count: 0, first: null, last: null, amount: 0},
      period_start: "2024-01-01",
      period_end: "2024-12-31",
      currency: "USD",
      mode: "billing",
      reject_limit: 0.01,
      earliest_invoice_on: "2023-02-15",
      latest_invoice_on: "2024-12-31",
      unmatched_customers: [{customer_id: "U-9", lines: 1, revenue: 75}]
    });
    const lines = manifest.files.find((f: {file: string}) => f.file === "invoice_lines");
    const sha = createHash("sha256").update(readFileSync(join(MINIMAL, "invoice_lines.csv"))).digest("hex");
    expect(lines).toEqual({file: "invoice_lines", path: "invoice_lines.csv", sha256: sha, rows_read: 12, rows_loaded: 12, rows_rejected: 0, rejected_share: 0, extra_columns: []});
    expect(manifest.config.bands.full_suite_rate).toEqual({low: 0.7, high: null});
    expect(manifest.bands).toHaveLength(BANDED_FIGURES.length); // one global band per banded figure of the catalog
    expect(readFileSync(join(out, "rejects.csv"), "utf8")).toBe("file,line,column,value,reason\n");
    expect(readdirSync(join(out, ".."))).toEqual(["out"]); // no temporary folder left behind
  });

  it("honours --as-of: S = D - 12 months with the day clamped", async () => {
    const out = tempOut();
    await run(MINIMAL, out, {asOf: "2024-02-29"});
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect([manifest.as_of, manifest.period_start]).toEqual(["2024-02-29", "2023-03-01"]);
  });

  it("fails above the reject limit, naming the file and its share, and leaves previous outputs untouched", async () => {
    const out = tempOut();
    await run(MINIMAL, out);
    const before = snapshot(out);
    const failure = await run(BAD_DATE, out).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PipelineError);
    const error = failure as PipelineError;
    expect(error.exitCode).toBe(EXIT_BAD_INPUT);
    expect(error.message).toContain("invoice_lines.csv: 1 of 12 rows rejected (8.33%), above the limit of 1.00%");
    expect(error.message).toContain('invoice_lines.csv line 9, column invoice_date: "2024-13-01" — not a date (expected YYYY-MM-DD)');
    expect(error.rejects?.reportPath).toBe(`${out}.failed/rejects.csv`);
    expect(readFileSync(`${out}.failed/rejects.csv`, "utf8")).toBe(
      "file,line,column,value,reason\ninvoice_lines.csv,9,invoice_date,2024-13-01,not a date (expected YYYY-MM-DD)\n"
    );
    expect(snapshot(out)).toEqual(before);
  });

  it("succeeds below the limit and reports every rejection; a later success clears the failure report", async () => {
    const out = tempOut();
    await run(BAD_DATE, out).catch(() => null);
    expect(existsSync(`${out}.failed`)).toBe(true);
    const result = await run(join(FIXTURES, "bad-inputs", "bad-amount"), out, {rejectLimit: 0.1});
    expect(result.rejected).toBe(1);
    expect(readFileSync(join(out, "rejects.csv"), "utf8")).toBe(
      'file,line,column,value,reason\ninvoice_lines.csv,6,amount,"1,000.00","not a decimal amount (use . as decimal separator, no thousands separators)"\n'
    );
    expect(existsSync(`${out}.failed`)).toBe(false);
  });

  it("gives byte-identical files for two runs on the same input (all but run.json)", async () => {
    const a = tempOut();
    const b = tempOut();
    await run(join(FIXTURES, "bad-inputs", "malformed-row"), a, {rejectLimit: 1});
    await run(join(FIXTURES, "bad-inputs", "malformed-row"), b, {rejectLimit: 1});
    const sa = snapshot(a);
    const sb = snapshot(b);
    expect(JSON.parse(sa["run.json"]).steps.map((s: {step: string}) => s.step)).toEqual(["ingest", "run parameters", "metrics", "write outputs"]);
    delete sa["run.json"];
    delete sb["run.json"];
    expect(sa).toEqual(sb);
  });

  it("rejects a bad configuration with exit 3 and its path", async () => {
    const failure = await run(MINIMAL, tempOut(), {configObject: {bands: {cross_sell_rate: {low: "x", high: 1}}}}).catch((e: unknown) => e);
    expect((failure as PipelineError).exitCode).toBe(EXIT_BAD_CONFIG);
    expect((failure as Error).message).toContain("bands.cross_sell_rate.low: expected number, got string");
  });
});
