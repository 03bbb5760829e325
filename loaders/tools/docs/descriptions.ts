/**
 * Meanings of output-file columns, for the data-file reference.
 *
 * A column's meaning comes from its zod schema when the schema carries a
 * `.describe()` text; otherwise from this map. Keys are the file name, then the
 * column's dotted path (`files[].sha256` for a field of a list of objects); a
 * `*` stands for any one path segment (`kpis.*.low`). Files that share a schema
 * with another file (figures_by_<dimension>.json share figures.json's) use that
 * file's entries. tests/tools/docs/data-files.test.ts fails when a schema column has
 * no meaning anywhere, and when an entry here names a column no schema has.
 */
import {KPI_FIGURES, figureEntry} from "../../../src/catalog/index.js";

/** "kpis.<id>" → the figure's summary (or its definition) from the catalog. */
function kpiFigureDescriptions(): Record<string, string> {
  return Object.fromEntries(KPI_FIGURES.map(({id}) => [`kpis.${id}`, figureEntry(id).summary ?? figureEntry(id).definition]));
}

export const COLUMN_DESCRIPTIONS: Record<string, Record<string, string>> = {
  "kpis.json": {
    as_of: "As-of date D: the last day of the period P.",
    period_start: "First day inside P (the day after S = D − 12 months).",
    currency: "Reporting currency (ISO 4217) of every amount.",
    kpis: "The headline figures, one object per figure.",
    // kpis.<figure>: the catalog's one-line summary of each figure of kpis.json.
    ...kpiFigureDescriptions(),
    "kpis.*.value": "The figure; a fraction (0.234, not 23.4) for rates and shares, months for time to cross-sell, an amount for revenue. null when undefined (see reason).",
    "kpis.*.numerator": "Numerator of the ratio (accounts, or revenue for the revenue share).",
    "kpis.*.denominator": "Denominator of the ratio; 0 makes the figure undefined.",
    "kpis.*.low": "Lower edge of the benchmark band in force; null for a band with no lower edge (never `below`).",
    "kpis.*.high": "Upper edge of the benchmark band; null for a band with no upper edge (never `above`).",
    "kpis.*.status": "Position against the band, inclusive at both edges; null when the value is undefined.",
    "kpis.*.reason": "Why the figure is undefined (e.g. less than 12 months of history); present only when value is null.",
    "kpis.time_to_cross_sell_months.p25": "25th percentile of months to first cross-sell (linear interpolation).",
    "kpis.time_to_cross_sell_months.p75": "75th percentile of months to first cross-sell (linear interpolation).",
    "kpis.time_to_cross_sell_months.count": "Accounts whose first cross-sell event falls in P.",
    "kpis.*.won": "Opportunities of this type won in P.",
    "kpis.*.lost": "Opportunities of this type lost in P.",
    "kpis.*.value_weighted": "Won amount ÷ closed (won + lost) amount.",
    "kpis.revenue_at_full_cross_sell.ratio": "Revenue at full cross-sell ÷ revenue in P.",
    "kpis.revenue_at_full_cross_sell.white_space": "Sum of the white-space potentials of every active account × core product not held.",
    revenue_bridge:
      "The revenue bridge at D, overall (revenue_bridge.json's row of dimension `all` at D): starting, the six movements, ending and the cross-sell share of expansion; always present, amounts 0 when nothing moved.",
    tiers: "The four ABCD tiers, always all four, A first.",
    "tiers[].tier": "Revenue-concentration tier.",
    "tiers[].accounts": "Accounts active at D in the tier (0 when empty).",
    "tiers[].revenue": "Revenue in P of the tier's accounts."
  },
  "manifest.json": {
    as_of: "As-of date D of the run.",
    as_of_rule:
      "How D was chosen: `configured` (--as-of or as_of in the configuration) or `latest_invoice_on_or_before_run_date` " +
      "(the latest invoice date on or before the run date, run.json's run_date; later lines do not move D).",
    period_start: "First day inside the period P.",
    period_end: "Last day of the period P (equals as_of).",
    currency: "Reporting currency (ISO 4217).",
    mode: "`billing`: revenue from invoice lines; `bookings`: revenue from won opportunities (no invoice_lines file).",
    reject_limit: "Largest share of rejected rows a file may have before the run fails.",
    grace_days: "Days after the first purchase during which an adoption still counts as initial, not cross-sell.",
    earliest_invoice_on: "Date of the earliest billing line read; null when there is none.",
    latest_invoice_on: "Date of the latest billing line read; null when there is none.",
    future_dated_lines: "Billing lines dated after D: loaded, outside every figure, shown on the data-quality page.",
    "future_dated_lines.count": "How many lines are dated after D.",
    "future_dated_lines.first": "The earliest of their dates; null when there are none.",
    "future_dated_lines.last": "The latest of their dates; null when there are none.",
    "future_dated_lines.amount": "Their revenue in the reporting currency.",
    files: "One entry per input file the run looked for.",
    "files[].file": "Canonical name of the input, e.g. `invoice_lines`.",
    "files[].path": "Path of the file relative to the input folder; null when the optional file is absent.",
    "files[].sha256": "SHA-256 of the file's bytes; null when absent.",
    "files[].rows_read": "Data rows read (header excluded); rows_read = rows_loaded + rows_rejected.",
    "files[].rows_loaded": "Rows that passed validation.",
    "files[].rows_rejected": "Rows rejected (each listed in rejects.csv).",
    "files[].rejected_share": "rows_rejected ÷ rows_read (0 for an empty file).",
    "files[].extra_columns": "Columns of the file that the data contract does not know, in file order; they are ignored.",
    unmatched_customers: "Billing customers that map to no CRM account; each becomes its own account in segment Unknown.",
    "unmatched_customers[].customer_id": "The billing customer key.",
    "unmatched_customers[].lines": "Billing lines of the customer.",
    "unmatched_customers[].revenue": "Revenue of those lines in the reporting currency (all dates).",
    bands: "Benchmark bands in force, after the configuration file's overrides.",
    "bands[].figure": "Figure the band applies to, e.g. `cross_sell_rate`.",
    "bands[].segment": "Segment the band applies to; null for the global band.",
    "bands[].low": "Lower edge; null for no lower edge.",
    "bands[].high": "Upper edge; null for no upper edge.",
    config: "The configuration in force, as read (defaults filled in).",
    redacted: "Present (true) only in a copy built with `--redact`: account and owner names are pseudonyms, ids are kept."
  },
  "run.json": {
    started_at: "Wall-clock start of the run, ISO timestamp.",
    finished_at: "Wall-clock end of the run, ISO timestamp.",
    duration_ms: "Total duration in milliseconds.",
    run_date: "The date the run took as today (--today, else the UTC date): the default as-of date is the latest invoice date on or before it.",
    steps: "Duration of each pipeline step, in order.",
    "steps[].step": "Step name, e.g. `ingest`.",
    "steps[].duration_ms": "Step duration in milliseconds.",
    version: "Version of the pipeline that wrote the outputs."
  },
  "rejects.csv": {
    file: "Input file the rejected row came from.",
    line: "Physical line number where the row starts (the header is line 1).",
    column: "Column that broke the rule.",
    value: "The offending value, as written. In the file, a text cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or CR, a plain number aside) has a `'` in front, as in every CSV the report writes for people.",
    reason: "Which rule it broke, in words."
  },
  "figures.json": {
    as_of: "As-of date the figure is computed at (a month end, or D).",
    is_current: "true for the rows as of D (the headline as-of date).",
    is_quarter_end: "true when as_of is a quarter end (for quarterly trends).",
    dimension: "What the figure is cut by; `all` is the whole customer base.",
    cut: "Value of the dimension, e.g. `Enterprise`; `all` when dimension is all.",
    figure: "Which figure (see metrics.md for each definition).",
    value: "The figure: a fraction for rates and shares, months for time to cross-sell, an amount for revenue and white space, a count for active_accounts. null when undefined.",
    numerator: "Numerator of a ratio; won opportunities for a win rate; null for amounts.",
    denominator: "Denominator of a ratio (won + lost for a win rate, accounts counted for time to cross-sell); null for amounts.",
    p25: "25th percentile (time to cross-sell only).",
    p75: "75th percentile (time to cross-sell only).",
    value_weighted: "Won amount ÷ closed amount (win rates only).",
    low: "Lower edge of the benchmark band for this figure and cut; null when the figure has no band.",
    high: "Upper edge of the band; null when there is none.",
    status: "`below`, `within` or `above` the band (inclusive edges); null without a band or a value.",
    small_sample: "The denominator is below the small-sample minimum (default 5): show it, marked.",
    reason: "Why the value is undefined; null when it is defined."
  },
  "ttc_accounts.json": {
    account_id: "Account key.",
    segment: "Segment of the account (`Unknown` when empty).",
    acquisition_cohort: "Quarter of the first purchase, e.g. `2024-Q3`.",
    first_purchase_on: "First purchase date: earliest adoption of any product.",
    first_cross_sell_on: "Date of the account's first cross-sell event.",
    days_to_cross_sell: "Days from first purchase to the first cross-sell event.",
    months_to_cross_sell: "days_to_cross_sell ÷ 30.4375.",
    in_period: "The first cross-sell event falls in P (the account counts toward the KPI)."
  },
  "ttc_cohorts.json": {
    cohort: "Acquisition quarter, e.g. `2024-Q3`.",
    k: "Months since first purchase.",
    cohort_accounts: "Accounts in the cohort.",
    at_risk: "Accounts still observed and not yet cross-sold at the start of month k.",
    events: "Cumulative cross-sell events within k months.",
    censored: "Cumulative accounts censored (observation ended at D) within k months.",
    cross_sold_share: "Kaplan–Meier share of the cohort cross-sold within k months; null beyond the cohort's longest follow-up."
  },
  "adjacency.json": {
    initial_product_id: "A product the accounts started with (adopted on the first purchase date).",
    cross_sold_product_id: "The product of their first cross-sell event.",
    accounts: "Accounts that started with the initial product and first cross-sold this one."
  },
  "affinity.json": {
    product_x: "Antecedent product x.",
    product_y: "Consequent product y.",
    active_accounts: "Accounts active at D (the base of every share).",
    holders_x: "Active accounts holding x at D.",
    holders_y: "Active accounts holding y at D.",
    holders_both: "Active accounts holding both.",
    support: "holders_both ÷ active_accounts; null when there is no active account.",
    confidence: "confidence(x→y) = holders_both ÷ holders_x; null when nobody holds x.",
    lift: "confidence ÷ (holders_y ÷ active_accounts); null when undefined."
  },
  "penetration.json": {
    segment: "Segment.",
    product_id: "Product.",
    active_accounts: "Accounts of the segment active at D.",
    holders: "Of those, accounts holding the product at D.",
    share: "holders ÷ active_accounts; null when the segment has no active account."
  },
  "white_space.json": {
    account_id: "Account active at D.",
    product_id: "Core product.",
    status: "`held`: the account holds it at D; `open_opportunity`: not held, an open opportunity for it exists; `gap`: not held, nothing open.",
    revenue: "Revenue of this product from this account in P (0 when not held).",
    potential: "White-space potential: mean revenue in P per holder of the product (in the account's segment when it has ≥ 5 holders, else over all holders); null when held.",
    potential_basis: "Which holders set the potential: `segment`, `all`, or `none` (no holder anywhere); null when held."
  },
  "tiers.json": {
    tier: "ABCD revenue-concentration tier.",
    accounts: "Accounts active at D in the tier.",
    revenue: "Revenue in P of the tier.",
    revenue_share: "Share of the revenue of ranked accounts; null when there is no revenue.",
    cumulative_account_share: "Share of ranked accounts in this tier or above.",
    mean_products_held: "Mean products held at D by the tier's accounts; null when the tier is empty."
  },
  "accounts.json": {
    account_id: "CRM account key (or the billing customer id of an unmatched customer).",
    account_name: "Display name, as written in the CRM (any characters).",
    segment: "Segment; `Unknown` when empty and for unmatched customers.",
    region: "Region; null when unknown.",
    industry: "Industry; null when unknown.",
    owner: "Account manager; null when unknown.",
    in_target_profile: "Fits the target customer profile; null when unknown.",
    is_unmatched: "A billing customer that maps to no CRM account.",
    first_purchase_on: "First purchase date; null for an account that never bought.",
    acquisition_cohort: "Quarter of the first purchase, e.g. `2024-Q3`; null when it never bought.",
    is_active: "Revenue > 0 in the 12 months ending at D.",
    revenue: "Revenue in P, reporting currency.",
    products_held: "Number of products held at D.",
    held_products: "Product ids held at D, sorted.",
    tier: "ABCD tier; null when not active at D.",
    revenue_rank: "Rank by revenue in P among active accounts (1 = largest; ties by account_id); null when not active.",
    cumulative_revenue_share: "Share of active revenue of the accounts ranked at or above this one; null when not active.",
    cross_sold_in_period: "At least one cross-sell event in P.",
    first_cross_sell_on: "Date of the first cross-sell event; null when none.",
    white_space: "Sum of the white-space potentials of its core products not held.",
    open_opportunities: "Open opportunities of the account at D.",
    units_pursue_now: "Its demand units in the `Pursue now` quadrant.",
    has_page: "A top account with its own page."
  },
  "demand_units.json": {
    account_id: "Account key.",
    account_name: "Account display name.",
    owner: "Account manager; null when unknown.",
    segment: "Segment of the account.",
    buying_center: "Buying center of the unit; null for the account as a whole.",
    product_id: "Core product the account does not hold.",
    need: "Need score 0–3 (opportunity axis); 0 disqualifies the unit.",
    fit: "Fit score 0–3 (opportunity axis).",
    urgency: "Urgency score 0–3 (opportunity axis).",
    relationship: "Relationship score 0–3 (ability-to-win axis).",
    data: "Data score 0–3 (ability-to-win axis).",
    resources: "Resources score 0–3 (ability-to-win axis).",
    score_source: "`file`: scores from demand_units.csv; `derived`: computed by the rules of metrics.md.",
    why_need: "Why need has its score, in words.",
    why_fit: "Why fit has its score.",
    why_urgency: "Why urgency has its score.",
    why_relationship: "Why relationship has its score.",
    why_data: "Why data has its score.",
    why_resources: "Why resources has its score.",
    opportunity_score: "Mean of need, fit and urgency.",
    ability_score: "Mean of relationship, data and resources.",
    is_disqualified: "need = 0.",
    quadrant: "Quadrant split at 2.0 on both axes; null when disqualified.",
    potential: "White-space potential of the unit; null when there is none."
  },
  "win_rates.json": {
    quarter: "Quarter the opportunities closed in, e.g. `2025-Q3`.",
    quarter_end: "Last day of the quarter.",
    type: "Opportunity type.",
    won: "Opportunities won.",
    lost: "Opportunities lost.",
    won_amount: "Amount won, reporting currency.",
    lost_amount: "Amount lost, reporting currency.",
    win_rate: "won ÷ (won + lost); null when nothing closed.",
    value_weighted: "won_amount ÷ (won_amount + lost_amount); null when the closed amount is 0."
  },
  "open_pipeline.json": {
    opportunity_id: "Opportunity key.",
    account_id: "Account key.",
    account_name: "Account display name.",
    product_id: "Main product of the deal; null when not given.",
    amount: "Deal value in the reporting currency; null when not given.",
    created_on: "Date the opportunity was created.",
    age_days: "Days from creation to D.",
    owner: "Opportunity owner; null when unknown.",
    buying_center: "Buying center; null when unknown.",
    source: "Where the opportunity came from (e.g. `csm`); null when unknown."
  },
  "products.json": {
    product_id: "Product key.",
    product_name: "Display name (the id when there is no catalog).",
    product_family: "Product family; null when not given.",
    is_core: "Part of the full suite every target customer should own.",
    holders: "Active accounts holding it at D.",
    revenue: "Revenue in P, reporting currency.",
    cross_sold_accounts: "Accounts that adopted it as a cross-sell (adopted on or before D)."
  },
  "account_history.json": {
    account_id: "Account with its own page.",
    product_id: "Product.",
    month: "Calendar month of the invoice lines.",
    revenue: "Revenue of the product from the account in that month (credits included)."
  },
  "account_opportunities.json": {
    opportunity_id: "Opportunity key.",
    account_id: "Account with its own page.",
    product_id: "Main product; null when not given.",
    type: "Opportunity type.",
    stage: "Stage.",
    amount: "Deal value in the reporting currency; null when not given.",
    created_on: "Date the opportunity was created.",
    closed_on: "Close date; null while open.",
    owner: "Opportunity owner; null when unknown."
  }
};

