import {describe, expect, it} from "vitest";
import {spawn} from "node:child_process";
import {parseTimeVerboseMaxRss, processTree, statusFieldBytes, watchTreeMemory} from "../../../loaders/tools/bench/memory.js";

describe("parseTimeVerboseMaxRss", () => {
  it("reads GNU time's maximum resident set size in bytes", () => {
    const report = "\tCommand being timed: \"npx tsx x\"\n\tMaximum resident set size (kbytes): 263448\n\tExit status: 0\n";
    expect(parseTimeVerboseMaxRss(report)).toBe(263448 * 1024);
  });

  it("returns null when the report is missing", () => {
    expect(parseTimeVerboseMaxRss("pipeline failed")).toBeNull();
  });
});

describe("statusFieldBytes", () => {
  it("reads VmRSS and VmHWM lines of /proc/<pid>/status", () => {
    const status = "Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\n";
    expect(statusFieldBytes(status, "VmRSS")).toBe(102400 * 1024);
    expect(statusFieldBytes(status, "VmHWM")).toBe(204800 * 1024);
    expect(statusFieldBytes("Name:\tnode\n", "VmRSS")).toBeNull();
  });
});

describe.runIf(process.platform === "linux")("process tree on Linux", () => {
  it("finds a child among the descendants and measures memory of the tree", async () => {
    const child = spawn(process.execPath, ["-e", "const a = Buffer.alloc(64 * 1024 * 1024, 1); setTimeout(() => a.length, 1500)"]);
    const watch = watchTreeMemory(process.pid, 50);
    await new Promise((r) => setTimeout(r, 800));
    expect(processTree(process.pid)).toContain(child.pid);
    await new Promise((r) => child.on("close", r));
    const seen = watch.stop();
    // This test process plus a child that touched 64 MB.
    expect(seen.peakTreeRss).toBeGreaterThan(64 * 1024 * 1024);
    expect(seen.peakProcessHwm).toBeGreaterThan(0);
  });
});
