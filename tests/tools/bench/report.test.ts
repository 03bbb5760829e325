import {describe, expect, it} from "vitest";
import {formatCheck, formatReport, met, missedChecks, type BenchReport} from "../../../loaders/tools/bench/report.js";
import {parseBenchArgs} from "../../../loaders/tools/bench/bench.js";
import {TARGETS} from "../../../loaders/tools/bench/params.js";

const report: BenchReport = {
  machine: "2 cores (Test CPU), 24 GB, node v20",
  sections: [
    {
      title: "site, on the bundled sample (data/)",
      checks: [
        {label: "refresh", value: 14.25, unit: "s", limit: TARGETS.sampleRefreshSeconds},
        {label: "dist/ size", value: 12.5, unit: "MB", limit: TARGETS.distMB},
        {label: "/ first chart", value: 812.4, unit: "ms", limit: TARGETS.overviewFirstChartMs},
        {label: "/trends bytes", value: 1234.4, unit: "KB"}
      ]
    },
    {title: "live preview", checks: [], skipped: "FAILED: no chart"},
    {title: "pipeline", checks: [{label: "pipeline ÷ pandas peer", value: null, unit: "×", limit: 1, note: "skipped: no peer"}]}
  ]
};

describe("formatReport", () => {
  it("prints every measure beside its target, met or MISSED, and the machine", () => {
    const text = formatReport(report);
    expect(text).toContain("benchmark — 2 cores (Test CPU), 24 GB, node v20");
    expect(text).toContain("14.25 s — target ≤ 20.00 s: met");
    expect(text).toContain("12.50 MB — target ≤ 10.00 MB: MISSED");
    expect(text).toContain("812 ms — target ≤ 1,000 ms: met");
    expect(text).toMatch(/\/trends bytes\s+1,234 KB\n/); // no target: for reference
    expect(text).toContain("  skipped: FAILED: no chart");
    expect(text).toContain("n/a (skipped: no peer) — target ≤ 1.00 ×: MISSED");
  });

  it("lists the missed targets (a missing value misses its target)", () => {
    expect(missedChecks(report).map((c) => c.label)).toEqual(["dist/ size", "pipeline ÷ pandas peer"]);
    expect(met({label: "x", value: 3, unit: "s"})).toBeNull();
    expect(formatCheck({label: "x", value: 20, unit: "s", limit: 20})).toContain("met");
  });
});

describe("parseBenchArgs", () => {
  it("runs every part by default, or the ones named", () => {
    expect([...parseBenchArgs([]).only]).toEqual(["site", "preview", "pipeline", "scale"]);
    expect([...parseBenchArgs(["--only", "site,preview"]).only]).toEqual(["site", "preview"]);
    expect(parseBenchArgs(["--input", "/data/big", "--scale", "0.1", "--strict"])).toMatchObject({input: "/data/big", scale: 0.1, strict: true});
  });

  it("refuses unknown parts and options, and scale without the pipeline", () => {
    expect(() => parseBenchArgs(["--only", "sight"])).toThrow(/--only expects some of site,preview,pipeline,scale/);
    expect(() => parseBenchArgs(["--only", "scale"])).toThrow(/needs pipeline/);
    // ...unless it is given an earlier pipeline output at that scale.
    expect(parseBenchArgs(["--only", "scale", "--pipeline-out", "/big/out"])).toMatchObject({pipelineOut: "/big/out"});
    expect(() => parseBenchArgs(["--pipeline-out"])).toThrow(/--pipeline-out expects a pipeline output folder/);
    expect(() => parseBenchArgs(["--fast"])).toThrow(/unknown option "--fast"/);
    expect(parseBenchArgs([]).repeat).toBe(1);
    expect(parseBenchArgs(["--only", "pipeline", "--repeat", "3"]).repeat).toBe(3);
    expect(() => parseBenchArgs(["--repeat", "0"])).toThrow(/--repeat expects a whole number/);
    expect(() => parseBenchArgs(["--input"])).toThrow(/--input expects a folder/);
  });
});
