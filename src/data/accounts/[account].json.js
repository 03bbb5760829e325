// Parameterized data loader: everything one account's page shows (--account <slug>), and nothing else.
// Plain JavaScript on purpose: Framework runs it once per account page, and starting
// tsx for each would dominate the build. The first run computes every account's file
// (loaders/site/account-pages.ts, validated with the schemas) into a cache; the others read it.
import {spawnSync} from "node:child_process";
import {existsSync, readFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {accountCacheDir} from "../../../loaders/site/account-cache-dir.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const {values} = parseArgs({options: {account: {type: "string"}}});
function fail(message) {
  process.stderr.write(`data loader accounts/${values.account}.json: ${message}\n`);
  process.exit(1);
}
if (!values.account) fail("missing --account");
if (!process.env.CROSSSELL_DATA_DIR) fail("CROSSSELL_DATA_DIR is not set: build with `npm run build`.");
const dir = resolve(process.env.CROSSSELL_DATA_DIR);
let cache;
try {
  cache = accountCacheDir(dir);
} catch (e) {
  fail(`cannot read the pipeline output in ${dir}: ${e.message}`);
}
const file = join(cache, `${values.account}.json`);
if (!existsSync(join(cache, ".complete")) || !existsSync(file)) {
  const run = spawnSync(process.execPath, ["--import", "tsx", join(root, "loaders/site/account-pages-cli.ts")], {cwd: root, encoding: "utf8", env: {...process.env, CROSSSELL_DATA_DIR: dir}});
  if (run.status !== 0) fail(run.stderr.trim());
}
if (!existsSync(file)) fail(`no page data for account ${values.account} (not in accounts.json with has_page)`);
process.stdout.write(readFileSync(file, "utf8"));
