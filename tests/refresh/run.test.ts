/**
 * The refresh orchestration on a tiny fixture project (real Framework build,
 * stand-in pipeline — see fixture-project.ts): what gets published, what is
 * left untouched on each kind of failure, the exit codes and the run log.
 */
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {RefreshOptions} from "../../loaders/refresh/args.js";
import {acquireLock} from "../../loaders/refresh/lock.js";
import {parseRunLog} from "../../loaders/refresh/run-log.js";
import {refresh} from "../../loaders/refresh/run.js";
import {makeFixtureProject, makeInput} from "./fixture-project.js";
import {findFiles, treeHash} from "./tree-hash.js";

let tmp: string;
let project: string;
let out: string;
let first: Awaited<ReturnType<typeof run>>;

async function run(options: Partial<RefreshOptions> & {input: string}, projectRoot = project) {
  let stderr = "";
  let stdout = "";
  const result = await refresh(
    {out, ...options},
    {projectRoot, stderr: (t) => void (stderr += t), stdout: (t) => void (stdout += t)}
  );
  return {...result, stderr, stdout};
}

function publishedRevenue(): number {
  const files = findFiles(out, /^_file\/data\/kpis\.[0-9a-f]+\.json$/);
  expect(files).toHaveLength(1);
  return JSON.parse(readFileSync(files[0], "utf8")).revenue;
}

function lastRunRecord(): Record<string, unknown> {
  const records = parseRunLog(readFileSync(join(tmp, "refresh-log.jsonl"), "utf8"));
  return records.filter((r) => r.type === "run").at(-1)!;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "refresh-run-"));
  project = makeFixtureProject(join(tmp, "project"));
  out = join(tmp, "dist");
  // The baseline publication every failure test must leave untouched.
  first = await run({input: makeInput(join(tmp, "in-100"), {revenue: 100}), dataOut: join(tmp, "data-out")});
  expect(first.error).toBeNull();
  expect(first.exitCode).toBe(0);
});
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

