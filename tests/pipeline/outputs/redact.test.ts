/**
 * --redact (loaders/pipeline/outputs/redact.ts): the SQL HMAC equals node's, the names
 * in the loaded tables and in the rejects become stable pseudonyms that keep
 * two names apart, and on the bundled sample no account name or owner is left
 * in any output file while the same name reads the same everywhere.
 */
import {cpSync, mkdtempSync, readdirSync, readFileSync, appendFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openDatabase, queryRows, runSql, sqlString, type Database} from "../../../loaders/pipeline/db.js";
import {CREATE_REJECTS_TABLE} from "../../../loaders/pipeline/ingest/rejects.js";
import {DEFAULT_REDACT_SALT, digestSql, nameDigest, pseudonym, redactNames, redactSalt, WITHHELD_LINE} from "../../../loaders/pipeline/outputs/redact.js";
import {runPipeline, REPO_ROOT} from "../../../loaders/pipeline/run.js";
import {parseCsvObjects, parseGuardedCsvObjects} from "../../../loaders/text/csv.js";

let db: Database;
beforeAll(async () => {
  db = await openDatabase();
});
afterAll(() => db.close());

const SALT = "test salt";

describe("digestSql", () => {
  it("computes HMAC-SHA256 as node's crypto does, for short and long (hashed) keys", async () => {
    const names = ["Acme", "株式会社サンプル", `The "Quoted" Company`, "Liam O'Brien", "x".repeat(300)];
    for (const salt of [SALT, "k".repeat(100), DEFAULT_REDACT_SALT]) {
      const rows = await queryRows<{name: string; d: string}>(
        db.conn,
        `SELECT name, ${digestSql("name", salt)} AS d FROM (VALUES ${names.map((n) => `(${sqlString(n)})`).join(", ")}) t(name)`
      );
      for (const row of rows) expect(row.d).toBe(nameDigest(row.name, salt));
    }
  });

  it("takes the salt from $CROSSSELL_REDACT_SALT, else the fixed default", () => {
    expect(redactSalt({CROSSSELL_REDACT_SALT: "s3cret"})).toBe("s3cret");
    expect(redactSalt({CROSSSELL_REDACT_SALT: ""})).toBe(DEFAULT_REDACT_SALT);
    expect(redactSalt({})).toBe(DEFAULT_REDACT_SALT);
  });
});

describe("redactNames", () => {
  async function loadTables(accounts: [string, string | null, string | null][], opportunityOwners: (string | null)[]): Promise<void> {
    const v = (x: string | null) => (x === null ? "NULL" : sqlString(x));
    await runSql(
      db.conn,
      `CREATE OR REPLACE TABLE stg_accounts AS SELECT * FROM (VALUES ${accounts.map(([id, name, owner]) => `(${v(id)}, ${v(name)}, ${v(owner)})`).join(", ")}) t(account_id, account_name, owner);
       CREATE OR REPLACE TABLE stg_opportunities AS SELECT * FROM (VALUES ${opportunityOwners.map((o, i) => `('OPP-${i}', ${v(o)})`).join(", ")}) t(opportunity_id, owner);
       DROP TABLE IF EXISTS ingest_rejects; ${CREATE_REJECTS_TABLE};`
    );
  }

  it("replaces account names and owners everywhere by the same pseudonym, keeps ids, NULLs and other rejects, withholds unparsed lines", async () => {
    await loadTables(
      [
        ["ACC-1", "Acme", "Maya Patel"],
        ["ACC-2", "Globex", null],
        ["ACC-3", "Acme", "Noah Dubois"]
      ],
      ["Maya Patel", null, "Grace Kim"]
    );
    const reject = (exp: string, column: string, value: string) =>
      `INSERT INTO ingest_rejects VALUES ('f.csv', 2, ${sqlString(column)}, ${sqlString(value)}, 'r', ${sqlString(exp)}, 2);`;
    await runSql(
      db.conn,
      reject("accounts", "account_name", "Initech") +
        reject("opportunities", "owner", "Maya Patel") +
        reject("accounts", "", "ACC-9,Secret Corp,SMB,\"x") +
        reject("invoice_lines", "", "INV-1,ACC-1,CRM") +
        reject("accounts", "account_id", "ACC-1") +
        reject("accounts", "account_name", "")
    );
    const result = await redactNames(db.conn, SALT);
    expect(result).toEqual({names: {account: 3, owner: 3}, digits: {account: 6, owner: 4}});
    const accounts = await queryRows(db.conn, `SELECT account_id, account_name, owner FROM stg_accounts ORDER BY account_id`);
    expect(accounts).toEqual([
      {account_id: "ACC-1", account_name: pseudonym("account", "Acme", SALT), owner: pseudonym("owner", "Maya Patel", SALT)},
      {account_id: "ACC-2", account_name: pseudonym("account", "Globex", SALT), owner: null},
      {account_id: "ACC-3", account_name: pseudonym("account", "Acme", SALT), owner: pseudonym("owner", "Noah Dubois", SALT)}
    ]);
    expect(accounts[0].account_name).toMatch(/^Account [0-9A-F]{6}$/);
    expect(accounts[0].owner).toMatch(/^Owner [0-9A-F]{4}$/);
    const owners = await queryRows<{owner: string | null}>(db.conn, `SELECT owner FROM stg_opportunities ORDER BY opportunity_id`);
    expect(owners.map((o) => o.owner)).toEqual([pseudonym("owner", "Maya Patel", SALT), null, pseudonym("owner", "Grace Kim", SALT)]);
    const rejects = await queryRows<{value: string}>(db.conn, `SELECT value FROM ingest_rejects ORDER BY rowid`);
    expect(rejects.map((r) => r.value)).toEqual([
      pseudonym("account", "Initech", SALT),
      pseudonym("owner", "Maya Patel", SALT),
      WITHHELD_LINE,
      "INV-1,ACC-1,CRM",
      "ACC-1",
      ""
    ]);
  });

  it("uses more hex digits when two names would share a pseudonym, so that they are never merged", async () => {
    const names = Array.from({length: 60}, (_, i) => `Owner name ${i}`);
    await loadTables(names.map((n, i) => [`ACC-${i}`, `Account ${i}`, n]), [null]);
    const result = await redactNames(db.conn, SALT, {owner: 1, account: 1});
    // 60 names cannot have distinct 1-digit codes (16 values): more digits were needed.
    expect(result.digits.owner).toBeGreaterThan(1);
    const rows = await queryRows<{owner: string}>(db.conn, `SELECT owner FROM stg_accounts`);
    expect(new Set(rows.map((r) => r.owner)).size).toBe(60);
    for (const r of rows) expect(r.owner).toMatch(new RegExp(`^Owner [0-9A-F]{${result.digits.owner}}$`));
  });
});

