-- Every figure at every as-of date, overall (dimension 'all') and per cut of
-- every breakdown, in long format. Undefined figures (empty denominator) have
-- value NULL, status NULL and a reason; counts are kept. The breakdowns come
-- from int_account_dims (long format): each account counts once in 'all' and
-- once in its cut of every dimension, so nothing here names a dimension.
-- The per-account facts repeated per cut (8 rows per account and date: each
-- joined one to one to int_account_cuts, its cut_nos unnested, grouped by the
-- integer cut_no) are read once per aggregate, never shared in a CTE: DuckDB
-- materialises a CTE read twice, and that relation is the largest here.
with params as (
    select small_sample_min from run_params
),

dates as (
    select * from int_asof_dates
),

-- Each account row is reduced, before it is repeated per cut, to what the
-- aggregates add up: a condition as 0/1 (NULL counts as false, as in FILTER)
-- and an amount NULL where it does not count, summed plainly instead of
-- count(*)/sum(...) FILTER (WHERE ...) per figure. The totals are the same
-- (integers and DECIMALs add up exactly); at benchmark scale (3M account rows,
-- 24.5M once per cut) this halves the CPU time of the aggregation.
account_aggregates as (
    select
        as_of,
        cut_no,
        sum(is_existing)::bigint as existing_accounts,
        sum(is_cross_sold_existing)::bigint as cross_sold_existing_accounts,
        sum(is_active)::bigint as active_accounts,
        sum(is_multi_product)::bigint as multi_product_accounts,
        sum(is_full_suite)::bigint as full_suite_accounts,
        coalesce(sum(active_products_held), 0) as products_held,
        coalesce(sum(revenue), 0) as revenue,
        coalesce(sum(cross_sold_revenue), 0) as cross_sold_revenue,
        coalesce(sum(active_white_space), 0) as white_space,
        sum(has_ttc)::bigint as ttc_count
    from (
        select account_rows.*, unnest(account_cuts.cut_nos) as cut_no
        from (
            select
                account_key,
                as_of,
                (is_existing is true)::integer as is_existing,
                ((is_existing and cross_sold_in_period) is true)::integer as is_cross_sold_existing,
                (is_active is true)::integer as is_active,
                ((is_active and products_held >= 2) is true)::integer as is_multi_product,
                (holds_full_suite is true)::integer as is_full_suite,
                case when is_active then products_held end as active_products_held,
                revenue,
                cross_sold_revenue,
                case when is_active then white_space end as active_white_space,
                (days_to_first_cross_sell is not null)::integer as has_ttc
            from int_account_asof
        ) as account_rows
        -- (on the integer key: every row of int_account_asof has one)
        join int_account_cuts as account_cuts using (account_key)
    )
    group by as_of, cut_no
),

-- The quantiles only over the few rows that have a first cross-sell in P_t
-- (a holistic aggregate over every account row would keep a state per group
-- for nothing); a cut without such a row gets NULL from the left join, as
-- quantile_cont of no value would. One quantile_cont with the list of the three
-- fractions orders each group's values once instead of three times.
ttc_quantiles as (
    select
        as_of,
        cut_no,
        quantiles_months[2] as ttc_median_months,
        quantiles_months[1] as ttc_p25_months,
        quantiles_months[3] as ttc_p75_months
    from (
        select
            as_of,
            cut_no,
            quantile_cont(days_to_first_cross_sell / 30.4375, [0.25, 0.5, 0.75]) as quantiles_months
        from (
            select facts.as_of, facts.days_to_first_cross_sell, unnest(account_cuts.cut_nos) as cut_no
            from int_account_asof as facts
            join int_account_cuts as account_cuts using (account_id)
            where facts.days_to_first_cross_sell is not null
        )
        group by as_of, cut_no
    )
),

