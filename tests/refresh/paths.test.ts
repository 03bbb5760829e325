/**
 * What refresh refuses to write or delete, on real temp folders with the
 * fixture project (stand-in pipeline): each refusal exits 3 before any work,
 * changes nothing and leaves no lock; a site set aside by a killed refresh is
 * put back by the next one; the tools are found without npm's PATH.
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {delimiter, join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {RefreshOptions} from "../../loaders/refresh/args.js";
import {parseRunLog} from "../../loaders/refresh/run-log.js";
import {refresh} from "../../loaders/refresh/run.js";
import {MARKER_FILE, writeMarker} from "../../loaders/pipeline/safety/marker.js";
import {setAsideName} from "../../loaders/pipeline/safety/swap.js";
import {makeFixtureProject, makeInput} from "./fixture-project.js";
import {treeHash} from "./tree-hash.js";

let tmp: string;
let project: string;
let input: string;

async function run(options: Partial<RefreshOptions>) {
  let stderr = "";
  const result = await refresh(
    {input, out: join(tmp, "dist"), quiet: true, ...options},
    {projectRoot: project, stderr: (t) => void (stderr += t), stdout: () => {}}
  );
  return {...result, stderr};
}

/** The exports, the project's pages and what lies next to them (node_modules is a link, not hashed). */
const state = () => ({exports: treeHash(input), src: treeHash(join(project, "src")), top: readdirSync(tmp).sort()});

const lockLeft = () => existsSync(join(project, ".pipeline", "refresh.lock"));

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "refresh-paths-"));
  project = makeFixtureProject(join(tmp, "project"));
  input = makeInput(join(tmp, "work", "exports"), {revenue: 100});
});
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

describe("refresh refuses unsafe paths before any work (exit 3)", () => {
  it("--out naming the input folder or the folder above it", async () => {
    const before = state();
    for (const [out, reason] of [
      [input, "is the input folder"],
      [join(tmp, "work"), "contains the input folder"],
      [tmp, "contains the project folder"],
      [project, "is the project folder"]
    ]) {
      const result = await run({out, log: join(tmp, "..", `${Date.now()}-unused.jsonl`)});
      expect(result.exitCode, out).toBe(3);
      expect(result.error).toContain(reason);
      expect(result.failedStep).toBe("paths");
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(lockLeft()).toBe(false);
    }
    for (const f of readdirSync(join(tmp, ".."))) if (f.endsWith("-unused.jsonl")) rmSync(join(tmp, "..", f));
    expect(state()).toEqual(before);
  });

  it("a non-empty --out this product did not write: named, with how to proceed; the lock is released", async () => {
    const out = join(tmp, "report");
    mkdirSync(out);
    writeFileSync(join(out, "notes.md"), "mine");
    const result = await run({out, log: join(tmp, "logs", "a.jsonl")});
    expect(result.exitCode).toBe(3);
    expect(result.error).toMatch(/--out .*report will not be replaced: it is not empty \(notes\.md\).*Empty it or move it away/);
    expect(readdirSync(out)).toEqual(["notes.md"]);
    expect(lockLeft()).toBe(false);
    const last = parseRunLog(readFileSync(join(tmp, "logs", "a.jsonl"), "utf8")).at(-1)!;
    expect(last).toMatchObject({type: "run", exit_code: 3, failed_step: "paths", published: false});
    rmSync(out, {recursive: true});
    rmSync(join(tmp, "logs"), {recursive: true});
  });

  it("--log among the exports or inside --out, --data-out equal to --out", async () => {
    const before = state();
    const inInput = await run({log: join(input, "refresh-log.jsonl")});
    expect(inInput.exitCode).toBe(3);
    expect(inInput.error).toContain("lies inside the input folder");
    expect(inInput.stderr).toContain("--log");
    const inOut = await run({log: join(tmp, "dist", "log.jsonl")});
    expect(inOut.error).toMatch(/--log .* and --out .* are nested in each other/);
    const same = await run({dataOut: join(tmp, "dist")});
    expect(same.error).toMatch(/--out .* and --data-out .* are the same place/);
    expect(lockLeft()).toBe(false);
    rmSync(join(tmp, "refresh-log.jsonl"), {force: true}); // the last two could log next to --out
    expect(state()).toEqual(before);
  });

  it("an --out whose parent cannot be created: a clear message, no stack trace, no lock", async () => {
    const result = await run({out: "/proc/no-such-folder/dist"});
    expect(result.exitCode).toBe(3);
    expect(result.error).toMatch(/cannot write in \/proc/); // the default log next to --out is refused first
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const withLog = await run({out: "/proc/no-such-folder/dist", log: join(tmp, "l.jsonl")});
    expect(withLog.exitCode).toBe(3);
    expect(withLog.error).toMatch(/^--out \/proc\/no-such-folder\/dist: cannot write in \/proc/);
    expect(lockLeft()).toBe(false);
    rmSync(join(tmp, "l.jsonl"));
  });

  it("--input naming a file: exit 2", async () => {
    const result = await run({input: join(input, "kpis.json"), log: join(tmp, "l.jsonl")});
    expect(result.exitCode).toBe(2);
    expect(result.error).toMatch(/--input .*kpis\.json is a file, not a folder/);
    rmSync(join(tmp, "l.jsonl"));
  });
});

describe("a site set aside by a killed refresh", () => {
  it("is put back by the next refresh, even one that fails", async () => {
    const out = join(tmp, "site");
    mkdirSync(join(out, "_observablehq"), {recursive: true});
    writeFileSync(join(out, "index.html"), "the old report");
    writeMarker(out, "site");
    const before = treeHash(out);
    renameSync(out, setAsideName(out)); // killed between moving the site aside and moving the new one in
    const bad = makeInput(join(tmp, "exports-bad"), {revenue: 1, behaviour: {exit: 2, message: "bad"}});
    const result = await run({input: bad, out, log: join(tmp, "l.jsonl")});
    expect(result.exitCode).toBe(2);
    expect(treeHash(out)).toEqual(before);
    expect(existsSync(setAsideName(out))).toBe(false);
    expect(result.stderr).toContain("left as it was");
    rmSync(join(tmp, "l.jsonl"));
  });
});

describe("tools without npm", () => {
  it("finds tsx and observable in the project's node_modules/.bin when PATH lacks them", async () => {
    // A TypeScript data loader: Framework runs it with a bare `tsx` from PATH.
    writeFileSync(join(project, "src", "data", "extra.json.ts"), `process.stdout.write(JSON.stringify({n: 1 as number}));\n`);
    writeFileSync(join(project, "src", "extra.md"), "# Extra\n\n```js\nconst x = FileAttachment(\"data/extra.json\").json();\n```\n\n${x.n}\n");
    const path = process.env.PATH;
    process.env.PATH = (path ?? "").split(delimiter).filter((p) => !p.includes("node_modules")).join(delimiter);
    try {
      const out = join(tmp, "dist-nobin");
      const result = await run({out, log: join(tmp, "l.jsonl")});
      expect(result.error).toBeNull();
      expect(result.exitCode).toBe(0);
      expect(existsSync(join(out, "extra.html"))).toBe(true);
      expect(JSON.parse(readFileSync(join(out, MARKER_FILE), "utf8"))).toMatchObject({kind: "site"});
    } finally {
      process.env.PATH = path;
    }
  });
});
