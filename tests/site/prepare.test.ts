// The site's data files and build-time pages made in one pass (loaders/site/prepare.ts), the cache the
// loaders copy from (site-cache.mjs: one archive for data/<name>, a lock so that one process prepares),
// and account ids that once got no page (issue #10 item 10).
import {parseGuardedCsvObjects} from "../../loaders/text/csv.js";
import {spawnSync} from "node:child_process";
import {spawn} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {describe, expect, it} from "vitest";
import {prepareSiteData} from "../../loaders/site/prepare.js";
import {parseRejects} from "../../loaders/site/read.js";
import {SERVED_DATA_FILES} from "../../loaders/site/served.js";
import {lockPrepare, siteCacheDir, unlockPrepare, waitForPrepare} from "../../loaders/site/site-cache.mjs";
import {tarArchive} from "../../loaders/site/tar.mjs";
import {checkData} from "../../src/lib/load.js";
import {accountShard} from "../../src/lib/slug.js";
import {decodeTables} from "../../src/lib/table-codec.js";
import {writeSiteData} from "../fixtures/site-data/make.js";
import {CUT_DIMENSIONS} from "../../src/schemas/index.js";

const ROOT = resolve(import.meta.dirname, "../..");
const AWKWARD = ["..", "a/b", "x?y", "a#b", "100%", "two words", "é🚀", "__proto__"];

/** A fake pipeline output whose first paged accounts have awkward ids. */
function outputWithAwkwardIds(): string {
  const dir = mkdtempSync(join(tmpdir(), "prepare-out-"));
  writeSiteData(dir, {accounts: 60, seed: 3});
  const rename = new Map<string, string>();
  const accounts = JSON.parse(readFileSync(join(dir, "accounts.json"), "utf8")) as {account_id: string; has_page: boolean}[];
  for (const a of accounts.filter((x) => x.has_page).slice(0, AWKWARD.length)) rename.set(a.account_id, AWKWARD[rename.size]);
  expect(rename.size).toBe(AWKWARD.length);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const value = JSON.parse(readFileSync(join(dir, file), "utf8"));
    if (!Array.isArray(value)) continue;
    for (const row of value) if (typeof row?.account_id === "string" && rename.has(row.account_id)) row.account_id = rename.get(row.account_id);
    writeFileSync(join(dir, file), JSON.stringify(value));
  }
  return dir;
}

