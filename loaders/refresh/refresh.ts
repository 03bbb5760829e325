/**
 * `npm run refresh -- --input DIR [--out dist] [--as-of D] [--preset NAME] [--mapping FILE] [--max-age DAYS] [--quiet]`
 *
 * The one command RevOps schedules: pipeline → site build → publish, where a
 * failure at any step leaves the published folder exactly as it was. Exit
 * codes (see loaders/exit-codes.ts and docs/refresh.md):
 * 0 done, 1 anything else, 2 bad input, 3 bad configuration or usage, 4 data too old.
 *
 * Importable too: `refresh(options, env)` and the exit-code constants.
 */
import {realpathSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {main} from "./main.js";

export {refresh} from "./run.js";
export * from "../exit-codes.js";
export {RefreshError} from "./error.js";

const isEntryPoint = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isEntryPoint) process.exitCode = await main(process.argv.slice(2));
