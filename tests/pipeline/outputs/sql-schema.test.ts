/**
 * Row schemas compiled to SQL (loaders/pipeline/outputs/sql-schema.ts): every big
 * output takes the SQL path, SQL refuses what zod refuses (one broken value
 * per case, named by row and column), and what DuckDB writes parses back to
 * rows zod accepts.
 */
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {z} from "zod";
import {openDatabase, type Database} from "../../../loaders/pipeline/db.js";
import {compileRowSchema, planRows, regexToRe2} from "../../../loaders/pipeline/outputs/sql-schema.js";
import {tableSource} from "../../../loaders/pipeline/outputs/table-source.js";
import {rowSchema, writeOutputFile} from "../../../loaders/pipeline/outputs/write.js";
import {OUTPUT_FILES} from "../../../src/schemas/index.js";

const row = z
  .object({
    id: z.string(),
    on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    kind: z.enum(["a", "b"]),
    score: z.number().int().min(0).max(3),
    share: z.number().nullable(),
    flag: z.boolean(),
    tags: z.array(z.string()),
    fixed: z.literal("x")
  })
  .strict();
const schema = z.array(row);


// A good row, as SQL expressions; each case replaces one of them.
const good: Record<string, string> = {
  id: "'A-1'",
  on: "DATE '2024-02-29'",
  kind: "'a'",
  score: "3",
  share: "0.25::DOUBLE",
  flag: "true",
  tags: "['p', 'q']",
  fixed: "'x'"
};

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await openDatabase({memoryLimit: "256MB"});
  dir = mkdtempSync(join(tmpdir(), "sql-schema-"));
});
afterAll(() => db.close());

function selectOf(values: Record<string, string>): string {
  return `select ${Object.entries(values).map(([k, v]) => `${v} as "${k}"`).join(", ")}`;
}

async function write(name: string, sql: string, s: z.ZodTypeAny = schema): Promise<string> {
  await writeOutputFile(db.conn, join(dir, name), name, s, tableSource(sql));
  return readFileSync(join(dir, name), "utf8");
}

describe("compileRowSchema", () => {
  it("compiles the row schema of every table-shaped output file, so that none is checked row by row in JavaScript", () => {
    const tables = Object.values(OUTPUT_FILES).filter((f) => rowSchema(f.schema));
    expect(tables.length).toBeGreaterThan(15);
    for (const file of tables) expect(compileRowSchema(rowSchema(file.schema)!), file.file).not.toBeNull();
  });

  it("declines what it cannot translate (the writer then uses zod)", () => {
    expect(compileRowSchema(z.object({a: z.string().min(1)}))).toBeNull();
    expect(compileRowSchema(z.object({a: z.string().optional()}))).toBeNull();
    expect(compileRowSchema(z.object({a: z.number().multipleOf(2)}))).toBeNull();
    expect(compileRowSchema(z.object({a: z.object({b: z.string()})}))).toBeNull();
    expect(compileRowSchema(z.object({a: z.string()}).passthrough())).toBeNull();
    expect(compileRowSchema(z.string())).toBeNull();
  });

  it("translates anchored regexes only", () => {
    expect(regexToRe2(/^\d{4}-\d{2}$/)).toBe("\\d{4}-\\d{2}");
    expect(regexToRe2(/\d+/)).toBeNull(); // not anchored: zod would accept a partial match
    expect(regexToRe2(/^a$/i)).toBeNull();
    expect(regexToRe2(/^(?=a)a$/)).toBeNull();
  });
});

describe("planRows", () => {
  it("checks an enum with a scalar function: DuckDB plans a long NOT IN list as a join, which need not keep the file's row order", async () => {
    const kinds = Array.from({length: 15}, (_, k) => `k${k}`) as [string, ...string[]];
    const plan = planRows(compileRowSchema(z.object({kind: z.enum(kinds)}))!, [{name: "kind", type: "VARCHAR"}]);
    const explain = await db.conn.runAndReadAll(`EXPLAIN select * from (select 'k' || (i % 16) as kind from range(5000) r(i)) where ${plan.rules[0].sql}`);
    expect(JSON.stringify(explain.getRowsJson())).not.toMatch(/JOIN/);
  });

  it("checks that an integer fits a JavaScript number only for the types with values that may not (past 32 bits)", () => {
    const compiled = compileRowSchema(z.object({n: z.number().int()}))!;
    const rule = (type: string) => planRows(compiled, [{name: "n", type}]).rules[0].rule;
    for (const type of ["TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT", "UINTEGER"]) expect(rule(type)).toBe("not null");
    for (const type of ["BIGINT", "HUGEINT", "UBIGINT", "UHUGEINT"]) expect(rule(type)).toBe("not null, a safe integer");
  });
});

