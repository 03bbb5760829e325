/**
 * opportunities.csv: deals derived from what the customers did (a won
 * new-business deal at acquisition, a won cross-sell deal at most cross-sells,
 * renewals at anniversaries and a lost renewal at churn) plus the lost and open
 * deals that give each type its win rate: new business ≈ 15%, cross-sell ≈ 35%,
 * upsell ≈ 40%. The whole set is then thinned (or topped up with renewals and
 * upsells) to the requested row count; thinning is uniform, so rates hold.
 */
import type {Account, Window} from "./accounts.js";
import {BUYING_CENTERS, OWNERS, PRODUCTS, SOURCES, SOURCE_WEIGHTS, INITIAL_PRODUCT_WEIGHTS} from "./catalog.js";
import {CsvWriter} from "./csv-writer.js";
import {dayInMonth, isoDay, monthOfDay} from "./dates.js";
import {OPPORTUNITY_DEFECT_ACCOUNT, OPPORTUNITY_DEFECT_TYPE} from "./defects.js";
import {Random} from "./random.js";
import {round2} from "./billing.js";

export const OPPORTUNITY_COLUMNS = [
  "opportunity_id",
  "account_id",
  "product_id",
  "type",
  "stage",
  "amount",
  "created_date",
  "close_date",
  "owner",
  "buying_center",
  "source",
  "currency"
] as const;

type OppType = "new_business" | "cross_sell" | "upsell" | "renewal" | "other";
type Stage = "open" | "won" | "lost";

interface Opportunity {
  account: Account;
  product: number | null;
  type: OppType | typeof OPPORTUNITY_DEFECT_TYPE;
  stage: Stage;
  amount: number | null;
  createdDay: number;
  closeDay: number | null;
  accountIdOverride?: string;
}

/** Target win rates (won / (won + lost)) by type. */
const WIN_RATE = {new_business: 0.15, cross_sell: 0.35, upsell: 0.4, renewal: 0.85, other: 0.5} as const;

export interface OpportunityStats {
  rows: number;
  byType: Record<string, {won: number; lost: number; open: number}>;
}

export async function writeOpportunities(
  path: string,
  accounts: readonly Account[],
  window: Window,
  target: number,
  seed: number,
  gzip: boolean
): Promise<OpportunityStats> {
  const rng = Random.stream(seed, "opportunities");
  const opps = planOpportunities(accounts, window, rng);
  const fitted = fitCount(opps, target, accounts, window, rng);
  plantDefects(fitted, accounts, window);
  fitted.sort(
    (a, b) => a.createdDay - b.createdDay || (a.account.id < b.account.id ? -1 : a.account.id > b.account.id ? 1 : 0)
  );

  const style = Random.stream(seed, "opportunity-fields");
  const out = CsvWriter.open(path, OPPORTUNITY_COLUMNS, {gzip});
  const width = Math.max(7, String(fitted.length).length);
  const duplicateOf = Math.floor(fitted.length / 3);
  const duplicateAt = Math.floor(fitted.length / 2);
  let duplicateRow: ReturnType<typeof rowOf> | null = null;
  const byType: OpportunityStats["byType"] = {};
  for (let i = 0; i < fitted.length; i++) {
    const opp = fitted[i];
    const id = `OPP-${String(i + 1).padStart(width, "0")}`;
    const row = rowOf(id, opp, style);
    out.write(row);
    const t = (byType[opp.type] ??= {won: 0, lost: 0, open: 0});
    t[opp.stage]++;
    // Defect: a second row reusing the id of an earlier opportunity (see defects.ts).
    if (i === duplicateOf) duplicateRow = rowOf(id, {...opp, stage: "open", closeDay: null}, style);
    if (i === duplicateAt && duplicateRow) out.write(duplicateRow);
    await out.drain();
  }
  await out.close();
  return {rows: out.rowCount, byType};
}

function rowOf(id: string, opp: Opportunity, rng: Random): (string | null)[] {
  const a = opp.account;
  const isCross = opp.type === "cross_sell" || opp.type === OPPORTUNITY_DEFECT_TYPE;
  const buyingCenter = rng.chance(isCross || opp.type === "upsell" ? 0.65 : 0.25) ? rng.pick(BUYING_CENTERS) : "";
  const source = isCross
    ? rng.chance(0.75)
      ? rng.weighted(SOURCES, SOURCE_WEIGHTS)
      : ""
    : rng.chance(0.08)
      ? "marketing"
      : "";
  const owner = rng.chance(0.03) ? "" : rng.chance(0.85) ? a.owner || rng.pick(OWNERS) : rng.pick(OWNERS);
  const currency = a.currency === "EUR" ? "EUR" : rng.chance(0.2) ? "" : "USD";
  // A few created dates are exported as UTC timestamps, which the contract accepts.
  const created = rng.chance(0.005)
    ? `${isoDay(opp.createdDay)}T${String(rng.int(0, 23)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`
    : isoDay(opp.createdDay);
  return [
    id,
    opp.accountIdOverride ?? a.id,
    opp.product === null ? "" : PRODUCTS[opp.product].id,
    opp.type,
    opp.stage,
    opp.amount === null ? "" : opp.amount.toFixed(2),
    created,
    opp.closeDay === null ? "" : isoDay(opp.closeDay),
    owner,
    buyingCenter,
    source,
    currency
  ];
}