describe("refresh (fixture project)", () => {
  it("publishes the site and the pipeline outputs, logs every step, prints the data-quality summary", async () => {
    expect(publishedRevenue()).toBe(100);
    expect(existsSync(join(out, "index.html"))).toBe(true);
    expect(JSON.parse(readFileSync(join(tmp, "data-out", "kpis.json"), "utf8"))).toEqual({revenue: 100});
    const record = lastRunRecord();
    expect(record).toMatchObject({
      status: "ok",
      exit_code: 0,
      published: true,
      as_of: "2026-06-30",
      rows_rejected: 2,
      unmatched_customers: 2,
      files: expect.arrayContaining([expect.objectContaining({file: "invoice_lines", sha256: "b".repeat(64), rows_read: 4000})])
    });
    expect((record.steps as Array<{step: string}>).map((s) => s.step)).toEqual(["lock", "pipeline", "build", "publish"]);
    // Progress with step timings on stderr, the pipeline's own progress passed through, the summary on stdout.
    expect(first.stderr).toMatch(/refresh: running the pipeline — done in \d/);
    expect(first.stderr).toMatch(/refresh: building the site — done in \d/);
    expect(first.stderr).toContain("fake pipeline: args");
    // started with the malloc settings of loaders/pipeline/args.ts pipelineEnv
    expect(first.stderr).toContain(`fake pipeline: malloc arenas ${process.env.MALLOC_ARENA_MAX ?? "2"}\n`);
    expect(first.stderr).not.toContain("--redact");
    expect(first.stdout).toContain("Data quality — as of 2026-06-30");
    expect(first.stdout).toContain('invoice_lines.csv line 17, column amount, value "12,5"');
    // Nothing left next to the published folder but the folder, its data and the log.
    expect(readdirSync(tmp).sort()).toEqual(["data-out", "dist", "in-100", "project", "refresh-log.jsonl"]);
  });

  it("shows new figures after the exports change, even when Framework's cache holds a fresher-looking old output", async () => {
    // Framework serves a cached loader output while it is newer than the loader file.
    const cached = join(project, "src", ".observablehq", "cache", "data", "kpis.json");
    mkdirSync(join(cached, ".."), {recursive: true});
    writeFileSync(cached, JSON.stringify({revenue: 999}));
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(cached, future, future);

    const result = await run({input: makeInput(join(tmp, "in-200"), {revenue: 200}), quiet: true});
    expect(result.exitCode).toBe(0);
    expect(publishedRevenue()).toBe(200);
    expect(result.stderr).toBe(""); // --quiet: nothing on success
    expect(result.stdout).toBe("");
  });

  describe("failures leave the published folder byte for byte", () => {
    let before: Record<string, string>;
    beforeAll(() => {
      before = treeHash(out);
    });

    it("bad input in the pipeline: exit 2, the failed run's rejects kept", async () => {
      const input = makeInput(join(tmp, "in-bad"), {
        revenue: 1,
        behaviour: {exit: 2, message: "invoice_lines.csv: required column amount is missing", failedReport: true}
      });
      const result = await run({input, quiet: true});
      expect(result.exitCode).toBe(2);
      expect(result.failedStep).toBe("pipeline");
      expect(treeHash(out)).toEqual(before);
      // Under --quiet the pipeline's own message is repeated in the error.
      expect(result.stderr).toContain("required column amount is missing");
      expect(result.stderr).toContain(join(tmp, "dist-failed-run", "rejects.csv"));
      expect(readFileSync(join(tmp, "dist-failed-run", "rejects.csv"), "utf8")).toContain("not a decimal number");
      expect(lastRunRecord()).toMatchObject({status: "failed", exit_code: 2, failed_step: "pipeline", published: false});
      expect(readdirSync(tmp).filter((f) => f.startsWith(".dist"))).toEqual([]);
    });

    it("bad configuration in the pipeline: exit 3", async () => {
      const input = makeInput(join(tmp, "in-config"), {revenue: 1, behaviour: {exit: 3, message: "config.json: bands.x: unknown figure"}});
      const result = await run({input, quiet: true});
      expect(result.exitCode).toBe(3);
      expect(treeHash(out)).toEqual(before);
    });

    it("a pipeline crash: exit 1", async () => {
      const input = makeInput(join(tmp, "in-crash"), {revenue: 1, behaviour: {exit: 1, message: "TypeError: boom"}});
      const result = await run({input, quiet: true});
      expect(result.exitCode).toBe(1);
      expect(treeHash(out)).toEqual(before);
    });

    it("a site build failure: exit 1 with the build's last lines", async () => {
      const result = await run({input: makeInput(join(tmp, "in-break"), {revenue: 5, breakBuild: true}), quiet: true});
      expect(result.exitCode).toBe(1);
      expect(result.failedStep).toBe("build");
      expect(result.error).toContain("kpis.json: break_build is set");
      expect(treeHash(out)).toEqual(before);
      expect(readdirSync(tmp).filter((f) => f.startsWith(".dist"))).toEqual([]);
    });

    it("--max-age on old data: exit 4, before building", async () => {
      const input = makeInput(join(tmp, "in-old"), {revenue: 7, manifest: {latest_invoice_on: "2026-05-01"}});
      // 2026-05-01 → 2026-06-10 is 30 + 10 = 40 days.
      const result = await run({input, maxAgeDays: 30, today: "2026-06-10", quiet: true});
      expect(result.exitCode).toBe(4);
      expect(result.error).toContain("40 days before 2026-06-10 (--max-age 30)");
      expect(result.steps.map((s) => s.step)).toEqual(["lock", "pipeline", "freshness"]);
      expect(treeHash(out)).toEqual(before);
      expect(lastRunRecord()).toMatchObject({exit_code: 4, latest_invoice_on: "2026-05-01"});
    });

    it("a missing input folder: exit 2", async () => {
      const result = await run({input: join(tmp, "no-such-folder"), quiet: true});
      expect(result.exitCode).toBe(2);
      expect(result.error).toContain("does not exist");
      expect(treeHash(out)).toEqual(before);
    });

    it("another refresh running: exit 1, naming it", async () => {
      const lock = acquireLock(join(project, ".pipeline", "refresh.lock"), {out: "/elsewhere"});
      try {
        const result = await run({input: makeInput(join(tmp, "in-locked"), {revenue: 9}), quiet: true});
        expect(result.exitCode).toBe(1);
        expect(result.error).toContain(`another refresh is running (pid ${process.pid}`);
        expect(treeHash(out)).toEqual(before);
      } finally {
        lock.release();
      }
    });

    it("--preset without the mapping module: exit 3", async () => {
      // A project of its own: the module loader remembers a module it could not find.
      const withoutMapping = makeFixtureProject(join(tmp, "project-without-mapping"));
      const result = await run({input: makeInput(join(tmp, "in-preset"), {revenue: 9}), preset: "hubspot", quiet: true}, withoutMapping);
      expect(result.exitCode).toBe(3);
      expect(result.error).toContain("--preset/--mapping are not available");
      expect(treeHash(out)).toEqual(before);
    });
  });

  it("with --preset, feeds the mapped folder to the pipeline with the preset's defaults, the command line winning", async () => {
    // A stand-in for loaders/pipeline/mapping/index.ts with the contract's shape.
    const mappingDir = join(project, "loaders", "pipeline", "mapping");
    mkdirSync(mappingDir, {recursive: true});
    writeFileSync(
      join(mappingDir, "index.ts"),
      `import {cpSync} from "node:fs";
       export async function prepareExports({input, preset, workDir}: {input: string; preset?: string; workDir: string}) {
         if (preset === "unknown") throw Object.assign(new Error('unknown preset "unknown"; known: hubspot'), {name: "MappingError"});
         cpSync(input, workDir, {recursive: true});
         return {dir: workDir, rejectLimit: 0.05, mode: "bookings", asOf: "2026-03-31", notes: ["mapping: preset " + preset]};
       }\n`
    );
    try {
      const input = makeInput(join(tmp, "in-hubspot"), {revenue: 500});
      // Also: --max-age on fresh data (2026-06-28 → 2026-07-01 is 3 days) passes.
      const result = await run({input, preset: "hubspot", asOf: "2026-06-30", maxAgeDays: 30, today: "2026-07-01", memoryLimit: "2GB", redact: true});
      expect(result.exitCode, result.stderr).toBe(0);
      expect(publishedRevenue()).toBe(500);
      expect(result.stderr).toContain("newest billing line 2026-06-28, 3 days old");
      // A success after the failures above deletes the failed run's rejects: they would mislead.
      expect(existsSync(join(tmp, "dist-failed-run"))).toBe(false);
      expect(result.stderr).toContain("refresh:   mapping: preset hubspot");
      const args = JSON.parse(result.stderr.match(/fake pipeline: args (.*)/)![1]) as string[];
      const flag = (name: string) => args[args.indexOf(name) + 1];
      expect(flag("--input")).toMatch(/\.dist\.refresh-\d+-h[0-9a-f]{8}\/mapped$/);
      expect(flag("--as-of")).toBe("2026-06-30"); // the command line wins over the preset
      expect(flag("--today")).toBe("2026-07-01"); // the run date the pipeline's default as-of is chosen against
      expect(flag("--mode")).toBe("bookings");
      expect(flag("--reject-limit")).toBe("0.05");
      expect(flag("--memory-limit")).toBe("2GB");
      expect(args).toContain("--redact");
      expect(result.steps.map((s) => s.step)).toEqual(["lock", "prepare", "pipeline", "freshness", "build", "publish"]);

      const before = treeHash(out);
      const unknown = await run({input, preset: "unknown", quiet: true});
      expect(unknown.exitCode).toBe(3);
      expect(unknown.error).toContain('unknown preset "unknown"');
      expect(treeHash(out)).toEqual(before);
    } finally {
      rmSync(mappingDir, {recursive: true, force: true});
    }
  });

  it("a refresh stopped by SIGTERM stops its pipeline, removes its work folder and lock, and leaves the site", async () => {
    const before = treeHash(out);
    const input = makeInput(join(tmp, "in-slow"), {revenue: 11, behaviour: {sleepMs: 60_000}});
    const runner = join(tmp, "runner.mts"); // .mts: an ES module outside any package.json
    writeFileSync(
      runner,
      `import {refresh} from ${JSON.stringify(join(import.meta.dirname, "..", "..", "loaders", "refresh", "run.ts"))};\n` +
        `const r = await refresh({input: ${JSON.stringify(input)}, out: ${JSON.stringify(out)}}, ` +
        `{projectRoot: ${JSON.stringify(project)}, stderr: (t) => process.stderr.write(t), stdout: (t) => process.stdout.write(t)});\n` +
        `process.exitCode = r.exitCode;\n`
    );
    const child = spawn(process.execPath, ["--import", "tsx", runner], {cwd: join(import.meta.dirname, "..", ".."), stdio: ["ignore", "pipe", "pipe"]});
    let stderr = "";
    const closed = new Promise<number | null>((r) => child.on("close", (c) => r(c)));
    const sleeping = new Promise<void>((resolveSleeping) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes("fake pipeline: sleeping")) resolveSleeping();
      });
    });
    const first = await Promise.race([sleeping.then(() => "sleeping"), closed.then(() => "closed")]);
    expect(first, stderr).toBe("sleeping");
    expect(readdirSync(tmp).filter((f) => f.startsWith(".dist.refresh-"))).toHaveLength(1);
    child.kill("SIGTERM");
    const code = await closed;
    expect(code).toBe(1);
    expect(stderr).toContain("stopped by SIGTERM; the published folder was not touched");
    // the pipeline's own word on it, forwarded before the refresh exits
    expect(stderr).toContain("fake pipeline: stopped by SIGTERM");
    expect(stderr.indexOf("fake pipeline: stopped by SIGTERM")).toBeLessThan(stderr.indexOf("refresh: stopped by SIGTERM"));
    expect(readdirSync(tmp).filter((f) => f.startsWith(".dist."))).toEqual([]);
    expect(existsSync(join(project, ".pipeline", "refresh.lock"))).toBe(false);
    expect(treeHash(out)).toEqual(before);
    expect(lastRunRecord()).toMatchObject({status: "failed", exit_code: 1, error: "stopped by SIGTERM"});
  });
});
