/**
 * End to end with the real metrics models (loaders/pipeline/models computeOutputs):
 * the command line on the minimal fixture publishes every output file, each
 * valid against its schema, and two runs give byte-identical files (all but
 * run.json). These tests need loaders/pipeline/models/index.ts.
 */
import {mkdtempSync, readdirSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {main} from "../../loaders/pipeline/cli.js";
import {MARKER_FILE} from "../../loaders/pipeline/safety/marker.js";
import {OUTPUT_FILES} from "../../src/schemas/index.js";

const MINIMAL = join(import.meta.dirname, "..", "fixtures", "minimal");

async function runCli(out: string): Promise<{code: number; stderr: string}> {
  let stderr = "";
  const code = await main(["--input", MINIMAL, "--out", out, "--today", "2025-06-30", "--config", join(import.meta.dirname, "..", "..", "data", "config.json")], (t) => (stderr += t));
  return {code, stderr};
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

describe("pipeline end to end (real metrics)", () => {
  it("publishes every output file, reports progress, and is byte-identical across runs", async () => {
    const parent = mkdtempSync(join(tmpdir(), "e2e-"));
    const first = await runCli(join(parent, "a"));
    expect(first.stderr).not.toContain("pipeline failed");
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/invoice_lines\.csv: 12 read, 12 loaded, 0 rejected/);
    const second = await runCli(join(parent, "b"));
    expect(second.code).toBe(0);
    const a = snapshot(join(parent, "a"));
    const b = snapshot(join(parent, "b"));
    // Every output file, and the marker that tells a later run the folder is the pipeline's (loaders/pipeline/safety/marker.ts).
    expect(Object.keys(a).sort()).toEqual([...Object.values(OUTPUT_FILES).map((e) => e.file), MARKER_FILE].sort());
    delete a["run.json"];
    delete b["run.json"];
    expect(a).toEqual(b);
    const kpis = JSON.parse(a["kpis.json"]);
    expect([kpis.as_of, kpis.period_start, kpis.currency]).toEqual(["2024-12-31", "2024-01-01", "USD"]);
  });
});
