/**
 * Hostile and broken export files (issue #10): each case is the minimal fixture
 * with ONE defect, made in a temporary folder (a named pipe, a folder or a link
 * cannot live in the repository). A broken file stops the run with exit 2 and a
 * message naming it, never exit 1; a broken row is a reject at its physical line;
 * every run that finishes reconciles read = loaded + rejected per file in its
 * manifest.
 */
import {execFileSync} from "node:child_process";
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {afterAll, describe, expect, it} from "vitest";
import {main} from "../../../loaders/pipeline/cli.js";
import {openDatabase} from "../../../loaders/pipeline/db.js";
import {PipelineError, runPipeline, type PipelineOptions} from "../../../loaders/pipeline/run.js";
import {parseCsvObjects} from "../../../loaders/text/csv.js";
import {stubComputeOutputs} from "../stub-metrics.js";

const MINIMAL = join(import.meta.dirname, "..", "..", "fixtures", "minimal");
const FILES = readdirSync(MINIMAL).filter((f) => f.endsWith(".csv"));
const ROOT = mkdtempSync(join(tmpdir(), "hostile-inputs-"));
afterAll(() => rmSync(ROOT, {recursive: true, force: true}));

const minimal = (file: string) => readFileSync(join(MINIMAL, file), "utf8");

/** A copy of the minimal fixture in a fresh folder, then `defect` applied to it. */
function folder(name: string, defect: (dir: string) => void): string {
  const dir = join(ROOT, name, "input");
  mkdirSync(dir, {recursive: true});
  for (const f of FILES) copyFileSync(join(MINIMAL, f), join(dir, f));
  defect(dir);
  return dir;
}

/** Replaces `old` (which must be there) in one file of the folder. */
function edit(dir: string, file: string, old: string, replacement: string): void {
  const text = readFileSync(join(dir, file), "utf8");
  expect(text).toContain(old);
  writeFileSync(join(dir, file), text.replace(old, replacement));
}

interface Outcome {
  exitCode: number;
  message: string;
  rejects: {file: string; line: number; column: string; value: string; reason: string}[];
  files: {file: string; path: string | null; rows_read: number; rows_loaded: number; rows_rejected: number}[];
  manifest: Record<string, unknown> | null;
}

/** Runs the pipeline as the command line does: a PipelineError gives its exit status, anything else is exit 1. */
async function run(input: string, options: Partial<PipelineOptions> = {}): Promise<Outcome> {
  const out = join(input, "..", "out");
  try {
    await runPipeline({input, out, configObject: {reject_limit: 1}, computeOutputs: stubComputeOutputs, onNotes: () => {}, ...options});
  } catch (e) {
    const exitCode = e instanceof PipelineError ? e.exitCode : 1;
    return {exitCode, message: e instanceof PipelineError ? e.message : String((e as Error)?.stack ?? e), rejects: [], files: [], manifest: null};
  }
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  const rejects = parseCsvObjects(readFileSync(join(out, "rejects.csv"), "utf8")).map((r) => ({
    file: r.file,
    line: Number(r.line),
    column: r.column,
    value: r.value,
    reason: r.reason
  }));
  return {exitCode: 0, message: "", rejects, files: manifest.files, manifest};
}

/** Every file of a finished run reconciles, and only `rejected` files have rejects. */
function expectReconciled(o: Outcome, rejected: Record<string, number> = {}): void {
  expect(o.exitCode, o.message).toBe(0);
  for (const f of o.files) {
    expect(f.rows_read, f.file).toBe(f.rows_loaded + f.rows_rejected);
    if (f.path) expect(f.rows_rejected, f.path).toBe(rejected[f.path] ?? 0);
  }
}

function expectStopped(o: Outcome, exitCode: number, fragments: string[]): void {
  expect(o.exitCode, o.message).toBe(exitCode);
  expect(o.message).not.toMatch(/\n\s+at /); // no stack trace
  for (const fragment of fragments) expect(o.message).toContain(fragment);
}

