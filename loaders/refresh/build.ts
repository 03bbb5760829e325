/**
 * `npm run build`: the bundled sample (data/) → pipeline → static site in dist/.
 *
 * Exactly `npm run refresh` with other defaults, so the two can never drift
 * apart: same never-stale loader cache handling, same atomic publish, same
 * exit codes. The pipeline's output files are also kept in .pipeline/out for
 * the dev server. Any refresh option can be given to override a default,
 * e.g. `npm run build -- --input my-exports --as-of 2025-12-31`.
 */
import {USAGE} from "./args.js";
import {main} from "./main.js";

const BUILD_USAGE =
  USAGE.replace("npm run refresh -- --input DIR [options]", "npm run build [-- options]").replace(
    "  --input DIR         folder with the CRM and billing exports (required)",
    "  --input DIR         folder with the CRM and billing exports (default: data, the bundled sample)"
  ) + "\nDefaults for build: --input data --out dist --data-out .pipeline/out --log .pipeline/build-log.jsonl\n";

process.exitCode = await main(
  process.argv.slice(2),
  {input: "data", out: "dist", dataOut: ".pipeline/out", log: ".pipeline/build-log.jsonl"},
  BUILD_USAGE
);
