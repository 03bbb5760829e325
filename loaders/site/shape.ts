/**
 * Pure shaping of pipeline outputs into the slimmer files pages load. Kept
 * apart from file reading so that it can be tested on inline rows.
 */
import {bridgeStep, type AccountRow, type BridgeStep, type DemandUnitRow, type FigureRow, type RetentionAccountRow, type RevenueBridgeRow} from "../../src/schemas/index.js";
import type {NextBestProductRow} from "../../src/schemas/next-best-product.js";
import {accountShard, accountShards} from "../../src/lib/slug.js";
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

/**
 * The Overview's sparklines: each overall figure's value at every month end, and nothing
 * else of its row (bands, counts, status are the cards' kpis.json): a fifth of figures_all.
 */
export function sparklineFigures(figures: FigureRow[]): {figure: string; as_of: string; value: number | null}[] {
  return overallFigures(figures).map((f) => ({figure: f.figure, as_of: f.as_of, value: f.value}));
}

/**
 * The overall figures at the end of the previous period, for the Overview's
 * "change vs previous period": that period is the 12 months before P, so it
 * ends on S, the day before `periodStart`; its figures are those of the last
 * month end on or before S (none when the data start later).
 */
export function previousFigures(figures: FigureRow[], periodStart: string): FigureRow[] {
  const previousEnd = new Date(Date.parse(`${periodStart}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const overall = figures.filter((f) => f.dimension === "all" && f.as_of <= previousEnd);
  const last = overall.reduce((max, f) => (f.as_of > max ? f.as_of : max), "");
  return overall.filter((f) => f.as_of === last);
}

/** Every cut at the as-of date. */
export function currentFigures(figures: FigureRow[]): FigureRow[] {
  return figures.filter((f) => f.is_current);
}

/** A row with a white-space potential: a demand unit, or an account × product cell. */
type PotentialRow = Pick<DemandUnitRow, "account_id" | "product_id" | "potential"> & {buying_center?: string | null};

/** Largest potential first (none last); ties by account, product, then buying center (none first). */
function byPotential(a: PotentialRow, b: PotentialRow): number {
  return (
    (b.potential ?? -Infinity) - (a.potential ?? -Infinity) ||
    a.account_id.localeCompare(b.account_id) ||
    a.product_id.localeCompare(b.product_id) ||
    (a.buying_center ?? "").localeCompare(b.buying_center ?? "")
  );
}

/** How many units of one product × segment, and of one account, the Overview's pursue-now list may show. */
export const PURSUE_NOW_PER_PRODUCT_SEGMENT = 2;
export const PURSUE_NOW_PER_ACCOUNT = 1;

/**
 * The Overview's "Pursue now" list: at most `limit` units of the Pursue-now quadrant, largest
 * potential first, then the higher opportunity and ability scores (potential is set per product ×
 * segment, so many units tie), then account, product, buying center. For variety, at most
 * PURSUE_NOW_PER_PRODUCT_SEGMENT units of one product in one segment and PURSUE_NOW_PER_ACCOUNT
 * of one account are kept (by potential alone, ten copies of one product and segment led).
 * `paged`: the accounts of those units that have a page (from accounts.json), so that the list
 * links only to pages that exist.
 */
export function pursueNow(
  units: DemandUnitRow[],
  accounts: Pick<AccountRow, "account_id" | "has_page">[],
  limit = 10
): {rows: DemandUnitRow[]; paged: string[]} {
  const ranked = units
    .filter((u) => u.quadrant === "Pursue now")
    .sort(
      (a, b) =>
        (b.potential ?? -Infinity) - (a.potential ?? -Infinity) ||
        b.opportunity_score - a.opportunity_score ||
        b.ability_score - a.ability_score ||
        byPotential(a, b)
    );
  const perGroup = new Map<string, number>();
  const perAccount = new Map<string, number>();
  const rows: DemandUnitRow[] = [];
  for (const u of ranked) {
    if (rows.length >= limit) break;
    const group = `${u.product_id}\u0000${u.segment}`;
    if ((perGroup.get(group) ?? 0) >= PURSUE_NOW_PER_PRODUCT_SEGMENT || (perAccount.get(u.account_id) ?? 0) >= PURSUE_NOW_PER_ACCOUNT) continue;
    perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
    perAccount.set(u.account_id, (perAccount.get(u.account_id) ?? 0) + 1);
    rows.push(u);
  }
  const listed = new Set(rows.map((u) => u.account_id));
  const paged = accounts.filter((a) => a.has_page && listed.has(a.account_id)).map((a) => a.account_id);
  return {rows, paged};
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

/** The most accounts the white-space grid can show (its largest "Accounts in the grid" choice). */
export const WHITE_SPACE_GRID_MAX = 200;
/** The most not-held cells the white-space table lists (of ~700,000 at 200,000 accounts). */
export const WHITE_SPACE_ROWS_MAX = 10_000;

type WhiteSpaceAccount = Pick<AccountRow, "account_id" | "account_name" | "segment" | "white_space">;

/**
 * Everything the white-space page shows, computed at build time so that the page loads a
 * file bounded by WHITE_SPACE_GRID_MAX and WHITE_SPACE_ROWS_MAX instead of every account ×
 * core product cell and the whole account list (200 MB at 200,000 accounts):
 * - core_products: the core products, sorted;
 * - by_segment: potential of the cells not held, summed per product × segment ("Unknown" for an
 *   account missing from accounts.json), sorted by product then segment;
 * - top_accounts: the accounts with cells, most white space first (ties by id), at most gridMax;
 * - grid: the cells of those accounts;
 * - gaps_total and gaps: the cells not held (open opportunity or gap) and the rowsMax of them
 *   with the largest potential (none last; ties by account, product), with account name and segment.
 */
export function whiteSpacePage(
  cells: WhiteSpaceRow[],
  accounts: WhiteSpaceAccount[],
  limits: {gridMax?: number; rowsMax?: number} = {}
) {
  const gridMax = limits.gridMax ?? WHITE_SPACE_GRID_MAX;
  const rowsMax = limits.rowsMax ?? WHITE_SPACE_ROWS_MAX;
  const byId = new Map(accounts.map((a) => [a.account_id, a]));
  const sums = new Map<string, {product_id: string; segment: string; potential: number}>();
  const withCells = new Set<string>();
  const products = new Set<string>();
  const notHeld: WhiteSpaceRow[] = [];
  for (const c of cells) {
    withCells.add(c.account_id);
    products.add(c.product_id);
    if (c.status === "held") continue;
    notHeld.push(c);
    if (c.potential == null) continue;
    const segment = byId.get(c.account_id)?.segment ?? "Unknown";
    const key = `${c.product_id}\u0000${segment}`;
    const row = sums.get(key) ?? {product_id: c.product_id, segment, potential: 0};
    row.potential += c.potential;
    sums.set(key, row);
  }
  const topAccounts = [...withCells]
    .map((id) => byId.get(id))
    .filter((a): a is WhiteSpaceAccount => a !== undefined)
    .sort((a, b) => b.white_space - a.white_space || a.account_id.localeCompare(b.account_id))
    .slice(0, gridMax)
    .map((a) => ({account_id: a.account_id, account_name: a.account_name, segment: a.segment, white_space: a.white_space}));
  const top = new Set(topAccounts.map((a) => a.account_id));
  const gaps = notHeld
    .sort(byPotential)
    .slice(0, rowsMax)
    .map((c) => ({...c, account_name: byId.get(c.account_id)?.account_name ?? c.account_id, segment: byId.get(c.account_id)?.segment ?? null}));
  return {
    core_products: [...products].sort((a, b) => a.localeCompare(b)),
    by_segment: [...sums.values()].sort((a, b) => a.product_id.localeCompare(b.product_id) || a.segment.localeCompare(b.segment)),
    top_accounts: topAccounts,
    grid: cells.filter((c) => top.has(c.account_id)),
    gaps_total: notHeld.length,
    gaps
  };
}

/** The first `limit` rejects, and how many there are in all. */
export function rejectsHead(rows: RejectRow[], limit = 1000): {total: number; rows: RejectRow[]} {
  return {total: rows.length, rows: rows.slice(0, limit)};
}

type AccountPage = {
  account: AccountRow;
  history: HistoryRow[];
  white_space: WhiteSpaceRow[];
  demand_units: DemandUnitRow[];
  opportunities: OpportunityRow[];
  next_best_product: NextBestProductRow[];
};

/**
 * The account pages' data, split into the shard files of src/lib/slug.ts: for each
 * shard, the ids of its paged accounts and, in the same order, everything the page of
 * each shows (its account row and its own rows of the other files, in file order).
 * One pass over each file, so the cost grows with the rows, not rows × pages.
 */
export function accountPageShards(data: {
  accounts: AccountRow[];
  history: HistoryRow[];
  whiteSpace: WhiteSpaceRow[];
  demandUnits: DemandUnitRow[];
  opportunities: OpportunityRow[];
  nextBest: NextBestProductRow[];
}): Map<string, {ids: string[]; pages: AccountPage[]}> {
  const pages = new Map<string, AccountPage>();
  for (const account of data.accounts) {
    if (account.has_page) pages.set(account.account_id, {account, history: [], white_space: [], demand_units: [], opportunities: [], next_best_product: []});
  }
  for (const r of data.history) pages.get(r.account_id)?.history.push(r);
  for (const r of data.whiteSpace) pages.get(r.account_id)?.white_space.push(r);
  for (const r of data.demandUnits) pages.get(r.account_id)?.demand_units.push(r);
  for (const r of data.opportunities) pages.get(r.account_id)?.opportunities.push(r);
  for (const r of data.nextBest) pages.get(r.account_id)?.next_best_product.push(r);
  const shards = new Map(accountShards().map((name) => [name, {ids: [] as string[], pages: [] as AccountPage[]}]));
  for (const [id, page] of pages) {
    const shard = shards.get(accountShard(id))!;
    shard.ids.push(id);
    shard.pages.push(page);
  }
  return shards;
}

/**
 * The product to offer each account first (its next_best_product row of rank 1): the accounts
 * table's "Next best product" column, joined on account_id. Accounts with every core product
 * (or not active) have none.
 */
export function topNextBest(rows: NextBestProductRow[]): Map<string, Pick<NextBestProductRow, "product_id" | "product_name" | "potential">> {
  const top = new Map<string, Pick<NextBestProductRow, "product_id" | "product_name" | "potential">>();
  for (const r of rows) if (r.rank === 1) top.set(r.account_id, {product_id: r.product_id, product_name: r.product_name, potential: r.potential});
  return top;
}

/** The revenue bridge the Retention page draws: overall at every month end (trends) and every cut at D (by segment). */
export function retentionBridge(rows: RevenueBridgeRow[]): RevenueBridgeRow[] {
  return rows.filter((r) => r.dimension === "all" || r.is_current);
}


/** The most accounts the Retention page lists per bar (of ~200,000 with a movement at 200,000 accounts). */
export const RETENTION_ROWS_MAX = 2_000;

/**
 * The Retention page's drill-down: for each bar of the bridge (bridgeStep: starting, the six movements, ending)
 * the number of accounts with a non-zero amount in it and their total, and the
 * rows of the accounts the page lists: per bar, the `max` with the largest
 * amount (ties by account id), each with whether it has an account page. Rows
 * stay in file order (by account id); an account listed under several bars is
 * shipped once.
 */
export function retentionDrilldown(
  rows: RetentionAccountRow[],
  accounts: Pick<AccountRow, "account_id" | "has_page">[],
  max = RETENTION_ROWS_MAX
): {steps: {step: BridgeStep; accounts: number; amount: number}[]; rows: (RetentionAccountRow & {has_page: boolean})[]} {
  const paged = new Set(accounts.filter((a) => a.has_page).map((a) => a.account_id));
  const listed = new Set<string>();
  const steps = bridgeStep.options.map((step) => {
    const inStep = rows.filter((r) => r[step] !== 0);
    for (const r of [...inStep].sort((a, b) => b[step] - a[step] || a.account_id.localeCompare(b.account_id)).slice(0, max)) {
      listed.add(r.account_id);
    }
    return {step, accounts: inStep.length, amount: inStep.reduce((sum, r) => sum + r[step], 0)};
  });
  return {
    steps,
    rows: rows.filter((r) => listed.has(r.account_id)).map((r) => ({...r, has_page: paged.has(r.account_id)}))
  };
}