/** Files the site's data loaders derive (src/lib/site-files.ts), keyed "data/<name>.json". */
Object.assign(COLUMN_DESCRIPTIONS, {
  "data/priority_units.json": {
    total: "Number of demand units in all (demand_units.json has them all).",
    rows: "Every demand unit when there are at most 10,000; otherwise the 10,000 with the largest potential (same columns as demand_units.json)."
  },
  "data/white_space_page.json": {
    core_products: "The core products, sorted.",
    by_segment: "Potential of the cells not held, summed per product × segment.",
    top_accounts: "The accounts with the most white space (at most 200): id, name, segment, white space.",
    grid: "Every cell (held, open opportunity, gap) of those accounts, as in white_space.json.",
    gaps_total: "Number of cells not held (open opportunity or gap) in all.",
    gaps: "The cells not held with the largest potential (at most 10,000), with account name and segment.",
    "by_segment[].product_id": "Core product.",
    "by_segment[].segment": "Segment of the accounts (`Unknown` for a customer missing from accounts.json).",
    "by_segment[].potential": "Sum of the white-space potential of the cells not held.",
    "top_accounts[].account_id": "Account key.",
    "top_accounts[].account_name": "Account display name.",
    "top_accounts[].segment": "Segment of the account.",
    "top_accounts[].white_space": "Sum of the white-space potentials of its core gaps.",
    "gaps[].account_id": "Account key.",
    "gaps[].product_id": "Core product not held.",
    "gaps[].status": "`open_opportunity` (an open opportunity for it exists) or `gap` (nothing open).",
    "gaps[].revenue": "Revenue of this product in P (0: not held).",
    "gaps[].potential": "White-space potential; null when no account holds the product.",
    "gaps[].potential_basis": "Which holders set the potential: `segment`, `all` or `none`.",
    "gaps[].account_name": "Account display name.",
    "gaps[].segment": "Segment of the account; null when the account is missing from accounts.json."
  },
  "data/rejects_head.json": {
    total: "Number of rejected rows in all (rejects.csv has them all).",
    rows: "The first rejected rows, at most 1,000, in file order."
  },
  "data/retention_drilldown.json": {
    steps: "One entry per bar of the bridge's waterfall, in bridge order.",
    "steps[].step": "The bar: `starting`, a movement of the bridge, or `ending`.",
    "steps[].accounts": "Accounts with a non-zero amount in the bar (all of them, listed or not).",
    "steps[].amount": "Sum of those accounts' amounts: the bar's height.",
    rows: "Per bar, the 2,000 accounts with the largest amounts (every one when fewer), each shipped once, in account order (same columns as retention_accounts.json).",
    "rows[].has_page": "The account has its own page (account?id=…)."
  },
  "data/account_pages.json": {
    ids: "The paged accounts of this shard (src/lib/slug.ts accountShard).",
    pages: "One page's data per account of `ids`, in the same order (the page finds its account's index in `ids`).",
    "pages[].account": "The account's row.",
    "pages[].history": "Its revenue per product per month.",
    "pages[].white_space": "Its core products: held, open opportunity or gap, with potential.",
    "pages[].demand_units": "Its demand units.",
    "pages[].opportunities": "Its opportunities, every stage."
  }
} satisfies Record<string, Record<string, string>>);

