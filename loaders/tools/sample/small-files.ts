/**
 * The small companion files: products.csv, account_map.csv, fx_rates.csv and
 * demand_units.csv, plus accounts.csv (with its two planted defects).
 */
import type {Account, Window} from "./accounts.js";
import {accountId} from "./accounts.js";
import {BUYING_CENTERS, PRODUCTS} from "./catalog.js";
import {CsvWriter} from "./csv-writer.js";
import {isoDay, isoMonth} from "./dates.js";
import {Random} from "./random.js";

export const ACCOUNT_COLUMNS = [
  "account_id",
  "account_name",
  "segment",
  "region",
  "industry",
  "owner",
  "in_target_profile",
  "created_date"
] as const;
export const PRODUCT_COLUMNS = ["product_id", "product_name", "product_family", "core"] as const;
export const ACCOUNT_MAP_COLUMNS = ["customer_id", "account_id"] as const;
export const FX_RATE_COLUMNS = ["currency", "month", "rate"] as const;
export const DEMAND_UNIT_COLUMNS = [
  "account_id",
  "buying_center",
  "product_id",
  "need",
  "fit",
  "urgency",
  "relationship",
  "data",
  "resources",
  "assessed_date"
] as const;

/** accounts.csv. Defects (defects.ts): a repeated account_id and an account with an empty name. */
export async function writeAccounts(path: string, accounts: readonly Account[], gzip: boolean): Promise<number> {
  const out = CsvWriter.open(path, ACCOUNT_COLUMNS, {gzip});
  const row = (a: Account, name: string, id = a.id) => [
    id,
    name,
    a.segment,
    a.region,
    a.industry,
    a.owner,
    a.targetProfileCell,
    a.createdDay === null ? "" : isoDay(a.createdDay)
  ];
  const duplicateAt = Math.floor(accounts.length / 2);
  for (let i = 0; i < accounts.length; i++) {
    out.write(row(accounts[i], accounts[i].name));
    if (i === duplicateAt) {
      // The same id again further down, under another name: the later row is rejected.
      const original = accounts[Math.floor(accounts.length / 4)];
      out.write(row(original, `${original.name} (duplicate)`));
    }
    await out.drain();
  }
  // An account with an empty (required) name; nothing refers to it.
  const last = accounts[accounts.length - 1];
  out.write(row({...last, isCustomer: false}, "", accountId(accounts.length)));
  await out.close();
  return out.rowCount;
}

export async function writeProducts(path: string, gzip: boolean): Promise<void> {
  const out = CsvWriter.open(path, PRODUCT_COLUMNS, {gzip});
  for (const p of PRODUCTS) out.write([p.id, p.name, p.family, p.core ? "true" : "false"]);
  await out.close();
}

/** Every billing id that is not an account id, to its account. */
export async function writeAccountMap(path: string, accounts: readonly Account[], gzip: boolean): Promise<number> {
  const out = CsvWriter.open(path, ACCOUNT_MAP_COLUMNS, {gzip});
  for (const a of accounts) for (const c of a.customerIds) if (c !== a.id) out.write([c, a.id]);
  await out.close();
  return out.rowCount;
}

/**
 * EUR → USD monthly rates from six months before the window to its end, with
 * three months left out on purpose (those lines use the constant rate, the
 * row with an empty month).
 */
export async function writeFxRates(path: string, window: Window, seed: number, gzip: boolean): Promise<void> {
  const rng = Random.stream(seed, "fx");
  const out = CsvWriter.open(path, FX_RATE_COLUMNS, {gzip});
  const skipped = new Set([window.startMonth + 7, window.startMonth + 19, window.endMonth - 2]);
  let rate = 1.08;
  for (let m = window.startMonth - 6; m <= window.endMonth; m++) {
    rate = Math.min(1.2, Math.max(0.98, rate + 0.012 * rng.normal()));
    if (!skipped.has(m)) out.write(["EUR", isoMonth(m), rate.toFixed(4)]);
  }
  out.write(["EUR", "", "1.0850"]);
  await out.close();
}

/** Planning scores for about `count` (account, buying center, core product not held) units; some with need 0. */
export async function writeDemandUnits(
  path: string,
  accounts: readonly Account[],
  window: Window,
  count: number,
  seed: number,
  gzip: boolean
): Promise<number> {
  const rng = Random.stream(seed, "demand-units");
  const out = CsvWriter.open(path, DEMAND_UNIT_COLUMNS, {gzip});
  const active = accounts.filter((a) => a.isCustomer && a.acquiredMonth <= window.endMonth && a.churnMonth > window.endMonth);
  const seen = new Set<string>();
  for (let tries = 0; out.rowCount < count && tries < count * 20 && active.length > 0; tries++) {
    const a = rng.pick(active);
    const owned = new Set(a.adoptions.filter((x) => x.month <= window.endMonth && x.droppedMonth > window.endMonth).map((x) => x.product));
    const gaps = PRODUCTS.map((p, i) => (p.core && !owned.has(i) ? p.id : "")).filter(Boolean);
    if (gaps.length === 0) continue;
    const product = rng.pick(gaps);
    const center = rng.chance(0.6) ? rng.pick(BUYING_CENTERS) : "";
    const key = `${a.id}|${center}|${product}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const need = rng.chance(0.08) ? 0 : rng.int(1, 3);
    const score = () => rng.weighted([0, 1, 2, 3], [1, 3, 4, 3]);
    const assessed = rng.chance(0.1) ? "" : isoDay(window.endDay - rng.int(0, 180));
    out.write([a.id, center, product, need, score(), score(), score(), score(), score(), assessed]);
  }
  await out.close();
  return out.rowCount;
}
