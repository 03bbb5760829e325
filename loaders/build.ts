/**
 * `npm run build`: the bundled sample (or --input DIR) → pipeline → static site in dist/.
 *
 * Framework keeps a data loader's cached output while the loader file is
 * unchanged, so the loader cache is deleted before every build: new exports are
 * never served from a stale cache. Extra arguments go to the pipeline.
 */
import {spawnSync} from "node:child_process";
import {rmSync} from "node:fs";
import {resolve} from "node:path";

const root = resolve(import.meta.dirname, "..");
const dataDir = resolve(root, ".pipeline/out");
const args = process.argv.slice(2);

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, commandArgs, {cwd: root, stdio: "inherit", env});
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, ["--import", "tsx", "loaders/cli.ts", "--out", dataDir, ...args]);
rmSync(resolve(root, "src/.observablehq/cache"), {recursive: true, force: true});
run(process.execPath, [resolve(root, "node_modules/@observablehq/framework/dist/bin/observable.js"), "build"], {
  ...process.env,
  CROSSSELL_DATA_DIR: dataDir
});
