/**
 * `--redact`: a shareable copy of the report (decks, outsiders) in which every
 * account name and owner name is a pseudonym, "Account 3F9A2C" / "Owner 81B2".
 *
 * Applied once, in SQL, to the loaded tables right after ingest: the account
 * names and owners of stg_accounts, the owners of stg_opportunities, and the
 * rejected values that are names (ingest_rejects). Every output file is derived
 * from these tables, so every one is covered (accounts, demand units, white
 * space, history, open pipeline, figures by owner, rejects.csv, …) without a
 * list of files to keep up to date.
 *
 * - Stable per name: the pseudonym is the HMAC-SHA256 of the name keyed with
 *   a salt, so the same name gets the same pseudonym in every file and in every
 *   run (drill-downs, owner cuts and links still work). Its hex digits are the
 *   shortest (at least 6 for accounts, 4 for owners) that keep two names apart,
 *   so that two owners are never merged into one.
 * - The salt comes from $CROSSSELL_REDACT_SALT; without it a fixed default is
 *   used, with which anyone holding this code and a guess of a name can check
 *   the guess. It is never written to an output.
 * - Kept as they are: ids (account_id, opportunity_id, customer_id: the page
 *   names and links), and an unmatched billing customer, whose name is its
 *   customer id. Exports whose ids carry names need those ids replaced first.
 * - A rejected row of accounts or opportunities that could not be parsed
 *   (its whole line is the value) has that line withheld.
 */
import {createHash, createHmac} from "node:crypto";
import type {DuckDBConnection} from "@duckdb/node-api";
import {queryRows, runSql, sqlString} from "../db.js";

export const REDACT_SALT_ENV = "CROSSSELL_REDACT_SALT";
export const DEFAULT_REDACT_SALT = "cross-sell-report redact v1";
export const WITHHELD_LINE = "(line withheld: redacted copy)";

/** What is pseudonymised: the label of the pseudonym and its fewest hex digits. */
export const NAME_KINDS = {
  account: {label: "Account", minDigits: 6},
  owner: {label: "Owner", minDigits: 4}
} as const;
export type NameKind = keyof typeof NAME_KINDS;

/** The salt: $CROSSSELL_REDACT_SALT, else the fixed default. */
export function redactSalt(env: NodeJS.ProcessEnv = process.env): string {
  const salt = env[REDACT_SALT_ENV];
  return salt !== undefined && salt !== "" ? salt : DEFAULT_REDACT_SALT;
}

/** HMAC-SHA256 of the name (UTF-8) keyed with the salt, as lower-case hex: what the SQL below computes. */
export function nameDigest(name: string, salt: string): string {
  return createHmac("sha256", salt).update(name, "utf8").digest("hex");
}

/** The pseudonym of a name whose digest is shown with `digits` hex digits. */
export function pseudonym(kind: NameKind, name: string, salt: string, digits: number = NAME_KINDS[kind].minDigits): string {
  return `${NAME_KINDS[kind].label} ${nameDigest(name, salt).slice(0, digits).toUpperCase()}`;
}

/**
 * HMAC-SHA256(salt, name) as a DuckDB expression over the VARCHAR `expr`
 * (RFC 2104: the key padded to the block, XORed with 0x36 inside and 0x5c outside).
 */
export function digestSql(expr: string, salt: string): string {
  let key = Buffer.from(salt, "utf8");
  if (key.length > 64) key = createHash("sha256").update(key).digest();
  const block = Buffer.alloc(64);
  key.copy(block);
  const pad = (byte: number) => Buffer.from(block.map((b) => b ^ byte)).toString("hex");
  return `sha256(unhex('${pad(0x5c)}') || unhex(sha256(unhex('${pad(0x36)}') || encode(${expr}))))`;
}

/** Where names are: table, column, kind. Rejected values count when their column is a name column. */
const NAME_COLUMNS: readonly {table: string; column: string; kind: NameKind}[] = [
  {table: "stg_accounts", column: "account_name", kind: "account"},
  {table: "stg_accounts", column: "owner", kind: "owner"},
  {table: "stg_opportunities", column: "owner", kind: "owner"}
];
/** Exports whose unparseable lines may hold names. */
const EXPORTS_WITH_NAMES = ["accounts", "opportunities"];

export interface RedactResult {
  /** Distinct names replaced, per kind. */
  names: Record<NameKind, number>;
  /** Hex digits of the pseudonyms, per kind. */
  digits: Record<NameKind, number>;
}

/** Replaces every account and owner name in the loaded tables by its pseudonym (see above). */
export async function redactNames(conn: DuckDBConnection, salt: string, minDigits: Partial<Record<NameKind, number>> = {}): Promise<RedactResult> {
  const rejectColumns = [...new Map(NAME_COLUMNS.map((c) => [c.column, c.kind]))];
  const names = [
    ...NAME_COLUMNS.map((c) => `SELECT ${sqlString(c.kind)} AS kind, "${c.column}" AS name FROM ${c.table}`),
    ...rejectColumns.map(([column, kind]) => `SELECT ${sqlString(kind)}, value FROM ingest_rejects WHERE "column" = ${sqlString(column)}`)
  ].join("\nUNION\n");
  await runSql(
    conn,
    `CREATE OR REPLACE TEMP TABLE redact_names AS
     SELECT kind, name, ${digestSql("name", salt)} AS digest, NULL::VARCHAR AS pseudonym
     FROM (${names}) WHERE name IS NOT NULL AND name <> ''`
  );
  const result: RedactResult = {names: {account: 0, owner: 0}, digits: {account: 0, owner: 0}};
  for (const kind of Object.keys(NAME_KINDS) as NameKind[]) {
    // The fewest digits that keep every two names apart (64 always do: a SHA-256 collision is not a concern).
    let digits = minDigits[kind] ?? NAME_KINDS[kind].minDigits;
    for (;;) {
      const [row] = await queryRows<{names: number; distinct_codes: number}>(
        conn,
        `SELECT count(*)::INTEGER AS names, count(DISTINCT left(digest, ${digits}))::INTEGER AS distinct_codes FROM redact_names WHERE kind = ${sqlString(kind)}`
      );
      result.names[kind] = row.names;
      if (row.names === row.distinct_codes || digits >= 64) break;
      digits++;
    }
    result.digits[kind] = digits;
    await runSql(
      conn,
      `UPDATE redact_names SET pseudonym = ${sqlString(NAME_KINDS[kind].label + " ")} || upper(left(digest, ${digits})) WHERE kind = ${sqlString(kind)}`
    );
  }
  const tables = NAME_COLUMNS.map(
    (c) => `UPDATE ${c.table} SET "${c.column}" = m.pseudonym FROM redact_names m WHERE m.kind = ${sqlString(c.kind)} AND m.name = ${c.table}."${c.column}";`
  );
  const rejects = rejectColumns.map(
    ([column, kind]) => `UPDATE ingest_rejects SET value = m.pseudonym FROM redact_names m
     WHERE ingest_rejects."column" = ${sqlString(column)} AND m.kind = ${sqlString(kind)} AND m.name = ingest_rejects.value;`
  );
  await runSql(
    conn,
    `${[...tables, ...rejects].join("\n")}
     UPDATE ingest_rejects SET value = ${sqlString(WITHHELD_LINE)}
     WHERE "column" = '' AND value <> '' AND export IN (${EXPORTS_WITH_NAMES.map(sqlString).join(", ")});
     DROP TABLE redact_names;`
  );
  return result;
}
