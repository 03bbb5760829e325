/**
 * `npm run dev` (loaders/tools/dev.ts): options, --help, a failed pipeline stops it,
 * and — end to end — it serves the site on the given port with
 * CROSSSELL_DATA_DIR passed to the data loaders, and serves a page's new text
 * after it is saved.
 *
 * The end-to-end run uses a copy of dev.ts inside a temporary site (tests/helpers/site.ts),
 * so that it clears that site's loader cache, not the repository's.
 */
import {spawn, spawnSync, type ChildProcess} from "node:child_process";
import {appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {DEV_HELP, ensurePipelineOutput, LOADER_CACHE_MARK, parseDevArgs, pipelineKey, pipelineStampPath, previewEnv, refreshLoaderCache} from "../../loaders/tools/dev.js";
import {freePort} from "../../loaders/tools/bench/site.js";
import {decodeTables} from "../../src/lib/table-codec.js";
import {makeTempSite, REPO, sampleOutput, type TempSite} from "../helpers/site.js";


async function waitFor(url: string, until: (text: string) => boolean, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      last = `${response.status} ${await response.text()}`;
      if (response.ok && until(last)) return last;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer as expected within ${timeoutMs} ms; last answer: ${last.slice(0, 500)}`);
}

describe("parseDevArgs", () => {
  it("passes the pipeline's options through and keeps its own", () => {
    expect(parseDevArgs(["--input", "exports", "--as-of", "2025-12-31", "--port", "4321"])).toEqual({
      help: false,
      open: false,
      port: 4321,
      host: undefined,
      dataDir: undefined,
      pipelineArgs: ["--input", "exports", "--as-of", "2025-12-31"]
    });
    expect(parseDevArgs(["--data-dir", "out"]).dataDir).toBe("out");
  });

  it("rejects a bad port, an unknown option, and --data-dir with --input", () => {
    expect(() => parseDevArgs(["--port", "http"])).toThrow(/--port: expected a port number 1–65535, got "http"/);
    expect(() => parseDevArgs(["--prot", "1"])).toThrow(/prot/);
    expect(() => parseDevArgs(["--data-dir", "a", "--input", "b"])).toThrow(/exclude each other/);
  });

  it("gives the preview the data folder and puts tsx on PATH", () => {
    const env = previewEnv("/data/out", {PATH: "/usr/bin"});
    expect(env.CROSSSELL_DATA_DIR).toBe("/data/out");
    expect(env.PATH).toBe(`${join(REPO, "node_modules/.bin")}:/usr/bin`);
  });
});

describe("a start without a pipeline run when nothing changed (never stale numbers)", () => {
  /** A project with code, a configuration and an input folder, and a fake pipeline that sums the input. */
  function project() {
    const root = mkdtempSync(join(tmpdir(), "dev-fresh-"));
    for (const dir of ["loaders/pipeline", "src/schemas", "exports"]) mkdirSync(join(root, dir), {recursive: true});
    writeFileSync(join(root, "loaders/pipeline/cli.ts"), "// pipeline\n");
    writeFileSync(join(root, "src/schemas/index.ts"), "// schemas\n");
    writeFileSync(join(root, "package.json"), "{}\n");
    writeFileSync(join(root, "config.json"), "{}\n");
    writeFileSync(join(root, "exports/invoice_lines.csv"), "amount\n10\n");
    const out = join(root, "out");
    const args = ["--input", join(root, "exports"), "--config", join(root, "config.json")];
    let runs = 0;
    const pipeline = () => {
      runs++;
      const total = readFileSync(join(root, "exports/invoice_lines.csv"), "utf8").split("\n").slice(1).filter(Boolean).map(Number).reduce((a, b) => a + b, 0);
      mkdirSync(out, {recursive: true});
      writeFileSync(join(out, "kpis.json"), JSON.stringify({total}));
      return 0;
    };
    const ensure = (env: NodeJS.ProcessEnv = {}) => ensurePipelineOutput(args, out, pipeline, {root, env});
    const shown = () => JSON.parse(readFileSync(join(out, "kpis.json"), "utf8")).total;
    return {root, out, args, ensure, shown, runs: () => runs};
  }

  it("skips the pipeline when the exports, configuration and code are unchanged", () => {
    const p = project();
    expect(p.ensure()).toEqual({ran: true, status: 0});
    expect(p.ensure()).toEqual({ran: false, status: 0});
    expect(p.runs()).toBe(1);
    expect(p.shown()).toBe(10);
  });

  it("runs it again after any change to an export, even one that keeps the size and modification time", () => {
    const p = project();
    p.ensure();
    const file = join(p.root, "exports/invoice_lines.csv");
    appendFileSync(file, "5\n");
    expect(p.ensure().ran).toBe(true);
    expect(p.shown()).toBe(15);
    // Same size, modification time set back: a copy with its old time (cp -p) is still seen.
    const before = statSync(file);
    writeFileSync(file, "amount\n20\n5\n");
    utimesSync(file, before.atime, before.mtime);
    expect(p.ensure().ran).toBe(true);
    expect(p.shown()).toBe(25);
    // A new export file, a removed one.
    writeFileSync(join(p.root, "exports/fx_rates.csv"), "x\n");
    expect(p.ensure().ran).toBe(true);
    rmSync(join(p.root, "exports/fx_rates.csv"));
    expect(p.ensure().ran).toBe(true);
    expect(p.ensure().ran).toBe(false);
  });

  it("runs it again after a change to the configuration, the code, the options or a CROSSSELL_ variable", () => {
    const p = project();
    p.ensure();
    appendFileSync(join(p.root, "config.json"), " ");
    expect(p.ensure().ran).toBe(true);
    appendFileSync(join(p.root, "loaders/pipeline/cli.ts"), "// edit\n");
    expect(p.ensure().ran).toBe(true);
    appendFileSync(join(p.root, "src/schemas/index.ts"), "// edit\n");
    expect(p.ensure().ran).toBe(true);
    expect(p.ensure({CROSSSELL_REDACT_SALT: "x"}).ran).toBe(true);
    expect(pipelineKey([...p.args, "--as-of", "2025-12-31"], {root: p.root, env: {}})).not.toBe(pipelineKey(p.args, {root: p.root, env: {}}));
    // Code the pipeline does not import (the bench, the site's shaping) leaves it alone.
    expect(p.ensure().ran).toBe(true); // back to no CROSSSELL_ variable
    mkdirSync(join(p.root, "loaders/tools/bench"), {recursive: true});
    writeFileSync(join(p.root, "loaders/tools/bench/bench.ts"), "// bench\n");
    expect(p.ensure().ran).toBe(false);
  });

  it("runs it again when the output was touched, or its last run failed", () => {
    const p = project();
    p.ensure();
    appendFileSync(join(p.out, "kpis.json"), " ");
    expect(p.ensure().ran).toBe(true);
    rmSync(pipelineStampPath(p.out));
    expect(p.ensure().ran).toBe(true);
    appendFileSync(join(p.root, "exports/invoice_lines.csv"), "1\n");
    expect(ensurePipelineOutput(p.args, p.out, () => 2, {root: p.root, env: {}})).toEqual({ran: true, status: 2});
    expect(existsSync(pipelineStampPath(p.out))).toBe(false);
    expect(p.ensure().ran).toBe(true);
  });

  it("keeps the data loaders' cached outputs only when they were made from the same data", () => {
    const site = mkdtempSync(join(tmpdir(), "dev-cache-"));
    const cache = join(site, ".observablehq/cache");
    const fill = () => {
      mkdirSync(join(cache, "data"), {recursive: true});
      writeFileSync(join(cache, "data/kpis.json"), "{}");
    };
    mkdirSync(join(cache, "_npm"), {recursive: true});
    fill();
    expect(refreshLoaderCache(site, "output-1")).toBe(true); // no mark: made from unknown data
    expect(existsSync(join(cache, "data"))).toBe(false);
    expect(existsSync(join(cache, "_npm"))).toBe(true);
    fill();
    expect(refreshLoaderCache(site, "output-1")).toBe(false);
    expect(existsSync(join(cache, "data/kpis.json"))).toBe(true);
    expect(refreshLoaderCache(site, "output-2")).toBe(true);
    expect(existsSync(join(cache, "data"))).toBe(false);
    expect(readFileSync(join(cache, LOADER_CACHE_MARK), "utf8")).toBe("output-2");
  });
});

describe("npm run dev", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(REPO, "loaders/tools/dev.ts"), ...args], {cwd: REPO, encoding: "utf8", timeout: 60_000});

  it("documents its options with --help", () => {
    const result = run(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${DEV_HELP}\n`);
    for (const option of ["--input", "--port", "--data-dir", "--help"]) expect(DEV_HELP).toContain(option);
  });

  it("explains a usage error and exits 3", () => {
    const result = run(["--port", "0"]);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('--port: expected a port number 1–65535, got "0"');
  });

  it("does not start the preview when the pipeline fails", () => {
    const result = run(["--input", join(tmpdir(), "no-such-exports-folder-for-dev-test")]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("dev: the pipeline failed");
  });
});

