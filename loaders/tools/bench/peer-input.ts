/**
 * The pandas peer's input: a defect-free copy of the bench exports. The peer
 * assumes valid input (it has no row checks), and the bench input carries the
 * sample's planted defects (loaders/tools/sample/defects.ts: an amount "12O.50", a
 * date 2025-02-30, a duplicate line key...), on which pandas stops. So the peer
 * reads the same exports less the rows the pipeline rejects for those rules,
 * filtered once with DuckDB into a sibling folder (<input>.peer) and reused while
 * the exports are unchanged (same names, sizes and modification times).
 * Only the files the peer reads are written there.
 */
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import {openDatabase, sqlString} from "../../pipeline/db.js";

/** The exports the peer reads (../shared/peers/pandas_kpis.py: load_lines, load_opportunities, fx_factor). */
export const PEER_FILES = ["invoice_lines", "opportunities", "account_map", "fx_rates"] as const;
const STAMP = "peer-input.json";

export interface PeerInput {
  dir: string;
  /** Rows left out of each filtered file (0 when it had no defect). */
  dropped: Record<string, number>;
  reused: boolean;
}

/** Where the defect-free copy of `input` goes: a sibling folder, never inside the exports. */
export function peerInputDir(input: string): string {
  return join(dirname(input), `${basename(input)}.peer`);
}

/** What decides the copy's content: each source file's name, size and modification time. */
export function sourceKey(input: string): string {
  const files = [...PEER_FILES, "products", "accounts"].map((name) => {
    const path = join(input, `${name}.csv`);
    if (!existsSync(path)) return {name, absent: true};
    const s = statSync(path);
    return {name, size: s.size, mtime: Math.round(s.mtimeMs)};
  });
  return JSON.stringify(files);
}

const isText = (column: string) => `nullif(trim(${column}), '')`;

/**
 * Reads `name`.csv as text into `table` (its rowid is then the row's rank in the file) and
 * starts the statement that writes the kept rows into `table`_kept: a CTE "typed" of every
 * row with its rank and the `parsed` expressions.
 */
function readRanked(input: string, name: string, table: string, parsed: string[]): string {
  return `
    create or replace table ${table} as select * from read_csv(${sqlString(join(input, `${name}.csv`))}, all_varchar = true, header = true);
    create or replace table ${table}_kept as
    with typed as (select rowid as rank, *, ${parsed.join(", ")} from ${table}),`;
}

/**
 * invoice_lines.csv less the rows the pipeline rejects (staging/chk_invoice_lines.sql, chk_invoice_lines_late.sql): an empty
 * required field, a date or amount that does not parse, a duplicate (invoice_id, line_id)
 * after its first line, an unknown product, a foreign currency without a rate.
 */
function linesSql(input: string, hasProducts: boolean, reporting: string): string {
  return `${readRanked(input, "invoice_lines", "peer_lines", [
    "try_cast(trim(invoice_date) as date) as invoiced_on",
    "try_cast(trim(amount) as decimal(18, 4)) as amount_value",
    `coalesce(upper(${isText("currency")}), ${sqlString(reporting)}) as currency_code`
  ])}
    valid as (
      select * from typed
      where ${["invoice_id", "customer_id", "product_id", "invoice_date", "amount"].map((c) => `${isText(c)} is not null`).join(" and ")}
        and invoiced_on is not null and amount_value is not null
        ${hasProducts ? "and product_id in (select product_id from peer_products)" : ""}
        and (currency_code = ${sqlString(reporting)}
          or exists (select 1 from peer_fx as fx where fx.currency = currency_code
                     and (fx.month is null or fx.month = strftime(invoiced_on, '%Y-%m'))))
    ),
    first_of_key as (
      select * from valid
      qualify ${isText("line_id")} is null or rank = min(rank) over (partition by invoice_id, line_id)
    )
    select * exclude (rank, invoiced_on, amount_value, currency_code) from first_of_key order by rank;`;
}