describe("duplicated column names (item 5)", () => {
  it("account_name twice: exit 2 naming the file, the column and both positions", async () => {
    const dir = folder("dup-account-name", (d) => {
      const lines = minimal("accounts.csv").trimEnd().split("\n");
      writeFileSync(join(d, "accounts.csv"), lines.map((l, i) => l + (i === 0 ? ",account_name" : ",Other name")).join("\n") + "\n");
    });
    expectStopped(await run(dir), 2, ['accounts.csv: column "account_name" appears twice, as column 2 and column 9', "Delete or rename"]);
  });

  it("amount twice, the second spelled Amount: DuckDB's names ignore case, so it is the same column", async () => {
    const dir = folder("dup-amount", (d) => {
      const lines = minimal("invoice_lines.csv").trimEnd().split("\n");
      writeFileSync(join(d, "invoice_lines.csv"), lines.map((l, i) => l + (i === 0 ? ",Amount" : ",1")).join("\n") + "\n");
    });
    expectStopped(await run(dir), 2, ['invoice_lines.csv: column "amount" appears twice, as column 6 and column 8 (written "amount", "Amount")']);
  });

  it("a repeated column the run does not read is ignored, as any extra column", async () => {
    const dir = folder("dup-extra", (d) => {
      const lines = minimal("products.csv").trimEnd().split("\n");
      writeFileSync(join(d, "products.csv"), lines.map((l, i) => l + (i === 0 ? ",notes,notes" : ",a,b")).join("\n") + "\n");
    });
    const o = await run(dir);
    expectReconciled(o);
    expect(o.files.find((f) => f.file === "products")).toMatchObject({rows_read: 3, rows_loaded: 3});
  });

  it("a mapped export with the mapped column twice: exit 2 naming the user's file", async () => {
    const dir = folder("dup-mapped", (d) => {
      rmSync(join(d, "invoice_lines.csv"));
      writeFileSync(join(d, "billing.csv"), "Invoice,Customer,SKU,Date,Net,Net\nINV-1,A1,P1,2024-01-05,10.00,12.00\n");
    });
    const mapping = join(dir, "..", "mapping.json");
    writeFileSync(
      mapping,
      JSON.stringify({files: {invoice_lines: {source: "billing.csv", columns: {invoice_id: "Invoice", customer_id: "Customer", product_id: "SKU", invoice_date: "Date", amount: "Net"}}}})
    );
    expectStopped(await run(dir, {mapping}), 2, ['billing.csv: column "Net" appears twice in the header, as column 5 and column 6, and the mapping reads it']);
  });
});