/** Site files of issue #13 (the Overview's sparklines in a fifth of figures_all's bytes; the board-pack flag instead of a HEAD request). */
Object.assign(COLUMN_DESCRIPTIONS, {
  "data/overview_trend.json": {
    figure: "Figure id (src/catalog/figures.ts), as in figures.json.",
    as_of: "Month end the value is computed at.",
    value: "The figure's overall value at that month end; null when undefined."
  },
  "data/board_pack.json": {
    pdf: "true once the board pack (report.pdf) was printed into the built site (`npm run pdf`, `npm run refresh -- --pdf`), which then links it from the Overview."
  }
} satisfies Record<string, Record<string, string>>);

/** Site files of issue #14 item 2–4 (the Overview's summary and pursue-now list, the account page's next best products). */
Object.assign(COLUMN_DESCRIPTIONS, {
  "data/pursue_now.json": {
    rows: "Demand units in `Pursue now`, largest potential first (ties: higher opportunity, then ability score), at most 10, at most 2 per product × segment and 1 per account (same columns as demand_units.json).",
    paged: "The accounts of those units that have a page (the list links to them)."
  },
  "data/overview_summary.json": {
    as_of: "As-of date D of the figures.",
    previous_as_of: "Month end the previous period's figures are taken at; null when the data start within the period.",
    top_mover: "The headline figure that moved most since then, measured in widths of its benchmark band; null when none moved.",
    sentences: "The summary, one sentence (or two) per topic, in this order: `change`, `white_space`, `pursue_now`.",
    "sentences[].topic": "`change` (headline figures that moved most, and band edges crossed), `white_space` (largest product × segment) or `pursue_now` (units, potential, owners).",
    "sentences[].text": "The words shown on the Overview.",
    "sentences[].href": "The page with the detail, relative to the site root."
  }
} satisfies Record<string, Record<string, string>>);
Object.assign(COLUMN_DESCRIPTIONS["data/account_pages.json"], {
  "pages[].next_best_product": "Its next_best_product.json rows: the core products it does not hold, rank 1 first, with the reasons in words."
});

