/**
 * Writes the table-shaped outputs, several files at a time. DuckDB's ordered
 * COPY (preserve_insertion_order, which keeps the marts' row order) spends
 * about two and a half times the CPU with two threads as with one, for little
 * gain in time (measured at benchmark scale: demand_units.json 2.7 s CPU with
 * two threads, 1.0 s with one). So each file is written by one thread, and the
 * cores DuckDB was given write that many files at once, each on a connection
 * of its own.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {ZodArray, ZodObject, type ZodTypeAny} from "zod";
import {queryRows} from "../db.js";
import type {TableSource} from "./table-source.js";
import {withSettings, writeOutputFile} from "./write.js";

export interface TableFile {
  /** Where to write it. */
  path: string;
  /** Its name in messages. */
  file: string;
  schema: ZodTypeAny;
  source: TableSource;
}

/**
 * Writes `files`, each as writeOutputFile does. `connect` opens another
 * connection to the same database, with the same session settings (db.ts
 * Database.connect); without it the files are written one
 * after the other on `conn`. The files that take longest are started first
 * (workEstimates): two large ones left for the end would keep one writer busy
 * while the other idles. On a failure no file that comes after the failed one
 * in the order given is started, the ones under way are let finish, and the
 * error of the first failed file in that order is thrown: the files before it
 * are all written, so the message is the one a one-by-one write in that order
 * would give. Extra connections are closed before this returns or throws.
 * `onFile` hears each file written and how long it took.
 */
export async function writeTableFiles(
  conn: DuckDBConnection,
  files: readonly TableFile[],
  connect?: () => Promise<DuckDBConnection>,
  onFile?: (file: string, ms: number) => void
): Promise<void> {
  if (!files.length) return;
  const [{threads}] = await queryRows<{threads: number}>(conn, "select current_setting('threads')::INTEGER as threads");
  const writers = connect ? Math.max(1, Math.min(threads, files.length)) : 1;
  await withSettings(conn, {threads: 1, preserve_insertion_order: true}, async () => {
    const extra: DuckDBConnection[] = [];
    try {
      for (let i = 1; i < writers; i++) extra.push(await connect!());
      const estimates = await workEstimates(conn, files);
      // Largest first; equal ones in the order given.
      const queue = files.map((_, i) => i).sort((a, b) => estimates[b] - estimates[a] || a - b);
      const errors = new Map<number, unknown>();
      const firstFailed = () => (errors.size ? Math.min(...errors.keys()) : Infinity);
      const write = async (c: DuckDBConnection) => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          if (i > firstFailed()) continue;
          const {path, file, schema, source} = files[i];
          try {
            const t0 = performance.now();
            await writeOutputFile(c, path, file, schema, source);
            onFile?.(file, performance.now() - t0);
          } catch (e) {
            errors.set(i, e);
          }
        }
      };
      await Promise.all([conn, ...extra].map(write));
      if (errors.size) throw errors.get(firstFailed());
    } finally {
      for (const c of extra) c.closeSync();
    }
  });
}

/**
 * How long each file takes to write, roughly: its rows times its columns. The
 * JSON writer's time goes with the values it formats (at benchmark scale
 * demand_units.json and next_best_product.json, 460k rows of 22-24 columns,
 * take about four times as long as any other file). Counting the rows of a
 * materialised mart reads no column.
 */
async function workEstimates(conn: DuckDBConnection, files: readonly TableFile[]): Promise<number[]> {
  const counts = files.map((f, i) => `(select count(*) from (${f.source.sql}))::DOUBLE as n${i}`);
  let row: Record<string, number>;
  try {
    [row] = await queryRows<Record<string, number>>(conn, `select ${counts.join(", ")}`);
  } catch {
    // A source that cannot be read fails again, with its file's name, when it is written: the order given, then.
    return files.map(() => 0);
  }
  return files.map((f, i) => row[`n${i}`] * columnCount(f.schema));
}

/** The columns of a file of rows (its element's keys); 1 for any other shape. */
function columnCount(schema: ZodTypeAny): number {
  const element = schema instanceof ZodArray ? (schema.element as ZodTypeAny) : null;
  return element instanceof ZodObject ? Object.keys(element.shape as object).length : 1;
}
