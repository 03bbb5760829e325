-- The per-account facts behind every figure, at every as-of date t (P_t = (S_t, t]):
-- active, revenue in P_t, products held, full suite, existing (active at S_t),
-- cross-sell event in P_t, revenue of cross-sold pairs in P_t, days to the
-- first cross-sell when that event falls in P_t, white space of its core gaps.
-- One row per account with a window row at t, or active at S_t.
-- The facts from the account's pairs are int_account_periods' (one group of
-- the pair windows at t and S_t, shared with mart_revenue_bridge), per account_key:
-- the account's id comes with its segment and journey, met on that integer key.
-- account_key is kept so that mart_figures meets the account's cuts on it too.
with dates as (
    select * from int_asof_dates
),

-- An account window at t, or active at S_t.
keys as (
    select
        as_of,
        account_key,
        ending_revenue > 0 as is_active,
        ending_revenue as revenue,
        products_held,
        core_products_held,
        starting_revenue > 0 as is_active_at_start,
        cross_sold_revenue,
        cross_sold_in_period,
        held_core_potential
    from int_account_periods
    where has_window_at_end or starting_revenue > 0
),

segment_potential as (
    select as_of, segment, sum(potential) as potential
    from int_white_space_potential
    group by as_of, segment
),

core_products as (
    select count(*) as core_products from stg_products where is_core
),

-- The account's id, segment and journey, met per account (200k at benchmark scale)
-- so that the 3 million account rows are joined once, on account_key.
accounts as (
    select account_keys.account_key, accounts.account_id, accounts.segment, journey.first_purchase_on, journey.first_cross_sell_on
    from int_account_keys as account_keys
    join int_accounts as accounts using (account_id)
    left join int_account_journey as journey using (account_id)
)

select
    keys.as_of,
    accounts.account_id,
    keys.is_active,
    keys.revenue,
    case when keys.is_active then keys.products_held else 0 end as products_held,
    keys.is_active and keys.core_products_held = core_products.core_products as holds_full_suite,
    keys.is_active_at_start as is_existing,
    keys.cross_sold_in_period,
    keys.cross_sold_revenue,
    case
        when accounts.first_cross_sell_on > dates.period_start_excl and accounts.first_cross_sell_on <= dates.as_of
            then datediff('day', accounts.first_purchase_on, accounts.first_cross_sell_on)
    end as days_to_first_cross_sell,
    case
        when keys.is_active then coalesce(segment_potential.potential, 0) - coalesce(keys.held_core_potential, 0)
        else 0
    end as white_space,
    keys.account_key
from keys
join dates using (as_of)
join accounts using (account_key)
cross join core_products
left join segment_potential on segment_potential.as_of = keys.as_of and segment_potential.segment = accounts.segment
