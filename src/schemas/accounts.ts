import {z} from "zod";
import {isoDate, tier} from "./common.js";

/** accounts.json — one row per account (CRM accounts and unmatched billing customers), as of D. */
export const accountRow = z
  .object({
    account_id: z.string(),
    account_name: z.string(),
    segment: z.string(),
    region: z.string().nullable(),
    industry: z.string().nullable(),
    owner: z.string().nullable(),
    in_target_profile: z.boolean().nullable(),
    is_unmatched: z.boolean(),
    first_purchase_on: isoDate.nullable(),
    acquisition_cohort: z.string().nullable(), // quarter of first purchase, "2024-Q3"
    is_active: z.boolean(), // revenue > 0 in the trailing 12 months at D
    revenue: z.number(), // revenue in P, reporting currency
    products_held: z.number().int(), // products held at D
    held_products: z.array(z.string()), // product ids held at D, sorted
    tier: tier.nullable(), // null when not active at D
    revenue_rank: z.number().int().nullable(), // 1 = largest revenue in P among active accounts
    cumulative_revenue_share: z.number().nullable(), // share of active revenue of accounts ranked at or above
    cross_sold_in_period: z.boolean(), // at least one cross-sell event in P
    first_cross_sell_on: isoDate.nullable(),
    white_space: z.number(), // sum of white-space potentials of its core gaps
    open_opportunities: z.number().int(),
    units_pursue_now: z.number().int(),
    has_page: z.boolean() // top account with its own page
  })
  .strict();
export type AccountRow = z.infer<typeof accountRow>;
export const accountsSchema = z.array(accountRow);
