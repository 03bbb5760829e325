import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {benchInputDir, benchSampleOptions, canReuse, generatorFingerprint, writeStamp} from "../../../loaders/tools/bench/params.js";
import {SAMPLE_FILES} from "../../../loaders/tools/sample/generate.js";

describe("benchSampleOptions", () => {
  it("is 200k accounts, 10M lines, 1M opportunities at scale 1 and scales down", () => {
    expect(benchSampleOptions(1, "in")).toMatchObject({out: "in", accounts: 200_000, invoiceLines: 10_000_000, opportunities: 1_000_000, gzip: false});
    expect(benchSampleOptions(0.1, "in")).toMatchObject({accounts: 20_000, invoiceLines: 1_000_000, opportunities: 100_000});
  });

  it("refuses a scale that is not a positive number", () => {
    expect(() => benchSampleOptions(0, "in")).toThrow(/--scale/);
    expect(() => benchSampleOptions(Number.NaN, "in")).toThrow(/--scale/);
  });
});

describe("benchInputDir", () => {
  it("keeps the full-scale exports in input and gives every other scale a folder of its own", () => {
    expect(benchInputDir(".bench", 1)).toBe(join(".bench", "input"));
    expect(benchInputDir(".bench", 0.1)).toBe(join(".bench", "input-scale-0.1"));
    expect(benchInputDir(".bench", 2)).toBe(join(".bench", "input-scale-2"));
  });
});

describe("canReuse", () => {
  const fill = (dir: string) => SAMPLE_FILES.forEach((f) => writeFileSync(join(dir, `${f}.csv`), "x\n"));

  it("reuses a complete generation made with the same parameters, wherever it was written from", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-"));
    fill(dir);
    writeStamp(dir, benchSampleOptions(0.1, dir));
    expect(canReuse(dir, benchSampleOptions(0.1, "elsewhere"))).toBe(true);
  });

  it("regenerates when the parameters differ, the stamp is missing or a file is missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-"));
    fill(dir);
    expect(canReuse(dir, benchSampleOptions(0.1, dir))).toBe(false); // no stamp yet
    writeStamp(dir, benchSampleOptions(0.1, dir));
    expect(canReuse(dir, benchSampleOptions(0.2, dir))).toBe(false);
    const partial = mkdtempSync(join(tmpdir(), "bench-"));
    writeStamp(partial, benchSampleOptions(0.1, partial));
    expect(canReuse(partial, benchSampleOptions(0.1, partial))).toBe(false);
  });
});

describe("generatorFingerprint", () => {
  it("changes when a generator source file changes", () => {
    const dir = mkdtempSync(join(tmpdir(), "gen-"));
    writeFileSync(join(dir, "a.ts"), "export const a = 1;\n");
    const before = generatorFingerprint(dir);
    expect(generatorFingerprint(dir)).toBe(before);
    writeFileSync(join(dir, "a.ts"), "export const a = 2;\n");
    expect(generatorFingerprint(dir)).not.toBe(before);
  });
});