describe("ids with Unicode white space or control characters (item 6)", () => {
  it("white space around ids (no-break, zero-width, ideographic, narrow no-break, BOM, tab) is trimmed in every export", async () => {
    const dir = folder("id-spaces", (d) => {
      edit(d, "invoice_lines.csv", "INV-004,1,C-100,", "INV-004,1,C-100\u00a0,");
      edit(d, "invoice_lines.csv", "INV-005,1,C-100,", "INV-005,1,\u200bC-100\t,");
      edit(d, "invoice_lines.csv", "INV-008,1,C-100,P2", "\ufeffINV-008\u2003,1,C-100,\u3000P2");
      edit(d, "accounts.csv", "A5,Epsilon", "A5\u202f,Epsilon");
      edit(d, "opportunities.csv", "O4,A5,P1", "O4,\u205fA5,P1\u00a0");
      edit(d, "products.csv", "P3,Support Plus", "\u2009P3,Support Plus");
      edit(d, "account_map.csv", "C-100,A1", "C-100\u200b,\u00a0A1");
      edit(d, "demand_units.csv", "A4,,P1", "A4\u3000,,\tP1");
    });
    const o = await run(dir);
    expectReconciled(o);
    // C-100 with spaces around it is still the one customer mapped to A1: only U-9 is unmatched.
    expect(o.manifest!.unmatched_customers).toEqual([{customer_id: "U-9", lines: 1, revenue: 75}]);
  });

  it("a NUL inside a billing customer_id is a reject naming the character", async () => {
    const dir = folder("id-nul", (d) => edit(d, "invoice_lines.csv", "INV-006,1,A4,", "INV-006,1,A\u00004,"));
    const o = await run(dir);
    expectReconciled(o, {"invoice_lines.csv": 1});
    expect(o.rejects).toEqual([
      {file: "invoice_lines.csv", line: 8, column: "customer_id", value: "A\u00004", reason: "control character U+0000 in the id (ids may not hold control characters)"}
    ]);
  });

  it("a tab inside an account_id (a control character once the id is trimmed) is a reject", async () => {
    const dir = folder("id-tab", (d) => edit(d, "accounts.csv", "A5,Epsilon", " A\t5 ,Epsilon"));
    const o = await run(dir);
    // A5's opportunity and billing line now name an unknown account: rejected or unmatched, never merged
    expect(o.rejects[0]).toEqual({
      file: "accounts.csv",
      line: 6,
      column: "account_id",
      value: " A\t5 ",
      reason: "control character U+0009 in the id (ids may not hold control characters)"
    });
    for (const f of o.files) expect(f.rows_read).toBe(f.rows_loaded + f.rows_rejected);
  });

  it("a line end inside a quoted product_id is a reject, in a file without any unusual byte", async () => {
    const dir = folder("id-newline", (d) => edit(d, "invoice_lines.csv", "INV-009,1,U-9,P1,", 'INV-009,1,U-9,"P\n1",'));
    const o = await run(dir);
    expectReconciled(o, {"invoice_lines.csv": 1});
    expect(o.rejects).toEqual([
      {file: "invoice_lines.csv", line: 11, column: "product_id", value: "P\n1", reason: "control character U+000A in the id (ids may not hold control characters)"}
    ]);
  });

  it("a line end around a quoted id is white space: trimmed, in invoice lines as in opportunities", async () => {
    // Both exports are read straight from the CSV; the line ends are the only unusual characters.
    const dir = folder("id-newline-around", (d) => {
      edit(d, "invoice_lines.csv", "INV-009,1,U-9,P1,", 'INV-009,1,U-9,"P1\n",');
      edit(d, "opportunities.csv", "O3,A3,", 'O3,"\nA3",');
    });
    const o = await run(dir);
    expectReconciled(o);
    expect(o.rejects).toEqual([]);
  });
});