-- Closed opportunities are counted per boundary bucket of their close date
-- first (int_day_buckets), then the buckets summed per window (S_t, t]: each
-- opportunity is aggregated once instead of once per as-of date whose period
-- holds it. Counts and DECIMAL sums are exact, so the totals are the same.
-- Each opportunity is given its bucket before it is repeated per cut, and the
-- cuts are grouped by cut_no (named by the grid): the day join then matches
-- ~1M opportunities instead of ~7M opportunity × cut rows at benchmark scale.
closed_opportunities as (
    select
        opportunities.account_id,
        day_buckets.bucket_idx,
        opportunities.type,
        opportunities.stage,
        coalesce(opportunities.amount, 0) as amount
    from int_opportunities as opportunities
    join int_day_buckets as day_buckets on day_buckets.day_on = opportunities.closed_on
    where opportunities.stage in ('won', 'lost')
        and opportunities.type in ('cross_sell', 'new_business', 'upsell')
),

win_buckets as (
    select
        bucket_idx,
        type,
        cut_no,
        count(*) filter (where stage = 'won') as won,
        count(*) filter (where stage = 'lost') as lost,
        coalesce(sum(amount) filter (where stage = 'won'), 0) as won_amount,
        coalesce(sum(amount), 0) as closed_amount
    from (
        select closed.*, unnest(account_cuts.cut_nos) as cut_no
        from closed_opportunities as closed
        join int_account_cuts as account_cuts using (account_id)
    )
    group by bucket_idx, type, cut_no
),

win_aggregates as (
    select
        dates.as_of,
        win_buckets.type,
        win_buckets.cut_no,
        sum(win_buckets.won)::bigint as won,
        sum(win_buckets.lost)::bigint as lost,
        sum(win_buckets.won_amount) as won_amount,
        sum(win_buckets.closed_amount) as closed_amount
    from dates
    join int_eval_windows as windows on windows.eval_on = dates.as_of
    join win_buckets on win_buckets.bucket_idx > windows.start_idx and win_buckets.bucket_idx <= windows.end_idx
    group by dates.as_of, win_buckets.type, win_buckets.cut_no
),

grid as (
    select
        keys.as_of,
        keys.cut_no,
        keys.period_start_excl,
        keys.is_current,
        keys.is_quarter_end,
        keys.dimension,
        keys.cut,
        case when keys.dimension = 'all' then '' else ' with ' || keys.dimension || ' = ' || keys.cut end as scope,
        ' in the period (' || strftime(keys.period_start_excl + 1, '%Y-%m-%d') || ' to '
            || strftime(keys.as_of, '%Y-%m-%d') || ')' as period_text,
        coalesce(agg.existing_accounts, 0) as existing_accounts,
        coalesce(agg.cross_sold_existing_accounts, 0) as cross_sold_existing_accounts,
        coalesce(agg.active_accounts, 0) as active_accounts,
        coalesce(agg.multi_product_accounts, 0) as multi_product_accounts,
        coalesce(agg.full_suite_accounts, 0) as full_suite_accounts,
        coalesce(agg.products_held, 0) as products_held,
        coalesce(agg.revenue, 0) as revenue,
        coalesce(agg.cross_sold_revenue, 0) as cross_sold_revenue,
        coalesce(agg.white_space, 0) as white_space,
        coalesce(agg.ttc_count, 0) as ttc_count,
        quantiles.ttc_median_months,
        quantiles.ttc_p25_months,
        quantiles.ttc_p75_months
    from int_asof_cuts as keys
    left join account_aggregates as agg on agg.as_of = keys.as_of and agg.cut_no = keys.cut_no
    left join ttc_quantiles as quantiles on quantiles.as_of = keys.as_of and quantiles.cut_no = keys.cut_no
),

ratio_rows as (
    select *, 'cross_sell_rate' as figure,
        cross_sold_existing_accounts::double as numerator, existing_accounts::double as denominator,
        existing_accounts as sample_size,
        'No existing customers' || scope || ' at the period start (' || strftime(period_start_excl, '%Y-%m-%d')
            || '): no such account had revenue in the 12 months up to that day.' as empty_reason
    from grid
    union all
    select *, 'multi_product_rate',
        multi_product_accounts::double, active_accounts::double, active_accounts,
        'No active customers' || scope || ' at ' || strftime(as_of, '%Y-%m-%d')
            || ': no such account had revenue in the 12 months up to that day.'
    from grid
    union all
    select *, 'full_suite_rate',
        full_suite_accounts::double, active_accounts::double, active_accounts,
        'No active customers' || scope || ' at ' || strftime(as_of, '%Y-%m-%d')
            || ': no such account had revenue in the 12 months up to that day.'
    from grid
    union all
    select *, 'products_per_customer',
        products_held::double, active_accounts::double, active_accounts,
        'No active customers' || scope || ' at ' || strftime(as_of, '%Y-%m-%d')
            || ': no such account had revenue in the 12 months up to that day.'
    from grid
    union all
    select *, 'cross_sell_revenue_share',
        cross_sold_revenue::double, revenue::double, active_accounts,
        'No revenue' || scope || period_text || ': the share of cross-sold revenue is undefined.'
    from grid
),

