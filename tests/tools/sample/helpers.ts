/** Shared by the sample tests: a DuckDB query over generated files. */
import {openDatabase, queryRows} from "../../../loaders/pipeline/db.js";

export async function query(sql: string): Promise<Record<string, unknown>[]> {
  const db = await openDatabase();
  try {
    return await queryRows(db.conn, sql);
  } finally {
    db.close();
  }
}
