/**
 * runPipeline / the command line with --mapping (and --preset): the exports are
 * mapped first (loaders/pipeline/mapping), and the run still speaks of the user's files:
 * rejects name the original file and line of each row (two billing files are
 * stacked here), the manifest names and hashes the original files, and the
 * mapping's reject_limit applies unless a flag overrides it.
 */
import {createHash} from "node:crypto";
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {main} from "../../loaders/pipeline/cli.js";
import {EXIT_BAD_CONFIG, EXIT_BAD_INPUT, PipelineError, runPipeline} from "../../loaders/pipeline/run.js";
import {stubComputeOutputs} from "./stub-metrics.js";

const MINIMAL = join(import.meta.dirname, "..", "fixtures", "minimal");

const BILLING_A = `Invoice,Line,Customer,SKU,Date,Net,Notes
INV-001,1,A1,P1,2023-02-15,1000.00,first
INV-002,1,A2,P 2,2023-04-01,200.00,
`;
const BILLING_B = `Invoice,Line,Customer,SKU,Date,Net,Notes
INV-003,1,A3,P1,2023-06-01,300.00,
INV-001,1,A1,P1,2023-02-15,1000.00,copied again
`;
const MAPPING = {
  reject_limit: 0.5,
  files: {
    invoice_lines: {
      source: "billing-*.csv",
      columns: {invoice_id: "Invoice", line_id: "Line", customer_id: "Customer", product_id: "SKU", invoice_date: "Date", amount: "Net"}
    }
  }
};

/** The minimal fixture with its billing file replaced by two foreign-format files, and the mapping. */
function foreignFolder(mapping: unknown = MAPPING): {input: string; mapping: string; out: string} {
  const root = mkdtempSync(join(tmpdir(), "pipeline-mapping-"));
  const input = join(root, "exports");
  const files = ["accounts.csv", "products.csv", "opportunities.csv", "account_map.csv", "fx_rates.csv", "demand_units.csv"];
  mkdirSync(input);
  for (const f of files) copyFileSync(join(MINIMAL, f), join(input, f));
  writeFileSync(join(input, "billing-a.csv"), BILLING_A);
  writeFileSync(join(input, "billing-b.csv"), BILLING_B);
  writeFileSync(join(root, "mapping.json"), JSON.stringify(mapping));
  return {input, mapping: join(root, "mapping.json"), out: join(root, "out")};
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("--mapping", () => {
  it("names the user's files and lines in rejects.csv and the manifest", async () => {
    const f = foreignFolder();
    const result = await runPipeline({input: f.input, out: f.out, mapping: f.mapping, configObject: {}, computeOutputs: stubComputeOutputs, onNotes: () => {}});
    // billing-a.csv line 3: "P 2" is not a catalog id; read without spaces it is P2.
    // billing-b.csv line 3 repeats (INV-001, 1) of billing-a.csv line 2.
    expect(readFileSync(join(f.out, "rejects.csv"), "utf8")).toBe(
      "file,line,column,value,reason\n" +
        'billing-a.csv,3,product_id,P 2,"unknown product ""P 2"" (not in products.csv; closest: ""P2"")"\n' +
        'billing-b.csv,3,line_id,1,"duplicate (invoice_id, line_id) (first on billing-a.csv line 2)"\n'
    );
    const manifest = JSON.parse(readFileSync(join(f.out, "manifest.json"), "utf8"));
    const lines = manifest.files.find((x: {file: string}) => x.file === "invoice_lines");
    // Two stacked files: the hash of their "sha256  name" lines, in row order.
    const combined = sha256(`${sha256(BILLING_A)}  billing-a.csv\n${sha256(BILLING_B)}  billing-b.csv\n`);
    expect(lines).toEqual({
      file: "invoice_lines",
      path: "billing-a.csv, billing-b.csv",
      sha256: combined,
      rows_read: 4,
      rows_loaded: 2,
      rows_rejected: 2,
      rejected_share: 0.5,
      extra_columns: []
    });
    // A canonical file copied through keeps its name and hash.
    const accounts = manifest.files.find((x: {file: string}) => x.file === "accounts");
    expect(accounts.path).toBe("accounts.csv");
    expect(accounts.sha256).toBe(sha256(readFileSync(join(MINIMAL, "accounts.csv"), "utf8")));
    // The mapping's reject_limit (0.5) was used: 2 of 4 rejected is not above it.
    expect(manifest.reject_limit).toBe(0.5);
    expect(result.rejected).toBe(2);
  });

  it("a --reject-limit flag beats the mapping's; the failure counts rejects per reason", async () => {
    const f = foreignFolder();
    const error = await runPipeline({input: f.input, out: f.out, mapping: f.mapping, rejectLimit: 0.1, configObject: {}, computeOutputs: stubComputeOutputs, onNotes: () => {}}).catch((e) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect(error.exitCode).toBe(EXIT_BAD_INPUT);
    expect(error.message).toContain("billing-a.csv, billing-b.csv: 2 of 4 rows rejected (50.00%), above the limit of 10.00%");
    expect(error.message).toContain('\n  1 × product_id: unknown product "P 2" (not in products.csv; closest: "P2")\n');
    expect(error.message).toContain('\n  1 × line_id: duplicate (invoice_id, line_id) (e.g. "1")\n');
  });

  it("the command line: notes on stderr, a bad mapping or an unknown preset exits 3", async () => {
    const f = foreignFolder();
    let stderr = "";
    const code = await main(["--input", f.input, "--mapping", f.mapping, "--out", f.out], (t) => (stderr += t));
    expect(code).toBe(0);
    expect(stderr).toContain("mapping: invoice_lines.csv ← billing-a.csv, billing-b.csv: 4 rows");

    const bad = foreignFolder({files: {invoice_lines: {source: "billing-*.csv", colums: {}}}});
    stderr = "";
    expect(await main(["--quiet", "--input", bad.input, "--mapping", bad.mapping, "--out", bad.out], (t) => (stderr += t))).toBe(EXIT_BAD_CONFIG);
    expect(stderr).toMatch(/^pipeline failed: .*colums/s);

    stderr = "";
    expect(await main(["--quiet", "--input", f.input, "--preset", "no-such-system", "--out", f.out], (t) => (stderr += t))).toBe(EXIT_BAD_CONFIG);
    expect(stderr).toContain("no-such-system");
  });
});
