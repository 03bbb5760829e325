/**
 * invoice_lines.csv: one invoice per billing customer and billing date, one
 * line per product billed (more when the line target asks for it: base fee +
 * usage lines), credits, zero-amount trial lines, goodwill credits on products
 * never bought (credit-only pairs), unmatched billing customers and the planted
 * defects listed in defects.ts.
 */
import type {Account, Adoption, Window} from "./accounts.js";
import {nextProduct} from "./accounts.js";
import {PRODUCTS} from "./catalog.js";
import {CsvWriter} from "./csv-writer.js";
import {dayInMonth, isoDay} from "./dates.js";
import {INVOICE_LINE_DEFECTS, type LastLine} from "./defects.js";
import {Random} from "./random.js";

export const INVOICE_LINE_COLUMNS = [
  "invoice_id",
  "line_id",
  "customer_id",
  "product_id",
  "invoice_date",
  "amount",
  "currency"
] as const;

/** How many invoices a product adopted in `adoptedMonth` gets inside the window at a given cadence. */
function invoicesOf(account: Account, adoption: Adoption, cadence: number, window: Window): number {
  const adoptedMonth = adoption.month;
  const last = Math.min(account.churnMonth - 1, adoption.droppedMonth - 1, window.endMonth);
  let first = Math.max(adoptedMonth, window.startMonth);
  // Align to the cadence counted from the adoption month.
  const offset = (first - adoptedMonth) % cadence;
  if (offset !== 0) first += cadence - offset;
  return last < first ? 0 : Math.floor((last - first) / cadence) + 1;
}

function chargesOf(account: Account, cadence: number, window: Window): number {
  if (!account.isCustomer) return 0;
  let n = 0;
  for (const a of account.adoptions) n += invoicesOf(account, a, cadence, window);
  return n;
}

/**
 * Meets the line target: when monthly billing of every customer would give more
 * lines than asked, the customers most likely to pay yearly (Enterprise first)
 * switch to annual invoices; when it gives fewer, each charge is split into
 * several lines. Returns the mean number of lines per charge (≥ 1).
 */
export function fitLineTarget(accounts: Account[], target: number, window: Window, seed: number): number {
  const rng = Random.stream(seed, "cadence");
  const monthly = accounts.map((a) => chargesOf(a, 1, window));
  const total = monthly.reduce((s, n) => s + n, 0);
  if (total === 0) return 1;
  if (target >= total) return target / total;
  const keyFactor: Record<string, number> = {Enterprise: 0.35, "Mid-Market": 0.7, SMB: 1, "": 1};
  const order = accounts
    .map((a, i) => ({i, key: rng.next() * keyFactor[a.segment]}))
    .sort((x, y) => x.key - y.key || x.i - y.i);
  let lines = total;
  for (const {i} of order) {
    if (lines <= target) break;
    if (monthly[i] === 0) continue;
    const annual = chargesOf(accounts[i], 12, window);
    accounts[i].cadence = 12;
    lines -= monthly[i] - annual;
  }
  return 1;
}

/** Billing customers that are neither an account nor mapped: their revenue is real but unmatched. */
export function buildUnmatchedCustomers(count: number, seed: number, window: Window): Account[] {
  const rng = Random.stream(seed, "unmatched");
  return Array.from({length: count}, (_, i) => {
    const id = `BILL-UNM-${String(i + 1).padStart(3, "0")}`;
    const acquiredMonth = window.startMonth + rng.int(0, window.endMonth - window.startMonth);
    return {
      id,
      name: id,
      segment: "",
      region: "",
      industry: "",
      owner: "",
      targetProfileCell: "",
      createdDay: null,
      isCustomer: true,
      acquiredMonth,
      billingDom: rng.int(1, 28),
      churnMonth: Number.POSITIVE_INFINITY,
      adoptions: [{product: rng.chance(0.5) ? 0 : 5, month: acquiredMonth, droppedMonth: Number.POSITIVE_INFINITY}],
      initialCount: 1,
      size: rng.logNormal(1, 0.3),
      currency: "USD",
      cadence: 1,
      customerIds: [id]
    } satisfies Account;
  });
}

interface GoodwillCredit {
  month: number;
  product: number;
  amount: number;
}

export interface BillingStats {
  lines: number;
  credits: number;
  creditOnlyPairs: number;
}

