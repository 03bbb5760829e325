/**
 * Writes one output file. An in-memory value is validated whole and written
 * with stableJson. A table source (loaders/pipeline/outputs/table-source.ts) never
 * passes through JavaScript when its row schema compiles to SQL
 * (loaders/pipeline/outputs/sql-schema.ts): DuckDB writes the file with its own
 * JSON writer ("[", one row per line, "]"), checking every row against the
 * schema in the same scan. Otherwise it is read from DuckDB one chunk at a time; each row is
 * validated with zod and appended as one line, which gives exactly the bytes
 * stableJson gives for the whole array, with a memory footprint of one chunk
 * plus one write buffer.
 */
import {closeSync, openSync, writeFileSync, writeSync} from "node:fs";
import type {DuckDBConnection} from "@duckdb/node-api";
import {z, ZodArray, type ZodIssue, type ZodTypeAny} from "zod";
import {queryRowBatches, queryRows, sqlIdent, sqlString} from "../db.js";
import {stableJson} from "./json.js";
import {compileRowSchema, planRows, type ColumnRule, type CompiledRow} from "./sql-schema.js";
import {isTableSource} from "./table-source.js";
import {outputSchemaError, validateOutput} from "./validate.js";

/** Text is handed to the file system in pieces of about this many characters. */
const WRITE_BUFFER_CHARS = 1 << 20;

/**
 * The schema each row can be checked with on its own: the element of a plain
 * z.array. An array schema with a length rule (tiers.json has exactly four
 * rows) needs the whole array, so it gets null.
 */
export function rowSchema(schema: ZodTypeAny): ZodTypeAny | null {
  if (!(schema instanceof ZodArray)) return null;
  const def = schema._def;
  if (def.exactLength !== null || def.minLength !== null || def.maxLength !== null) return null;
  return schema.element as ZodTypeAny;
}

/** Appends text to a file descriptor through a buffer of about WRITE_BUFFER_CHARS. */
class BufferedWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly fd: number) {}
  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= WRITE_BUFFER_CHARS) this.flush();
  }
  flush(): void {
    if (!this.parts.length) return;
    writeSync(this.fd, this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }
}

/**
 * Streams the rows of `sql` into `path` as a JSON array, one row per line,
 * each row parsed by `element` (which also puts its keys in schema order).
 * Returns the number of rows. A row that breaks the schema stops the write
 * with the file name and the zod path, row index first, as validateOutput does.
 */
export async function streamJsonRows(
  conn: DuckDBConnection,
  sql: string,
  path: string,
  file: string,
  element: ZodTypeAny
): Promise<number> {
  const batchSchema = z.array(element);
  const fd = openSync(path, "w");
  try {
    const out = new BufferedWriter(fd);
    let index = 0;
    for await (const batch of queryRowBatches(conn, sql)) {
      // One parse per batch: much cheaper than one safeParse per row.
      const result = batchSchema.safeParse(batch);
      if (!result.success) throw outputSchemaError(file, inFile(result.error.issues, index));
      for (const row of result.data) {
        out.write((index === 0 ? "[\n" : ",\n") + JSON.stringify(row));
        index++;
      }
    }
    out.write(index === 0 ? "[]\n" : "\n]\n");
    out.flush();
    return index;
  } finally {
    closeSync(fd);
  }
}

/** The text of the error() a guarded COPY raises at the first row that breaks its schema. */
const BROKEN_ROW = "output row breaks its schema (loaders/pipeline/outputs/write.ts)";

/**
 * Has DuckDB write the rows of `sql` to `path` as a JSON array (columns in
 * schema order, "[", then one row per line, each after a tab, then "]"),
 * checking each row against the compiled row schema in the same scan: the
 * first column's value is error() at a row that breaks a rule, which stops
 * the write (the caller discards the half-written file with its staging
 * folder). The first broken row (in file order) is then read back and parsed
 * with zod for the message (row index first, as validateOutput gives).
 */
