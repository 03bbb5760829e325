/**
 * generateSample(): writes the seven canonical exports for one seed and scale.
 * Same options → byte-identical files (seeded streams, no clock, fixed order).
 */
import {mkdirSync, rmSync} from "node:fs";
import {join} from "node:path";
import {buildAccounts, type Window} from "./accounts.js";
import {buildUnmatchedCustomers, fitLineTarget, writeInvoiceLines, type BillingStats} from "./billing.js";
import {monthOfDay, parseIsoDate} from "./dates.js";
import {writeOpportunities, type OpportunityStats} from "./opportunities.js";
import {writeAccountMap, writeAccounts, writeDemandUnits, writeFxRates, writeProducts} from "./small-files.js";
import {EXPORT_NAMES} from "../../pipeline/ingest/files.js";

export interface SampleOptions {
  out: string;
  accounts: number;
  /** Approximate number of invoice lines wanted. */
  invoiceLines: number;
  opportunities: number;
  seed: number;
  /** Last day of billing (the default as-of date), YYYY-MM-DD. */
  end: string;
  gzip: boolean;
  demandUnits: number;
}

export const DEFAULT_SAMPLE_OPTIONS: SampleOptions = {
  out: "data",
  accounts: 3000,
  invoiceLines: 45_000,
  opportunities: 9_000,
  seed: 20260930,
  end: "2026-09-30",
  gzip: false,
  demandUnits: 100
};

/** Months of billing in the export, ending with the month of `end`. */
export const BILLING_MONTHS = 36;

/** The sample holds every canonical export, required and optional. */
export const SAMPLE_FILES = EXPORT_NAMES;

export interface SampleSummary {
  options: SampleOptions;
  files: Record<(typeof SAMPLE_FILES)[number], string>;
  accounts: number;
  customers: number;
  invoiceLines: BillingStats;
  opportunities: OpportunityStats;
  mappedCustomers: number;
  unmatchedCustomers: number;
  demandUnits: number;
}

export function windowEnding(end: string): Window {
  const endDay = parseIsoDate(end);
  const endMonth = monthOfDay(endDay);
  return {startMonth: endMonth - (BILLING_MONTHS - 1), endMonth, endDay};
}

export async function generateSample(options: SampleOptions): Promise<SampleSummary> {
  if (!(options.accounts >= 20)) throw new Error(`--accounts must be at least 20 (got ${options.accounts})`);
  const window = windowEnding(options.end);
  mkdirSync(options.out, {recursive: true});
  const ext = options.gzip ? ".csv.gz" : ".csv";
  const files = Object.fromEntries(
    SAMPLE_FILES.map((name) => {
      // Never leave both foo.csv and foo.csv.gz behind: the pipeline would see two exports.
      rmSync(join(options.out, `${name}${options.gzip ? ".csv" : ".csv.gz"}`), {force: true});
      return [name, join(options.out, name + ext)];
    })
  ) as SampleSummary["files"];

  const accounts = buildAccounts(options.accounts, options.seed, window);
  const unmatched = buildUnmatchedCustomers(Math.max(2, Math.round(options.accounts / 600)), options.seed, window);
  const linesPerCharge = fitLineTarget(accounts, options.invoiceLines, window, options.seed);

  await writeProducts(files.products, options.gzip);
  await writeAccounts(files.accounts, accounts, options.gzip);
  const mappedCustomers = await writeAccountMap(files.account_map, accounts, options.gzip);
  await writeFxRates(files.fx_rates, window, options.seed, options.gzip);
  const demandUnits = await writeDemandUnits(files.demand_units, accounts, window, options.demandUnits, options.seed, options.gzip);
  const invoiceLines = await writeInvoiceLines(files.invoice_lines, accounts, unmatched, window, linesPerCharge, options.seed, options.gzip);
  const opportunities = await writeOpportunities(files.opportunities, accounts, window, options.opportunities, options.seed, options.gzip);

  return {
    options,
    files,
    accounts: accounts.length,
    customers: accounts.filter((a) => a.isCustomer).length,
    invoiceLines,
    opportunities,
    mappedCustomers,
    unmatchedCustomers: unmatched.length,
    demandUnits
  };
}
