/**
 * The account population and each customer's life: acquisition, initial bundle,
 * cross-sells, churn, currency and billing cadence. Everything the billing and
 * opportunity writers need is decided here, once, from the seed.
 */
import {
  AFFINITY,
  INDUSTRIES,
  INDUSTRY_WEIGHTS,
  INITIAL_PRODUCT_WEIGHTS,
  NAME_FIRST,
  NAME_SECOND,
  NAME_SUFFIX,
  OWNERS,
  PRODUCTS,
  REGIONS,
  REGION_WEIGHTS,
  SEGMENTS,
  SEGMENT_CHURN,
  SEGMENT_PRICE,
  SEGMENT_WEIGHTS,
  TARGET_FALSE,
  TARGET_TRUE,
  TRICKY_NAMES,
  type Segment
} from "./catalog.js";
import {dayInMonth} from "./dates.js";
import {Random} from "./random.js";

export interface Adoption {
  product: number;
  month: number;
  /** First month the product is no longer billed although the account stays (a product dropped); +Infinity when kept. */
  droppedMonth: number;
}

export interface Account {
  id: string;
  name: string;
  segment: Segment;
  region: string;
  industry: string;
  owner: string;
  /** The cell as written (true/false/yes/no/1/0/empty). */
  targetProfileCell: string;
  createdDay: number | null;
  isCustomer: boolean;
  /** Month of first purchase (absolute month number); customers only. */
  acquiredMonth: number;
  /** Day of month the account is invoiced on; 31 = month end. */
  billingDom: number;
  /** First month without billing (churn); +Infinity when the account never churns. */
  churnMonth: number;
  /** Products in adoption order; the first `initialCount` form the day-one bundle. */
  adoptions: Adoption[];
  initialCount: number;
  /** Price multiplier (segment × company size). */
  size: number;
  currency: "USD" | "EUR" | "";
  /** Months between invoices of a product: 1 (monthly) or 12 (annual). */
  cadence: 1 | 12;
  /** Billing customer ids: [0] bills the account; a second id (a subsidiary) bills cross-sold products. */
  customerIds: string[];
}

export interface Window {
  startMonth: number;
  endMonth: number;
  endDay: number;
}

export function accountId(index: number): string {
  return `ACC-${String(index + 1).padStart(6, "0")}`;
}

/** Builds `count` accounts over the billing window. Tricky names go to the first accounts, which are always customers. */
export function buildAccounts(count: number, seed: number, window: Window): Account[] {
  const rng = Random.stream(seed, "accounts");
  const life = Random.stream(seed, "lifecycle");
  const months = window.endMonth - window.startMonth + 1;
  // Acquisitions grow over time: weight rises from 1 to 1.6 across the window.
  const monthWeights = Array.from({length: months}, (_, i) => 1 + (0.6 * i) / Math.max(1, months - 1));
  const monthOffsets = monthWeights.map((_, i) => i);
  const accounts: Account[] = [];
  let mapped = 0;

  for (let i = 0; i < count; i++) {
    const id = accountId(i);
    const tricky = i < TRICKY_NAMES.length;
    const name = tricky ? TRICKY_NAMES[i] : companyName(rng);
    const segment = rng.weighted(SEGMENTS, SEGMENT_WEIGHTS);
    const region = rng.weighted(REGIONS, REGION_WEIGHTS);
    const industry = rng.weighted(INDUSTRIES, INDUSTRY_WEIGHTS);
    const owner = rng.pick(OWNERS);
    // Target profile: 55% yes, 35% no, 10% unknown; in-profile accounts buy more.
    const t = rng.next();
    const inTarget: boolean | null = t < 0.55 ? true : t < 0.9 ? false : null;
    const targetProfileCell = inTarget === null ? "" : inTarget ? rng.pick(TARGET_TRUE) : rng.pick(TARGET_FALSE);
    const isCustomer = tricky || life.chance(0.8);
    const preWindow = life.chance(0.2);
    // Tricky-name accounts are acquired inside the window and never churn, so
    // their names reach every page (billing, account lists, active at D).
    const acquiredMonth = preWindow && !tricky
      ? window.startMonth - life.int(1, 36)
      : window.startMonth + life.weighted(monthOffsets, monthWeights);
    const billingDom = life.chance(0.35) ? 31 : life.int(1, 28);
    const churnHazard = SEGMENT_CHURN[segment] * (inTarget === false ? 1.3 : 1);
    const churnMonth = acquiredMonth + 1 + life.geometric(churnHazard) + (tricky ? Number.POSITIVE_INFINITY : 0);
    const {adoptions, initialCount} = planProducts(life, segment, inTarget, acquiredMonth, churnMonth);
    const size = SEGMENT_PRICE[segment] * life.logNormal(1, 0.45);
    const currency = region === "EMEA" && life.chance(0.65) ? "EUR" : life.chance(0.08) ? "" : "USD";
    const created = isCustomer
      ? dayInMonth(acquiredMonth, 1) - life.int(7, 400)
      : dayInMonth(window.startMonth, 1) - 540 + life.int(0, (months + 18) * 30 - 20);
    const createdDay = life.chance(0.02) ? null : created;
    // About 1% of customers are billed under a billing-system id (account_map.csv);
    // one in four of those also has a subsidiary billed separately.
    const customerIds = [id];
    // Even a tiny sample gets two mapped customers, the first with a subsidiary.
    // Only customers billed inside the window are mapped, so every map row is used;
    // a subsidiary only when there is a cross-sold product for it to be billed.
    const mapThis = life.chance(0.012) || (mapped < 2 && i >= 20);
    const billedInWindow = churnMonth > window.startMonth && acquiredMonth <= window.endMonth;
    if (isCustomer && !tricky && mapThis && billedInWindow) {
      mapped++;
      customerIds[0] = `CUS-${String(mapped).padStart(5, "0")}`;
      const crossSold = adoptions.slice(initialCount).some((x) => x.month <= window.endMonth);
      if ((life.chance(0.25) || mapped === 1) && crossSold) customerIds.push(`CUS-${String(mapped).padStart(5, "0")}-SUB`);
    }
    accounts.push({
      id,
      name,
      segment,
      region,
      industry,
      owner,
      targetProfileCell,
      createdDay,
      isCustomer,
      acquiredMonth,
      billingDom,
      churnMonth,
      adoptions,
      initialCount,
      size,
      currency,
      cadence: 1,
      customerIds
    });
  }
  return accounts;
}