export async function copyJsonRows(
  conn: DuckDBConnection,
  sql: string,
  path: string,
  file: string,
  element: ZodTypeAny,
  compiled: CompiledRow
): Promise<void> {
  const relation = await queryRows<{column_name: string; column_type: string}>(conn, `DESCRIBE (${sql})`);
  let plan;
  try {
    plan = planRows(compiled, relation.map((c) => ({name: c.column_name, type: c.column_type})));
  } catch (e) {
    throw outputSchemaError(file, [{code: "custom", path: [], message: (e as Error).message} as ZodIssue]);
  }
  const rules = plan.rules.filter((r) => r.sql !== "false");
  const columns = plan.values.map(({column, sql: value}, i) => {
    // In the select list, not in a WHERE: a filter could be evaluated before the source's
    // own filters, on rows that are not the file's. CASE calls error() only for a row whose
    // condition holds (error() is volatile, so it is not folded while planning).
    const guarded = i === 0 && rules.length ? `CASE WHEN ${rules.map((r) => `(${r.sql})`).join(" OR ")} THEN error(${sqlString(BROKEN_ROW)}) ELSE ${value} END` : value;
    return `${guarded} AS ${sqlIdent(column)}`;
  });
  let written: number;
  try {
    const result = await conn.runAndReadAll(`COPY (SELECT ${columns.join(", ")} FROM (${sql})) TO ${sqlString(path)} (FORMAT json, ARRAY true)`);
    written = Number(result.getRowsJson()[0][0]);
  } catch (e) {
    if (!(e instanceof Error) || !e.message.includes(BROKEN_ROW)) throw e;
    throw (await firstBrokenRow(conn, sql, file, element, rules)) ?? e;
  }
  // DuckDB writes an empty array as "[", a blank line and "]": write the usual "[]".
  if (written === 0) writeFileSync(path, "[]\n");
}

/** The error for the first row (in file order) that breaks one of `broken`; null when there is none. */
async function firstBrokenRow(
  conn: DuckDBConnection,
  sql: string,
  file: string,
  element: ZodTypeAny,
  broken: readonly ColumnRule[]
): Promise<Error | null> {
  const flags = broken.map((r, i) => `(${r.sql}) AS __broken_${i}`).join(", ");
  const [row] = await queryRows<Record<string, unknown>>(
    conn,
    `SELECT *, ${flags} FROM (SELECT row_number() OVER () - 1 AS __row_index, * FROM (${sql}))
     WHERE ${broken.map((r) => `(${r.sql})`).join(" OR ")} ORDER BY __row_index LIMIT 1`
  );
  if (!row) return null;
  const index = Number(row.__row_index);
  const values = Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith("__")));
  const parsed = element.safeParse(values);
  if (!parsed.success) return outputSchemaError(file, parsed.error.issues.map((i) => ({...i, path: [index, ...i.path]})));
  // zod accepts what SQL refused (an infinite double, an integer past 2^53): name the rule.
  const rule = broken.find((_, i) => row[`__broken_${i}`] === true) ?? broken[0];
  return outputSchemaError(file, [
    {code: "custom", path: [index, rule.column], message: `expected ${rule.rule}, got ${JSON.stringify(values[rule.column])}`} as ZodIssue
  ]);
}

/** A batch's issues with their leading row index made the row's index in the file. */
function inFile(issues: ZodIssue[], offset: number): ZodIssue[] {
  return issues.map((i) => (typeof i.path[0] === "number" ? {...i, path: [i.path[0] + offset, ...i.path.slice(1)]} : i));
}

/**
 * Writes one output: `value` is either the rows or document itself, or a
 * table source read from `conn`.
 */
export async function writeOutputFile(
  conn: DuckDBConnection,
  path: string,
  file: string,
  schema: ZodTypeAny,
  value: unknown
): Promise<void> {
  if (isTableSource(value)) {
    const sql = value.sql;
    const element = rowSchema(schema);
    const streamed = await withInsertionOrder(conn, async () => {
      const compiled = element ? compileRowSchema(element) : null;
      if (element && compiled) {
        await copyJsonRows(conn, sql, path, file, element, compiled);
        return null;
      }
      if (element) {
        await streamJsonRows(conn, sql, path, file, element);
        return null;
      }
      return queryRows(conn, sql);
    });
    if (streamed === null) return;
    value = streamed;
  }
  writeFileSync(path, stableJson(validateOutput(file, schema, value)));
}

/**
 * Runs `read` with preserve_insertion_order on: a table source's rows are the
 * rows of a materialised mart in the order its ORDER BY wrote them, which a
 * scan only keeps with that setting (the default, but a step may turn it off).
 */
function withInsertionOrder<T>(conn: DuckDBConnection, read: () => Promise<T>): Promise<T> {
  return withSettings(conn, {preserve_insertion_order: true}, read);
}

/**
 * Runs `fn` with DuckDB settings changed, and puts back the ones it changed
 * after. These settings are the database's, not the connection's: every
 * connection sees them, so they are changed around work, not inside it.
 */
export async function withSettings<T>(conn: DuckDBConnection, settings: Record<string, boolean | number>, fn: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings);
  const [current] = await queryRows<Record<string, string | boolean>>(
    conn,
    `select ${names.map((n, i) => `current_setting(${sqlString(n)})::VARCHAR as s${i}`).join(", ")}`
  );
  const changed = names.flatMap((name, i) => (current[`s${i}`] === String(settings[name]) ? [] : [{name, was: current[`s${i}`] as string}]));
  for (const {name} of changed) await conn.run(`set ${name} = ${settings[name]}`);
  try {
    return await fn();
  } finally {
    for (const {name, was} of changed) await conn.run(`set ${name} = ${was}`);
  }
}
