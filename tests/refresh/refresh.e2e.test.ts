/**
 * The real command (`loaders/refresh/refresh.ts`, real pipeline, real site) on a copy
 * of this project in a temporary folder, so that the test's builds never touch
 * the working tree's dist/, Framework cache or refresh lock. One baseline
 * build is shared by every test; each failure test checks that the published
 * folder is left byte for byte as it was.
 */
import {copyProject} from "../helpers/project-copy.js";
import {execFile} from "node:child_process";
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative, resolve} from "node:path";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {formatCsv, parseCsv} from "../../loaders/text/csv.js";
import {decodeTables} from "../../src/lib/table-codec.js";
import {parseRunLog} from "../../loaders/refresh/run-log.js";
import {daysBetween} from "../../loaders/refresh/freshness.js";
import {findFiles, treeHash} from "./tree-hash.js";

const REPO = resolve(import.meta.dirname, "..", "..");
const run = promisify(execFile);

let tmp: string;
let project: string;
let dist: string;
let dataOut: string;
let logFile: string;

interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function command(script: string, args: string[]): Promise<CommandResult> {
  try {
    const {stdout, stderr} = await run(process.execPath, ["--import", "tsx", join(project, script), ...args], {
      cwd: project,
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024
    });
    return {code: 0, stdout, stderr};
  } catch (error) {
    const e = error as {code?: number; stdout?: string; stderr?: string};
    return {code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? ""};
  }
}

function refresh(input: string, ...extra: string[]): Promise<CommandResult> {
  return command("loaders/refresh/refresh.ts", ["--input", input, "--out", dist, "--data-out", dataOut, "--log", logFile, "--quiet", ...extra]);
}

/** A small deterministic export folder from the project's own sample generator. */
async function makeExports(dir: string): Promise<void> {
  const result = await command("loaders/tools/sample/cli.ts", ["--out", dir, "--accounts", "300", "--invoice-lines", "4000", "--opportunities", "800", "--seed", "7"]);
  if (result.code !== 0) throw new Error(`npm run sample failed (${result.code}):\n${result.stderr}`);
  // A config.json next to the exports is used by refresh; here it keeps the
  // number of per-account pages (the slowest part of the build) small.
  const config = JSON.parse(readFileSync(join(project, "data", "config.json"), "utf8"));
  writeFileSync(join(dir, "config.json"), JSON.stringify({...config, top_accounts: {...config.top_accounts, max: 5}}, null, 2));
}

/** Rewrites one column of a CSV export. */
function editCsv(path: string, edit: (header: string[], rows: string[][]) => [string[], string[][]]): void {
  const [header, ...rows] = parseCsv(readFileSync(path, "utf8"));
  const [newHeader, newRows] = edit(header, rows);
  writeFileSync(path, formatCsv([newHeader, ...newRows]));
}

function copyExports(from: string, name: string): string {
  const to = join(tmp, name);
  cpSync(from, to, {recursive: true});
  return to;
}

function kpis(): any {
  return JSON.parse(readFileSync(join(dataOut, "kpis.json"), "utf8"));
}

function manifest(): any {
  return JSON.parse(readFileSync(join(dataOut, "manifest.json"), "utf8"));
}

let exportsV1: string;
let baseline: Record<string, string>;
let baselineKpis: any;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "refresh-e2e-"));
  project = join(tmp, "project");
  dist = join(tmp, "site", "dist");
  dataOut = join(tmp, "site", "data");
  logFile = join(tmp, "site", "refresh-log.jsonl");
  copyProject(project);
  exportsV1 = join(tmp, "exports-v1");
  await makeExports(exportsV1);
  const first = await refresh(exportsV1);
  if (first.code !== 0) throw new Error(`baseline refresh failed (exit ${first.code}):\n${first.stderr}`);
  baseline = treeHash(dist);
  baselineKpis = kpis();
}, 400_000);

afterAll(() => rmSync(tmp, {recursive: true, force: true}));

