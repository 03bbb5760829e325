/**
 * `npm run serve`: serves the built report (dist/) on 127.0.0.1 the way a
 * static host does, so that Framework's links work: Framework links pages
 * without `.html` (`./trends`), and a plain file server answers those with 404.
 *
 *   /trends        → trends.html (even when a folder trends/ exists too)
 *   /accounts/acme → accounts/acme.html
 *   /  and  /dir/  → index.html of that folder; /dir → redirect to /dir/
 *   anything else  → 404, with the site's 404.html when it has one
 *
 * GET and HEAD only; nothing outside the folder is ever served (`..`, encoded
 * or not, and symbolic links that lead out are answered 404). Text (HTML,
 * scripts, styles, JSON, CSV, SVG) is sent gzipped to a browser that accepts
 * it, as every static host does (GitHub Pages, Netlify, nginx with gzip on):
 * the bytes a reader downloads are these, not the files' sizes (issue #13's
 * page budgets count them; the bench reads them from the browser). No
 * dependency: the browser tests serve their built sites with the same module.
 */
import {createReadStream, existsSync, readFileSync, realpathSync, statSync} from "node:fs";
import {createServer, type IncomingMessage, type ServerResponse} from "node:http";
import {extname, isAbsolute, join, relative, resolve, sep} from "node:path";
import {parseArgs, promisify} from "node:util";
import {gzip} from "node:zlib";
import {EXIT_BAD_CONFIG, EXIT_FAILURE, EXIT_OK} from "../exit-codes.js";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".parquet": "application/vnd.apache.parquet",
  ".arrow": "application/vnd.apache.arrow.file",
  ".zip": "application/zip",
  ".pdf": "application/pdf"
};

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** Worth gzipping: text formats (images, fonts, PDFs, archives and parquet are compressed already). */
export function compressible(type: string): boolean {
  return /^text\/|^application\/(json|xml|javascript|wasm)|^image\/svg\+xml/.test(type);
}

/** Whether an Accept-Encoding header allows gzip (not refused with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Below this a gzip header costs more than it saves. */
const GZIP_MIN_BYTES = 256;
/** Gzipped files kept in memory, by path, size and time (a rebuilt file is compressed again). */
const GZIP_CACHE_MAX_BYTES = 64 * 1024 ** 2;
const gzipAsync = promisify(gzip);

class GzipCache {
  private entries = new Map<string, Buffer>();
  private bytes = 0;

