import {z} from "zod";
import {tier} from "./common.js";

/**
 * white_space.json — every account active at D × every core product.
 * status: held (holds it at D), open_opportunity (not held, an open opportunity
 * for it exists), gap (not held, nothing open). potential is the white-space
 * potential (metrics.md) for products not held, null for held ones.
 */
export const whiteSpaceRow = z
  .object({
    account_id: z.string(),
    product_id: z.string(),
    status: z.enum(["held", "open_opportunity", "gap"]),
    revenue: z.number(), // revenue of this product in P (0 when not held)
    potential: z.number().nullable(),
    potential_basis: z.enum(["segment", "all", "none"]).nullable() // which holders set the potential
  })
  .strict();
export const whiteSpaceSchema = z.array(whiteSpaceRow);

/** tiers.json — ABCD revenue concentration tiers as of D; all four always listed. */
export const tierRow = z
  .object({
    tier,
    accounts: z.number().int(),
    revenue: z.number(),
    revenue_share: z.number().nullable(),
    cumulative_account_share: z.number().nullable(), // share of ranked accounts in this tier or above
    mean_products_held: z.number().nullable()
  })
  .strict();
export const tiersSchema = z.array(tierRow).length(4);
