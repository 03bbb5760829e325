import {describe, expect, it} from "vitest";
import {
  EXIT_BAD_CONFIG,
  EXIT_BAD_INPUT,
  EXIT_CODE_MEANINGS,
  EXIT_DATA_TOO_OLD,
  EXIT_FAILED,
  EXIT_OK,
  RefreshError,
  exitCodeFromPipeline,
  exitCodeOf
} from "../../loaders/refresh/exit-codes.js";

describe("exit codes", () => {
  it("are the documented distinct numbers", () => {
    expect([EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_BAD_CONFIG, EXIT_DATA_TOO_OLD]).toEqual([0, 1, 2, 3, 4]);
    expect(Object.keys(EXIT_CODE_MEANINGS).map(Number).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("keep the pipeline's bad-input and bad-configuration codes, and fold everything else into 1", () => {
    expect(exitCodeFromPipeline(0)).toBe(EXIT_OK);
    expect(exitCodeFromPipeline(2)).toBe(EXIT_BAD_INPUT);
    expect(exitCodeFromPipeline(3)).toBe(EXIT_BAD_CONFIG);
    expect(exitCodeFromPipeline(1)).toBe(EXIT_FAILED);
    // 4 means "data too old" for refresh only: a pipeline exiting 4 is just a failure.
    expect(exitCodeFromPipeline(4)).toBe(EXIT_FAILED);
    expect(exitCodeFromPipeline(137)).toBe(EXIT_FAILED);
    expect(exitCodeFromPipeline(null)).toBe(EXIT_FAILED); // killed by a signal
  });

  it("read an error's own exit code only when it is a known one", () => {
    expect(exitCodeOf(new RefreshError("old", EXIT_DATA_TOO_OLD))).toBe(EXIT_DATA_TOO_OLD);
    expect(exitCodeOf(Object.assign(new Error("mapping"), {exitCode: 3}))).toBe(EXIT_BAD_CONFIG);
    expect(exitCodeOf(Object.assign(new Error("weird"), {exitCode: 42}))).toBe(EXIT_FAILED);
    expect(exitCodeOf(new Error("bug"))).toBe(EXIT_FAILED);
    expect(exitCodeOf(undefined)).toBe(EXIT_FAILED);
  });
});
