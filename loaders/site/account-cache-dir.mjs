// The cache folder of the account pages' data for one pipeline output folder.
// Plain JavaScript so that the per-account loader (src/data/accounts/[account].json.js)
// can find its file without starting tsx. Keyed by the folder's path and the size and
// modification time of every file the account pages read.
import {createHash} from "node:crypto";
import {statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

export const ACCOUNT_PAGE_INPUTS = ["accounts.json", "account_history.json", "white_space.json", "demand_units.json", "account_opportunities.json"];

export function accountCacheDir(dir) {
  const h = createHash("sha256").update(dir);
  for (const file of ACCOUNT_PAGE_INPUTS) {
    const s = statSync(join(dir, file));
    h.update(`${file}:${s.size}:${s.mtimeMs}`);
  }
  return join(tmpdir(), "crosssell-account-pages", h.digest("hex").slice(0, 16));
}
