/**
 * The `ingest_rejects` table and what happens to it once the staging models
 * have run:
 *
 * - the staging models (and the CSV parser's rejects) record a reject by its
 *   export and its line in the file the pipeline read (`canonical_line`);
 *   `placeRejects` then names the place the USER must look at: the file and
 *   line themselves, or, for a file written by the mapping layer
 *   (loaders/pipeline/mapping), the original file and line it carries per row in
 *   `_source_file` / `_source_line` (several source files may be stacked);
 * - `nameUnknownProducts` completes the "unknown product" reason with the value
 *   and the closest catalog product (computed once per distinct value: few);
 * - `rejectSummary` counts the rejects of one export per reason, for the
 *   message of a run stopped by its reject limit.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {closestMatch} from "../mapping/closest.js";
import {queryRows, runSql, sqlString} from "../db.js";
import type {ExportName} from "./files.js";

export const CREATE_REJECTS_TABLE = `
CREATE TABLE IF NOT EXISTS ingest_rejects (
  file VARCHAR, line BIGINT, "column" VARCHAR NOT NULL, value VARCHAR NOT NULL, reason VARCHAR NOT NULL,
  export VARCHAR NOT NULL, canonical_line BIGINT NOT NULL
)`;

/** The reason the staging models give an unknown product; completed by nameUnknownProducts. */
export const UNKNOWN_PRODUCT_REASON = "unknown product (not in products)";

/**
 * Fills `file` and `line` of the rejects of one export. `relativePath` is the
 * file read; `mapped` says it carries `_source_file` / `_source_line` (exposed
 * by the view src_<name>), which then win wherever they are filled in.
 */
export async function placeRejects(conn: DuckDBConnection, name: ExportName, relativePath: string, mapped: boolean): Promise<void> {
  const ofExport = `export = ${sqlString(name)}`;
  if (mapped) {
    await runSql(
      conn,
      `CREATE OR REPLACE TEMP TABLE ingest_reject_places AS
       SELECT source_line, nullif(_source_file, '') AS source_file, try_cast(_source_line AS BIGINT) AS source_line_there
       FROM src_${name}
       WHERE source_line IN (
         SELECT canonical_line FROM ingest_rejects WHERE ${ofExport}
         UNION ALL
         SELECT try_cast(regexp_extract(reason, '\\(first on line (\\d+)\\)', 1) AS BIGINT) FROM ingest_rejects WHERE ${ofExport}
       );
       -- "first on line N" names the line of the file read: say where that row is in the user's file.
       UPDATE ingest_rejects SET reason = regexp_replace(reason, '\\(first on line \\d+\\)',
           '(first on ' || CASE WHEN p.source_file IS DISTINCT FROM here.source_file THEN p.source_file || ' ' ELSE '' END
           || 'line ' || p.source_line_there || ')')
       FROM ingest_reject_places p, ingest_reject_places here
       WHERE ingest_rejects.${ofExport} AND here.source_line = ingest_rejects.canonical_line
         AND p.source_line = try_cast(regexp_extract(ingest_rejects.reason, '\\(first on line (\\d+)\\)', 1) AS BIGINT)
         AND p.source_file IS NOT NULL AND p.source_line_there IS NOT NULL;
       UPDATE ingest_rejects SET file = p.source_file, line = p.source_line_there
       FROM ingest_reject_places p
       WHERE ingest_rejects.${ofExport} AND p.source_line = ingest_rejects.canonical_line
         AND p.source_file IS NOT NULL AND p.source_line_there IS NOT NULL;
       DROP TABLE ingest_reject_places;`
    );
  }
  await runSql(conn, `UPDATE ingest_rejects SET file = ${sqlString(relativePath)}, line = canonical_line WHERE ${ofExport} AND file IS NULL`);
}

/**
 * Rewrites the unknown-product reasons as `unknown product "X" (not in
 * products.csv; closest: "Y")`, Y being the catalog id closest to X (or the id
 * of the closest product name), when one is close enough.
 */
export async function nameUnknownProducts(conn: DuckDBConnection, productsFile: string): Promise<void> {
  const unknown = await queryRows<{value: string}>(
    conn,
    `SELECT DISTINCT value FROM ingest_rejects WHERE reason = ${sqlString(UNKNOWN_PRODUCT_REASON)} ORDER BY value`
  );
  if (!unknown.length) return;
  const catalog = await queryRows<{product_id: string; product_name: string | null}>(
    conn,
    `SELECT product_id, product_name FROM stg_products ORDER BY source_line NULLS LAST, product_id`
  );
  const ids = catalog.map((p) => p.product_id);
  const idOfName = new Map<string, string>();
  for (const p of catalog) if (p.product_name && !idOfName.has(p.product_name)) idOfName.set(p.product_name, p.product_id);
  const reasons = unknown.map(({value}) => {
    const shown = value.trim();
    const byId = closestMatch(shown, ids);
    const byName = byId ? null : closestMatch(shown, idOfName.keys());
    const closest = byId ?? (byName !== null ? idOfName.get(byName)! : null);
    const named = byName !== null && byName !== closest ? `, named "${byName}"` : "";
    return {value, reason: `unknown product "${shown}" (not in ${productsFile}${closest !== null ? `; closest: "${closest}"${named}` : ""})`};
  });
  const values = reasons.map((r) => `(${sqlString(r.value)}, ${sqlString(r.reason)})`).join(", ");
  await runSql(conn, `CREATE OR REPLACE TEMP TABLE ingest_product_reasons AS SELECT * FROM (VALUES ${values}) AS t(value, reason)`);
  await runSql(
    conn,
    `UPDATE ingest_rejects SET reason = u.reason FROM ingest_product_reasons u
     WHERE ingest_rejects.reason = ${sqlString(UNKNOWN_PRODUCT_REASON)} AND ingest_rejects.value = u.value;
     DROP TABLE ingest_product_reasons;`
  );
}

export interface ReasonCount {
  column: string;
  reason: string;
  rows: number;
  example: string;
}

/**
 * The rejects of one export counted per (column, reason), most frequent first;
 * "(first on line N)" is left out so that duplicates count as one reason.
 */
export async function rejectSummary(conn: DuckDBConnection, name: ExportName): Promise<ReasonCount[]> {
  return queryRows<ReasonCount>(
    conn,
    `SELECT "column", regexp_replace(reason, ' \\(first on [^)]*line \\d+\\)$', '') AS reason,
            count(*)::INTEGER AS rows, min(value) AS example
     FROM ingest_rejects WHERE export = ${sqlString(name)}
     GROUP BY ALL ORDER BY rows DESC, "column", reason`
  );
}

/** One line of a summary: `1480 × product_id: unknown product "GTXPro" (…)`, with an example value when the reason has none. */
export function describeReasonCount(r: ReasonCount): string {
  const example = r.example.length > 40 ? r.example.slice(0, 37) + "..." : r.example;
  const showExample = !r.reason.includes(`"${r.example.trim()}"`);
  return `${r.rows} × ${r.column ? `${r.column}: ` : ""}${r.reason}${showExample ? ` (e.g. ${JSON.stringify(example)})` : ""}`;
}
