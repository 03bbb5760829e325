// Writes every account page's data into the cache (see account-pages.ts). Used by
// src/data/accounts/[account].json.js on its first run.
import {readOutput} from "./read.js";
import {accountPageJson} from "./account-pages.js";

try {
  const first = readOutput("accounts").find((a) => a.has_page);
  if (first) accountPageJson(first.account_id);
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
