/**
 * `npm run serve` (loaders/tools/serve.ts): answers as a static host does, on a small
 * site laid out like Framework's dist/, and never serves a file outside it.
 */
import {spawn} from "node:child_process";
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {request} from "node:http";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {gunzipSync} from "node:zlib";
import {acceptsGzip, compressible, contentType, main, resolveRequest, serveDir, type Served} from "../../loaders/tools/serve.js";

const REPO = resolve(import.meta.dirname, "../..");
const SECRET = "outside the site: never served";

let temp = "";
let site = "";
let served: Served;

function write(path: string, text: string): void {
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, text);
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: the path is sent exactly as written (no client-side normalising of `..`). */
function get(path: string, method = "GET", base = served.url): Promise<Answer> {
  const {hostname, port} = new URL(base);
  return new Promise((ok, fail) => {
    const req = request({host: hostname, port, path, method}, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => ok({status: res.statusCode ?? 0, headers: res.headers, body}));
    });
    req.on("error", fail);
    req.end();
  });
}

/** A request with headers; the body as sent (not decompressed). */
function getRaw(path: string, headers: Record<string, string>, method = "GET"): Promise<{status: number; headers: Record<string, string | string[] | undefined>; body: Buffer}> {
  const {hostname, port} = new URL(served.url);
  return new Promise((ok, fail) => {
    const req = request({host: hostname, port, path, method, headers}, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => ok({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks)}));
    });
    req.on("error", fail);
    req.end();
  });
}

const BIG_JSON = JSON.stringify(Array.from({length: 500}, (_, i) => ({account_id: `ACC-${i}`, segment: i % 3 ? "SMB" : "Enterprise"})));

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), "serve-test-"));
  site = join(temp, "dist");
  write(join(temp, "secret.txt"), SECRET);
  write(join(temp, "dist-other", "page.html"), SECRET); // a sibling whose name starts like the site's
  write(join(site, "index.html"), "<h1>overview</h1>");
  write(join(site, "trends.html"), "<h1>trends</h1>");
  write(join(site, "accounts.html"), "<h1>accounts</h1>");
  write(join(site, "accounts", "acme-corp.html"), "<h1>acme</h1>");
  write(join(site, "guide", "index.html"), "<h1>guide</h1>");
  write(join(site, "_observablehq", "client.js"), "export const x = 1;");
  write(join(site, "_file", "data", "kpis.json"), '{"a":1}');
  write(join(site, "404.html"), "<h1>no such page</h1>");
  write(join(site, "_file", "data", "accounts.json"), BIG_JSON);
  write(join(site, "_file", "logo.png"), "x".repeat(2000));
  symlinkSync(join(temp, "secret.txt"), join(site, "leak.txt"));
  served = await serveDir(site);
});

afterAll(async () => {
  await served?.close();
  if (temp) rmSync(temp, {recursive: true, force: true});
});

