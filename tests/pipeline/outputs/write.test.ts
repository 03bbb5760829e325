/**
 * Writing an output table to its file. A row schema that compiles to SQL is
 * checked and written by DuckDB: the file must parse to exactly the validated
 * array, one row per line in table order. Other schemas are streamed through
 * zod: the bytes must be exactly those of stableJson on the whole validated
 * array, across DuckDB chunk boundaries (2048 rows). Either way a bad row must
 * be named by its index in the file.
 */
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {z} from "zod";
import {openDatabase, queryRows, type Database} from "../../../loaders/pipeline/db.js";
import {stableJson} from "../../../loaders/pipeline/outputs/json.js";
import {isTableSource, tableSource} from "../../../loaders/pipeline/outputs/table-source.js";
import {OutputSchemaError, validateOutput} from "../../../loaders/pipeline/outputs/validate.js";
import {rowSchema, writeOutputFile} from "../../../loaders/pipeline/outputs/write.js";

// Keys declared in a different order than the table's columns: zod puts them in schema order.
const rowShape = z.object({label: z.string(), n: z.number().int(), share: z.number().nullable()}).strict();
const schema = z.array(rowShape);
// min(1) has no SQL translation (loaders/pipeline/outputs/sql-schema.ts): this one goes through zod in JavaScript.
const zodOnly = z.array(z.object({label: z.string().min(1), n: z.number().int(), share: z.number().nullable()}).strict());

let db: Database;
let dir: string;

beforeAll(async () => {
  db = await openDatabase({memoryLimit: "256MB"});
  dir = mkdtempSync(join(tmpdir(), "stream-write-"));
  // 5000 rows (three chunks), stored in descending n: the file must keep that order.
  await db.conn.run(`create table t as
    select (5000 - i)::integer as n, 'row "' || i || '" é' as label, case when i % 7 = 0 then null else i / 3 end::double as share
    from range(5000) r(i) order by n desc`);
  await db.conn.run(`create table empty_t as select * from t where false`);
});
afterAll(() => db.close());

const path = (name: string) => join(dir, name);

