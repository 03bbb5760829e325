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
  figureRow,
  figuresSchema,
  nextBestProductSchema,
  rejectsSchema,
  retentionAccountRow,
  revenueBridgeSchema,
  whiteSpaceRow,
  whiteSpaceSchema,
  tier
} from "../schemas/index.js";
import {EXPLORE_COLUMNS} from "./account-views.js";

const searchRow = accountRow
  .pick({account_id: true, account_name: true, segment: true, owner: true, tier: true, revenue: true, has_page: true})
  .extend({key: z.string(), views: z.number().int()})
  .strict();
/** A listed account with its rank-1 next best product (loaders/site/accounts-list.ts). */
const listRow = accountRow.extend({next_best_product: z.string().nullable(), next_best_potential: z.number().nullable()}).strict();
const exploreRow = accountRow
  .pick(Object.fromEntries(EXPLORE_COLUMNS.map((c) => [c, true])) as {[K in (typeof EXPLORE_COLUMNS)[number]]: true})
  .strict();

export const SITE_FILES = {
  figures_all: {file: "figures.json (overall, every month end)", schema: figuresSchema},
  figures_current: {file: "figures.json (every cut, at the as-of date)", schema: figuresSchema},
  figures_previous: {file: "figures.json (overall, at the end of the previous period)", schema: figuresSchema},
  overview_trend: {
    file: "figures.json (overall, every month end: figure, date and value only, the Overview's sparklines)",
    schema: z.array(figureRow.pick({figure: true, as_of: true, value: true}).strict())
  },
  board_pack: {
    file: "the built site (whether report.pdf, the board pack, was printed into it)",
    schema: z.object({pdf: z.boolean()}).strict()
  },
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
  accounts_summary: {
    file: "accounts.json (accounts list: counts per view, segment × tier, search index bounds)",
    schema: z
      .object({
        total: z.number().int(),
        active: z.number().int(),
        paged: z.number().int(),
        list_max: z.number().int(),
        complete: z.boolean(),
        views: z.array(z.object({key: z.string(), total: z.number().int()}).strict()),
        by_segment_tier: z.array(z.object({segment: z.string(), tier: z.string(), n: z.number().int()}).strict()),
        search_bounds: z.array(z.string()),
        search_shards_per_query: z.number().int()
      })
      .strict()
  },
  accounts_list: {
    file: "accounts.json and next_best_product.json (one drill-down view, largest revenue first, with each account's rank-1 product)",
    schema: z.object({view: z.string(), total: z.number().int(), rows: z.array(listRow), views: z.array(z.number().int())}).strict()
  },
  accounts_search: {
    file: "accounts.json (search index: one shard of the words of names, owners and segments, and ids)",
    schema: z.object({rows: z.array(searchRow)}).strict()
  },
  concentration: {
    file: "accounts.json (Pareto curve points, tier × products held)",
    schema: z
      .object({
        ranked: z.number().int(),
        points: z.array(z.object({accounts: z.number(), revenue: z.number(), tier: tier.nullable()}).strict()),
        held: z.array(z.object({tier: tier.nullable(), products_held: z.number().int(), accounts: z.number().int()}).strict())
      })
      .strict()
  },
  team_owners: {
    file: "accounts.json (sums per owner)",
    schema: z.array(
      z.object({owner: z.string(), accounts: z.number().int(), white_space: z.number(), pursue_now: z.number().int(), open: z.number().int()}).strict()
    )
  },
  explore_accounts: {
    file: "accounts.json (explored columns; a systematic sample past 50,000 accounts)",
    schema: z.object({total: z.number().int(), every: z.number().int(), rows: z.array(exploreRow)}).strict()
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
