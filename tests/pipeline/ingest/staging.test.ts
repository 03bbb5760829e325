/**
 * dropIngestOnlyTables: once ingest is done, the pipeline drops what only the
 * checks needed, and keeps what the metrics, the manifest and the rejects read.
 */
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openDatabase, queryRows, runSql, type Database} from "../../../loaders/pipeline/db.js";
import {dropIngestOnlyTables, STAGING_VIEWS} from "../../../loaders/pipeline/ingest/staging.js";
import {ingestFolder, rejectsOf} from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/bad-inputs");

let db: Database;
beforeAll(async () => {
  db = await openDatabase();
});
afterAll(() => db.close());

describe("dropIngestOnlyTables", () => {
  it("drops the raw copies, checked rows and record line maps, but not the checked table behind a staging view, the staging tables, the line lists or the rejects", async () => {
    const tables = [
      "raw_accounts",
      "raw_opportunities_errors",
      "chk_accounts",
      "chk_accounts_late",
      "chk_opportunities",
      "chk_invoice_lines",
      "stg_accounts",
      "stg_invoice_customers",
      "ingest_rejects",
      "run_params"
    ];
    for (const t of tables) await runSql(db.conn, `CREATE TABLE ${t} (x INTEGER)`);
    await runSql(db.conn, "CREATE TEMP TABLE lines_invoice_lines_records (x INTEGER); CREATE TEMP TABLE lines_invoice_lines (x INTEGER)");
    await runSql(db.conn, "CREATE VIEW stg_invoice_lines AS SELECT * FROM chk_invoice_lines");

    await dropIngestOnlyTables(db.conn);

    const left = await queryRows<{name: string}>(db.conn, "SELECT table_name AS name FROM duckdb_tables() ORDER BY name");
    expect(left.map((t) => t.name)).toEqual([
      "chk_invoice_lines",
      "ingest_rejects",
      "lines_invoice_lines",
      "run_params",
      "stg_accounts",
      "stg_invoice_customers"
    ]);
    expect(STAGING_VIEWS.get("stg_invoice_lines")).toBe("chk_invoice_lines");
    expect(await queryRows(db.conn, "SELECT count(*)::INTEGER AS n FROM stg_invoice_lines")).toEqual([{n: 0}]);
  });
});

describe("opportunities staged early", () => {
  it("stages stg_opportunities with their rules and cuts chk_opportunities down to its rule, in record order", async () => {
    const {db: ingested, conn, result} = await ingestFolder(join(FIXTURES, "duplicate-opportunity"));
    try {
      const columns = await queryRows<{name: string}>(conn, "SELECT column_name AS name FROM duckdb_columns() WHERE table_name = 'chk_opportunities'");
      expect(columns.map((c) => c.name)).toEqual(["rule"]);
      // the duplicate is the 8th record (rowid 7): its rule stays at its rank, and so at its line
      const rules = await queryRows<{rid: number; reason: string}>(
        conn,
        "SELECT rowid::INTEGER AS rid, rule['reason'] AS reason FROM chk_opportunities WHERE rule IS NOT NULL"
      );
      expect(rules).toEqual([{rid: 7, reason: "duplicate opportunity_id (first on line 2)"}]);
      expect(await rejectsOf(conn)).toMatchObject([{file: "opportunities.csv", line: 9, column: "opportunity_id", value: "O1"}]);
      const [staged] = await queryRows<{n: number; last: number}>(conn, "SELECT count(*)::INTEGER AS n, max(source_line)::INTEGER AS last FROM stg_opportunities");
      expect(staged).toEqual({n: 7, last: 8});
      expect(result.files.find((f) => f.file === "opportunities")).toMatchObject({rows_read: 8, rows_loaded: 7, rows_rejected: 1});
    } finally {
      ingested.close();
    }
  });
});