describe("line ends and quotes: line numbers stay physical (items 7, 8)", () => {
  it("CRLF and LF mixed in one billing file: read, a bad date reported at its physical line", async () => {
    const dir = folder("mixed-line-ends", (d) => {
      const lines = minimal("invoice_lines.csv").replace("INV-010,1,A3,P3,2024-09-15", "INV-010,1,A3,P3,2024-19-15").split("\n");
      writeFileSync(join(d, "invoice_lines.csv"), lines.map((l, i) => (i === lines.length - 1 ? l : l + (i % 3 === 0 ? "\r\n" : "\n"))).join(""));
    });
    const o = await run(dir);
    expectReconciled(o, {"invoice_lines.csv": 1});
    expect(o.rejects).toEqual([
      {file: "invoice_lines.csv", line: 12, column: "invoice_date", value: "2024-19-15", reason: "not a date (expected YYYY-MM-DD)"}
    ]);
  });

  it("an LF file whose header ends in CRLF: read, a bad boolean at its physical line, a quoted newline counted", async () => {
    const dir = folder("crlf-header", (d) => {
      const text = minimal("accounts.csv").replace("\n", "\r\n").replace('"Beta, Inc."', '"Beta,\nInc."') + "A6,Zeta,SMB,NA,Retail,bob,maybe,2024-02-01\n";
      writeFileSync(join(d, "accounts.csv"), text);
    });
    const o = await run(dir);
    expectReconciled(o, {"accounts.csv": 1});
    expect(o.rejects).toEqual([
      {file: "accounts.csv", line: 8, column: "in_target_profile", value: "maybe", reason: "not a boolean (expected true/false, 1/0, yes/no)"}
    ]);
  });

  it("mixed line ends in a gzipped export: read from the decompressed copy", async () => {
    const dir = folder("mixed-gz", (d) => {
      const text = minimal("invoice_lines.csv").replace("\n", "\r\n").replace("INV-011,1,A5,P1,2024-12-31,50.00", "INV-011,1,A5,P1,2024-12-31,5O.00");
      rmSync(join(d, "invoice_lines.csv"));
      writeFileSync(join(d, "invoice_lines.csv.gz"), gzipSync(text));
    });
    const o = await run(dir);
    expectReconciled(o, {"invoice_lines.csv.gz": 1});
    expect(o.rejects).toEqual([
      {file: "invoice_lines.csv.gz", line: 13, column: "amount", value: "5O.00", reason: "not a decimal amount (use . as decimal separator, no thousands separators)"}
    ]);
  });

  it("a carriage return on its own inside an unquoted value (DuckDB cannot read past it): exit 2 naming the file and the cause", async () => {
    const dir = folder("lone-cr", (d) => edit(d, "accounts.csv", "Gamma <Ltd>", "Gamma\rLtd"));
    expectStopped(await run(dir), 2, ["accounts.csv could not be read", "a carriage return (CR) on its own outside double quotes"]);
  });

  it("a stray quote inside an unquoted field, then empty lines: a later bad date keeps its physical line", async () => {
    const dir = folder("stray-quote", (d) => {
      const lines = minimal("invoice_lines.csv").split("\n");
      lines[2] = lines[2].replace("INV-002", 'INV"002'); // line 3
      lines.splice(4, 0, "", ""); // lines 5 and 6 empty
      lines[9] = lines[9].replace("2024-03-10", "2024-13-10"); // INV-006, now on line 10
      writeFileSync(join(d, "invoice_lines.csv"), lines.join("\n"));
    });
    const o = await run(dir);
    expectReconciled(o, {"invoice_lines.csv": 1});
    expect(o.rejects).toEqual([
      {file: "invoice_lines.csv", line: 10, column: "invoice_date", value: "2024-13-10", reason: "not a date (expected YYYY-MM-DD)"}
    ]);
  });

  it("stray quotes, a malformed quoted field, empty lines and a quoted newline: every reject at its physical line", async () => {
    const dir = folder("stray-quote-malformed", (d) => {
      const text = [
        "account_id,account_name,segment,region,industry,owner,in_target_profile,created_date",
        'A1,Acme "Corp",Enterprise,EMEA,Manufacturing,alice,true,2023-01-10', // 2: stray quotes
        "",
        'A2,"Beta" Inc,SMB,NA,Retail,bob,false,2023-03-01', // 4: text after a closing quote: malformed
        "",
        "",
        'A3,"Gamma\nLtd",Mid-Market,APAC,Software,alice,yes,2023-05-20', // 7-8
        "",
        "A4,Delta,,EMEA,,carol,perhaps,2024-01-15", // 10: bad boolean
        "A5,Epsilon,SMB,NA,Retail,bob,no,2024-02-01,extra", // 11: one field too many
        'A6,Zeta"s,SMB,NA,Retail,bob,no,2024-02-0x' // 12: stray quote and a bad date
      ].join("\n");
      writeFileSync(join(d, "accounts.csv"), text + "\n");
    });
    const o = await run(dir);
    expect(o.exitCode, o.message).toBe(0);
    const accounts = o.rejects.filter((r) => r.file === "accounts.csv").map((r) => [r.line, r.column, r.reason.slice(0, 30)]);
    expect(accounts).toEqual([
      [4, "", "malformed CSV row: Value with "],
      [10, "in_target_profile", "not a boolean (expected true/f"],
      [11, "", "malformed CSV row: Expected Nu"],
      [12, "created_date", "not a date (expected YYYY-MM-D"]
    ]);
    const f = o.files.find((x) => x.file === "accounts")!;
    expect(f).toMatchObject({rows_read: 6, rows_loaded: 2, rows_rejected: 4});
  });
});

