/**
 * The registry of every file the pipeline writes and the site reads: one zod
 * schema per file. The pipeline validates each file against its schema before
 * writing it; the site's data loaders and pages validate it again when reading,
 * so a renamed column fails loudly instead of drawing an empty chart.
 */
import type {ZodTypeAny} from "zod";
import {DIMENSION_IDS, type DimensionId} from "../catalog/index.js";
import {accountsSchema} from "./accounts.js";
import {demandUnitsSchema} from "./demand-units.js";
import {figuresSchema} from "./figures.js";
import {kpisSchema} from "./kpis.js";
import {
  accountHistorySchema,
  accountOpportunitiesSchema,
  openPipelineSchema,
  winRatesSchema
} from "./opportunities.js";
import {adjacencySchema, affinitySchema, penetrationSchema, productsSchema} from "./products.js";
import {nextBestProductSchema} from "./next-best-product.js";
import {retentionAccountsSchema, revenueBridgeSchema} from "./retention.js";
import {manifestSchema, rejectsSchema, runSchema} from "./run.js";
import {ttcAccountsSchema, ttcCohortsSchema} from "./time-to-cross-sell.js";
import {tiersSchema, whiteSpaceSchema} from "./white-space.js";

export interface OutputFile {
  /** File name inside the output folder. */
  file: string;
  /** One line for the data-file reference. */
  description: string;
  schema: ZodTypeAny;
  /** Written by the ingest side (run facts) or by the metrics models. */
  producer: "ingest" | "metrics";
}

/** Dimensions that get their own trend file figures_by_<dimension>.json: the catalog's breakdowns. */
export const CUT_DIMENSIONS = DIMENSION_IDS;

type CutTrendName = `figures_by_${DimensionId}`;
const cutTrendFiles = {} as Record<CutTrendName, OutputFile>;
for (const d of CUT_DIMENSIONS) {
  cutTrendFiles[`figures_by_${d}`] = {
    file: `figures_by_${d}.json`,
    description: `Every figure cut by ${d}, at every month end and at D (same columns as figures.json).`,
    schema: figuresSchema,
    producer: "metrics"
  };
}

export const OUTPUT_FILES = {
  kpis: {file: "kpis.json", description: "Headline figures as of D, in the exact shape of metrics.md.", schema: kpisSchema, producer: "metrics"},
  manifest: {file: "manifest.json", description: "As-of date, period, currency, mode, bands in force, input files with hashes and row counts, unmatched billing customers.", schema: manifestSchema, producer: "ingest"},
  run: {file: "run.json", description: "Wall-clock start, end and step durations of the run.", schema: runSchema, producer: "ingest"},
  rejects: {file: "rejects.csv", description: "Every rejected input row: file, line, column, value, reason.", schema: rejectsSchema, producer: "ingest"},
  figures: {file: "figures.json", description: "Every figure for every cut at D, and overall at every month end.", schema: figuresSchema, producer: "metrics"},
  ...cutTrendFiles,
  ttc_accounts: {file: "ttc_accounts.json", description: "Per account with a first cross-sell event on or before D: days and months to it.", schema: ttcAccountsSchema, producer: "metrics"},
  ttc_cohorts: {file: "ttc_cohorts.json", description: "Kaplan–Meier time-to-cross-sell curves by acquisition quarter, k = 0…36 months.", schema: ttcCohortsSchema, producer: "metrics"},
  adjacency: {file: "adjacency.json", description: "Initial product → first cross-sold product, number of accounts.", schema: adjacencySchema, producer: "metrics"},
  affinity: {file: "affinity.json", description: "Ordered product pairs over accounts active at D: support, confidence, lift, with counts.", schema: affinitySchema, producer: "metrics"},
  penetration: {file: "penetration.json", description: "Share of active accounts of each segment holding each product at D.", schema: penetrationSchema, producer: "metrics"},
  white_space: {file: "white_space.json", description: "Active account × core product: held, open opportunity or gap, with potential revenue.", schema: whiteSpaceSchema, producer: "metrics"},
  tiers: {file: "tiers.json", description: "ABCD revenue-concentration tiers as of D.", schema: tiersSchema, producer: "metrics"},
  accounts: {file: "accounts.json", description: "Every account with its figures as of D.", schema: accountsSchema, producer: "metrics"},
  demand_units: {file: "demand_units.json", description: "Demand units: six scores and why, axis scores, quadrant, potential.", schema: demandUnitsSchema, producer: "metrics"},
  next_best_product: {file: "next_best_product.json", description: "Active account × core product not held, ranked by the demand-unit scores, with the reasons in words and the potential.", schema: nextBestProductSchema, producer: "metrics"},
  win_rates: {file: "win_rates.json", description: "Opportunities closed per quarter and type: won/lost counts and amounts, win rates.", schema: winRatesSchema, producer: "metrics"},
  open_pipeline: {file: "open_pipeline.json", description: "Open cross-sell opportunities as of D.", schema: openPipelineSchema, producer: "metrics"},
  products: {file: "products.json", description: "Product catalog with holders, revenue and cross-sold accounts.", schema: productsSchema, producer: "metrics"},
  account_history: {file: "account_history.json", description: "Revenue per product per month for accounts with their own page.", schema: accountHistorySchema, producer: "metrics"},
  account_opportunities: {file: "account_opportunities.json", description: "Opportunities of the accounts with their own page.", schema: accountOpportunitiesSchema, producer: "metrics"},
  revenue_bridge: {file: "revenue_bridge.json", description: "Revenue bridge (starting, six movements, ending) with NRR/GRR numerators, at every month end and D, overall and per cut.", schema: revenueBridgeSchema, producer: "metrics"},
  retention_accounts: {file: "retention_accounts.json", description: "Per account at D: starting and ending revenue, its part of each bridge movement and the products behind it.", schema: retentionAccountsSchema, producer: "metrics"}
} satisfies Record<string, OutputFile>;

export type OutputName = keyof typeof OUTPUT_FILES;

export * from "./common.js";
export * from "./accounts.js";
export * from "./demand-units.js";
export * from "./figures.js";
export * from "./kpis.js";
export * from "./next-best-product.js";
export * from "./opportunities.js";
export * from "./products.js";
export * from "./retention.js";
export * from "./run.js";
export * from "./time-to-cross-sell.js";
export * from "./white-space.js";
