import {z} from "zod";

/** products.json — the catalog with its figures as of D. */
export const productRow = z
  .object({
    product_id: z.string(),
    product_name: z.string(),
    product_family: z.string().nullable(),
    is_core: z.boolean(),
    holders: z.number().int(), // active accounts holding it at D
    revenue: z.number(), // revenue in P
    cross_sold_accounts: z.number().int() // accounts for which it is a cross-sold pair (adopted <= D)
  })
  .strict();
export const productsSchema = z.array(productRow);

/** adjacency.json — initial product → first cross-sold product (all history up to D). */
export const adjacencyRow = z
  .object({initial_product_id: z.string(), cross_sold_product_id: z.string(), accounts: z.number().int()})
  .strict();
export const adjacencySchema = z.array(adjacencyRow);

/** affinity.json — ordered product pairs over accounts active at D. */
export const affinityRow = z
  .object({
    product_x: z.string(),
    product_y: z.string(),
    active_accounts: z.number().int(),
    holders_x: z.number().int(),
    holders_y: z.number().int(),
    holders_both: z.number().int(),
    support: z.number().nullable(),
    confidence: z.number().nullable(), // x → y
    lift: z.number().nullable()
  })
  .strict();
export const affinitySchema = z.array(affinityRow);

/** penetration.json — share of active accounts of a segment holding each product at D. */
export const penetrationRow = z
  .object({
    segment: z.string(),
    product_id: z.string(),
    active_accounts: z.number().int(),
    holders: z.number().int(),
    share: z.number().nullable()
  })
  .strict();
export const penetrationSchema = z.array(penetrationRow);