function companyName(rng: Random): string {
  const suffix = rng.pick(NAME_SUFFIX);
  const base = `${rng.pick(NAME_FIRST)} ${rng.pick(NAME_SECOND)}`;
  return suffix ? `${base} ${suffix}` : base;
}

/**
 * Day-one bundle, then cross-sells: an account cross-sells at all with a
 * probability set by segment and fit, the first one 3–20 months after
 * acquisition (median ≈ 8), each later one with lower probability.
 */
function planProducts(
  rng: Random,
  segment: Segment,
  inTarget: boolean | null,
  acquiredMonth: number,
  churnMonth: number
): {adoptions: Adoption[]; initialCount: number} {
  const bundleWeights =
    segment === "Enterprise" ? [0.68, 0.24, 0.08] : segment === "Mid-Market" ? [0.8, 0.16, 0.04] : [0.9, 0.08, 0.02];
  const bundleSize = rng.weighted([1, 2, 3], bundleWeights);
  const held: number[] = [rng.weighted(PRODUCTS.map((_, i) => i), INITIAL_PRODUCT_WEIGHTS)];
  while (held.length < bundleSize) held.push(nextProduct(rng, held));
  const adoptions: Adoption[] = held.map((product) => ({product, month: acquiredMonth, droppedMonth: Number.POSITIVE_INFINITY}));

  const fit = inTarget === true ? 1.25 : inTarget === false ? 0.7 : 1;
  const firstChance = (segment === "Enterprise" ? 0.64 : segment === "Mid-Market" ? 0.54 : 0.47) * fit;
  let chance = Math.min(0.95, firstChance);
  let month = acquiredMonth;
  let first = true;
  while (held.length < PRODUCTS.length && rng.chance(chance)) {
    const delay = Math.round(clamp(rng.logNormal(first ? 8 : 9, 0.5), 3, 20));
    month += delay;
    if (month >= churnMonth) break;
    const product = nextProduct(rng, held);
    held.push(product);
    adoptions.push({product, month, droppedMonth: Number.POSITIVE_INFINITY});
    chance *= 0.8;
    first = false;
  }
  // Some accounts drop a product they added (never their first one) 6–30 months later.
  for (const a of adoptions.slice(1)) {
    if (rng.chance(0.12)) a.droppedMonth = a.month + rng.int(6, 30);
  }
  return {adoptions, initialCount: bundleSize};
}

/** A product not yet held, drawn by affinity with the held ones. */
export function nextProduct(rng: Random, held: readonly number[]): number {
  const weights = PRODUCTS.map((_, to) => (held.includes(to) ? 0 : held.reduce((s, from) => s + AFFINITY[from][to], 0.1)));
  return rng.weighted(
    PRODUCTS.map((_, i) => i),
    weights
  );
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
