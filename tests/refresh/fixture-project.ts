/**
 * A tiny project for testing the refresh orchestration quickly: the real
 * Framework (node_modules is linked from this repository) building a one-page
 * site, and a small stand-in for the pipeline command so that each outcome
 * (success, bad input, bad configuration, crash) can be produced on demand.
 * The stand-in reads `behaviour.json` in the input folder: `{"exit": 2,
 * "message": "..."}` makes it fail that way; otherwise it copies every
 * `*.json` and `*.csv` of the input to `--out`, as the real pipeline publishes
 * its outputs. The end-to-end tests (refresh.e2e.test.ts) use the real pipeline.
 */
import {mkdirSync, symlinkSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import type {Manifest} from "../../src/schemas/run.js";

const REPO = resolve(import.meta.dirname, "..", "..");

const FAKE_PIPELINE = `
import {copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
const args = process.argv.slice(2);
const arg = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const input = arg("--input"), out = arg("--out");
const behaviourFile = join(input, "behaviour.json");
const behaviour = existsSync(behaviourFile) ? JSON.parse(readFileSync(behaviourFile, "utf8")) : {};
if (!args.includes("--quiet")) process.stderr.write("fake pipeline: args " + JSON.stringify(args) + "\\nfake pipeline: malloc arenas " + process.env.MALLOC_ARENA_MAX + "\\n");
// as the real one (loaders/pipeline/cli.ts): a signal ends the run with exit 1 and a line that says so
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => { process.stderr.write("fake pipeline: stopped by " + signal + "\\n"); process.exit(1); });
}
if (behaviour.sleepMs) {
  mkdirSync(out, {recursive: true}); // a half-written output, as a real run has when stopped
  process.stderr.write("fake pipeline: sleeping\\n");
  await new Promise((r) => setTimeout(r, behaviour.sleepMs));
}
if (behaviour.exit) {
  process.stderr.write("pipeline failed: " + (behaviour.message ?? "failure") + "\\n");
  if (behaviour.failedReport) {
    mkdirSync(out + ".failed", {recursive: true});
    copyFileSync(join(input, "rejects.csv"), join(out + ".failed", "rejects.csv"));
  }
  process.exit(behaviour.exit);
}
mkdirSync(out, {recursive: true});
for (const f of readdirSync(input)) if (/\\.(json|csv)$/.test(f) && f !== "behaviour.json") copyFileSync(join(input, f), join(out, f));
`;

// A JavaScript data loader (run with node, no tsx needed) reading the pipeline output.
const KPIS_LOADER = `
import {readFileSync} from "node:fs";
import {join} from "node:path";
const text = readFileSync(join(process.env.CROSSSELL_DATA_DIR, "kpis.json"), "utf8");
if (JSON.parse(text).break_build) { console.error("kpis.json: break_build is set"); process.exit(1); }
process.stdout.write(text);
`;

const INDEX_PAGE = `# Fixture report

\`\`\`js
const kpis = FileAttachment("data/kpis.json").json();
\`\`\`

Revenue: \${kpis.revenue}
`;

/** Creates the fixture project in `dir` and returns its root. */
export function makeFixtureProject(dir: string): string {
  mkdirSync(join(dir, "loaders", "pipeline"), {recursive: true});
  mkdirSync(join(dir, "src", "data"), {recursive: true});
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({name: "fixture", private: true, type: "module"}));
  writeFileSync(join(dir, "observablehq.config.ts"), `export default {title: "Fixture", root: "src"};\n`);
  writeFileSync(join(dir, "loaders", "pipeline", "cli.ts"), FAKE_PIPELINE);
  writeFileSync(join(dir, "src", "data", "kpis.json.js"), KPIS_LOADER);
  writeFileSync(join(dir, "src", "index.md"), INDEX_PAGE);
  return dir;
}

export function manifest(overrides: Partial<Manifest> = {}): Manifest {
  return {
    as_of: "2026-06-30",
    as_of_rule: "latest_invoice_on_or_before_run_date",
    period_start: "2025-07-01",
    period_end: "2026-06-30",
    currency: "USD",
    mode: "billing",
    reject_limit: 0.01,
    grace_days: 0,
    earliest_invoice_on: "2023-01-05",
    latest_invoice_on: "2026-06-28",
    future_dated_lines: {count: 0, first: null, last: null, amount: 0},
    files: [
      {file: "accounts", path: "accounts.csv", sha256: "a".repeat(64), rows_read: 300, rows_loaded: 300, rows_rejected: 0, rejected_share: 0, extra_columns: []},
      {file: "invoice_lines", path: "invoice_lines.csv", sha256: "b".repeat(64), rows_read: 4000, rows_loaded: 3998, rows_rejected: 2, rejected_share: 0.0005, extra_columns: []},
      {file: "products", path: null, sha256: null, rows_read: 0, rows_loaded: 0, rows_rejected: 0, rejected_share: 0, extra_columns: []}
    ],
    unmatched_customers: [
      {customer_id: "CUST-9", lines: 3, revenue: 150},
      {customer_id: "CUST-7", lines: 1, revenue: 900}
    ],
    bands: [],
    config: {},
    ...overrides
  };
}

export const REJECTS_CSV =
  'file,line,column,value,reason\ninvoice_lines.csv,17,amount,"12,5",not a decimal number\ninvoice_lines.csv,90,invoice_date,2026-02-30,not a real date\n';

/** Writes an export folder for the stand-in pipeline. */
export function makeInput(dir: string, options: {revenue: number; manifest?: Partial<Manifest>; behaviour?: object; breakBuild?: boolean}): string {
  mkdirSync(dir, {recursive: true});
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest(options.manifest)));
  writeFileSync(join(dir, "kpis.json"), JSON.stringify({revenue: options.revenue, ...(options.breakBuild ? {break_build: true} : {})}));
  writeFileSync(join(dir, "rejects.csv"), REJECTS_CSV);
  if (options.behaviour) writeFileSync(join(dir, "behaviour.json"), JSON.stringify(options.behaviour));
  return dir;
}
