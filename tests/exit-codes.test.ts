import {describe, expect, it} from "vitest";
import {ConfigError} from "../loaders/pipeline/config.js";
import {EXIT_BAD_CONFIG, EXIT_BAD_INPUT, EXIT_CODE_MEANINGS, EXIT_DATA_TOO_OLD, EXIT_FAILURE, EXIT_OK, describeFailure, exitCodeFromPipeline, knownExitCode, UsageError} from "../loaders/exit-codes.js";
import {InputError} from "../loaders/pipeline/ingest/index.js";
import {MappingError} from "../loaders/pipeline/mapping/index.js";
import {PipelineError} from "../loaders/pipeline/run.js";
import {UnsafePathError} from "../loaders/pipeline/safety/paths.js";
import {RefreshError} from "../loaders/refresh/error.js";

describe("exit codes", () => {
  it("are the documented distinct numbers", () => {
    expect([EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT, EXIT_BAD_CONFIG, EXIT_DATA_TOO_OLD]).toEqual([0, 1, 2, 3, 4]);
    expect(Object.keys(EXIT_CODE_MEANINGS).map(Number).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it("keep the pipeline's bad-input and bad-configuration codes, and fold everything else into 1", () => {
    expect(exitCodeFromPipeline(0)).toBe(EXIT_OK);
    expect(exitCodeFromPipeline(2)).toBe(EXIT_BAD_INPUT);
    expect(exitCodeFromPipeline(3)).toBe(EXIT_BAD_CONFIG);
    expect(exitCodeFromPipeline(1)).toBe(EXIT_FAILURE);
    // 4 means "data too old" for refresh only: a pipeline exiting 4 is just a failure.
    expect(exitCodeFromPipeline(4)).toBe(EXIT_FAILURE);
    expect(exitCodeFromPipeline(137)).toBe(EXIT_FAILURE);
    expect(exitCodeFromPipeline(null)).toBe(EXIT_FAILURE); // killed by a signal
  });

  it("read an error's own exit code only when it is a known one", () => {
    const code = (error: unknown) => describeFailure(error).exitCode;
    expect(code(new RefreshError("old", EXIT_DATA_TOO_OLD))).toBe(EXIT_DATA_TOO_OLD);
    expect(code(Object.assign(new Error("mapping"), {exitCode: 3}))).toBe(EXIT_BAD_CONFIG);
    expect(code(new UsageError("--bogus"))).toBe(EXIT_BAD_CONFIG);
    expect(code(Object.assign(new Error("weird"), {exitCode: 42}))).toBe(EXIT_FAILURE);
    expect(code(new Error("bug"))).toBe(EXIT_FAILURE);
    expect(code(undefined)).toBe(EXIT_FAILURE);
  });

  it("give the message of a known or system error, and the stack of a bug only", () => {
    expect(describeFailure(new InputError("accounts.csv line 3: no account_id"))).toEqual({exitCode: EXIT_BAD_INPUT, message: "accounts.csv line 3: no account_id"});
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), {code: "ENOSPC", syscall: "write"});
    expect(describeFailure(full)).toEqual({exitCode: EXIT_FAILURE, message: "ENOSPC: no space left on device, write"});
    const bug = new TypeError("x is undefined");
    expect(describeFailure(bug)).toEqual({exitCode: EXIT_FAILURE, message: "x is undefined", stack: bug.stack});
    expect(describeFailure("thrown text")).toEqual({exitCode: EXIT_FAILURE, message: "thrown text", stack: "thrown text"});
  });

  it("give DuckDB's errors of the machine (a file it cannot write, memory it cannot get) in words, without a stack", () => {
    const disk = new Error('IO Error: Could not write file "/mnt/small/.out.tmp-1-ab/white_space.json": No space left on device');
    expect(describeFailure(disk)).toEqual({exitCode: EXIT_FAILURE, message: disk.message});
    const memory = new Error(
      "Out of Memory Error: could not allocate block of size 30.5 MiB (46.0 KiB/976.5 KiB used)\n\nPossible solutions:\n* Increasing the memory limit (SET memory_limit='...GB')"
    );
    expect(describeFailure(memory)).toEqual({
      exitCode: EXIT_FAILURE,
      message:
        "Out of Memory Error: could not allocate block of size 30.5 MiB (46.0 KiB/976.5 KiB used). DuckDB ran out of memory: give it more with --memory-limit (for example --memory-limit 4GB), or run where more memory is free."
    });
    // any other DuckDB error is a bug: its stack is shown
    const binder = new Error('Binder Error: Referenced column "x" not found');
    expect(describeFailure(binder).stack).toBe(binder.stack);
  });

  it("map the domain errors in one place; a bug has no known code and keeps its stack", () => {
    expect(knownExitCode(new InputError("x"))).toBe(EXIT_BAD_INPUT);
    expect(knownExitCode(new ConfigError("x"))).toBe(EXIT_BAD_CONFIG);
    expect(knownExitCode(new MappingError("x"))).toBe(EXIT_BAD_CONFIG);
    expect(knownExitCode(new UnsafePathError("x"))).toBe(EXIT_BAD_CONFIG);
    expect(knownExitCode(new PipelineError("x", EXIT_BAD_INPUT))).toBe(EXIT_BAD_INPUT);
    expect(knownExitCode(new TypeError("x"))).toBeUndefined();
    expect(knownExitCode(Object.assign(new Error("x"), {exitCode: 0}))).toBeUndefined();
  });
});
