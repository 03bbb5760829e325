/** Repeated timings (loaders/tools/bench/runs.ts): medians, ranges, CPU time from time -v. */
import {describe, expect, it} from "vitest";
import {describeRuns, median, parseRepeat, parseTimeVerboseCpuSeconds} from "../../../loaders/tools/bench/runs.js";

describe("median", () => {
  it("takes the middle value, or the mean of the middle two, whatever the order", () => {
    expect(median([27.5, 23.8, 25.2])).toBe(25.2);
    expect(median([16, 14, 21, 15])).toBe(15.5);
    expect(median([3])).toBe(3);
    expect(median([])).toBeNull();
  });
});

describe("describeRuns", () => {
  it("names the count and the range of several runs, and nothing for one", () => {
    expect(describeRuns([25.21, 23.84, 27.46])).toBe("median of 3 runs: 23.8–27.5 s");
    expect(describeRuns([24])).toBeNull();
  });
});

describe("parseTimeVerboseCpuSeconds", () => {
  it("adds user and system time from /usr/bin/time -v", () => {
    const report = [
      '\tCommand being timed: "node cli.ts"',
      "\tUser time (seconds): 44.90",
      "\tSystem time (seconds): 5.65",
      "\tPercent of CPU this job got: 187%"
    ].join("\n");
    expect(parseTimeVerboseCpuSeconds(report)).toBeCloseTo(50.55, 10);
    expect(parseTimeVerboseCpuSeconds("no report")).toBeNull();
  });
});

describe("parseRepeat", () => {
  it("takes a whole number of runs from 1 to 10", () => {
    expect(parseRepeat("3")).toBe(3);
    for (const bad of ["0", "2.5", "11", "three", undefined]) expect(() => parseRepeat(bad)).toThrow(/--repeat expects a whole number/);
  });
});