/**
 * opportunities.csv less the rows the pipeline rejects for what the peer reads: dates or an
 * amount that do not parse, a close date before the created date, a repeated opportunity_id
 * after its first row, an account that is in no accounts.csv row.
 */
function opportunitiesSql(input: string, hasAccounts: boolean): string {
  return `${readRanked(input, "opportunities", "peer_opps", [
    "try_cast(trim(created_date) as date) as created_on",
    "try_cast(trim(close_date) as date) as closed_on"
  ])}
    valid as (
      select * from typed
      where ${isText("opportunity_id")} is not null and ${isText("account_id")} is not null
        and created_on is not null
        and (${isText("close_date")} is null or (closed_on is not null and closed_on >= created_on))
        and (${isText("amount")} is null or try_cast(trim(amount) as decimal(18, 4)) is not null)
        ${hasAccounts ? "and account_id in (select account_id from peer_accounts)" : ""}
    )
    select * exclude (rank, created_on, closed_on) from valid
    qualify rank = min(rank) over (partition by opportunity_id)
    order by rank;`;
}

/**
 * The peer's input folder for `input`: reused when its stamp matches the exports, else
 * written afresh (into a temporary sibling, renamed when complete).
 */
export async function preparePeerInput(input: string, reporting = "USD"): Promise<PeerInput> {
  const dir = peerInputDir(input);
  const key = sourceKey(input);
  const stamp = join(dir, STAMP);
  if (existsSync(stamp)) {
    try {
      const saved = JSON.parse(readFileSync(stamp, "utf8")) as {key: string; dropped: Record<string, number>};
      if (saved.key === key) return {dir, dropped: saved.dropped, reused: true};
    } catch {
      // an unreadable stamp: written again below
    }
  }
  const work = `${dir}.partial`;
  rmSync(work, {recursive: true, force: true});
  mkdirSync(work, {recursive: true});
  const db = await openDatabase({memoryLimit: "1GB", tempDirectory: work});
  const dropped: Record<string, number> = {};
  try {
    const conn = db.conn;
    const csv = (name: string) => join(input, `${name}.csv`);
    const hasProducts = existsSync(csv("products"));
    const hasAccounts = existsSync(csv("accounts"));
    if (hasProducts) await conn.run(`create table peer_products as select product_id from read_csv(${sqlString(csv("products"))}, all_varchar = true)`);
    if (hasAccounts) await conn.run(`create table peer_accounts as select account_id from read_csv(${sqlString(csv("accounts"))}, all_varchar = true)`);
    await conn.run(
      existsSync(csv("fx_rates"))
        ? `create table peer_fx as select upper(trim(currency)) as currency, nullif(trim(month), '') as month from read_csv(${sqlString(csv("fx_rates"))}, all_varchar = true)`
        : "create table peer_fx (currency varchar, month varchar)"
    );
    const filtered = [
      {name: "invoice_lines", sql: linesSql(input, hasProducts, reporting), table: "peer_lines"},
      ...(existsSync(csv("opportunities")) ? [{name: "opportunities", sql: opportunitiesSql(input, hasAccounts), table: "peer_opps"}] : [])
    ];
    for (const {name, sql, table} of filtered) {
      await conn.run(sql);
      const reader = await conn.runAndReadAll(`select (select count(*) from ${table})::double - (select count(*) from ${table}_kept)::double as n`);
      dropped[name] = Number(reader.getRowObjectsJson()[0].n);
      await conn.run(`copy ${table}_kept to ${sqlString(join(work, `${name}.csv`))} (header true)`);
      await conn.run(`drop table ${table}; drop table ${table}_kept`);
    }
    for (const name of ["account_map", "fx_rates"]) {
      if (existsSync(csv(name))) writeFileSync(join(work, `${name}.csv`), readFileSync(csv(name)));
    }
  } finally {
    db.close();
  }
  writeFileSync(join(work, STAMP), JSON.stringify({key, dropped}) + "\n");
  rmSync(dir, {recursive: true, force: true});
  renameSync(work, dir);
  return {dir, dropped, reused: false};
}
