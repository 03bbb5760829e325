/**
 * Data files the site's loaders derive from the pipeline outputs so that a page
 * loads only what it shows (page weight bounded by the accounts shown, never by
 * invoice lines). Each is validated with a schema composed from src/schemas.
 */
import {z} from "zod";
import {
  accountHistorySchema,
  accountOpportunitiesSchema,
  accountRow,
  bridgeStep,
  demandUnitsSchema,
  figuresSchema,
  nextBestProductSchema,
  rejectsSchema,
  retentionAccountRow,
  revenueBridgeSchema,
  whiteSpaceRow,
  whiteSpaceSchema
} from "../schemas/index.js";

export const SITE_FILES = {
  figures_all: {file: "figures.json (overall, every month end)", schema: figuresSchema},
  figures_current: {file: "figures.json (every cut, at the as-of date)", schema: figuresSchema},
  figures_previous: {file: "figures.json (overall, at the end of the previous period)", schema: figuresSchema},
  pursue_now: {
    file: "demand_units.json and accounts.json (Pursue now, top by potential, at most 2 per product × segment and 1 per account)",
    schema: z.object({rows: demandUnitsSchema, paged: z.array(z.string())}).strict()
  },
  overview_summary: {
    file: "kpis.json, figures.json, white_space.json, demand_units.json (the Overview's summary in words)",
    schema: z
      .object({
        as_of: z.string(),
        previous_as_of: z.string().nullable(),
        top_mover: z.string().nullable(),
        sentences: z.array(z.object({topic: z.enum(["change", "white_space", "pursue_now"]), text: z.string(), href: z.string()}).strict())
      })
      .strict()
  },
  priority_units: {
    file: "demand_units.json (at most 10,000, largest potential first)",
    schema: z.object({total: z.number().int(), rows: demandUnitsSchema}).strict()
  },
  white_space_page: {
    file: "white_space.json and accounts.json (white-space page: sums, top accounts, largest gaps)",
    schema: z
      .object({
        core_products: z.array(z.string()),
        by_segment: z.array(z.object({product_id: z.string(), segment: z.string(), potential: z.number()}).strict()),
        top_accounts: z.array(accountRow.pick({account_id: true, account_name: true, segment: true, white_space: true}).strict()),
        grid: whiteSpaceSchema,
        gaps_total: z.number().int(),
        gaps: z.array(whiteSpaceRow.extend({account_name: z.string(), segment: z.string().nullable()}).strict())
      })
      .strict()
  },
  retention_bridge: {file: "revenue_bridge.json (overall at every month end, every cut at the as-of date)", schema: revenueBridgeSchema},
  retention_drilldown: {
    file: "retention_accounts.json (accounts and total per bridge bar; per bar the 2,000 accounts with the largest amounts)",
    schema: z
      .object({
        steps: z.array(z.object({step: bridgeStep, accounts: z.number().int(), amount: z.number()}).strict()),
        rows: z.array(retentionAccountRow.extend({has_page: z.boolean()}).strict())
      })
      .strict()
  },
  rejects_head: {
    file: "rejects.csv (first rows)",
    schema: z.object({total: z.number().int(), rows: rejectsSchema}).strict()
  },
  account_pages: {
    file: "account page data (accounts, account_history, white_space, demand_units, account_opportunities, next_best_product; one of the shards)",
    schema: z
      .object({
        ids: z.array(z.string()),
        pages: z.array(
          z
            .object({
              account: accountRow,
              history: accountHistorySchema,
              white_space: whiteSpaceSchema,
              demand_units: demandUnitsSchema,
              opportunities: accountOpportunitiesSchema,
              next_best_product: nextBestProductSchema
            })
            .strict()
        )
      })
      .strict()
  }
} as const;

export type SiteFileName = keyof typeof SITE_FILES;
