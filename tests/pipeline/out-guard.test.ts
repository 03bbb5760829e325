/**
 * `--out` guards of the pipeline on real temp folders: a refused `--out` exits
 * 3 before any work and changes nothing; earlier outputs are recognised and
 * replaced; a publish interrupted by a crash is undone by the next run.
 * Metrics are replaced by the stand-in of stub-metrics.ts (the guards are the
 * subject); one case spawns the real command line in a copy of the project.
 */
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../loaders/pipeline/cli.js";
import {PipelineError, runPipeline} from "../../loaders/pipeline/run.js";
import {MARKER_FILE} from "../../loaders/pipeline/safety/marker.js";
import {setAsideName} from "../../loaders/pipeline/safety/swap.js";
import {runCommand, tempProject} from "../helpers/project-copy.js";
import {treeHash} from "../refresh/tree-hash.js";
import {stubComputeOutputs} from "./stub-metrics.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

let tmp: string;
let input: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "out-guard-"));
  input = join(tmp, "work", "exports");
  cpSync(join(FIXTURES, "minimal"), input, {recursive: true});
});
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

const run = (out: string, extra: Parameters<typeof runPipeline>[0] = {}) =>
  runPipeline({input, out, configObject: {}, computeOutputs: stubComputeOutputs, ...extra});

async function refused(out: string, pattern: RegExp, from = input): Promise<void> {
  const before = treeHash(join(tmp, "work"));
  const error = await runPipeline({input: from, out, configObject: {}, computeOutputs: stubComputeOutputs}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PipelineError);
  expect((error as PipelineError).exitCode).toBe(3);
  expect((error as Error).message).toMatch(pattern);
  expect(treeHash(join(tmp, "work"))).toEqual(before);
}

describe("pipeline --out guards", () => {
  it("refuses the input folder, the folder above it, and a folder inside it: exit 3, nothing changed", async () => {
    await refused(input, /--out .*exports is the input folder \(your exports\); it would be replaced as a whole/);
    await refused(join(tmp, "work"), /--out .*work contains the input folder/);
    await refused(join(input, "out"), /--out .*out lies inside the input folder/);
    expect(readdirSync(tmp)).toEqual(["work"]); // no staging folder, no failure report
  });

  it("the command line says why, exits 3, prints no stack trace", async () => {
    let stderr = "";
    const code = await main(["--quiet", "--input", input, "--out", join(tmp, "work")], (t) => void (stderr += t));
    expect(code).toBe(3);
    expect(stderr).toMatch(/^pipeline failed: --out .*work contains the input folder .*Choose a folder of its own/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses to replace a non-empty folder it did not write, naming it and how to proceed", async () => {
    const out = join(tmp, "work", "mine");
    mkdirSync(out);
    writeFileSync(join(out, "plan.txt"), "keep me");
    await refused(out, /--out .*mine will not be replaced: it is not empty \(plan\.txt\) and was not written by this product.*Empty it or move it away.*or choose another --out/);
    rmSync(out, {recursive: true});
  });

  it("marks its outputs and replaces them at the next run; replaces outputs of earlier versions (no marker)", async () => {
    const out = join(tmp, "outs", "out");
    await run(out);
    expect(JSON.parse(readFileSync(join(out, MARKER_FILE), "utf8"))).toMatchObject({kind: "pipeline-output"});
    const files = readdirSync(out).sort();
    await run(out);
    expect(readdirSync(out).sort()).toEqual(files);
    rmSync(join(out, MARKER_FILE)); // as written before markers: only the pipeline's own file names
    await run(out);
    expect(existsSync(join(out, MARKER_FILE))).toBe(true);
    expect(readdirSync(join(tmp, "outs"))).toEqual(["out"]);
  });

  it("a failure report folder that is not the product's is refused before any work", async () => {
    const out = join(tmp, "outs2", "out");
    mkdirSync(`${out}.failed`, {recursive: true});
    writeFileSync(join(`${out}.failed`, "minutes.docx"), "");
    const error = await run(out).catch((e: unknown) => e);
    expect((error as PipelineError).exitCode).toBe(3);
    expect((error as Error).message).toContain("the failure report folder");
    expect(readdirSync(join(tmp, "outs2"))).toEqual(["out.failed"]);
  });

  it("restores outputs set aside by a run killed while publishing, even when this run then fails", async () => {
    const out = join(tmp, "outs3", "out");
    await run(out);
    const before = treeHash(out);
    renameSync(out, setAsideName(out)); // killed between setting the old outputs aside and moving the new ones in
    const error = await runPipeline({input: join(FIXTURES, "bad-inputs", "missing-column"), out, configObject: {}, computeOutputs: stubComputeOutputs}).catch((e: unknown) => e);
    expect((error as PipelineError).exitCode).toBe(2);
    expect(treeHash(out)).toEqual(before);
    expect(readdirSync(join(tmp, "outs3"))).toEqual(["out"]);
  });

  it("--input naming a file: exit 2, saying so", async () => {
    const error = await run(join(tmp, "outs4", "out"), {input: join(input, "accounts.csv")}).catch((e: unknown) => e);
    expect((error as PipelineError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(/--input .*accounts\.csv is a file, not a folder: give the folder that holds the exports/);
  });

  it("an --out whose parent cannot be created: exit 3, no stack trace", async () => {
    let stderr = "";
    const code = await main(["--quiet", "--input", input, "--out", "/proc/no-such-folder/out"], (t) => void (stderr += t));
    expect(code).toBe(3);
    expect(stderr).toMatch(/^pipeline failed: --out \/proc\/no-such-folder\/out: cannot write in \/proc/);
    writeFileSync(join(tmp, "a-file"), "");
    stderr = "";
    expect(await main(["--quiet", "--input", input, "--out", join(tmp, "a-file", "out")], (t) => void (stderr += t))).toBe(3);
    expect(stderr).toContain("is a file, not a folder");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("pipeline --out . in the project (the real command line, in a copy of the project)", () => {
  it("exits 3 and deletes nothing", async () => {
    const {temp, project} = tempProject("out-dot-");
    try {
      const before = treeHash(join(project, "loaders"));
      const top = readdirSync(project).sort();
      const result = await runCommand(process.execPath, ["--import", "tsx", "loaders/pipeline/cli.ts", "--quiet", "--out", "."], project);
      expect(result.status, result.stderr).toBe(3);
      expect(result.stderr).toMatch(/^pipeline failed: --out .*project is the project folder/);
      expect(readdirSync(project).sort()).toEqual(top);
      expect(treeHash(join(project, "loaders"))).toEqual(before);
    } finally {
      rmSync(temp, {recursive: true, force: true});
    }
  });
});