describe("--redact on the bundled sample", () => {
  const sample = join(REPO_ROOT, "data");
  const original = parseCsvObjects(readFileSync(join(sample, "accounts.csv"), "utf8"));
  const names = new Set<string>();
  // As loaded: the spaces around a cell are trimmed.
  for (const a of original) for (const n of [a.account_name, a.owner]) if (n.trim()) names.add(n.trim());
  for (const o of parseCsvObjects(readFileSync(join(sample, "opportunities.csv"), "utf8"))) if (o.owner.trim()) names.add(o.owner.trim());

  let out: string;
  let files: Record<string, string>;
  beforeAll(async () => {
    const input = mkdtempSync(join(tmpdir(), "redact-in-"));
    cpSync(sample, input, {recursive: true});
    // A line the CSV reader cannot parse (an unterminated quote), holding a name: its value must not leak.
    appendFileSync(join(input, "accounts.csv"), `ACC-009999,Secret Corp,SMB,NA,,Maya Patel,true,2023-01-01,"unclosed\n`);
    names.add("Secret Corp");
    out = join(mkdtempSync(join(tmpdir(), "redact-out-")), "out");
    await runPipeline({input, out, redact: true});
    files = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")]));
  });

  it("leaves no account name or owner of the exports in any output file", () => {
    expect(names.size).toBeGreaterThan(100);
    const leaks: string[] = [];
    for (const [file, text] of Object.entries(files)) {
      for (const name of names) {
        const forms = [name, JSON.stringify(name).slice(1, -1), name.replaceAll('"', '""')];
        if (forms.some((f) => text.includes(f))) leaks.push(`${file}: ${name}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(JSON.parse(files["manifest.json"]).redacted).toBe(true);
    expect(files["rejects.csv"]).toContain(WITHHELD_LINE);
  });

  it("gives each name its HMAC pseudonym, the same in every file", () => {
    const nameOf = new Map<string, {account_name: string; owner: string}>();
    // The first row of an account_id is the one loaded (a later one is a rejected duplicate).
    for (const a of original) if (!nameOf.has(a.account_id)) nameOf.set(a.account_id, {account_name: a.account_name.trim(), owner: a.owner.trim()});
    const accounts = JSON.parse(files["accounts.json"]) as {account_id: string; account_name: string; owner: string | null}[];
    const expected = (kind: "account" | "owner", name: string, shown: string) => `${kind === "account" ? "Account" : "Owner"} ${nameDigest(name, DEFAULT_REDACT_SALT).slice(0, shown.length - shown.indexOf(" ") - 1).toUpperCase()}`;
    const byId = new Map<string, {account_name: string; owner: string | null}>();
    let checked = 0;
    for (const a of accounts) {
      byId.set(a.account_id, a);
      const o = nameOf.get(a.account_id);
      if (!o) continue; // an unmatched billing customer: its name is its id
      expect(a.account_name).toBe(expected("account", o.account_name, a.account_name));
      if (o.owner) expect(a.owner).toBe(expected("owner", o.owner, a.owner!));
      checked++;
    }
    expect(checked).toBeGreaterThan(2000);
    // Same pseudonym in the other files that name accounts or owners.
    let compared = 0;
    for (const file of ["demand_units.json", "open_pipeline.json"]) {
      for (const row of JSON.parse(files[file]) as {account_id: string; account_name?: string; owner?: string | null}[]) {
        const a = byId.get(row.account_id);
        if (!a) continue;
        if (row.account_name !== undefined) expect(row.account_name, file).toBe(a.account_name);
        if (file === "demand_units.json" && row.owner !== undefined) expect(row.owner, file).toBe(a.owner);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
    // The owner cut holds the owners' pseudonyms (two owners never merged: one cut per owner).
    const owners = new Set(accounts.map((a) => a.owner).filter(Boolean));
    const cuts = new Set((JSON.parse(files["figures_by_owner.json"]) as {cut: string}[]).map((r) => r.cut).filter((c) => c !== "Unknown"));
    expect([...cuts].every((c) => owners.has(c))).toBe(true);
    expect(cuts.size).toBe(owners.size);
    // rejects.csv reads back to the same values as the pipeline had (the formula guard and the redaction agree).
    expect(parseGuardedCsvObjects(files["rejects.csv"]).length).toBe(files["rejects.csv"].trim().split("\n").length - 1);
  });
});
