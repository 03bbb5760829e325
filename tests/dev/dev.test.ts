/**
 * `npm run dev` (loaders/dev.ts): options, --help, a failed pipeline stops it,
 * and — end to end — it serves the site on the given port with
 * CROSSSELL_DATA_DIR passed to the data loaders, and serves a page's new text
 * after it is saved.
 *
 * The end-to-end run uses a copy of dev.ts inside a temporary site (tests/guide/site.ts),
 * so that it clears that site's loader cache, not the repository's.
 */
import {spawn, spawnSync, type ChildProcess} from "node:child_process";
import {cpSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {DEV_HELP, parseDevArgs, previewEnv} from "../../loaders/dev.js";
import {freePort} from "../../loaders/bench/site.js";
import {decodeTables} from "../../src/lib/table-codec.js";
import {makeTempSite, REPO, sampleOutput, type TempSite} from "../guide/site.js";


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

describe("npm run dev", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(REPO, "loaders/dev.ts"), ...args], {cwd: REPO, encoding: "utf8", timeout: 60_000});

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
    cpSync(join(REPO, "loaders/dev.ts"), join(site.dir, "loaders/dev.ts"));
    cpSync(join(REPO, "loaders/refresh"), join(site.dir, "loaders/refresh"), {recursive: true}); // its loader-cache clearing
    port = await freePort();
    // Its own process group, so that the preview it starts is stopped with it.
    child = spawn(process.execPath, ["--import", "tsx", join(site.dir, "loaders/dev.ts"), "--data-dir", dataDir, "--port", String(port)], {
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