ratio_figures as (
    select
        as_of, is_current, is_quarter_end, dimension, cut, figure,
        case when denominator <> 0 then numerator / denominator end as value,
        numerator, denominator,
        null::double as p25, null::double as p75, null::double as value_weighted,
        sample_size,
        case when denominator = 0 then empty_reason end as reason
    from ratio_rows
),

ttc_figures as (
    select
        as_of, is_current, is_quarter_end, dimension, cut, 'time_to_cross_sell_months' as figure,
        ttc_median_months as value,
        null::double as numerator, ttc_count::double as denominator,
        ttc_p25_months as p25, ttc_p75_months as p75, null::double as value_weighted,
        ttc_count as sample_size,
        case when ttc_count = 0
            then 'No account' || scope || ' made its first cross-sell purchase' || period_text || '.'
        end as reason
    from grid
),

win_figures as (
    select
        grid.as_of, grid.is_current, grid.is_quarter_end, grid.dimension, grid.cut,
        types.type || '_win_rate' as figure,
        case when coalesce(w.won, 0) + coalesce(w.lost, 0) > 0 then w.won / (w.won + w.lost) end as value,
        coalesce(w.won, 0)::double as numerator,
        (coalesce(w.won, 0) + coalesce(w.lost, 0))::double as denominator,
        null::double as p25, null::double as p75,
        case when coalesce(w.closed_amount, 0) <> 0 then w.won_amount::double / w.closed_amount::double end as value_weighted,
        coalesce(w.won, 0) + coalesce(w.lost, 0) as sample_size,
        case when coalesce(w.won, 0) + coalesce(w.lost, 0) = 0
            then 'No ' || types.type || ' opportunities' || grid.scope || ' were closed won or lost' || grid.period_text || '.'
        end as reason
    from grid
    cross join (values ('cross_sell'), ('new_business'), ('upsell')) as types(type)
    left join win_aggregates as w
        on w.as_of = grid.as_of and w.type = types.type and w.cut_no = grid.cut_no
),

amount_figures as (
    select as_of, is_current, is_quarter_end, dimension, cut, 'revenue' as figure, revenue::double as value, active_accounts
    from grid
    union all
    select as_of, is_current, is_quarter_end, dimension, cut, 'white_space', white_space::double, active_accounts
    from grid
    union all
    select as_of, is_current, is_quarter_end, dimension, cut, 'revenue_at_full_cross_sell', (revenue + white_space)::double, active_accounts
    from grid
    union all
    select as_of, is_current, is_quarter_end, dimension, cut, 'active_accounts', active_accounts::double, active_accounts
    from grid
),

amount_rows as (
    select
        as_of, is_current, is_quarter_end, dimension, cut, figure, value,
        null::double as numerator, null::double as denominator,
        null::double as p25, null::double as p75, null::double as value_weighted,
        active_accounts as sample_size,
        null::varchar as reason
    from amount_figures
),

-- Figures added through the catalog as contributions models
-- (src/catalog/figures.ts, FigureSql): Σ numerator / Σ denominator of the
-- accounts of each cut; cfg_contribution_figures lists them with the words of
-- their reason, int_figure_contributions holds their rows (empty when there are none).
contribution_aggregates as (
    select
        contributions.figure,
        contributions.as_of,
        cuts.dimension,
        cuts.cut,
        sum(contributions.numerator) as numerator,
        sum(contributions.denominator) as denominator,
        count(*) filter (where contributions.denominator <> 0) as sample_size
    from (
        select contributions.*, unnest(account_cuts.cut_nos) as cut_no
        from int_figure_contributions as contributions
        join int_account_cuts as account_cuts using (account_id)
    ) as contributions
    join int_cuts as cuts using (cut_no)
    group by contributions.figure, contributions.as_of, cuts.dimension, cuts.cut
),