describe("npm run serve: pages as a static host answers them", () => {
  it("answers a page without .html, as Framework links it", async () => {
    for (const [path, body] of [
      ["/", "overview"],
      ["/trends", "trends"],
      ["/trends.html", "trends"],
      ["/trends?segment=SMB", "trends"],
      ["/accounts", "accounts"], // accounts.html, although a folder accounts/ exists too
      ["/accounts/acme-corp", "acme"],
      ["/guide/", "guide"]
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.body, path).toContain(body);
      expect(answer.headers["content-type"], path).toBe("text/html; charset=utf-8");
    }
  });

  it("redirects a folder to its slash, so that its relative links work", async () => {
    const answer = await get("/guide?x=1");
    expect(answer.status).toBe(301);
    expect(answer.headers.location).toBe("/guide/?x=1");
  });

  it("gives each file its content type and length", async () => {
    const js = await get("/_observablehq/client.js");
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    const json = await get("/_file/data/kpis.json");
    expect(json).toMatchObject({status: 200, body: '{"a":1}'});
    expect(json.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(json.headers["content-length"]).toBe("7");
    expect(contentType("x.woff2")).toBe("font/woff2");
    expect(contentType("x.unknown")).toBe("application/octet-stream");
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const head = await get("/trends", "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers["content-length"]).toBe(String("<h1>trends</h1>".length));
    expect((await get("/nope", "HEAD")).status).toBe(404);
  });

  it("refuses other methods", async () => {
    const post = await get("/trends", "POST");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
  });

  it("answers a missing page with the site's 404.html, else a plain 404", async () => {
    expect(await get("/no-such-page")).toMatchObject({status: 404, body: "<h1>no such page</h1>"});
    const bare = mkdtempSync(join(tmpdir(), "serve-bare-"));
    write(join(bare, "index.html"), "home");
    const other = await serveDir(bare);
    try {
      const answer = await get("/missing", "GET", other.url);
      expect(answer.status).toBe(404);
      expect(answer.body).toBe("not found: /missing\n");
    } finally {
      await other.close();
      rmSync(bare, {recursive: true, force: true});
    }
  });
});

describe("npm run serve: text gzipped, as static hosts send it", () => {
  it("sends a text file gzipped to a browser that accepts it, its length the compressed one", async () => {
    const answer = await getRaw("/_file/data/accounts.json", {"accept-encoding": "gzip, deflate, br"});
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(answer.headers.vary).toBe("accept-encoding");
    expect(answer.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(Number(answer.headers["content-length"])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(Buffer.byteLength(BIG_JSON) / 4);
    expect(gunzipSync(answer.body).toString("utf8")).toBe(BIG_JSON);
    // The second time from memory: the same bytes.
    expect((await getRaw("/_file/data/accounts.json", {"accept-encoding": "gzip"})).body.equals(answer.body)).toBe(true);
  });

  it("sends it as it is without Accept-Encoding, with gzip refused (q=0), to HEAD without a body, and never gzips an image or a tiny file", async () => {
    const plain = await getRaw("/_file/data/accounts.json", {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString("utf8")).toBe(BIG_JSON);
    expect((await getRaw("/_file/data/accounts.json", {"accept-encoding": "gzip;q=0, identity"})).headers["content-encoding"]).toBeUndefined();
    const head = await getRaw("/_file/data/accounts.json", {"accept-encoding": "gzip"}, "HEAD");
    expect(head.headers["content-encoding"]).toBe("gzip");
    expect(head.body.length).toBe(0);
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
    expect((await getRaw("/_file/logo.png", {"accept-encoding": "gzip"})).headers["content-encoding"]).toBeUndefined();
    expect((await getRaw("/_file/data/kpis.json", {"accept-encoding": "gzip"})).headers["content-encoding"]).toBeUndefined(); // 7 bytes
  });

  it("reads Accept-Encoding and content types as a host does", () => {
    expect(acceptsGzip("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("br")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(compressible(contentType("a.js"))).toBe(true);
    expect(compressible(contentType("a.svg"))).toBe(true);
    expect(compressible(contentType("a.csv"))).toBe(true);
    expect(compressible(contentType("a.pdf"))).toBe(false);
    expect(compressible(contentType("a.woff2"))).toBe(false);
  });
});

describe("npm run serve: nothing outside the site", () => {
  it.each([
    "/../secret.txt",
    "/../../../../etc/passwd",
    "/%2e%2e/secret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e%2fsecret.txt",
    "/guide/..%2f..%2fsecret.txt",
    "/..%2fdist-other/page",
    "/leak.txt", // a symbolic link inside the site that leads out of it
    "//etc/passwd"
  ])("%s is not served", async (path) => {
    const answer = await get(path);
    expect([400, 404]).toContain(answer.status);
    expect(answer.body).not.toContain(SECRET);
    expect(answer.body).not.toContain("root:");
  });

  it("rejects paths that are not well-formed", async () => {
    expect((await get("/%E0%A4%A")).status).toBe(400);
    expect((await get("/a%00b")).status).toBe(400);
    expect((await get("/a%5c..%5c..%5csecret.txt")).status).toBe(400);
  });

  it("resolves paths without touching anything outside the root", () => {
    expect(resolveRequest(site, "/../secret.txt")).toEqual({kind: "not-found"});
    expect(resolveRequest(site, "/trends")).toEqual({kind: "file", file: join(site, "trends.html")});
    // A folder redirect never becomes a protocol-relative address to another host.
    mkdirSync(join(site, "evil.example", "x"), {recursive: true});
    write(join(site, "evil.example", "x", "index.html"), "x");
    expect(resolveRequest(site, "//evil.example/x")).toEqual({kind: "redirect", location: "/evil.example/x/"});
  });
});

describe("npm run serve: the command", () => {
  it("says what to do when there is no built report, and rejects a bad port", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(" "));
    try {
      expect(await main(["--dir", join(temp, "nothing-here")])).toBe(3);
      expect(await main(["--port", "http"])).toBe(3);
      expect(await main(["--bogus"])).toBe(3);
    } finally {
      console.error = original;
    }
    expect(errors[0]).toMatch(/no built report in .*nothing-here.*npm run build/);
    expect(errors[1]).toMatch(/--port must be a whole number/);
  });

  it("serves the folder from the command line until it is stopped", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", join(REPO, "loaders/tools/serve.ts"), "--dir", site, "--port", "0"], {cwd: REPO});
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = "";
        child.stdout.on("data", (d) => {
          out += d;
          const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
          if (m) ok(m[1]);
        });
        child.on("exit", (code) => fail(new Error(`serve exited with ${code}`)));
      });
      expect(await get("/trends", "GET", url)).toMatchObject({status: 200, body: "<h1>trends</h1>"});
    } finally {
      child.kill("SIGTERM");
    }
    const code = await new Promise((ok) => (child.exitCode !== null ? ok(child.exitCode) : child.on("exit", ok)));
    expect(code).toBe(0);
  });
});
