/**
 * The write step of runPipeline (loaders/pipeline/steps.ts writeOutputs) with
 * table sources, written by DuckDB several at a time: the files are the
 * tables' rows in order, and a bad row in one of them fails the run with the
 * file and row, publishes nothing and leaves no staging folder behind.
 * Metrics are the test stand-in, with two tables made table sources.
 */
import {mkdtempSync, readdirSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {runPipeline, type MetricsContext} from "../../loaders/pipeline/run.js";
import {tableSource} from "../../loaders/pipeline/outputs/table-source.js";
import {stubComputeOutputs} from "./stub-metrics.js";

const MINIMAL = join(import.meta.dirname, "..", "fixtures", "minimal");

/** The stand-in metrics, with adjacency.json and penetration.json read from tables; `badRow` breaks one adjacency row. */
function withTables(badRow?: number) {
  return async (conn: DuckDBConnection, ctx: MetricsContext) => {
    const out = await stubComputeOutputs(conn, ctx);
    await conn.run(`create table test_adjacency as
      select 'P' || (i % 7) as initial_product_id, 'Q' || (i % 5) as cross_sold_product_id,
             case when i = ${badRow ?? -1} then null else 10000 - i end::integer as accounts
      from range(10000) r(i) order by i`);
    await conn.run(`create table test_penetration as
      select 'S' || i as segment, 'P1' as product_id, 100 as active_accounts, i as holders, i / 100 as share from range(3000) r(i) order by i desc`);
    out.adjacency = tableSource("select * from test_adjacency");
    out.penetration = tableSource("select * from test_penetration");
    return out;
  };
}

const run = (out: string, badRow?: number) =>
  runPipeline({input: MINIMAL, out, configObject: {}, computeOutputs: withTables(badRow), today: "2025-06-30"});

describe("writeOutputs with table sources", () => {
  it("writes each table's rows in table order", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "steps-")), "out");
    await run(out);
    const adjacency = JSON.parse(readFileSync(join(out, "adjacency.json"), "utf8")) as {accounts: number}[];
    expect(adjacency.map((r) => r.accounts)).toEqual(Array.from({length: 10000}, (_, i) => 10000 - i));
    const penetration = JSON.parse(readFileSync(join(out, "penetration.json"), "utf8")) as {segment: string; holders: number}[];
    expect(penetration[0]).toEqual({segment: "S2999", product_id: "P1", active_accounts: 100, holders: 2999, share: 29.99});
    expect(penetration.map((r) => r.holders)).toEqual(Array.from({length: 3000}, (_, i) => 2999 - i));
  });

  it("fails on a bad row with the file and the row, and leaves the previous outputs and no staging folder", async () => {
    const parent = mkdtempSync(join(tmpdir(), "steps-"));
    const out = join(parent, "out");
    await run(out);
    const before = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")]));
    await expect(run(out, 7000)).rejects.toThrow(
      /^Bug: adjacency\.json does not match its schema \(src\/schemas\): 7000\.accounts: Expected number, received null\. Nothing was published\.$/
    );
    expect(Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")]))).toEqual(before);
    expect(readdirSync(parent)).toEqual(["out"]);
  });
});
