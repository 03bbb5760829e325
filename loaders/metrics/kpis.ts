/**
 * Shapes kpis.json (the exact shape at the end of metrics.md) from the
 * figures at D for dimension 'all' and the tier table.
 */
import type {FigureRow, Kpis} from "../../src/schemas/index.js";

export interface TierRowLike {
  tier: "A" | "B" | "C" | "D";
  accounts: number;
  revenue: number;
}

export interface KpiRunFacts {
  as_of: string;
  period_start: string;
  currency: string;
}

function pick(rows: FigureRow[], figure: FigureRow["figure"]): FigureRow {
  const row = rows.find((r) => r.figure === figure);
  if (!row) throw new Error(`kpis.json: the figure ${figure} is missing at the as-of date`);
  return row;
}

function band(row: FigureRow) {
  return {low: row.low, high: row.high, status: row.status};
}

function withReason<T extends object>(shape: T, reason: string | null): T & {reason?: string} {
  return reason === null ? shape : {...shape, reason};
}

function ratio(row: FigureRow) {
  return withReason(
    {value: row.value, numerator: row.numerator ?? 0, denominator: row.denominator ?? 0, ...band(row)},
    row.reason
  );
}

function winRate(row: FigureRow) {
  const won = row.numerator ?? 0;
  const closed = row.denominator ?? 0;
  return withReason(
    {value: row.value, won, lost: closed - won, value_weighted: row.value_weighted, ...band(row)},
    row.reason
  );
}

/** `current` = the figure rows at D, dimension 'all'. */
export function shapeKpis(facts: KpiRunFacts, current: FigureRow[], tiers: TierRowLike[]): Kpis {
  const ttc = pick(current, "time_to_cross_sell_months");
  const ppc = pick(current, "products_per_customer");
  const revenue = pick(current, "revenue").value ?? 0;
  const whiteSpace = pick(current, "white_space").value ?? 0;
  const fullCrossSell = pick(current, "revenue_at_full_cross_sell").value;
  const fullCrossSellRatio = revenue !== 0 && fullCrossSell !== null ? fullCrossSell / revenue : null;
  return {
    as_of: facts.as_of,
    period_start: facts.period_start,
    currency: facts.currency,
    kpis: {
      cross_sell_rate: ratio(pick(current, "cross_sell_rate")),
      multi_product_rate: ratio(pick(current, "multi_product_rate")),
      cross_sell_revenue_share: ratio(pick(current, "cross_sell_revenue_share")),
      time_to_cross_sell_months: withReason(
        {value: ttc.value, p25: ttc.p25, p75: ttc.p75, count: ttc.denominator ?? 0, ...band(ttc)},
        ttc.reason
      ),
      cross_sell_win_rate: winRate(pick(current, "cross_sell_win_rate")),
      new_business_win_rate: winRate(pick(current, "new_business_win_rate")),
      upsell_win_rate: winRate(pick(current, "upsell_win_rate")),
      products_per_customer: withReason({value: ppc.value}, ppc.reason),
      full_suite_rate: ratio(pick(current, "full_suite_rate")),
      revenue_at_full_cross_sell: withReason(
        {value: fullCrossSell, ratio: fullCrossSellRatio, white_space: whiteSpace},
        fullCrossSellRatio === null
          ? `No revenue in the period (${facts.period_start} to ${facts.as_of}): the ratio to revenue is undefined.`
          : null
      )
    },
    tiers: tiers.map((t) => ({tier: t.tier, accounts: t.accounts, revenue: t.revenue}))
  } as Kpis;
}