describe("writing through the SQL path", () => {
  it("writes a good row as the schema says: dates as text, keys in schema order", async () => {
    const text = await write("good.json", selectOf({...good, score: "3::BIGINT"}));
    expect(text).toBe('[\n\t{"id":"A-1","on":"2024-02-29","kind":"a","score":3,"share":0.25,"flag":true,"tags":["p","q"],"fixed":"x"}\n]\n');
    expect(schema.parse(JSON.parse(text))).toHaveLength(1);
  });

  it("writes DECIMAL as a number and a null where the schema allows one", async () => {
    const text = await write("dec.json", selectOf({...good, share: "NULL::DOUBLE", score: "2.0::DECIMAL(5,1)"}));
    expect(JSON.parse(text)[0]).toMatchObject({score: 2, share: null});
  });

  // One broken value per case: [column, SQL value, what the message must say, the good row's value
  // when the broken one needs another column type].
  const cases: [string, string, RegExp, string?][] = [
    ["id", "NULL::VARCHAR", /1\.id: Expected string, received null/],
    ["on", "'2024-2-29'", /1\.on: Invalid/, "'2024-02-29'"],
    ["kind", "'c'", /1\.kind: Invalid enum value/],
    ["score", "4", /1\.score: Number must be less than or equal to 3/],
    ["score", "-1", /1\.score: Number must be greater than or equal to 0/],
    ["score", "1.5::DOUBLE", /1\.score: Expected integer, received float/, "3::DOUBLE"],
    // DuckDB hands infinity and NaN to JavaScript as text; either way no JSON number holds them.
    ["share", "'inf'::DOUBLE", /1\.share: Expected number, received string/],
    ["share", "'nan'::DOUBLE", /1\.share: Expected number, received string/],
    ["flag", "NULL::BOOLEAN", /1\.flag: Expected boolean, received null/],
    ["tags", "['p', NULL]", /1\.tags\.1: Expected string, received null/],
    ["fixed", "'y'", /1\.fixed: Invalid literal value/]
  ];
  for (const [column, value, message, goodValue] of cases) {
    it(`refuses ${column} = ${value}, naming the row (the second) and the column`, async () => {
      // A table keeps the rows in insertion order: the broken one is row 1.
      await db.conn.run(`create or replace table two_rows as ${selectOf({...good, ...(goodValue ? {[column]: goodValue} : {})})}`);
      await db.conn.run(`insert into two_rows ${selectOf({...good, [column]: value})}`);
      const error = await write(`bad-${column}.json`, "select * from two_rows").catch((e) => e);
      expect(error.message).toMatch(/^Bug: bad-\w+\.json does not match its schema/);
      expect(error.message, error.message).toMatch(message);
    });
  }

  it("names the type a column cannot have before reading a row", async () => {
    const error = await write("type.json", selectOf({...good, score: "'3'"})).catch((e) => e);
    expect(error.message).toMatch(/score: its DuckDB type VARCHAR cannot hold the schema's number/);
    const version = z.array(z.object({version: z.literal(2)}).strict());
    const literal = await write("literal.json", "select '2' as version", version).catch((e) => e);
    expect(literal.message).toMatch(/version: its DuckDB type VARCHAR cannot hold the schema's number/);
  });

  it("refuses a column a strict schema does not list, and a missing one", async () => {
    const extra = await write("extra.json", selectOf({...good, other: "1"})).catch((e) => e);
    expect(extra.message).toMatch(/other: not in the schema/);
    const {fixed: _, ...withoutFixed} = good;
    const missing = await write("missing.json", selectOf(withoutFixed)).catch((e) => e);
    expect(missing.message).toMatch(/fixed: missing from the table/);
  });

  it("refuses an integer a JavaScript number cannot hold exactly", async () => {
    const error = await write("big.json", selectOf({...good, share: "9007199254740993::BIGINT"})).catch((e) => e);
    expect(error.message).toMatch(/0\.share: /);
  });
});
