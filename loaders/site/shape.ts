/**
 * Pure shaping of pipeline outputs into the slimmer files pages load. Kept
 * apart from file reading so that it can be tested on inline rows.
 */
import type {AccountRow, DemandUnitRow, FigureRow} from "../../src/schemas/index.js";
import type {z} from "zod";
import type {
  accountHistorySchema,
  accountOpportunitiesSchema,
  rejectsSchema,
  whiteSpaceSchema
} from "../../src/schemas/index.js";

type WhiteSpaceRow = z.infer<typeof whiteSpaceSchema>[number];
type HistoryRow = z.infer<typeof accountHistorySchema>[number];
type OpportunityRow = z.infer<typeof accountOpportunitiesSchema>[number];
type RejectRow = z.infer<typeof rejectsSchema>[number];

/** Overall figures (dimension "all") at every month end: the Overview's sparklines and changes. */
export function overallFigures(figures: FigureRow[]): FigureRow[] {
  return figures.filter((f) => f.dimension === "all");
}

/** Every cut at the as-of date. */
export function currentFigures(figures: FigureRow[]): FigureRow[] {
  return figures.filter((f) => f.is_current);
}

/** Largest potential first (none last); ties by account, product, then buying center (none first). */
function byPotential(a: DemandUnitRow, b: DemandUnitRow): number {
  return (
    (b.potential ?? -Infinity) - (a.potential ?? -Infinity) ||
    a.account_id.localeCompare(b.account_id) ||
    a.product_id.localeCompare(b.product_id) ||
    (a.buying_center ?? "").localeCompare(b.buying_center ?? "")
  );
}

/** "Pursue now" units, largest potential first (ties by account, product), at most `limit`. */
export function pursueNow(units: DemandUnitRow[], limit = 10): DemandUnitRow[] {
  return units
    .filter((u) => u.quadrant === "Pursue now")
    .sort(byPotential)
    .slice(0, limit);
}

/**
 * The most demand units the priority matrix page loads. A unit is an active account × core
 * product it does not hold, so they grow with accounts: 6,889 on the sample (5.8 MB), over
 * a million at 200,000 accounts (380 MB), which no browser should be asked to load.
 */
export const PRIORITY_UNITS_MAX = 10_000;

/**
 * The units the priority matrix shows: all of them when there are at most `limit`, else the
 * `limit` with the largest potential; and how many there are in all, so the page can say so.
 */
export function priorityUnits(units: DemandUnitRow[], limit = PRIORITY_UNITS_MAX): {total: number; rows: DemandUnitRow[]} {
  if (units.length <= limit) return {total: units.length, rows: units};
  return {total: units.length, rows: [...units].sort(byPotential).slice(0, limit)};
}

/** The first `limit` rejects, and how many there are in all. */
export function rejectsHead(rows: RejectRow[], limit = 1000): {total: number; rows: RejectRow[]} {
  return {total: rows.length, rows: rows.slice(0, limit)};
}

/** Account ids that get their own page. */
export function pagedAccounts(accounts: Pick<AccountRow, "account_id" | "has_page">[]): string[] {
  return accounts.filter((a) => a.has_page).map((a) => a.account_id);
}

export {accountFromSlug, accountSlug} from "../../src/lib/slug.js";

/** Everything the page of one account shows, and nothing of other accounts. */
export function accountPage(
  accountId: string,
  data: {
    accounts: AccountRow[];
    history: HistoryRow[];
    whiteSpace: WhiteSpaceRow[];
    demandUnits: DemandUnitRow[];
    opportunities: OpportunityRow[];
  }
) {
  const account = data.accounts.find((a) => a.account_id === accountId);
  if (!account) throw new Error(`account ${accountId} is not in accounts.json`);
  const mine = <T extends {account_id: string}>(rows: T[]) => rows.filter((r) => r.account_id === accountId);
  return {
    account,
    history: mine(data.history),
    white_space: mine(data.whiteSpace),
    demand_units: mine(data.demandUnits),
    opportunities: mine(data.opportunities)
  };
}
