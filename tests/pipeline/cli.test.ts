import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {EXIT_BAD_CONFIG, EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, HELP, main, parseCliArgs} from "../../loaders/pipeline/cli.js";
import {memoryLimits, pipelineEnv} from "../../loaders/pipeline/args.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

async function cli(args: string[]): Promise<{code: number; stderr: string}> {
  let stderr = "";
  const code = await main(args, (t) => (stderr += t));
  return {code, stderr};
}

describe("command line", () => {
  it("exports the exit statuses", () => {
    expect([EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_BAD_CONFIG]).toEqual([0, 1, 2, 3]);
  });

  it("--help documents every option", async () => {
    const {code, stderr} = await cli(["--help"]);
    expect(code).toBe(0);
    for (const option of ["--input", "--out", "--as-of", "--today", "--reject-limit", "--config", "--mode", "--preset", "--mapping", "--memory-limit", "--redact", "--quiet", "--help"]) {
      expect(stderr).toContain(option);
    }
    expect(stderr).toBe(HELP + "\n");
  });

  it("parses flags into pipeline options", () => {
    expect(
      parseCliArgs(["--input", "x", "--out", "y", "--as-of", "2024-06-30", "--today", "2024-07-02", "--reject-limit", "0.05", "--mode", "bookings", "--quiet"])
    ).toEqual({
      help: false,
      quiet: true,
      options: {input: "x", out: "y", config: undefined, asOf: "2024-06-30", today: "2024-07-02", rejectLimit: 0.05, mode: "bookings"}
    });
    expect(parseCliArgs(["--redact"]).options.redact).toBe(true);
  });

  it("usage mistakes exit 3 with a message", async () => {
    expect(await cli(["--bogus"])).toMatchObject({code: EXIT_BAD_CONFIG});
    expect((await cli(["--as-of", "2024-02-30"])).stderr).toContain('--as-of: expected a date written YYYY-MM-DD, got "2024-02-30"');
    expect(await cli(["--today", "tomorrow"])).toEqual({code: EXIT_BAD_CONFIG, stderr: 'pipeline: --today: expected a date written YYYY-MM-DD, got "tomorrow".\n'});
    expect((await cli(["--reject-limit", "5%"])).code).toBe(EXIT_BAD_CONFIG);
    expect((await cli(["--mode", "weekly"])).code).toBe(EXIT_BAD_CONFIG);
    expect((await cli(["--memory-limit", "lots"])).stderr).toContain('--memory-limit: expected a size such as 800MB, 1GB or 4GB, got "lots"');
  });

  it("--memory-limit is handed to DuckDB as written", () => {
    expect(parseCliArgs(["--memory-limit", "4GB"]).options.memoryLimit).toBe("4GB");
    expect(parseCliArgs(["--memory-limit", " 750 MiB "]).options.memoryLimit).toBe("750 MiB");
  });

  it("without --memory-limit, DuckDB reads the exports with 640MB and computes the metrics with 1GB; with it, both use it", () => {
    expect(memoryLimits(undefined)).toEqual({ingest: "640MB", metrics: "1GB"});
    expect(memoryLimits("4GB")).toEqual({ingest: "4GB", metrics: "4GB"});
  });

  it("a command starting the pipeline gives it two malloc arenas, unless its caller chose a number", () => {
    const env = {PATH: "/usr/bin"};
    expect(pipelineEnv(env)).toEqual({PATH: "/usr/bin", MALLOC_ARENA_MAX: "2"});
    expect(env).toEqual({PATH: "/usr/bin"});
    expect(pipelineEnv({PATH: "/usr/bin", MALLOC_ARENA_MAX: "4"})).toEqual({PATH: "/usr/bin", MALLOC_ARENA_MAX: "4"});
  });

  it("a bad configuration file exits 3 naming the path in the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({bands: {cross_sell_rate: {low: "x", high: 0.3}}}));
    const {code, stderr} = await cli(["--config", join(dir, "config.json"), "--input", join(FIXTURES, "minimal"), "--out", join(dir, "out")]);
    expect(code).toBe(EXIT_BAD_CONFIG);
    expect(stderr).toContain("bands.cross_sell_rate.low: expected number, got string");
  });

  it("bad input exits 2 with one message naming the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-"));
    const {code, stderr} = await cli(["--quiet", "--input", join(FIXTURES, "bad-inputs", "missing-column"), "--out", join(dir, "out")]);
    expect(code).toBe(EXIT_BAD_INPUT);
    expect(stderr).toMatch(/^pipeline failed: invoice_lines\.csv: required column "invoice_date"/);
  });
});