describe("npm run refresh (end to end)", () => {
  it("publishes a site whose data carry this run's figures and input hashes", () => {
    expect(existsSync(join(dist, "index.html"))).toBe(true);
    const siteKpis = findFiles(dist, /(^|\/)kpis\.[0-9a-f]+\.json$/);
    expect(siteKpis.length).toBeGreaterThan(0);
    // the site copy has its row arrays encoded as columns (src/lib/table-codec.ts)
    expect(decodeTables(JSON.parse(readFileSync(siteKpis[0], "utf8")))).toEqual(baselineKpis);
    const record = parseRunLog(readFileSync(logFile, "utf8")).at(-1)!;
    const billing = manifest().files.find((f: {file: string}) => f.file === "invoice_lines");
    expect(record).toMatchObject({type: "run", status: "ok", exit_code: 0, published: true, as_of: manifest().as_of});
    expect(record.files).toContainEqual(expect.objectContaining({file: "invoice_lines", sha256: billing.sha256}));
  });

  it("shows the new figures after an export changes", async () => {
    // Double every billing amount: the revenue denominator doubles.
    const v2 = copyExports(exportsV1, "exports-v2");
    editCsv(join(v2, "invoice_lines.csv"), (header, rows) => {
      const amount = header.indexOf("amount");
      return [header, rows.map((r) => r.map((cell, i) => (i === amount && /^-?\d+(\.\d+)?$/.test(cell) ? String(Number(cell) * 2) : cell)))];
    });
    const result = await refresh(v2);
    expect(result.code, result.stderr).toBe(0);
    const after = kpis();
    const before = baselineKpis.kpis.cross_sell_revenue_share.denominator;
    expect(before).toBeGreaterThan(0);
    expect(after.kpis.cross_sell_revenue_share.denominator).toBeCloseTo(2 * before, 4);

    // The published site carries the new figures and the new export's hash, not the old ones.
    const siteKpis = findFiles(dist, /(^|\/)kpis\.[0-9a-f]+\.json$/);
    expect(siteKpis).toHaveLength(1);
    expect(decodeTables(JSON.parse(readFileSync(siteKpis[0], "utf8")))).toEqual(after);
    const newHash = manifest().files.find((f: {file: string}) => f.file === "invoice_lines").sha256;
    const siteText = findFiles(dist, /\.(json|html|js)$/).map((f) => readFileSync(f, "utf8")).join("\n");
    expect(siteText).toContain(newHash);
    baseline = treeHash(dist);
    baselineKpis = after;
  }, 300_000);

  it("a failure in the pipeline (a missing column) leaves the published site byte for byte, exit 2", async () => {
    const broken = copyExports(exportsV1, "exports-no-amount");
    editCsv(join(broken, "invoice_lines.csv"), (header, rows) => {
      const amount = header.indexOf("amount");
      return [header.filter((_, i) => i !== amount), rows.map((r) => r.filter((_, i) => i !== amount))];
    });
    const result = await refresh(broken);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain("amount");
    expect(treeHash(dist)).toEqual(baseline);
    expect(kpis()).toEqual(baselineKpis);
  }, 120_000);

  it("a failure in the site build leaves the published site byte for byte, exit 1", async () => {
    // A page that reads a file nothing produces: Framework refuses to build.
    const page = join(project, "src", "0-broken-refresh-test.md");
    writeFileSync(page, '# Broken\n\n```js\nconst x = FileAttachment("data/no-such-output.json").json();\n```\n');
    try {
      const result = await refresh(exportsV1);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain("the site build failed");
      expect(treeHash(dist)).toEqual(baseline);
      expect(kpis()).toEqual(baselineKpis); // --data-out is published only with the site
    } finally {
      rmSync(page, {force: true});
    }
  }, 300_000);

  it("--max-age fails on old data with exit 4 and leaves the site alone", async () => {
    const latest = manifest().latest_invoice_on as string;
    const today = new Date(Date.parse(`${latest}T00:00:00Z`) + 400 * 86_400_000).toISOString().slice(0, 10);
    expect(daysBetween(latest, today)).toBe(400);
    const result = await refresh(exportsV1, "--max-age", "30", "--today", today);
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toContain("data too old");
    expect(treeHash(dist)).toEqual(baseline);
  }, 120_000);

  it("usage errors exit 3 without touching anything", async () => {
    expect((await command("loaders/refresh/refresh.ts", ["--out", dist])).code).toBe(3);
    const bogus = await command("loaders/refresh/refresh.ts", ["--input", exportsV1, "--out", dist, "--bogus"]);
    expect(bogus.code).toBe(3);
    expect(bogus.stderr).toContain("Unknown option '--bogus'");
    expect((await command("loaders/refresh/refresh.ts", ["--input", exportsV1, "--max-age", "soon"])).code).toBe(3);
    expect(treeHash(dist)).toEqual(baseline);
  });

  it("--help documents the exit codes, for refresh and build alike", async () => {
    for (const script of ["loaders/refresh/refresh.ts", "loaders/refresh/build.ts"]) {
      const help = await command(script, ["--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^ {2}4 {2}data too old/m);
    }
  });
});
