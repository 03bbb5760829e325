/**
 * The as-of rule: by default D is the latest invoice date on or before the run date
 * (--today), so that a line dated in the future cannot move the report there; lines
 * dated after D are loaded, counted and summed in manifest.json (future_dated_lines);
 * a configured as-of still wins. Metrics are the stand-in: only the dates matter here.
 */
import {appendFileSync, cpSync, mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {main} from "../../loaders/pipeline/cli.js";
import {EXIT_BAD_CONFIG, EXIT_BAD_INPUT, PipelineError, runPipeline} from "../../loaders/pipeline/run.js";
import {stubComputeOutputs} from "./stub-metrics.js";

const MINIMAL = join(import.meta.dirname, "..", "fixtures", "minimal");

/** The minimal fixture (billing lines 2023-02-15 … 2024-12-31) plus the given billing lines. */
function inputWith(lines: string[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), "as-of-")), "in");
  cpSync(MINIMAL, dir, {recursive: true});
  appendFileSync(join(dir, "invoice_lines.csv"), lines.map((l) => `${l}\n`).join(""));
  return dir;
}

async function run(input: string, extra: Parameters<typeof runPipeline>[0] = {}) {
  const out = join(mkdtempSync(join(tmpdir(), "as-of-out-")), "out");
  await runPipeline({input, out, configObject: {}, computeOutputs: stubComputeOutputs, ...extra});
  const read = (f: string) => JSON.parse(readFileSync(join(out, f), "utf8"));
  return {manifest: read("manifest.json"), run: read("run.json"), kpis: read("kpis.json")};
}

describe("as-of date and future-dated lines", () => {
  it("a line dated 2099-12-31 does not move the default as-of: it is loaded and counted as future-dated", async () => {
    const input = inputWith(["INV-901,1,A2,P1,2099-12-31,1000.00,", "INV-902,1,A3,P2,2025-03-01,20.50,"]);
    const {manifest, run: runJson, kpis} = await run(input, {today: "2025-01-15"});
    expect(manifest).toMatchObject({
      as_of: "2024-12-31",
      as_of_rule: "latest_invoice_on_or_before_run_date",
      period_start: "2024-01-01",
      latest_invoice_on: "2099-12-31",
      future_dated_lines: {count: 2, first: "2025-03-01", last: "2099-12-31", amount: 1020.5}
    });
    expect(manifest.files.find((f: {file: string}) => f.file === "invoice_lines")).toMatchObject({rows_read: 14, rows_loaded: 14, rows_rejected: 0});
    expect(runJson.run_date).toBe("2025-01-15");
    expect(kpis.as_of).toBe("2024-12-31");
  });

  it("--today earlier than the data moves the as-of back to the latest line on or before it; later lines are summed in the reporting currency", async () => {
    // After 2024-07-01: INV-010 (100 EUR at the 2024-09 rate 1.08 = 108 USD) and INV-011 (50 USD).
    const {manifest} = await run(MINIMAL, {today: "2024-07-01"});
    expect(manifest).toMatchObject({
      as_of: "2024-07-01",
      as_of_rule: "latest_invoice_on_or_before_run_date",
      future_dated_lines: {count: 2, first: "2024-09-15", last: "2024-12-31", amount: 158}
    });
  });

  it("a configured as-of wins over the run date; every line after it is future-dated", async () => {
    // After 2024-02-29: -100 + 400 + 200 + 500 + 75 + 108 + 50.
    const {manifest} = await run(MINIMAL, {today: "2024-01-01", asOf: "2024-02-29"});
    expect(manifest).toMatchObject({
      as_of: "2024-02-29",
      as_of_rule: "configured",
      future_dated_lines: {count: 7, first: "2024-03-01", last: "2024-12-31", amount: 1233}
    });
  });

  it("sums a future-dated line of a million or more without overflow, in a foreign currency too", async () => {
    // After 2024-12-31 (D by the run date): 1,500,000.00 USD, and 2,000,000.00 EUR at the fixture's
    // standing EUR rate 1.1 (it has no 2025-02 rate) = 2,200,000. Each line alone is ≥ 1,000,000.
    const input = inputWith(["INV-903,1,A2,P1,2025-01-15,1500000.00,", "INV-904,1,A3,P2,2025-02-01,2000000.00,EUR"]);
    const {manifest} = await run(input, {today: "2025-01-01"});
    expect(manifest.future_dated_lines).toEqual({count: 2, first: "2025-01-15", last: "2025-02-01", amount: 3700000});
  });

  it("stops with exit 2 when every line is after the run date and no as-of is configured", async () => {
    const failure = await run(MINIMAL, {today: "2020-01-01"}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PipelineError);
    expect((failure as PipelineError).exitCode).toBe(EXIT_BAD_INPUT);
    expect((failure as Error).message).toContain("Every billing line is dated after the run date 2020-01-01 (the earliest on 2023-02-15)");
    expect((failure as Error).message).toContain("--as-of YYYY-MM-DD");
  });

  it("refuses a run date that is not a calendar date with exit 3", async () => {
    const failure = await run(MINIMAL, {today: "2024-02-30"}).catch((e: unknown) => e);
    expect(failure).toMatchObject({exitCode: EXIT_BAD_CONFIG, message: 'today: expected a date written YYYY-MM-DD, got "2024-02-30".'});
  });

  it("the command line's --today sets the run date", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "as-of-cli-")), "out");
    let stderr = "";
    const code = await main(["--input", MINIMAL, "--out", out, "--today", "2024-07-01", "--config", join(MINIMAL, "..", "..", "..", "data", "config.json")], (t) => (stderr += t));
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("as of 2024-07-01");
    expect(stderr).toContain("2 line(s) dated after 2024-07-01 (loaded, outside every figure)");
    expect(JSON.parse(readFileSync(join(out, "run.json"), "utf8")).run_date).toBe("2024-07-01");
  });
});
