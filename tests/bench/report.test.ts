import {describe, expect, it} from "vitest";
import {formatReport, type BenchResult} from "../../loaders/bench/report.js";

const base: BenchResult = {
  scale: 1,
  generationSeconds: 42.04,
  reusedInput: false,
  inputRows: {accounts: 200_002, invoice_lines: 10_069_142},
  bareReadSeconds: 4,
  textLoadSeconds: 6,
  pipelineSeconds: 10,
  pipelineSteps: [
    {step: "ingest", seconds: 4},
    {step: "metrics", seconds: 5.5}
  ],
  pipelineExitCode: 0,
  peakBytes: 1.5 * 1024 ** 3,
  timeMaxRssBytes: 1.2 * 1024 ** 3,
  treePeakRssBytes: 1.5 * 1024 ** 3,
  targetRatio: 3,
  targetPeakBytes: 2 * 1024 ** 3
};

describe("formatReport", () => {
  it("prints both times, the ratio and the peak against the targets", () => {
    const text = formatReport(base);
    expect(text).toContain("bare DuckDB read:   4.00 s");
    expect(text).toContain("pipeline:           10.00 s");
    expect(text).toContain("2.50× bare read (target ≤ 3×) — met");
    expect(text).toContain("1536 MB (target < 2048 MB) — met");
    expect(text).toContain("invoice_lines 10,069,142");
    expect(text).toContain("generation:         42.0 s");
    expect(text).toContain("text load:          6.00 s (reference: the same files into DuckDB tables as text, 1.50× bare read)");
    expect(text).toContain("    ingest            4.00 s\n    metrics           5.50 s\n");
  });

  it("says MISSED and FAILED when they are", () => {
    const text = formatReport({...base, pipelineSeconds: 13, peakBytes: 3 * 1024 ** 3, pipelineExitCode: 2, reusedInput: true, generationSeconds: null, timeMaxRssBytes: null});
    expect(text).toContain("3.25× bare read (target ≤ 3×) — MISSED");
    expect(text).toContain("3072 MB (target < 2048 MB) — MISSED");
    expect(text).toContain("(FAILED, exit 2)");
    expect(text).toContain("reused .bench/input");
    expect(text).toContain("/usr/bin/time max RSS n/a");
    expect(formatReport({...base, textLoadSeconds: null, pipelineSteps: []})).not.toContain("text load");
  });
});
