import {z} from "zod";
import {quadrant} from "./common.js";

/**
 * next_best_product.json — every account active at D × every core product it
 * does not hold, ranked within the account (1 = offer first) by the demand-unit
 * scores: quadrant (Pursue now, Build the relationship, Nurture, Deprioritise,
 * disqualified), then opportunity score, ability score, potential (higher
 * first), product id. Each row says why in words. The accounts table's "next
 * best product" is the row with rank 1 of the account (join on account_id).
 */
export const nextBestProductRow = z
  .object({
    account_id: z.string().describe("Account key."),
    account_name: z.string().describe("Account display name."),
    owner: z.string().nullable().describe("Account manager; null when unknown."),
    segment: z.string().describe("Segment of the account."),
    rank: z.number().int().min(1).describe("Order within the account: 1 = the product to offer first."),
    product_id: z.string().describe("Core product the account does not hold at D."),
    product_name: z.string().describe("Its display name."),
    status: z.enum(["open_opportunity", "gap"]).describe("`open_opportunity`: an open deal exists for it; `gap`: nothing open."),
    potential: z.number().nullable().describe("White-space potential, reporting currency (as in white_space.json)."),
    quadrant: quadrant.nullable().describe("Quadrant of its demand unit (the best one when several buying centers are scored); null when disqualified (need 0)."),
    opportunity_score: z.number().nullable().describe("Opportunity score of that demand unit (mean of need, fit, urgency)."),
    ability_score: z.number().nullable().describe("Ability-to-win score of that demand unit (mean of relationship, data, resources)."),
    score_source: z.enum(["file", "derived"]).nullable().describe("Where that unit's scores come from: `file` (demand_units.csv) or `derived`."),
    affinity_product_id: z.string().nullable().describe("The held product whose holders most often hold this one; null when no held product's holders do."),
    affinity_confidence: z.number().nullable().describe("Confidence affinity_product_id → product (share of its holders holding the product)."),
    segment_share: z.number().describe("Share of the segment's active accounts holding the product at D."),
    open_opportunity_id: z.string().nullable().describe("The oldest open opportunity of the account for the product; null when none."),
    open_opportunities: z.number().int().describe("Open opportunities of the account for the product."),
    reason_affinity: z.string().nullable().describe("The affinity in words, e.g. `62% of accounts holding Analytics also hold Core CRM`; null when none."),
    reason_adoption: z.string().describe("The segment's adoption in words, e.g. `41% of active Mid-Market accounts hold Core CRM`."),
    reason_opportunity: z.string().nullable().describe("The open opportunity in words, e.g. `Open opportunity OPP-12 (created 2026-03-01)`; null when none."),
    reason: z.string().describe("The reasons above that apply, joined by `; `.")
  })
  .strict();
export type NextBestProductRow = z.infer<typeof nextBestProductRow>;
export const nextBestProductSchema = z.array(nextBestProductRow);
