/**
 * The layer in front of the pipeline: turns a folder of foreign exports
 * (Salesforce, HubSpot, Stripe, any CSV/.xlsx described by a mapping file)
 * into a folder of CANONICAL exports (shared/spec/data-contract.md) that the
 * pipeline reads as usual.
 *
 * Every canonical file written here carries two extra trailing columns,
 * `_source_file` and `_source_line`, so that the pipeline's rejects point at
 * the user's original file and line. Rows are never dropped or repaired here:
 * a row without an account, a date or a known product is written through and
 * the pipeline rejects it with its reason. Canonical files of the input folder
 * that the mapping does not cover are copied unchanged.
 */
import {copyFileSync, existsSync, mkdirSync, readdirSync, rmSync} from "node:fs";
import {basename, join, resolve} from "node:path";
import type {DuckDBConnection} from "@duckdb/node-api";
import {openDatabase, queryRows, runSql, sqlIdent, sqlString} from "../db.js";
import {EXPORT_NAMES, findExport, type ExportName, type FoundExport} from "../ingest/files.js";
import {deriveAccountOwners, deriveOpportunityTypes, type CanonicalTable} from "./derive.js";
import {closestMatch} from "./closest.js";
import {loadMapping} from "./load.js";
import {MappingError} from "./schema.js";
import {checkSourceDuplicates, findSourceFiles, loadSourceFiles} from "./source.js";
import {mapFile, resolveSourceColumns} from "./transform.js";

export {closestMatch} from "./closest.js";
export {MappingError} from "./schema.js";
export {loadMapping, presetNames} from "./load.js";

export interface PrepareOptions {
  /** Folder of the foreign exports. */
  input: string;
  preset?: string;
  /** Mapping file (may `extends` a preset). */
  mapping?: string;
  /** Folder the canonical files are written to (created; canonical files in it are replaced). */
  workDir: string;
}

export interface PreparedExports {
  /** Folder of canonical exports: the pipeline's input. */
  dir: string;
  /** The mapping's `reject_limit` for this run (a fraction), when it sets one. */
  rejectLimit?: number;
  mode?: "billing" | "bookings";
  asOf?: string;
  /** What was done, one line each, for the run's log and manifest. */
  notes: string[];
}

/** The two columns every written file carries after its canonical columns. */
export const SOURCE_COLUMNS = ["_source_file", "_source_line"] as const;

export async function prepareExports(opts: PrepareOptions): Promise<PreparedExports> {
  const {mapping, source} = loadMapping({preset: opts.preset, mapping: opts.mapping});
  const input = resolve(opts.input);
  const workDir = resolve(opts.workDir);
  if (!existsSync(input)) throw new MappingError(`The input folder ${opts.input} does not exist`);
  if (input === workDir) throw new MappingError(`The work folder must differ from the input folder (${opts.input})`);
  mkdirSync(workDir, {recursive: true});
  // A canonical file left from an earlier run must never be read as this run's.
  for (const f of readdirSync(workDir)) {
    if (EXPORT_NAMES.some((n) => f === `${n}.csv` || f === `${n}.csv.gz` || f === `${n}.parquet`)) rmSync(join(workDir, f));
  }

  const notes: string[] = [`using ${source}`];
  const db = await openDatabase();
  try {
    const conn = db.conn;
    const mapped = new Map<ExportName, CanonicalTable>();
    for (const name of EXPORT_NAMES) {
      const file = mapping.files[name];
      if (!file) continue;
      const files = findSourceFiles(input, file.source);
      if (files.length === 0) {
        if (file.optional) {
          notes.push(`${name}: no file matches ${JSON.stringify(file.source)}; skipped (optional)`);
          continue;
        }
        const present = readdirSync(input).sort();
        throw new MappingError(
          `files.${name}.source: no file in ${opts.input} matches ${JSON.stringify(file.source)}. ` +
            `Files there: ${present.map((f) => `"${f}"`).join(", ") || "none"}`,
          [`files.${name}.source: no matching file`]
        );
      }
      const loaded = await loadSourceFiles(conn, `src_${name}`, files, {delimiter: file.delimiter, sheet: file.sheet});
      const fileNames = files.map((f) => basename(f));
      const columns = resolveSourceColumns(name, file, loaded.headers, fileNames);
      checkSourceDuplicates(columns.values(), loaded, fileNames);
      const result = await mapFile(conn, name, file, `src_${name}`, columns);
      mapped.set(name, {table: `mapped_${name}`, columns: result.columns});
      notes.push(`${name}.csv ← ${fileNames.join(", ")}: ${result.rows} rows`);
      notes.push(...result.notes);
      if (loaded.ragged.length) {
        notes.push(
          `${name}: ${loaded.ragged.length} rows do not have as many fields as the header (missing fields read as empty): ` +
            loaded.ragged.slice(0, 5).join(", ") + (loaded.ragged.length > 5 ? ", …" : "")
        );
      }
    }

    // Canonical files the mapping does not cover pass through unchanged.
    const passed = new Map<ExportName, FoundExport>();
    for (const name of EXPORT_NAMES) {
      if (mapped.has(name)) continue;
      const found = findExport(input, name);
      if (!found) continue;
      copyFileSync(found.absolutePath, join(workDir, found.relativePath));
      passed.set(name, found);
      notes.push(`${found.relativePath}: canonical, copied as is`);
    }
    const table = async (name: ExportName): Promise<CanonicalTable | undefined> =>
      mapped.get(name) ?? (passed.has(name) ? readCanonical(conn, passed.get(name)!) : undefined);

    const opportunities = mapped.get("opportunities");
    const rule = mapping.files.opportunities?.derive_type;
    if (rule && opportunities) {
      const bookings = mapping.mode === "bookings";
      const invoiceLines = bookings ? undefined : await table("invoice_lines");
      const counts = await deriveOpportunityTypes(conn, opportunities, rule, {
        invoiceLines,
        accountMap: invoiceLines ? await table("account_map") : undefined
      });
      notes.push(
        `opportunities.type derived (${rule}, from ${invoiceLines ? "billing lines" : "won deals"}) for ` +
          `${Object.values(counts).reduce((a, b) => a + b, 0)} rows: ` +
          Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(", ")
      );
    }
    const accounts = mapped.get("accounts");
    if (mapping.files.accounts?.derive_owner && accounts) {
      const opps = await table("opportunities");
      if (!opps || !opps.columns.includes("owner")) {
        throw new MappingError(
          "files.accounts.derive_owner: the owner comes from the opportunities' owner column, and there is none (map files.opportunities.columns.owner)",
          ["files.accounts.derive_owner: no opportunity owner"]
        );
      }
      const n = await deriveAccountOwners(conn, accounts.table, opps);
      notes.push(`accounts.owner derived (most opportunities) for ${n} accounts`);
    }

    const products = await table("products");
    if (products) notes.push(...(await unknownProductNotes(conn, products, mapped)));

    for (const [name, t] of mapped) await writeCanonical(conn, t, join(workDir, `${name}.csv`));
  } finally {
    db.close();
  }
  return {dir: workDir, rejectLimit: mapping.reject_limit, mode: mapping.mode, asOf: mapping.as_of, notes};
}