contribution_figures as (
    select
        grid.as_of, grid.is_current, grid.is_quarter_end, grid.dimension, grid.cut, figures.figure,
        case when coalesce(agg.denominator, 0) <> 0 then agg.numerator / agg.denominator end as value,
        coalesce(agg.numerator, 0)::double as numerator,
        coalesce(agg.denominator, 0)::double as denominator,
        null::double as p25, null::double as p75, null::double as value_weighted,
        coalesce(agg.sample_size, 0) as sample_size,
        case when coalesce(agg.denominator, 0) = 0
            then replace(replace(figures.undefined_reason, '{scope}', grid.scope), '{period}', grid.period_text)
        end as reason
    from grid
    cross join cfg_contribution_figures as figures
    left join contribution_aggregates as agg
        on agg.figure = figures.figure and agg.as_of = grid.as_of and agg.dimension = grid.dimension and agg.cut = grid.cut
),

-- Net and gross revenue retention (metrics.md, Retention and expansion) from
-- the revenue bridge of each date and cut: NRR = Σ R1 / Σ R0 and GRR =
-- Σ min(max(R1, 0), R0) / Σ R0 over the accounts of E in the cut; Σ R0 is the
-- bridge's starting revenue and the sample is E's accounts. mart_revenue_bridge
-- sums them from its per-account rows, which are never kept as a table (millions
-- at scale: every account × month end); it runs before this model (models.ts).
retention_grid as (
    select
        grid.as_of, grid.is_current, grid.is_quarter_end, grid.dimension, grid.cut,
        'No existing customers' || grid.scope || ' at the period start (' || strftime(grid.period_start_excl, '%Y-%m-%d')
            || '): no such account had revenue in the 12 months up to that day, so there is no starting revenue to retain.'
            as empty_reason,
        coalesce(bridge.existing_accounts, 0) as existing_accounts,
        coalesce(bridge.starting, 0) as starting,
        coalesce(bridge.nrr_numerator, 0) as nrr_numerator,
        coalesce(bridge.grr_numerator, 0) as grr_numerator
    from grid
    left join mart_revenue_bridge as bridge
        on bridge.as_of = strftime(grid.as_of, '%Y-%m-%d') and bridge.dimension = grid.dimension and bridge.cut = grid.cut
),

retention_rows as (
    select *, 'net_revenue_retention' as figure, nrr_numerator as numerator from retention_grid
    union all
    select *, 'gross_revenue_retention', grr_numerator from retention_grid
),

retention_figures as (
    select
        as_of, is_current, is_quarter_end, dimension, cut, figure,
        case when starting <> 0 then numerator / starting end as value,
        numerator::double as numerator,
        starting::double as denominator,
        null::double as p25, null::double as p75, null::double as value_weighted,
        existing_accounts as sample_size,
        case when starting = 0 then empty_reason end as reason
    from retention_rows
),

all_rows as (
    select * from ratio_figures
    union all select * from ttc_figures
    union all select * from win_figures
    union all select * from amount_rows
    union all select * from contribution_figures
    union all select * from retention_figures
),

banded as (
    select
        all_rows.*,
        case when segment_band.figure is not null then segment_band.low else global_band.low end as low,
        case when segment_band.figure is not null then segment_band.high else global_band.high end as high
    from all_rows
    left join cfg_bands as segment_band
        on segment_band.figure = all_rows.figure
        and all_rows.dimension = 'segment'
        and segment_band.segment = all_rows.cut
    left join cfg_bands as global_band
        on global_band.figure = all_rows.figure
        and global_band.segment is null
)

select
    strftime(as_of, '%Y-%m-%d') as as_of,
    is_current,
    is_quarter_end,
    dimension,
    cut,
    figure,
    value::double as value,
    numerator::double as numerator,
    denominator::double as denominator,
    p25::double as p25,
    p75::double as p75,
    value_weighted::double as value_weighted,
    low::double as low,
    high::double as high,
    band_status(value, low, high) as status,
    sample_size < params.small_sample_min as small_sample,
    reason
from banded
cross join params
order by as_of, dimension, cut, figure