describe("files that cannot be read as they are (item 9)", () => {
  it("a cut-off .csv.gz: exit 2 naming it, not a silently shorter file", async () => {
    const dir = folder("gz-truncated", (d) => {
      const rows = Array.from({length: 3000}, (_, i) => `INV-${1000 + i},1,A2,P1,2024-04-01,${i}.00,`).join("\n");
      const whole = gzipSync(minimal("invoice_lines.csv") + rows + "\n");
      rmSync(join(d, "invoice_lines.csv"));
      writeFileSync(join(d, "invoice_lines.csv.gz"), whole.subarray(0, Math.floor(whole.length * 0.7)));
    });
    expectStopped(await run(dir), 2, ["invoice_lines.csv.gz: the gzip file is cut off", "copy or export it again"]);
  });

  it("a .csv.gz cut off within its first bytes, and one that is no gzip at all: exit 2", async () => {
    const cut = folder("gz-cut-early", (d) => writeFileSync(join(d, "products.csv.gz"), gzipSync(minimal("products.csv")).subarray(0, 30)));
    rmSync(join(cut, "products.csv"));
    expectStopped(await run(cut), 2, ["products.csv.gz: the gzip file is cut off"]);
    const plain = folder("gz-not-gzip", (d) => writeFileSync(join(d, "products.csv.gz"), minimal("products.csv")));
    rmSync(join(plain, "products.csv"));
    expectStopped(await run(plain), 2, ["products.csv.gz: the file is not a valid gzip file"]);
  });

  it("a folder named like an export: exit 2", async () => {
    const dir = folder("folder-export", (d) => {
      rmSync(join(d, "accounts.csv"));
      mkdirSync(join(d, "accounts.csv"));
      copyFileSync(join(MINIMAL, "accounts.csv"), join(d, "accounts.csv", "accounts.csv"));
    });
    expectStopped(await run(dir), 2, ["accounts.csv in ", "is a folder, not a file"]);
  });

  it.skipIf(process.platform === "win32")("a named pipe: refused at once (reading it would wait for a writer forever)", async () => {
    const dir = folder("fifo", (d) => {
      rmSync(join(d, "accounts.csv"));
      execFileSync("mkfifo", [join(d, "accounts.csv")]);
    });
    expectStopped(await run(dir), 2, ["accounts.csv in ", "is a named pipe (FIFO), not a file"]);
  }, 10_000);

  it("a symbolic link out of the input folder is refused, naming it; one inside the folder is read", async () => {
    const out = folder("link-out", (d) => {
      rmSync(join(d, "accounts.csv"));
      symlinkSync(join(MINIMAL, "accounts.csv"), join(d, "accounts.csv"));
    });
    expectStopped(await run(out), 2, ["accounts.csv is a symbolic link to ", "outside the input folder", "copy the file into the input folder"]);
    const inside = folder("link-in", (d) => {
      rmSync(join(d, "accounts.csv"));
      copyFileSync(join(MINIMAL, "accounts.csv"), join(d, "accounts-2024.csv"));
      symlinkSync("accounts-2024.csv", join(d, "accounts.csv"));
    });
    expectReconciled(await run(inside));
  });

  const text = minimal("accounts.csv").replace("Acme Corp", "Acmé Corp");
  const utf16be = (s: string) => Buffer.from(s, "utf16le").swap16();
  const encodings: [string, Buffer, string[]][] = [
    ["utf16le-bom", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), ["UTF-16 LE (with a byte order mark)", "iconv -f UTF-16LE -t UTF-8 accounts.csv"]],
    ["utf16be-bom", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]), ["UTF-16 BE (with a byte order mark)", "iconv -f UTF-16BE"]],
    ["utf16le", Buffer.from(text, "utf16le"), ["UTF-16 LE (without a byte order mark)"]],
    ["utf16be", utf16be(text), ["UTF-16 BE (without a byte order mark)"]],
    ["latin1", Buffer.from(text, "latin1"), ["appears to be encoded as Latin-1 (ISO-8859-1) (byte 0xE9 on line 2 is not UTF-8)", "iconv -f ISO-8859-1"]],
    [
      "windows-1252",
      Buffer.concat([Buffer.from(text.replace("Delta", "Delta \x93Four\x94"), "latin1")]),
      ["appears to be encoded as Windows-1252 (Western European)", 'File > Save As > "CSV UTF-8']
    ]
  ];
  for (const [name, bytes, fragments] of encodings) {
    it(`accounts.csv in ${name}: exit 2 saying which encoding and how to re-save it as UTF-8`, async () => {
      const dir = folder(`encoding-${name}`, (d) => writeFileSync(join(d, "accounts.csv"), bytes));
      expectStopped(await run(dir), 2, ["accounts.csv is not UTF-8", ...fragments]);
    });
  }

  it("the command line: exit status 2 and one message naming the file, no stack trace", async () => {
    const dir = folder("cli-encoding", (d) => writeFileSync(join(d, "products.csv"), Buffer.from("\ufeff" + minimal("products.csv"), "utf16le")));
    let stderr = "";
    const code = await main(["--input", dir, "--out", join(dir, "..", "out"), "--quiet"], (t) => (stderr += t));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^pipeline failed: products\.csv is not UTF-8: it is encoded as UTF-16 LE \(with a byte order mark\)\./);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("a mapped source file in UTF-16: exit 2 naming it", async () => {
    const dir = folder("encoding-mapped", (d) => {
      rmSync(join(d, "invoice_lines.csv"));
      writeFileSync(join(d, "billing.csv"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Invoice,Customer\nINV-1,A1\n", "utf16le")]));
    });
    const mapping = join(dir, "..", "mapping.json");
    const columns = {invoice_id: "Invoice", customer_id: "Customer", product_id: "SKU", invoice_date: "Date", amount: "Net"};
    writeFileSync(mapping, JSON.stringify({files: {invoice_lines: {source: "billing.csv", columns}}}));
    expectStopped(await run(dir, {mapping}), 2, ["billing.csv is not UTF-8", "UTF-16 LE"]);
  });

  it("an amount too large for the type is out of range, not 'not a decimal amount'", async () => {
    const dir = folder("amount-range", (d) => {
      edit(d, "invoice_lines.csv", "2024-02-15,1000.00,", "2024-02-15,123456789012345678.00,");
      edit(d, "opportunities.csv", "O7,A1,P3,new_business,lost,80,", "O7,A1,P3,new_business,lost,-1e3,");
    });
    const o = await run(dir);
    expectReconciled(o, {"invoice_lines.csv": 1, "opportunities.csv": 1});
    expect(o.rejects).toEqual([
      {file: "invoice_lines.csv", line: 6, column: "amount", value: "123456789012345678.00", reason: "amount out of range (at most 14 digits before the decimal point)"},
      {file: "opportunities.csv", line: 8, column: "amount", value: "-1e3", reason: "not a decimal amount (use . as decimal separator, no thousands separators)"}
    ]);
  });

  it("a parquet DOUBLE amount such as 1e-05 is a number: loaded; 1e30 is out of range", async () => {
    const dir = folder("parquet-double", (d) => {
      rmSync(join(d, "invoice_lines.csv"));
    });
    const db = await openDatabase();
    try {
      await db.conn.run(
        `COPY (SELECT invoice_id, line_id, customer_id, product_id, invoice_date,
                      CASE invoice_id WHEN 'INV-002' THEN 1e-05 WHEN 'INV-003' THEN 1e30 ELSE CAST(amount AS DOUBLE) END AS amount, currency
               FROM read_csv('${join(MINIMAL, "invoice_lines.csv")}', all_varchar = true) WHERE line_id = '1')
         TO '${join(dir, "invoice_lines.parquet")}' (FORMAT parquet)`
      );
    } finally {
      db.close();
    }
    const o = await run(dir);
    expectReconciled(o, {"invoice_lines.parquet": 1});
    expect(o.rejects).toEqual([
      {file: "invoice_lines.parquet", line: 4, column: "amount", value: "1000000000000000019884624838656", reason: "amount out of range (at most 14 digits before the decimal point)"}
    ]);
    expect(o.files.find((f) => f.file === "invoice_lines")).toMatchObject({rows_read: 11, rows_loaded: 10});
  });
});
