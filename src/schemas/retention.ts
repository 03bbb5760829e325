import {z} from "zod";
import {dimension, isoDate} from "./common.js";

/** The movements of the revenue bridge between starting and ending (metrics.md, Retention and expansion), in bridge order. */
export const bridgeMovement = z.enum([
  "new_business",
  "returning",
  "cross_sell_expansion",
  "upsell_expansion",
  "contraction",
  "churn"
]);
export type BridgeMovement = z.infer<typeof bridgeMovement>;

/** The bars of the bridge's waterfall: starting, the movements, ending (each drills down to its accounts). */
export const bridgeStep = z.enum(["starting", ...bridgeMovement.options, "ending"]);
export type BridgeStep = z.infer<typeof bridgeStep>;

const amount = (text: string) => z.number().describe(text);

/**
 * revenue_bridge.json — the bridge from the existing customers' revenue in the
 * 12 months before P to all revenue in P, at every as-of date (month ends and
 * D), overall (dimension `all`) and per cut of every dimension. For every row
 * ending = starting + new_business + returning + cross_sell_expansion +
 * upsell_expansion − contraction − churn. NRR = nrr_numerator ÷ starting and
 * GRR = grr_numerator ÷ starting (undefined when starting is 0: no account in E).
 */
export const revenueBridgeRow = z
  .object({
    as_of: isoDate.describe("As-of date t of the row: a month end, or D (is_current)."),
    is_current: z.boolean().describe("true for the row of D itself."),
    is_quarter_end: z.boolean().describe("t is the last day of a calendar quarter."),
    dimension: dimension.describe("Dimension of the cut; `all` for the overall bridge."),
    cut: z.string().describe("Value of the dimension (`all` for the overall bridge); every amount of an account goes to its own cut."),
    existing_accounts: z.number().int().describe("Accounts of E in the cut: revenue > 0 in the 12 months up to S (the bridge's starting accounts)."),
    starting: amount("Σ R0 over E: revenue of the existing customers in the 12 months before P."),
    new_business: amount("Σ R1 over accounts not in E whose first purchase is in P."),
    returning: amount("Σ R1 over the other accounts not in E (customers before, not active at S)."),
    cross_sell_expansion: amount("Σ Δ > 0 of products of accounts of E with R1 > 0 whose adoption is a cross-sell event in P."),
    upsell_expansion: amount("Σ Δ > 0 of the other products of accounts of E with R1 > 0 (more of a product adopted before P)."),
    contraction: amount("Σ −Δ of products with Δ < 0, of accounts of E with R1 > 0 (a positive amount)."),
    churn: amount("Σ R0 − R1 over accounts of E with R1 ≤ 0."),
    ending: amount("All revenue in P of the cut's accounts."),
    cross_sell_share_of_expansion: z
      .number()
      .nullable()
      .describe("cross_sell_expansion ÷ (cross_sell_expansion + upsell_expansion); null when there was no expansion."),
    nrr_numerator: amount("Σ R1 over E: net revenue retention = nrr_numerator ÷ starting."),
    grr_numerator: amount("Σ min(max(R1, 0), R0) over E: gross revenue retention = grr_numerator ÷ starting.")
  })
  .strict();
export const revenueBridgeSchema = z.array(revenueBridgeRow);

const products = (movement: string) =>
  z.array(z.string()).describe(`Products behind the account's ${movement}, sorted; empty when it has none.`);

/**
 * retention_accounts.json — every account of E or with revenue in P at D, with
 * its part of each bridge movement and the products behind it (the drill-down
 * of each bridge bar). For every row ending = starting + the movements.
 */
export const retentionAccountRow = z
  .object({
    account_id: z.string().describe("Account (CRM account, or unmatched billing customer)."),
    account_name: z.string().describe("Account name."),
    segment: z.string().describe("Segment (`Unknown` when empty or unmatched)."),
    account_movement: z
      .enum(["retained", "churn", "new_business", "returning"])
      .describe("Which part of the bridge the account is in: an account of E that kept revenue (R1 > 0) `retained`, one with R1 ≤ 0 `churn`; outside E `new_business` (first purchase in P) or `returning`."),
    is_existing: z.boolean().describe("In E: revenue > 0 in the 12 months up to S."),
    starting: amount("R0 for an account of E (revenue in the 12 months up to S), else 0."),
    ending: amount("R1: revenue in P."),
    new_business: amount("R1 when a new customer (first purchase in P), else 0."),
    returning: amount("R1 when a returning customer (not in E, first purchase not in P), else 0."),
    cross_sell_expansion: amount("Σ Δ > 0 of products cross-sold in P (retained accounts)."),
    upsell_expansion: amount("Σ Δ > 0 of the other products (retained accounts)."),
    contraction: amount("Σ −Δ of products with Δ < 0 (retained accounts)."),
    churn: amount("R0 − R1 when the account churned (in E, R1 ≤ 0), else 0."),
    new_business_products: products("new business (products with revenue in P)"),
    returning_products: products("returning revenue (products with revenue in P)"),
    cross_sell_products: products("cross-sell expansion"),
    upsell_products: products("upsell expansion"),
    contraction_products: products("contraction"),
    churn_products: products("churn (products whose revenue changed)")
  })
  .strict();
export const retentionAccountsSchema = z.array(retentionAccountRow);
export type RevenueBridgeRow = z.infer<typeof revenueBridgeRow>;
export type RetentionAccountRow = z.infer<typeof retentionAccountRow>;
