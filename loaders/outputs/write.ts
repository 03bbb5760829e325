/**
 * Writes one output file. An in-memory value is validated whole and written
 * with stableJson. A table source (loaders/outputs/table-source.ts) is read
 * from DuckDB one chunk at a time; each row is validated with the element
 * schema of the file's z.array and appended as one line, which gives exactly
 * the bytes stableJson gives for the whole array ("[\n{..},\n{..}\n]\n", "[]\n"
 * when empty), with a memory footprint of one chunk plus one write buffer.
 */
import {closeSync, openSync, writeFileSync, writeSync} from "node:fs";
import type {DuckDBConnection} from "@duckdb/node-api";
import {z, ZodArray, type ZodIssue, type ZodTypeAny} from "zod";
import {readRowBatches, readRows} from "../metrics/models.js";
import {stableJson} from "./json.js";
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
    for await (const batch of readRowBatches(conn, sql)) {
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
      if (element) {
        await streamJsonRows(conn, sql, path, file, element);
        return null;
      }
      return readRows(conn, sql);
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
async function withInsertionOrder<T>(conn: DuckDBConnection, read: () => Promise<T>): Promise<T> {
  const [{preserve}] = await readRows<{preserve: boolean}>(conn, "select current_setting('preserve_insertion_order') as preserve");
  if (!preserve) await conn.run("set preserve_insertion_order = true");
  try {
    return await read();
  } finally {
    if (!preserve) await conn.run("set preserve_insertion_order = false");
  }
}
