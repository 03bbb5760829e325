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
import type {ZodTypeAny} from "zod";
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
 * connection to the same database; without it the files are written one
 * after the other on `conn`. Files are started in the order given; on a
 * failure no further file is started, the ones under way are let finish, and
 * the error of the first failed file in that order is thrown (so the message
 * is the one a one-by-one write would give). Extra connections are closed
 * before this returns or throws. `onFile` hears each file written and how long it took.
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
      for (let i = 1; i < writers; i++) {
        const c = await connect!();
        extra.push(c);
        await c.run("SET TimeZone = 'UTC'");
      }
      let next = 0;
      const errors = new Map<number, unknown>();
      const write = async (c: DuckDBConnection) => {
        while (errors.size === 0 && next < files.length) {
          const i = next++;
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
      if (errors.size) throw errors.get(Math.min(...errors.keys()));
    } finally {
      for (const c of extra) c.closeSync();
    }
  });
}