describe("npm run dev, end to end", () => {
  let site: TempSite;
  let dataDir: string;
  let child: ChildProcess | undefined;
  let port: number;
  let log = "";

  beforeAll(async () => {
    dataDir = sampleOutput();
    site = makeTempSite("dev", {
      "index.md": "# First version\n\n```js\nimport {loadData} from \"./lib/load.js\";\nconst accounts = await loadData(FileAttachment(\"data/accounts.json\"), \"accounts\");\n```\n\n${accounts.length} accounts\n"
    });
    // All of loaders/: dev.ts and what it imports (site data, loader-cache clearing, and theirs).
    cpSync(join(REPO, "loaders"), join(site.dir, "loaders"), {recursive: true});
    port = await freePort();
    // Its own process group, so that the preview it starts is stopped with it.
    child = spawn(process.execPath, ["--import", "tsx", join(site.dir, "loaders/tools/dev.ts"), "--data-dir", dataDir, "--port", String(port)], {
      cwd: site.dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"]
    });
    child.stdout?.on("data", (d) => (log += d));
    child.stderr?.on("data", (d) => (log += d));
  });

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((ok) => child!.on("exit", ok));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    site?.cleanup();
  });

  it("serves the site on the given port", async () => {
    const page = await waitFor(`http://127.0.0.1:${port}/`, (t) => t.includes("First version")).catch((e) => {
      throw new Error(`${(e as Error).message}\n--- dev output ---\n${log}`);
    });
    expect(page).toMatch(/^200 /);
    expect(log).toContain(`dev: serving the site on ${dataDir}`);
  });

  it("runs the data loaders on the given data folder", async () => {
    const body = await waitFor(`http://127.0.0.1:${port}/_file/data/accounts.json`, (t) => t.startsWith("200 "));
    const rows = decodeTables(JSON.parse(body.slice(4))) as {account_id: string}[];
    const expected = JSON.parse(readFileSync(join(dataDir, "accounts.json"), "utf8")) as {account_id: string}[];
    expect(rows.map((r) => r.account_id)).toEqual(expected.map((r) => r.account_id));
  });

  it("serves a page's new text once it is saved", async () => {
    writeFileSync(join(site.srcDir, "index.md"), "# Second version\n");
    await waitFor(`http://127.0.0.1:${port}/`, (t) => t.includes("Second version"), 20_000);
  });

  it("stops the preview when it is stopped", async () => {
    const exited = new Promise<number | null>((ok) => child!.on("exit", (code) => ok(code)));
    process.kill(child!.pid!, "SIGTERM");
    await exited;
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});
