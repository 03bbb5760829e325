import {z} from "zod";
import {isoDate, opportunityStage, opportunityType} from "./common.js";

/** win_rates.json — opportunities closed in each quarter, per type, amounts in reporting currency. */
export const winRateRow = z
  .object({
    quarter: z.string(), // "2025-Q3"
    quarter_end: isoDate,
    type: opportunityType,
    won: z.number().int(),
    lost: z.number().int(),
    won_amount: z.number(),
    lost_amount: z.number(),
    win_rate: z.number().nullable(),
    value_weighted: z.number().nullable()
  })
  .strict();
export const winRatesSchema = z.array(winRateRow);

/** open_pipeline.json — open cross-sell opportunities as of D. */
export const openOpportunityRow = z
  .object({
    opportunity_id: z.string(),
    account_id: z.string(),
    account_name: z.string(),
    product_id: z.string().nullable(),
    amount: z.number().nullable(),
    created_on: isoDate,
    age_days: z.number().int(),
    owner: z.string().nullable(),
    buying_center: z.string().nullable(),
    source: z.string().nullable()
  })
  .strict();
export const openPipelineSchema = z.array(openOpportunityRow);

/** account_opportunities.json — every opportunity of the accounts that have a page. */
export const accountOpportunityRow = z
  .object({
    opportunity_id: z.string(),
    account_id: z.string(),
    product_id: z.string().nullable(),
    type: opportunityType,
    stage: opportunityStage,
    amount: z.number().nullable(),
    created_on: isoDate,
    closed_on: isoDate.nullable(),
    owner: z.string().nullable()
  })
  .strict();
export const accountOpportunitiesSchema = z.array(accountOpportunityRow);

/** account_history.json — revenue per product per month for the accounts that have a page. */
export const accountHistoryRow = z
  .object({account_id: z.string(), product_id: z.string(), month: z.string().regex(/^\d{4}-\d{2}$/), revenue: z.number()})
  .strict();
export const accountHistorySchema = z.array(accountHistoryRow);
