import {z} from "zod";
import {isoDate} from "./common.js";

/** ttc_accounts.json — every account whose first cross-sell event is on or before D. */
export const ttcAccountRow = z
  .object({
    account_id: z.string(),
    segment: z.string(),
    acquisition_cohort: z.string(),
    first_purchase_on: isoDate,
    first_cross_sell_on: isoDate,
    days_to_cross_sell: z.number().int(),
    months_to_cross_sell: z.number(), // days / 30.4375
    in_period: z.boolean() // first cross-sell event falls in P (counts toward the KPI)
  })
  .strict();
export const ttcAccountsSchema = z.array(ttcAccountRow);

/**
 * ttc_cohorts.json — Kaplan–Meier curve per acquisition quarter: share of the
 * cohort cross-sold within k months (k = 0…36) of first purchase. Accounts not
 * yet cross-sold are censored at D. cross_sold_share is null beyond the
 * cohort's longest follow-up.
 */
export const ttcCohortRow = z
  .object({
    cohort: z.string(),
    k: z.number().int().min(0).max(36),
    cohort_accounts: z.number().int(),
    at_risk: z.number().int(), // accounts still observed and not cross-sold at the start of month k
    events: z.number().int(), // cumulative cross-sell events within k months
    censored: z.number().int(), // cumulative censored within k months
    cross_sold_share: z.number().nullable()
  })
  .strict();
export const ttcCohortsSchema = z.array(ttcCohortRow);