/** Members of an archive written by tarArchive or site-cache.mjs (Framework reads them with tar-stream), in order. */
function untar(buffer: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  for (let at = 0; at + 512 <= buffer.length; ) {
    const name = buffer.toString("utf8", at, at + 100).replace(/\0.*$/s, "");
    if (!name) break;
    const size = parseInt(buffer.toString("utf8", at + 124, at + 135), 8);
    files.set(name, buffer.toString("utf8", at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

describe("prepareSiteData", () => {
  const dir = outputWithAwkwardIds();
  const cache = join(mkdtempSync(join(tmpdir(), "prepare-cache-")), "site");
  const written = prepareSiteData(dir, cache);

  it("writes every file a page loads, the pages made at build time, and marks the folder complete", () => {
    const data = ["kpis.json", "accounts.json", "priority_units.json", "white_space_page.json", "rejects_head.json", "rejects.csv", "figures_all.json", "overview_summary.json", "retention_bridge.json", "retention_drilldown.json", "accounts_summary.json", "concentration.json", "team_owners.json", "explore_accounts.json", "figures_current.json", "figures_previous.json", "overview_trend.json", "board_pack.json", ...CUT_DIMENSIONS.map((d) => `figures_by_${d}.json`)];
    const pages = ["definitions.md", "guide/index.md", "guide/first-page.md", "guide/components.md", "guide/data-files.md"];
    for (const name of [...data.map((n) => `data/${n}`), ...pages.map((n) => `pages/${n}`), "account_pages.tar", "account_search.json", "accounts_list.tar", "accounts_search.tar"]) {
      expect(written).toContain(name);
      expect(existsSync(join(cache, name)), name).toBe(true);
    }
    expect(readdirSync(join(cache, "data")).sort()).toEqual([...SERVED_DATA_FILES].sort());
    expect(existsSync(join(cache, ".complete"))).toBe(true);
  });

  it("renders the Definitions page with the bands in force and the guide's pages", () => {
    const definitions = readFileSync(join(cache, "pages/definitions.md"), "utf8");
    expect(definitions).toMatch(/^---\ntitle: Definitions\n---/);
    expect(definitions).toContain('id="cross_sell_rate"');
    expect(readFileSync(join(cache, "pages/guide/data-files.md"), "utf8")).toMatch(/^---\ntitle: Data files\n---\n\n/);
    expect(readFileSync(join(cache, "pages/guide/first-page.md"), "utf8")).toContain('FileAttachment("../data/explore_accounts.json")');
  });

  it("ships a copied output with the same rows as the pipeline wrote", () => {
    const original = JSON.parse(readFileSync(join(dir, "accounts.json"), "utf8"));
    const shipped = JSON.parse(readFileSync(join(cache, "data/accounts.json"), "utf8"));
    expect(shipped).toHaveProperty("$table");
    expect(JSON.stringify(decodeTables(shipped))).toBe(JSON.stringify(original));
    // The download is written again with the people-facing writer: a BOM, every cell formula-guarded,
    // the same rows and values as the pipeline's file once the guard is read back.
    const shippedRejects = readFileSync(join(cache, "data/rejects.csv"), "utf8");
    expect(shippedRejects.startsWith("\ufeff")).toBe(true);
    expect(parseGuardedCsvObjects(shippedRejects.slice(1))).toEqual(parseGuardedCsvObjects(readFileSync(join(dir, "rejects.csv"), "utf8")));
  });

  it("gives every paged account, awkward ids included, its page data in the shard its link points to", () => {
    const shards = untar(readFileSync(join(cache, "account_pages.tar")));
    expect(shards.size).toBe(16);
    const accounts = JSON.parse(readFileSync(join(dir, "accounts.json"), "utf8")) as {account_id: string; has_page: boolean}[];
    const history = JSON.parse(readFileSync(join(dir, "account_history.json"), "utf8")) as {account_id: string}[];
    const nextBest = JSON.parse(readFileSync(join(dir, "next_best_product.json"), "utf8")) as {account_id: string; rank: number}[];
    expect(nextBest.some((r) => accounts.some((a) => a.has_page && a.account_id === r.account_id))).toBe(true);
    for (const a of accounts.filter((x) => x.has_page)) {
      const shard = checkData(JSON.parse(shards.get(`${accountShard(a.account_id)}.json`)!), "account_pages", "/account");
      const at = shard.ids.indexOf(a.account_id);
      expect(at, a.account_id).toBeGreaterThanOrEqual(0);
      expect(shard.pages[at].account.account_id).toBe(a.account_id);
      expect(shard.pages[at].history.length).toBe(history.filter((h) => h.account_id === a.account_id).length);
      expect(shard.pages[at].next_best_product.map((r) => r.rank)).toEqual(nextBest.filter((r) => r.account_id === a.account_id).map((r) => r.rank));
    }
    for (const id of AWKWARD) expect(accounts.some((a) => a.account_id === id && a.has_page)).toBe(true);
  });

  it("writes the Overview's summary and one search entry per paged account, each opening its page", () => {
    const summary = checkData(JSON.parse(readFileSync(join(cache, "data/overview_summary.json"), "utf8")), "overview_summary", "/");
    expect(summary.sentences.map((x) => x.topic)).toEqual(["change", "white_space", "pursue_now"]);
    const accounts = JSON.parse(readFileSync(join(dir, "accounts.json"), "utf8")) as {account_id: string; account_name: string; has_page: boolean}[];
    const entries = JSON.parse(readFileSync(join(cache, "account_search.json"), "utf8")) as {path: string; title: string}[];
    const paged = accounts.filter((a) => a.has_page);
    expect(entries.length).toBe(paged.length);
    for (const e of entries) {
      const id = new URLSearchParams(e.path.slice(e.path.indexOf("?"))).get("id");
      expect(paged.find((a) => a.account_id === id)?.account_name).toBe(e.title);
    }
  });

  it("gives the pages about accounts files that match their shapes, not every account", () => {
    const accounts = JSON.parse(readFileSync(join(dir, "accounts.json"), "utf8")) as {account_id: string}[];
    const summary = checkData(JSON.parse(readFileSync(join(cache, "data/accounts_summary.json"), "utf8")), "accounts_summary", "/accounts");
    expect(summary).toMatchObject({total: accounts.length, complete: true});
    const views = untar(readFileSync(join(cache, "accounts_list.tar")));
    expect([...views.keys()]).toEqual(summary.views.map((v) => `${v.key}.json`));
    const all = checkData(JSON.parse(views.get("all.json")!), "accounts_list", "/accounts");
    expect(all.rows.map((r) => r.account_id)).toEqual(accounts.map((a) => a.account_id));
    expect(untar(readFileSync(join(cache, "accounts_search.tar"))).size).toBe(64);
    for (const [file, name] of [["concentration.json", "concentration"], ["team_owners.json", "team_owners"], ["explore_accounts.json", "explore_accounts"]] as const) {
      expect(() => checkData(JSON.parse(readFileSync(join(cache, "data", file), "utf8")), name, "/test")).not.toThrow();
    }
  });

  it("fails naming the file and row when an output drifted from its schema", () => {
    const bad = mkdtempSync(join(tmpdir(), "prepare-bad-"));
    writeSiteData(bad, {accounts: 20, seed: 1});
    const products = JSON.parse(readFileSync(join(bad, "products.json"), "utf8"));
    products[0].holders = "many";
    writeFileSync(join(bad, "products.json"), JSON.stringify(products));
    expect(() => prepareSiteData(bad, join(bad, "cache"))).toThrow(/products\.json does not match its schema at 0\.holders/);
    expect(existsSync(join(bad, "cache"))).toBe(false);
  });

  it("is what the plain-JavaScript loaders copy, keyed by the output folder's files", () => {
    const key = siteCacheDir(dir);
    const run = spawnSync(process.execPath, [join(ROOT, "src/data.tar.js")], {maxBuffer: 1 << 28, env: {...process.env, CROSSSELL_DATA_DIR: dir}});
    expect(run.stderr.toString()).toBe("");
    expect(run.status).toBe(0);
    const members = untar(run.stdout);
    expect(decodeTables(JSON.parse(members.get("products.json")!))).toEqual(JSON.parse(readFileSync(join(dir, "products.json"), "utf8")));
    expect(existsSync(join(key, ".complete"))).toBe(true);
    writeFileSync(join(dir, "products.json"), readFileSync(join(dir, "products.json"), "utf8") + " ");
    expect(siteCacheDir(dir)).not.toBe(key); // a new pipeline output is never served from an old cache
    const missing = spawnSync(process.execPath, [join(ROOT, "src/data.tar.js")], {encoding: "utf8", env: {...process.env, CROSSSELL_DATA_DIR: join(dir, "nope")}});
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/data loader data\.tar: CROSSSELL_DATA_DIR=.*nope: folder not found/);
  }, 60_000);
});

describe("the loaders of src", () => {
  const dir = mkdtempSync(join(tmpdir(), "loaders-out-"));
  writeSiteData(dir, {accounts: 30, seed: 7});
  const env = {...process.env, CROSSSELL_DATA_DIR: dir};
  const load = (loader: string) => spawnSync(process.execPath, [join(ROOT, "src", loader)], {encoding: "utf8", env});
  const archive = () => untar(spawnSync(process.execPath, [join(ROOT, "src/data.tar.js")], {maxBuffer: 1 << 28, env}).stdout);

  it("are all plain JavaScript copying a prepared file: none starts tsx", () => {
    const loaders = [
      "data.tar.js",
      ...readdirSync(join(ROOT, "src/data")).map((f) => `data/${f}`),
      ...readdirSync(join(ROOT, "src")).filter((f) => /\.md\.\w+$/.test(f)),
      ...readdirSync(join(ROOT, "src/guide")).map((f) => `guide/${f}`)
    ];
    expect(loaders.filter((f) => !f.endsWith(".js"))).toEqual([]);
    for (const f of loaders) expect(readFileSync(join(ROOT, "src", f), "utf8"), f).toMatch(/emitSite(File|Archive)\(/);
  });

  it("serve every data/<name> file from one archive, smallest first, with every breakdown's figures", () => {
    const members = archive();
    expect([...members.keys()].sort()).toEqual([...SERVED_DATA_FILES].sort());
    const sizes = [...members.values()].map((text) => Buffer.byteLength(text));
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b)); // extracting a small file never reads past a big one
    for (const d of CUT_DIMENSIONS) {
      expect(decodeTables(JSON.parse(members.get(`figures_by_${d}.json`)!))).toEqual(JSON.parse(readFileSync(join(dir, `figures_by_${d}.json`), "utf8")));
    }
  }, 60_000);

  it("give the Overview its sparklines (figure, date, value of the overall rows), the previous period's figures and no board pack", () => {
    const members = archive();
    const figures = JSON.parse(readFileSync(join(dir, "figures.json"), "utf8")) as {dimension: string; figure: string; as_of: string; value: number | null}[];
    const overall = figures.filter((f) => f.dimension === "all");
    expect(overall.length).toBeGreaterThan(0);
    const trend = checkData(JSON.parse(members.get("overview_trend.json")!), "overview_trend", "/");
    expect(trend).toEqual(overall.map((f) => ({figure: f.figure, as_of: f.as_of, value: f.value})));
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {period_start: string};
    const previous = checkData(JSON.parse(members.get("figures_previous.json")!), "figures_previous", "/");
    expect(previous.length).toBeGreaterThan(0);
    expect(previous.every((f) => f.dimension === "all" && f.as_of < manifest.period_start)).toBe(true);
    expect(checkData(JSON.parse(members.get("board_pack.json")!), "board_pack", "/")).toEqual({pdf: false});
  }, 60_000);

  it("give the Definitions and guide pages as prepared, and name a page that was not", () => {
    const definitions = load("definitions.md.js");
    expect(definitions.stderr).toBe("");
    expect(definitions.stdout).toContain('<section class="card definition" id="cross_sell_rate">');
    expect(load("guide/index.md.js").stdout).toMatch(/^---\ntitle: Writing pages\n---/);
    const missing = spawnSync(process.execPath, ["--input-type=module", "-e", `import {emitSiteFile} from ${JSON.stringify(join(ROOT, "loaders/site/site-cache.mjs"))}; emitSiteFile("pages/nope.md");`], {encoding: "utf8", env});
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/page loader pages\/nope\.md: pages\/nope\.md was not prepared/);
  }, 60_000);
});

describe("one prepare per pipeline output", () => {
  it("makes a second process wait for the prepare under way, and takes over a lock whose process died", async () => {
    const cache = join(mkdtempSync(join(tmpdir(), "prepare-lock-")), "site");
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    const holderGone = new Promise((ok) => holder.on("exit", ok));
    writeFileSync(`${cache}.lock`, String(holder.pid)); // as prepare-cli.ts holds it while it prepares
    try {
      expect(lockPrepare(cache)).toBe(false);
      const waiter = spawn(process.execPath, ["--input-type=module", "-e", `import {waitForPrepare} from ${JSON.stringify(join(ROOT, "loaders/site/site-cache.mjs"))}; process.stdout.write(String(waitForPrepare(${JSON.stringify(cache)})));`]);
      let out = "";
      waiter.stdout.on("data", (d) => (out += d));
      const waited = new Promise((ok) => waiter.on("exit", ok));
      await new Promise((ok) => setTimeout(ok, 1000));
      expect(waiter.exitCode).toBe(null); // still waiting: the folder is not complete
      mkdirSync(cache);
      writeFileSync(join(cache, ".complete"), "");
      await waited;
      expect(out).toBe("true");
    } finally {
      holder.kill();
    }
    await holderGone;
    const other = `${cache}-2`;
    writeFileSync(`${other}.lock`, String(holder.pid)); // a lock left by a process that died
    expect(waitForPrepare(other)).toBe(false); // not prepared, and nobody is preparing it
    expect(lockPrepare(other)).toBe(true);
    expect(readFileSync(`${other}.lock`, "utf8")).toBe(String(process.pid));
    unlockPrepare(other);
    expect(existsSync(`${other}.lock`)).toBe(false);
  }, 30_000);

  it("takes the lock on a fresh machine, where the cache root does not exist yet", () => {
    const cache = join(mkdtempSync(join(tmpdir(), "prepare-lock-")), "crosssell-site-data", "0123456789abcdef");
    expect(lockPrepare(cache)).toBe(true);
    expect(readFileSync(`${cache}.lock`, "utf8")).toBe(String(process.pid));
    unlockPrepare(cache);
  });
});

describe("tarArchive", () => {
  it("writes members Framework can extract by name", () => {
    const files = untar(tarArchive([{name: "00.json", data: '{"a":1}'}, {name: "01.json", data: "x".repeat(1000)}]));
    expect(files.get("00.json")).toBe('{"a":1}');
    expect(files.get("01.json")).toBe("x".repeat(1000));
  });
});