export async function writeInvoiceLines(
  path: string,
  accounts: readonly Account[],
  unmatched: readonly Account[],
  window: Window,
  linesPerCharge: number,
  seed: number,
  gzip: boolean
): Promise<BillingStats> {
  const rng = Random.stream(seed, "billing");
  const out = CsvWriter.open(path, INVOICE_LINE_COLUMNS, {gzip});
  const billed = [...accounts.filter((a) => a.isCustomer), ...unmatched];
  // Invoice in date order: group by billing day of month.
  const byDom = new Map<number, Account[]>();
  for (const a of billed) {
    const list = byDom.get(a.billingDom) ?? [];
    list.push(a);
    byDom.set(a.billingDom, list);
  }
  const doms = [...byDom.keys()].sort((x, y) => x - y);
  const goodwill = planGoodwillCredits(accounts, window, Random.stream(seed, "goodwill"));
  const defectMonths = new Map(INVOICE_LINE_DEFECTS.map((d) => [window.startMonth + d.monthOffset, d]));
  let invoiceSeq = 0;
  let credits = 0;
  // The invoice being written; one shared object (not a closure per customer) keeps 10M lines fast.
  const invoice = {id: "", lineNo: 0, customerId: "", day: "", currency: ""};
  const line = (productId: string, amount: number): void => {
    if (!invoice.id) invoice.id = `INV-${String(++invoiceSeq).padStart(8, "0")}`;
    const lineId = String(++invoice.lineNo);
    out.write([invoice.id, lineId, invoice.customerId, productId, invoice.day, amount.toFixed(2), invoice.currency]);
    lastLine.invoiceId = invoice.id;
    lastLine.lineId = lineId;
    lastLine.customerId = invoice.customerId;
    lastLine.productId = productId;
    lastLine.day = invoice.day;
  };
  const wholeLines = Math.floor(linesPerCharge);
  const extraLineChance = linesPerCharge - wholeLines;

  const lastLine: LastLine = {invoiceId: "", lineId: "", customerId: "", productId: "", day: ""};

  for (let month = window.startMonth; month <= window.endMonth; month++) {
    for (const dom of doms) {
      const day = dayInMonth(month, dom);
      if (day > window.endDay) continue;
      const dayText = isoDay(day);
      invoice.day = dayText;
      for (const account of byDom.get(dom)!) {
        if (month < account.acquiredMonth || month >= account.churnMonth) continue;
        invoice.currency = account.currency;
        for (let c = 0; c < account.customerIds.length; c++) {
          invoice.customerId = account.customerIds[c];
          invoice.id = "";
          invoice.lineNo = 0;
          for (let k = 0; k < account.adoptions.length; k++) {
            // The subsidiary (second billing id) is billed for cross-sold products only.
            const billedTo = account.customerIds.length > 1 && k >= account.initialCount ? 1 : 0;
            if (billedTo !== c) continue;
            const {product, month: adopted, droppedMonth} = account.adoptions[k];
            if (month >= droppedMonth) continue;
            const productId = PRODUCTS[product].id;
            // A free trial month (amount 0) before some cross-sells: not an adoption.
            if (k >= account.initialCount && month === adopted - 1 && rng.chance(0.03)) line(productId, 0);
            if (month < adopted || (month - adopted) % account.cadence !== 0) continue;
            const amount = chargeAmount(account, product, month, rng);
            const parts = wholeLines + (extraLineChance > 0 && rng.chance(extraLineChance) ? 1 : 0);
            let left = amount;
            for (let p = 0; p < parts; p++) {
              const share = p === parts - 1 ? left : round2(amount / parts);
              left = round2(left - share);
              line(productId, share);
            }
            if (rng.chance(0.012)) {
              line(productId, -round2(amount * rng.pick([0.1, 0.25, 0.5, 1])));
              credits++;
            }
          }
          const gw = c === 0 ? goodwill.get(account.id) : undefined;
          if (gw && gw.month === month) {
            line(PRODUCTS[gw.product].id, -gw.amount);
            credits++;
          }
        }
      }
      await out.drain();
    }
    const defect = defectMonths.get(month);
    if (defect && lastLine.invoiceId) {
      for (const row of defect.rows(lastLine)) out.write(row);
    }
  }
  await out.close();
  return {lines: out.rowCount, credits, creditOnlyPairs: goodwill.size};
}

function chargeAmount(account: Account, product: number, month: number, rng: Random): number {
  const years = Math.max(0, Math.floor((month - account.acquiredMonth) / 12));
  const eur = account.currency === "EUR" ? 1 / 1.08 : 1;
  const base = PRODUCTS[product].monthlyPrice * account.size * Math.pow(1.04, years) * account.cadence * eur;
  return Math.max(1, round2(base * (1 + 0.05 * rng.normal())));
}

/** A goodwill credit on a product the account never bought: a credit-only (never adopted) pair. */
function planGoodwillCredits(accounts: readonly Account[], window: Window, rng: Random): Map<string, GoodwillCredit> {
  const plan = new Map<string, GoodwillCredit>();
  const customers = accounts.filter((a) => a.isCustomer && a.adoptions.length < PRODUCTS.length);
  const want = Math.max(3, Math.round(customers.length * 0.0015));
  for (let tries = 0; plan.size < want && tries < want * 20 && customers.length > 0; tries++) {
    const a = rng.pick(customers);
    const first = Math.max(a.acquiredMonth, window.startMonth);
    const last = Math.min(a.churnMonth - 1, window.endMonth);
    if (last < first || plan.has(a.id)) continue;
    const held = a.adoptions.map((x) => x.product);
    plan.set(a.id, {
      month: rng.int(first, last),
      product: nextProduct(rng, held),
      amount: round2(50 + rng.next() * 200)
    });
  }
  return plan;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