describe("writeOutputFile with a table source", () => {
  it("has DuckDB write the validated rows, in table order and schema key order, one per line", async () => {
    await writeOutputFile(db.conn, path("t.json"), "t.json", schema, tableSource("select * from t"));
    const validated = validateOutput("t.json", schema, await queryRows(db.conn, "select * from t"));
    const text = readFileSync(path("t.json"), "utf8");
    expect(JSON.parse(text)).toEqual(validated);
    expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(validated)); // same key order
    const lines = text.split("\n");
    expect(lines[0]).toBe("[");
    expect(lines[1]).toBe('\t{"label":"row \\"0\\" é","n":5000,"share":null},');
    expect(lines.length).toBe(5000 + 3);
  });

  it("streams a schema SQL cannot check through zod: the same bytes as stableJson of the validated array", async () => {
    await writeOutputFile(db.conn, path("z.json"), "z.json", zodOnly, tableSource("select * from t"));
    const whole = stableJson(validateOutput("z.json", zodOnly, await queryRows(db.conn, "select * from t")));
    const text = readFileSync(path("z.json"), "utf8");
    expect(text).toBe(whole);
    const lines = text.split("\n");
    expect(lines[0]).toBe("[");
    expect(lines[1]).toBe('{"label":"row \\"0\\" é","n":5000,"share":null},');
    expect(lines[2]).toBe('{"label":"row \\"1\\" é","n":4999,"share":0.3333333333333333},');
    expect(lines.length).toBe(5000 + 3); // "[", 5000 rows, "]", "" after the final newline
  });

  it("writes [] and a newline for an empty table, on either path", async () => {
    await writeOutputFile(db.conn, path("e.json"), "e.json", schema, tableSource("select * from empty_t"));
    expect(readFileSync(path("e.json"), "utf8")).toBe("[]\n");
    await writeOutputFile(db.conn, path("ez.json"), "ez.json", zodOnly, tableSource("select * from empty_t"));
    expect(readFileSync(path("ez.json"), "utf8")).toBe("[]\n");
  });

  it("names the file and the row's index in the file when a row in a later chunk breaks the schema", async () => {
    // Row 4321 (n = 679) gets a string for n: it is in the third chunk, so its index must be offset.
    const sql = `select label, case when n = 679 then 'x' else n::varchar end as n, share from t`;
    const strict = z.array(z.object({label: z.string(), n: z.string().regex(/^\d+$/), share: z.number().nullable()}));
    const error = await writeOutputFile(db.conn, path("bad.json"), "bad.json", strict, tableSource(sql)).catch((e) => e);
    expect(error).toBeInstanceOf(OutputSchemaError);
    expect(error.message).toMatch(/^Bug: bad\.json does not match its schema \(src\/schemas\): 4321\.n: Invalid/);
    // The same on the zod path (min(1) keeps it there).
    const strictZod = z.array(z.object({label: z.string().min(1), n: z.string().regex(/^\d+$/), share: z.number().nullable()}));
    const zodError = await writeOutputFile(db.conn, path("badz.json"), "badz.json", strictZod, tableSource(sql)).catch((e) => e);
    expect(zodError.message).toMatch(/^Bug: badz\.json does not match its schema \(src\/schemas\): 4321\.n: Invalid/);
  });

  it("keeps table order, and names the first bad row, when the check has a long list of values", async () => {
    const kinds = Array.from({length: 12}, (_, k) => `k${k}`);
    const withKind = z.array(z.object({n: z.number().int(), kind: z.enum(kinds as [string, ...string[]])}).strict());
    const sql = "select n, 'k' || (n % 12) as kind from t";
    await writeOutputFile(db.conn, path("kinds.json"), "kinds.json", withKind, tableSource(sql));
    const rows = JSON.parse(readFileSync(path("kinds.json"), "utf8")) as {n: number}[];
    expect(rows.map((r) => r.n)).toEqual(Array.from({length: 5000}, (_, i) => 5000 - i));
    // Row 9 is n = 4991, the first with n % 13 = 12: k12 is not one of k0 … k11.
    const bad = await writeOutputFile(db.conn, path("kinds-bad.json"), "kinds-bad.json", withKind, tableSource(`select n, 'k' || (n % 13) as kind from t`)).catch((e) => e);
    // Row 9 is n = 4991, the first with n % 13 = 12: k12 is not one of k0 … k11.
    expect(bad.message).toMatch(/^Bug: kinds-bad\.json does not match its schema \(src\/schemas\): 9\.kind: Invalid enum value/);
  });

  it("checks only the rows the query returns, not those its own filter leaves out", async () => {
    // Every other row breaks the regex; the query keeps only the good ones.
    const digits = z.array(z.object({n: z.number().int(), code: z.string().regex(/^\d+$/)}).strict());
    const sql = "select n, code from (select n, case when n % 2 = 0 then n::varchar else 'x' || n end as code from t) where regexp_full_match(code, '\\d+')";
    await writeOutputFile(db.conn, path("filtered.json"), "filtered.json", digits, tableSource(sql));
    const rows = JSON.parse(readFileSync(path("filtered.json"), "utf8")) as {n: number}[];
    expect(rows.map((r) => r.n)).toEqual(Array.from({length: 2500}, (_, i) => 5000 - 2 * i));
  });

  it("reads a schema with a length rule whole, and applies the rule", async () => {
    const four = z.array(rowShape).length(4);
    expect(rowSchema(four)).toBeNull();
    expect(rowSchema(schema)).toBe(rowShape);
    await writeOutputFile(db.conn, path("four.json"), "four.json", four, tableSource("select * from t limit 4"));
    expect(readFileSync(path("four.json"), "utf8").split("\n").length).toBe(4 + 3);
    await expect(writeOutputFile(db.conn, path("five.json"), "five.json", four, tableSource("select * from t limit 5"))).rejects.toThrow(
      /five\.json does not match its schema.*\(root\): Array must contain exactly 4/
    );
  });

  it("reads with preserve_insertion_order on when a step turned it off, and turns it off again after", async () => {
    await db.conn.run("set preserve_insertion_order = false");
    try {
      await writeOutputFile(db.conn, path("t2.json"), "t2.json", schema, tableSource("select * from t"));
      expect(readFileSync(path("t2.json"), "utf8")).toBe(readFileSync(path("t.json"), "utf8"));
      const [{preserve}] = await queryRows<{preserve: boolean}>(db.conn, "select current_setting('preserve_insertion_order') as preserve");
      expect(preserve).toBe(false);
    } finally {
      await db.conn.run("set preserve_insertion_order = true");
    }
  });
});

describe("writeOutputFile with an in-memory value", () => {
  it("validates and writes it with stableJson", async () => {
    await writeOutputFile(db.conn, path("m.json"), "m.json", schema, [{share: 1.5, n: 2, label: "a"}]);
    expect(readFileSync(path("m.json"), "utf8")).toBe('[\n{"label":"a","n":2,"share":1.5}\n]\n');
    await expect(writeOutputFile(db.conn, path("m2.json"), "m2.json", schema, [{label: "a", n: "2", share: null}])).rejects.toThrow(
      /m2\.json does not match its schema.*0\.n: Expected number/
    );
  });

  it("tells a table source from an array or a document", () => {
    expect(isTableSource(tableSource("select 1"))).toBe(true);
    expect(isTableSource([])).toBe(false);
    expect(isTableSource({kind: "table"})).toBe(false);
    expect(isTableSource(null)).toBe(false);
  });
});