function planOpportunities(accounts: readonly Account[], window: Window, rng: Random): Opportunity[] {
  const opps: Opportunity[] = [];
  const firstMonth = window.startMonth - 6;
  const customers = accounts.filter((a) => a.isCustomer);
  const prospects = accounts.filter((a) => !a.isCustomer);
  const closed = (type: OppType, stage: Stage, account: Account, product: number | null, closeDay: number, amount: number | null): void => {
    const close = Math.min(closeDay, window.endDay);
    opps.push({account, product, type, stage, amount, createdDay: close - rng.int(20, 150), closeDay: close});
  };
  const value = (a: Account, product: number, share = 1): number | null =>
    rng.chance(0.05) ? null : round2(PRODUCTS[product].monthlyPrice * a.size * 12 * share * (a.currency === "EUR" ? 0.93 : 1) * rng.logNormal(1, 0.2));

  // New business won at acquisition; cross-sells won at adoption (85% go through a deal).
  let wonNew = 0;
  let wonCross = 0;
  for (const a of customers) {
    for (let k = 0; k < a.adoptions.length; k++) {
      const {product, month} = a.adoptions[k];
      if (month < firstMonth || month > window.endMonth) continue;
      const day = dayInMonth(month, a.billingDom) - rng.int(0, 14);
      if (k === 0) {
        closed("new_business", "won", a, product, day, value(a, product, a.initialCount));
        wonNew++;
      } else if (k >= a.initialCount && rng.chance(0.85)) {
        closed("cross_sell", "won", a, product, day, value(a, product));
        wonCross++;
      }
    }
    // Renewals for a third of customers at each anniversary; a lost renewal when they churn.
    if (rng.chance(0.33)) {
      for (let m = a.acquiredMonth + 12; m < Math.min(a.churnMonth, window.endMonth + 1); m += 12) {
        if (m >= firstMonth) closed("renewal", "won", a, a.adoptions[0].product, dayInMonth(m, a.billingDom), value(a, a.adoptions[0].product));
      }
    }
    if (a.churnMonth <= window.endMonth && a.churnMonth - 1 >= firstMonth && rng.chance(0.6)) {
      closed("renewal", "lost", a, a.adoptions[0].product, dayInMonth(a.churnMonth - 1, a.billingDom), value(a, a.adoptions[0].product));
    }
  }

  const lostFor = (type: OppType, won: number) => Math.round((won * (1 - WIN_RATE[type])) / WIN_RATE[type]);
  // Lost deals are dated like the won deals of their type (each copies the month of a
  // random won one), so the win rate is the same in every period, not just overall.
  const wonMonths = (type: OppType) => opps.filter((o) => o.type === type && o.stage === "won").map((o) => monthOfDay(o.closeDay!));
  const newMonths = wonMonths("new_business");
  const crossMonths = wonMonths("cross_sell");
  // Lost new business: mostly prospects, some customers before they bought.
  for (let n = newMonths.length > 0 ? lostFor("new_business", wonNew) : 0; n > 0; n--) {
    const month = rng.pick(newMonths);
    for (let tries = 0; tries < 50; tries++) {
      const a = prospects.length > 0 && rng.chance(0.75) ? rng.pick(prospects) : rng.pick(customers);
      if (a.isCustomer && a.acquiredMonth <= month) continue;
      const product = rng.weighted(PRODUCTS.map((_, i) => i), INITIAL_PRODUCT_WEIGHTS);
      closed("new_business", "lost", a, product, dayInMonth(month, rng.int(1, 28)), value(a, product));
      break;
    }
  }
  // Lost cross-sells: a core product the customer did not hold at the time.
  for (let n = crossMonths.length > 0 ? lostFor("cross_sell", wonCross) : 0; n > 0; n--) {
    const month = rng.pick(crossMonths);
    for (let tries = 0; tries < 200; tries++) {
      const a = rng.pick(customers);
      if (month < a.acquiredMonth + 2 || month >= a.churnMonth) continue;
      const product = notHeld(a, month, rng);
      if (product === null) continue;
      closed("cross_sell", "lost", a, product, dayInMonth(month, rng.int(1, 28)), value(a, product));
      break;
    }
  }
  // Upsells: more of a held product.
  const wonUpsell = Math.round(customers.length * 0.3);
  const wantUpsell = wonUpsell + lostFor("upsell", wonUpsell);
  for (let n = wantUpsell, tries = 0; n > 0 && tries < wantUpsell * 20; tries++) {
    const pickd = activeMoment(rng.pick(customers), window, firstMonth, rng, 1);
    if (!pickd) continue;
    const product = held(pickd.account, pickd.month, rng);
    closed("upsell", n > lostFor("upsell", wonUpsell) ? "won" : "lost", pickd.account, product, pickd.day, value(pickd.account, product, 0.25));
    n--;
  }
  // Other: a small mixed bag without a product.
  const others = Math.max(2, Math.round(opps.length * 0.02));
  for (let n = 0; n < others && customers.length > 0; n++) {
    const a = rng.pick(customers);
    closed("other", rng.chance(0.5) ? "won" : "lost", a, null, dayInMonth(rng.int(firstMonth, window.endMonth), rng.int(1, 28)), rng.chance(0.5) ? null : round2(rng.logNormal(2000, 0.8)));
  }
  // Open deals, created in the last 200 days, about 8% of each type's closed ones.
  const closedCount = (type: OppType) => opps.filter((o) => o.type === type).length;
  const openCounts: [OppType, number][] = (["new_business", "cross_sell", "upsell", "renewal"] as OppType[]).map((t) => [t, Math.round(closedCount(t) * 0.08)]);
  for (const [type, count] of openCounts) {
    for (let n = count, tries = 0; n > 0 && tries < count * 20; tries++) {
      const createdDay = window.endDay - rng.int(0, 200);
      const a = type === "new_business" && prospects.length > 0 ? rng.pick(prospects) : rng.pick(customers);
      if (type !== "new_business" && (a.acquiredMonth > window.endMonth - 1 || a.churnMonth <= window.endMonth)) continue;
      const product = type === "cross_sell" ? notHeld(a, window.endMonth, rng) : type === "new_business" ? 0 : held(a, window.endMonth, rng);
      if (product === null) continue;
      // Most open deals carry no close date; some carry an expected one after the as-of date.
      const closeDay = rng.chance(0.1) ? window.endDay + rng.int(10, 120) : null;
      opps.push({account: a, product, type, stage: "open", amount: value(a, product), createdDay, closeDay});
      n--;
    }
  }
  return opps;
}

