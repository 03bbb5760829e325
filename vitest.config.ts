import {defineConfig} from "vitest/config";

// Pin the time zone: every date in the pipeline is a calendar date, and tests
// must not depend on the machine's zone.
process.env.TZ = "UTC";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // DuckDB's native addon is safest in forked processes, not worker threads.
    pool: "forks",
    // one temporary folder per run, removed at its end (tests/helpers/temp-folder.ts)
    globalSetup: ["tests/helpers/temp-folder.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    env: {TZ: "UTC"}
  }
});
