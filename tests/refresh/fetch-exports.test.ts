/** deploy/fetch-exports.sh, the step that brings the exports to a scheduled refresh. */
import {execFile, execFileSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";

const SCRIPT = resolve(import.meta.dirname, "..", "..", "deploy", "fetch-exports.sh");
let tmp: string;
let server: Server;
let base: string;
const seenAuth: Array<string | undefined> = [];

async function fetchExports(env: Record<string, string>, dest: string, cwd = tmp) {
  try {
    const {stderr} = await promisify(execFile)("bash", [SCRIPT, dest], {cwd, env: {PATH: process.env.PATH ?? "", ...env}});
    return {code: 0, stderr};
  } catch (error) {
    const e = error as {code: number; stderr: string};
    return {code: e.code, stderr: e.stderr};
  }
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "fetch-"));
  // An archive with one top-level folder, as "Export all" buttons tend to make.
  mkdirSync(join(tmp, "src", "export-2026-06-30"), {recursive: true});
  writeFileSync(join(tmp, "src", "export-2026-06-30", "accounts.csv"), "account_id,account_name\nA1,Acme\n");
  writeFileSync(join(tmp, "src", "export-2026-06-30", "invoice_lines.csv"), "invoice_id\n");
  execFileSync("tar", ["-czf", join(tmp, "exports.tar.gz"), "-C", join(tmp, "src"), "export-2026-06-30"]);
  execFileSync("zip", ["-qr", join(tmp, "exports.zip"), "."], {cwd: join(tmp, "src", "export-2026-06-30")});
  server = createServer((req, res) => {
    seenAuth.push(req.headers.authorization);
    const file = join(tmp, (req.url ?? "/").split("?")[0].replace(/^\/download\//, ""));
    if (!req.url?.startsWith("/download/") || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/download`;
});
afterAll(() => {
  server.close();
  rmSync(tmp, {recursive: true, force: true});
});

describe("deploy/fetch-exports.sh", () => {
  it("downloads a .tar.gz with the token, and flattens its single top-level folder", async () => {
    const dest = join(tmp, "out-tar");
    const result = await fetchExports({EXPORTS_URL: `${base}/exports.tar.gz?sig=secret`, EXPORTS_TOKEN: "t0ken"}, dest);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(dest).sort()).toEqual(["accounts.csv", "invoice_lines.csv"]);
    expect(seenAuth.at(-1)).toBe("Bearer t0ken");
    expect(result.stderr).not.toContain("secret"); // signed addresses are never printed
  });

  it("downloads a .zip without a token", async () => {
    const dest = join(tmp, "out-zip");
    const result = await fetchExports({EXPORTS_URL: `${base}/exports.zip`}, dest);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dest, "accounts.csv"), "utf8")).toContain("A1,Acme");
    expect(seenAuth.at(-1)).toBeUndefined();
  });

  it("uses a committed folder when no URL is given", async () => {
    const dest = join(tmp, "out-committed");
    const result = await fetchExports({EXPORTS_DIR: join(tmp, "src", "export-2026-06-30")}, dest);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(dest).sort()).toEqual(["accounts.csv", "invoice_lines.csv"]);
  });

  it("exits 2 with a clear message when the download fails or there is nothing to fetch", async () => {
    const missing = await fetchExports({EXPORTS_URL: `${base}/nope.tar.gz`}, join(tmp, "out-404"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("download failed");
    const nothing = await fetchExports({EXPORTS_DIR: join(tmp, "no-such-dir")}, join(tmp, "out-none"));
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain("no exports: set the EXPORTS_URL secret");
  });
});