/** A random month (and day) in which the customer was active, at least `minAge` months after acquisition. */
function activeMoment(a: Account, window: Window, firstMonth: number, rng: Random, minAge: number) {
  const lo = Math.max(a.acquiredMonth + minAge, firstMonth);
  const hi = Math.min(a.churnMonth - 1, window.endMonth);
  if (hi < lo) return null;
  const month = rng.int(lo, hi);
  return {account: a, month, day: dayInMonth(month, rng.int(1, 28))};
}

function notHeld(a: Account, month: number, rng: Random): number | null {
  const owned = new Set(a.adoptions.filter((x) => x.month <= month && x.droppedMonth > month).map((x) => x.product));
  const options = PRODUCTS.map((p, i) => (p.core && !owned.has(i) ? i : -1)).filter((i) => i >= 0);
  return options.length === 0 ? null : rng.pick(options);
}

function held(a: Account, month: number, rng: Random): number {
  const owned = a.adoptions.filter((x) => x.month <= month && x.droppedMonth > month);
  return rng.pick(owned.length > 0 ? owned : a.adoptions).product;
}

/** Thins the deals uniformly to `target`, or tops them up with renewals and upsells (rates kept). */
function fitCount(opps: Opportunity[], target: number, accounts: readonly Account[], window: Window, rng: Random): Opportunity[] {
  if (opps.length >= target) {
    const keep = target / opps.length;
    return opps.filter(() => rng.chance(keep));
  }
  const customers = accounts.filter((a) => a.isCustomer);
  const out = opps.slice();
  for (let tries = 0; out.length < target && tries < target * 4 && customers.length > 0; tries++) {
    const m = activeMoment(rng.pick(customers), window, window.startMonth - 6, rng, 1);
    if (!m) continue;
    const type: OppType = rng.chance(0.5) ? "renewal" : "upsell";
    const stage: Stage = rng.chance(WIN_RATE[type]) ? "won" : "lost";
    const product = held(m.account, m.month, rng);
    const amount = round2(PRODUCTS[product].monthlyPrice * m.account.size * 12 * (type === "upsell" ? 0.25 : 1));
    out.push({account: m.account, product, type, stage, amount, createdDay: m.day - rng.int(20, 150), closeDay: m.day});
  }
  return out;
}

/** See defects.ts: close before created, unknown account, bad type (the duplicate id is written in writeOpportunities). */
function plantDefects(opps: Opportunity[], accounts: readonly Account[], window: Window): void {
  const a = accounts.find((x) => x.isCustomer && x.acquiredMonth < window.endMonth - 12 && x.churnMonth > window.endMonth) ?? accounts[0];
  const mid = dayInMonth(window.endMonth - 5, 15);
  const product = a.adoptions[0]?.product ?? 0;
  opps.push({account: a, product, type: "cross_sell", stage: "won", amount: 5000, createdDay: mid, closeDay: mid - 30});
  opps.push({account: a, product, type: "cross_sell", stage: "lost", amount: 4200, createdDay: mid - 60, closeDay: mid - 10, accountIdOverride: OPPORTUNITY_DEFECT_ACCOUNT});
  opps.push({account: a, product, type: OPPORTUNITY_DEFECT_TYPE, stage: "lost", amount: 3100, createdDay: mid - 90, closeDay: mid - 20});
}