/**
 * Mapped product ids that the catalog does not know, with the closest catalog
 * id and the value map that would fix them: the rows are still written (the
 * pipeline rejects them), but the user learns the fix before reading rejects.
 */
async function unknownProductNotes(conn: DuckDBConnection, products: CanonicalTable, mapped: Map<ExportName, CanonicalTable>): Promise<string[]> {
  if (!products.columns.includes("product_id")) return [];
  const catalog = (await queryRows<{id: string}>(conn, `SELECT DISTINCT trim(product_id) AS id FROM ${products.table} WHERE nullif(trim(product_id), '') IS NOT NULL ORDER BY id`)).map((r) => r.id);
  const notes: string[] = [];
  for (const name of ["opportunities", "invoice_lines", "demand_units"] as const) {
    const t = mapped.get(name);
    if (!t || !t.columns.includes("product_id")) continue;
    const unknown = await queryRows<{value: string; n: number}>(
      conn,
      `SELECT trim(m.product_id) AS value, count(*)::INTEGER AS n FROM ${t.table} m
       WHERE nullif(trim(m.product_id), '') IS NOT NULL AND trim(m.product_id) NOT IN (SELECT trim(product_id) FROM ${products.table} WHERE product_id IS NOT NULL)
       GROUP BY 1 ORDER BY n DESC, value LIMIT 10`
    );
    for (const u of unknown) {
      const near = closestMatch(u.value, catalog);
      notes.push(
        `${name}.product_id: unknown product "${u.value}" in ${u.n} rows (not in products.csv` +
          (near ? `; closest: "${near}"): add "values": {"product_id": {"map": {${JSON.stringify(u.value)}: ${JSON.stringify(near)}}}} to files.${name} of the mapping` : ")")
      );
    }
  }
  return notes;
}

/** A canonical file of the input folder, read for derivations only (never rewritten). */
async function readCanonical(conn: DuckDBConnection, found: FoundExport): Promise<CanonicalTable> {
  const table = `canon_${found.name}`;
  if (found.format === "parquet") {
    await runSql(conn, `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM read_parquet(${sqlString(found.absolutePath)})`);
  } else {
    await loadSourceFiles(conn, table, [found.absolutePath], {delimiter: ","});
  }
  const columns = await queryRows<{column_name: string}>(conn, `DESCRIBE ${table}`);
  return {table, columns: columns.map((c) => c.column_name)};
}

/** Writes a mapped table as a canonical CSV (quoted as needed), in the source's row order. */
async function writeCanonical(conn: DuckDBConnection, t: CanonicalTable, path: string): Promise<void> {
  const columns = [...t.columns, ...SOURCE_COLUMNS].map(sqlIdent).join(", ");
  await runSql(
    conn,
    `COPY (SELECT ${columns} FROM ${t.table} ORDER BY _rid) TO ${sqlString(path)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"')`
  );
}