/** accounts.json's meaning of each column, for site files that carry some of its columns. */
const accountColumns = (prefix: string, columns: string[]) =>
  Object.fromEntries(columns.map((c) => [`${prefix}${c}`, COLUMN_DESCRIPTIONS["accounts.json"][c]]));

/** The files the pages about accounts load instead of accounts.json (loaders/site/accounts-list.ts). */
Object.assign(COLUMN_DESCRIPTIONS, {
  "data/accounts_summary.json": {
    total: "Number of accounts in accounts.json.",
    active: "Accounts active at D.",
    paged: "Accounts with their own page.",
    list_max: "The most accounts one view's file lists (largest revenue first).",
    complete: "Every account fits in one file: the `all` view lists them all and the page filters it for the other views.",
    views: "The drill-down views of the accounts page (src/lib/account-views.ts), each with its number of accounts.",
    "views[].key": "View key, as in accounts?show=<key>.",
    "views[].total": "Number of accounts in the view.",
    by_segment_tier: "Active accounts per segment × tier.",
    "by_segment_tier[].segment": "Segment.",
    "by_segment_tier[].tier": "Tier (`none` for an active account without one).",
    "by_segment_tier[].n": "Number of active accounts.",
    search_bounds: "First key of each shard of the search index (empty when complete).",
    search_shards_per_query: "The most index shards one search loads."
  },
  "data/accounts_list.json": {
    view: "View key.",
    total: "Number of accounts in the view.",
    rows: "The view's accounts, at most list_max, largest revenue first (every account, in file order, for `all` when complete).",
    views: "For each row, the views it belongs to: bit i set for the i-th view of src/lib/account-views.ts.",
    ...accountColumns("rows[].", Object.keys(COLUMN_DESCRIPTIONS["accounts.json"])),
    "rows[].next_best_product": "Name of the account's rank-1 product in next_best_product.json (null: no core product to offer).",
    "rows[].next_best_potential": "That product's white-space potential, in the reporting currency (null with no product)."
  },
  "data/accounts_search.json": {
    rows: "One row per account and word of its name, owner and segment (and one for its whole id), sorted by that key, then largest revenue first.",
    "rows[].key": "The word, or whole id, lower case without accents.",
    "rows[].views": "The views the account belongs to (bits, as in accounts_list.json).",
    ...accountColumns("rows[].", ["account_id", "account_name", "segment", "owner", "tier", "revenue", "has_page"])
  },
  "data/concentration.json": {
    ranked: "Number of active accounts ranked by revenue.",
    points: "The Pareto curve: (share of ranked accounts, cumulative share of revenue), from (0, 0), thinned to about 1,000 points keeping each tier's last.",
    "points[].accounts": "Share of ranked accounts, largest revenue first.",
    "points[].revenue": "Cumulative share of active revenue.",
    "points[].tier": "Tier of the account at that point; null at the origin.",
    held: "Ranked accounts per tier × products held.",
    "held[].tier": "Tier.",
    "held[].products_held": "Products held at D.",
    "held[].accounts": "Number of accounts."
  },
  "data/team_owners.json": {
    owner: "Account owner (`Unknown` for none).",
    accounts: "Number of the owner's accounts.",
    white_space: "Sum of their white-space potentials.",
    pursue_now: "Sum of their demand units in Pursue now.",
    open: "Sum of their open opportunities."
  },
  "data/explore_accounts.json": {
    total: "Number of accounts in accounts.json.",
    every: "1 when rows has every account; else k: rows holds every k-th account (at most 50,000).",
    rows: "The explored columns of the accounts (a systematic sample past 50,000 accounts).",
    ...accountColumns("rows[].", ["account_name", "segment", "region", "industry", "owner", "in_target_profile", "tier", "acquisition_cohort", "is_active", "revenue", "products_held", "white_space", "cross_sold_in_period", "open_opportunities"])
  }
} satisfies Record<string, Record<string, string>>);
