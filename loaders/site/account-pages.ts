/**
 * The data of every account page, computed once per pipeline output.
 *
 * Framework runs the parameterized loader once per account page; re-reading
 * and filtering every output file each time would make the build quadratic.
 * The first run writes one file per account into a cache folder keyed by the
 * output folder's path and the files' sizes and times; later runs read theirs.
 * Files are written to a temp name and renamed, so concurrent runs are safe.
 */
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {accountSlug} from "../../src/lib/slug.js";
import {accountCacheDir} from "./account-cache-dir.mjs";
import {dataDir, readOutput} from "./read.js";
import {accountPage} from "./shape.js";

const cacheDir = accountCacheDir;

function writeAtomic(path: string, text: string) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The JSON text of one account's page data. */
export function accountPageJson(accountId: string, dir = dataDir()): string {
  const cache = cacheDir(dir);
  const path = join(cache, `${accountSlug(accountId)}.json`);
  const done = join(cache, ".complete");
  if (existsSync(done) && existsSync(path)) return readFileSync(path, "utf8");
  const data = {
    accounts: readOutput("accounts", dir),
    history: readOutput("account_history", dir),
    whiteSpace: readOutput("white_space", dir),
    demandUnits: readOutput("demand_units", dir),
    opportunities: readOutput("account_opportunities", dir)
  };
  // Group once, then write every paged account's file.
  const group = <T extends {account_id: string}>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) (m.get(r.account_id) ?? m.set(r.account_id, []).get(r.account_id)!).push(r);
    return m;
  };
  const h = group(data.history), w = group(data.whiteSpace), u = group(data.demandUnits), o = group(data.opportunities);
  mkdirSync(cache, {recursive: true});
  let mine: string | null = null;
  for (const account of data.accounts) {
    if (!account.has_page && account.account_id !== accountId) continue;
    const text = JSON.stringify(
      accountPage(account.account_id, {
        accounts: [account],
        history: h.get(account.account_id) ?? [],
        whiteSpace: w.get(account.account_id) ?? [],
        demandUnits: u.get(account.account_id) ?? [],
        opportunities: o.get(account.account_id) ?? []
      })
    );
    writeAtomic(join(cache, `${accountSlug(account.account_id)}.json`), text);
    if (account.account_id === accountId) mine = text;
  }
  writeAtomic(done, "");
  if (mine == null) throw new Error(`account ${accountId} is not in accounts.json`);
  return mine;
}
