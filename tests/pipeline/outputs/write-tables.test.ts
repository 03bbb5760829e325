/**
 * Writing the table outputs several at a time (loaders/pipeline/outputs/write-tables.ts):
 * the same bytes as one file at a time, the database's settings put back, the
 * extra connections closed, the largest files started first, and on failures
 * the error of the first failed file in the given order, whichever failed first
 * in time.
 */
import {existsSync, mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {z} from "zod";
import {openDatabase, queryRows, type Database} from "../../../loaders/pipeline/db.js";
import {tableSource} from "../../../loaders/pipeline/outputs/table-source.js";
import {OutputSchemaError} from "../../../loaders/pipeline/outputs/validate.js";
import {writeTableFiles, type TableFile} from "../../../loaders/pipeline/outputs/write-tables.js";
import {writeOutputFile} from "../../../loaders/pipeline/outputs/write.js";

const schema = z.array(z.object({n: z.number().int(), label: z.string().regex(/^r\d+$/)}).strict());
// min(1) has no SQL translation: this file goes through zod in JavaScript, on its worker's connection.
const zodOnly = z.array(z.object({n: z.number().int(), label: z.string().min(1)}).strict());

let db: Database;
let dir: string;

beforeAll(async () => {
  db = await openDatabase({memoryLimit: "256MB", threads: 2});
  dir = mkdtempSync(join(tmpdir(), "write-tables-"));
  // Stored in descending n, over many chunks: every file must keep that order.
  await db.conn.run(`create table big as select (200000 - i)::integer as n, 'r' || i as label from range(200000) r(i) order by n desc`);
  await db.conn.run(`create table small as select * from big where n <= 3000`);
  // Broken at its very last row (in file order), so that it fails late.
  await db.conn.run(`create table big_bad as select n, case when n = 1 then 'bad' else label end as label from big`);
  await db.conn.run(`create table small_bad as select n, case when n = 2000 then 'bad' else label end as label from small`);
});
afterAll(() => db.close());

const path = (name: string) => join(dir, name);

/** A connect function that counts the connections it opens and closes. */
function counting() {
  const counts = {opened: 0, closed: 0};
  const connect = async (): Promise<DuckDBConnection> => {
    const c = await db.connect();
    counts.opened++;
    const close = c.closeSync.bind(c);
    c.closeSync = () => {
      counts.closed++;
      close();
    };
    return c;
  };
  return {counts, connect};
}

const job = (file: string, table: string, s: z.ZodTypeAny = schema): TableFile => ({path: path(file), file, schema: s, source: tableSource(`select * from ${table}`)});

async function settings() {
  const [row] = await queryRows(db.conn, "select current_setting('threads')::INTEGER as threads, current_setting('preserve_insertion_order') as preserve");
  return row;
}

describe("writeTableFiles", () => {
  it("writes the same bytes as writeOutputFile one file at a time, on one extra connection per extra DuckDB thread", async () => {
    for (const [file, table, s] of [["one-big.json", "big", schema], ["one-small.json", "small", schema], ["one-zod.json", "small", zodOnly]] as const) {
      await writeOutputFile(db.conn, path(file), file, s, tableSource(`select * from ${table}`));
    }
    const {counts, connect} = counting();
    await db.conn.run("set preserve_insertion_order = false");
    try {
      const heard: string[] = [];
      await writeTableFiles(db.conn, [job("big.json", "big"), job("small.json", "small"), job("zod.json", "small", zodOnly)], connect, (file) => heard.push(file));
      expect(heard.sort()).toEqual(["big.json", "small.json", "zod.json"]);
      expect(await settings()).toEqual({threads: 2, preserve: false});
    } finally {
      await db.conn.run("set preserve_insertion_order = true");
    }
    expect(counts).toEqual({opened: 1, closed: 1});
    expect(readFileSync(path("big.json"), "utf8")).toBe(readFileSync(path("one-big.json"), "utf8"));
    expect(readFileSync(path("small.json"), "utf8")).toBe(readFileSync(path("one-small.json"), "utf8"));
    expect(readFileSync(path("zod.json"), "utf8")).toBe(readFileSync(path("one-zod.json"), "utf8"));
    expect(readFileSync(path("big.json"), "utf8").split("\n")[1]).toBe('\t{"n":200000,"label":"r0"},');
  });

  it("writes one file after the other on the one connection without a connect function", async () => {
    await writeTableFiles(db.conn, [job("seq.json", "small")]);
    expect(readFileSync(path("seq.json"), "utf8")).toBe(readFileSync(path("one-small.json"), "utf8"));
    expect(await settings()).toEqual({threads: 2, preserve: true});
  });

  it("throws the error of the first failed file in the given order, even when a later one fails first", async () => {
    // big_bad fails at its last row, long after small_bad fails on the other connection.
    const {counts, connect} = counting();
    const error = await writeTableFiles(db.conn, [job("big-bad.json", "big_bad"), job("small-bad.json", "small_bad"), job("after.json", "small")], connect).catch(
      (e) => e
    );
    expect(error).toBeInstanceOf(OutputSchemaError);
    expect(error.message).toMatch(/^Bug: big-bad\.json does not match its schema \(src\/schemas\): 199999\.label: Invalid/);
    expect(counts).toEqual({opened: 1, closed: 1});
    expect(await settings()).toEqual({threads: 2, preserve: true});
  });

  it("names the row of a file that fails alone", async () => {
    const error = await writeTableFiles(db.conn, [job("ok.json", "small"), job("bad2.json", "small_bad")], counting().connect).catch((e) => e);
    expect(error.message).toMatch(/^Bug: bad2\.json does not match its schema \(src\/schemas\): 1000\.label: Invalid/);
  });

  it("starts the files with the most values first (rows × columns), equal ones in the order given", async () => {
    const heard: string[] = [];
    const wide = z.array(z.object({n: z.number().int(), label: z.string(), twice: z.number()}).strict());
    await writeTableFiles(
      db.conn,
      [
        job("first-small.json", "small"),
        job("big-order.json", "big"),
        // as many rows as small, one column more
        {...job("wide.json", "small", wide), source: tableSource("select n, label, 2 * n as twice from small")},
        job("second-small.json", "small")
      ],
      undefined,
      (file) => heard.push(file)
    );
    expect(heard).toEqual(["big-order.json", "wide.json", "first-small.json", "second-small.json"]);
    expect(readFileSync(path("big-order.json"), "utf8")).toBe(readFileSync(path("one-big.json"), "utf8"));
  });

  it("after a failure, starts no file that comes after the failed one in the order given, and still writes those before it", async () => {
    // One writer: big.json goes first (largest), then small-bad fails; before-bad, given
    // first, is still written, and after-bad, given after the failed file, is not started.
    const heard: string[] = [];
    const error = await writeTableFiles(
      db.conn,
      [job("before-bad.json", "small"), job("small-bad-2.json", "small_bad"), job("big-2.json", "big"), job("after-bad.json", "small")],
      undefined,
      (file) => heard.push(file)
    ).catch((e) => e);
    expect(error.message).toMatch(/^Bug: small-bad-2\.json does not match its schema \(src\/schemas\): 1000\.label: Invalid/);
    expect(heard).toEqual(["big-2.json", "before-bad.json"]);
    expect(existsSync(path("after-bad.json"))).toBe(false);
  });
});