  /** The gzipped bytes of `file` (compressed off the main thread, then kept). */
  async get(file: string, size: number, mtimeMs: number): Promise<Buffer> {
    const key = `${file}\0${size}\0${mtimeMs}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const zipped = await gzipAsync(readFileSync(file));
    if (zipped.length <= GZIP_CACHE_MAX_BYTES) {
      // Oldest first out: a Map iterates in insertion order.
      for (const [k, v] of this.entries) {
        if (this.bytes + zipped.length <= GZIP_CACHE_MAX_BYTES) break;
        this.entries.delete(k);
        this.bytes -= v.length;
      }
      this.entries.set(key, zipped);
      this.bytes += zipped.length;
    }
    return zipped;
  }
}

export type Resolution =
  | {kind: "file"; file: string}
  | {kind: "redirect"; location: string}
  | {kind: "not-found"}
  | {kind: "bad-request"};

/** True when `path` is `root` or below it. */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!isAbsolute(rel) && rel.split(sep)[0] !== "..");
}

/** A regular file inside `root`, also once symbolic links are followed. */
function servableFile(root: string, path: string): boolean {
  try {
    return statSync(path).isFile() && isInside(root, realpathSync(path));
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * What a request path (the URL's pathname, still percent-encoded) answers with,
 * for a site in `root` (an absolute path without symbolic links).
 */
export function resolveRequest(root: string, urlPath: string): Resolution {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return {kind: "bad-request"};
  }
  if (!path.startsWith("/") || path.includes("\0") || path.includes("\\")) return {kind: "bad-request"};
  const target = resolve(root, `.${path}`);
  if (!isInside(root, target)) return {kind: "not-found"};
  const candidates = path.endsWith("/") ? [join(target, "index.html")] : [`${target}.html`, target];
  const file = candidates.find((c) => servableFile(root, c));
  if (file) return {kind: "file", file};
  if (!path.endsWith("/") && isDirectory(target) && servableFile(root, join(target, "index.html"))) {
    // Relative links inside dir/index.html only work from /dir/. One leading slash: never "//host".
    return {kind: "redirect", location: `/${urlPath.replace(/^\/+/, "")}/`};
  }
  return {kind: "not-found"};
}

async function sendFile(req: IncomingMessage, res: ServerResponse, status: number, file: string, gzipCache: GzipCache): Promise<void> {
  const {size, mtimeMs} = statSync(file);
  const type = contentType(file);
  if (compressible(type) && size >= GZIP_MIN_BYTES) {
    // A cache between the server and a browser keeps both versions apart.
    res.setHeader("vary", "accept-encoding");
    if (acceptsGzip(req.headers["accept-encoding"])) {
      const zipped = await gzipCache.get(file, size, mtimeMs);
      res.writeHead(status, {"content-type": type, "content-encoding": "gzip", "content-length": zipped.length});
      res.end(req.method === "HEAD" ? undefined : zipped);
      return;
    }
  }
  res.writeHead(status, {"content-type": type, "content-length": size});
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

function sendText(req: IncomingMessage, res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {"content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text), ...headers});
  res.end(req.method === "HEAD" ? undefined : text);
}

/** The request handler for a site folder. */
export function siteHandler(dir: string): (req: IncomingMessage, res: ServerResponse) => void {
  const root = realpathSync(resolve(dir));
  const notFoundPage = join(root, "404.html");
  const gzipCache = new GzipCache();
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      sendText(req, res, 405, "method not allowed\n", {allow: "GET, HEAD"});
      return;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const found = resolveRequest(root, url.pathname);
    const fail = () => {
      if (!res.headersSent) sendText(req, res, 500, "could not read the file\n");
      else res.destroy();
    };
    try {
      if (found.kind === "file") sendFile(req, res, 200, found.file, gzipCache).catch(fail);
      else if (found.kind === "redirect") sendText(req, res, 301, `see ${found.location}\n`, {location: found.location + url.search});
      else if (found.kind === "bad-request") sendText(req, res, 400, "bad request path\n");
      else if (existsSync(notFoundPage)) sendFile(req, res, 404, notFoundPage, gzipCache).catch(fail);
      else sendText(req, res, 404, `not found: ${url.pathname}\n`);
    } catch {
      fail();
    }
  };
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `dir` on `host` (default 127.0.0.1) and `port` (default 0: a free port). */
export async function serveDir(dir: string, options: {port?: number; host?: string} = {}): Promise<Served> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer(siteHandler(dir));
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", fail);
      ok();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      })
  };
}

export const SERVE_HELP = `Usage: npm run serve -- [options]

Serves the built report on this machine, as a static host would: pages are
answered without their .html (/trends is trends.html), which the report's
links rely on. Build it first with \`npm run build\` (or \`npm run refresh\`).

Options:
  --dir DIR      the built site. Default: dist
  --port N       port to listen on. Default: 3000 (0: any free port)
  --host HOST    interface to listen on. Default: 127.0.0.1 (this machine only)
  --help         this text`;

/** Runs the command; resolves with an exit code only when it does not start serving. */
export async function main(argv: string[]): Promise<number | Served> {
  let values;
  try {
    ({values} = parseArgs({
      args: argv,
      options: {dir: {type: "string"}, port: {type: "string"}, host: {type: "string"}, help: {type: "boolean"}},
      strict: true,
      allowPositionals: false
    }));
  } catch (e) {
    console.error(`serve: ${(e as Error).message}\n\n${SERVE_HELP}`);
    return EXIT_BAD_CONFIG;
  }
  if (values.help) {
    console.log(SERVE_HELP);
    return EXIT_OK;
  }
  const port = values.port === undefined ? 3000 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: --port must be a whole number from 0 to 65535 (got "${values.port}")`);
    return EXIT_BAD_CONFIG;
  }
  const dir = resolve(values.dir ?? "dist");
  if (!existsSync(join(dir, "index.html"))) {
    console.error(`serve: no built report in ${dir} (no index.html): run \`npm run build\` first, or pass --dir`);
    return EXIT_BAD_CONFIG;
  }
  try {
    const served = await serveDir(dir, {port, host: values.host});
    console.log(`serving ${dir} at ${served.url}/  (Ctrl+C to stop)`);
    return served;
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    const why = error.code === "EADDRINUSE" ? `port ${port} is in use: pass --port with another number` : error.message;
    console.error(`serve: ${why}`);
    return EXIT_FAILURE;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await main(process.argv.slice(2));
  if (typeof result === "number") process.exit(result);
  const stop = () => void result.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
