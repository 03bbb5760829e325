-- The per-account facts behind every figure, at every as-of date t (P_t = (S_t, t]):
-- active, revenue in P_t, products held, full suite, existing (active at S_t),
-- cross-sell event in P_t, revenue of cross-sold pairs in P_t, days to the
-- first cross-sell when that event falls in P_t, white space of its core gaps.
-- One row per account with a window row at t, or active at S_t.
-- The account windows at t and S_t and the pair windows at t are grouped in
-- one pass (no join of per-account results).
with dates as (
    select * from int_asof_dates
),

-- One stream keyed by (as_of, account): the account windows at t and at S_t,
-- and the pairs at t, grouped once.
account_rows as (
    select
        roles.as_of,
        windows.account_id,
        roles.is_end,
        windows.is_active,
        windows.revenue,
        windows.products_held,
        windows.core_products_held,
        null::decimal(38, 12) as pair_revenue,
        null::boolean as is_cross_sold_by_t,
        null::boolean as is_cross_sold_in_period,
        null::decimal(38, 10) as potential
    from int_account_windows as windows
    join int_asof_roles as roles using (eval_on)
),

-- Per pair at t: revenue of pairs cross-sold as of t (adopted on or before t),
-- a cross-sell event in P_t (a pair adopted in P_t has a line in P_t, so it
-- has a window row at t), and the white-space potential of a held core product.
pair_rows as (
    select
        windows.eval_on as as_of,
        windows.account_id,
        null::boolean as is_end,
        null::boolean as is_active,
        null::decimal(38, 12) as revenue,
        null::bigint as products_held,
        null::bigint as core_products_held,
        windows.revenue as pair_revenue,
        adoption.is_cross_sold and adoption.adopted_on <= windows.eval_on as is_cross_sold_by_t,
        adoption.is_cross_sold and adoption.adopted_on > dates.period_start_excl and adoption.adopted_on <= dates.as_of
            as is_cross_sold_in_period,
        case when windows.revenue > 0 then potential.potential end as potential
    from int_pair_windows as windows
    join dates on dates.as_of = windows.eval_on
    join int_accounts as accounts using (account_id)
    left join int_pair_adoption as adoption
        on adoption.account_id = windows.account_id and adoption.product_id = windows.product_id
    left join int_white_space_potential as potential
        on potential.as_of = windows.eval_on
        and potential.segment = accounts.segment
        and potential.product_id = windows.product_id
),

keys as (
    select
        as_of,
        account_id,
        bool_or(is_active) filter (where is_end) as is_active,
        max(revenue) filter (where is_end) as revenue,
        max(products_held) filter (where is_end) as products_held,
        max(core_products_held) filter (where is_end) as core_products_held,
        bool_or(is_active) filter (where not is_end) as is_active_at_start,
        sum(pair_revenue) filter (where is_cross_sold_by_t) as cross_sold_revenue,
        bool_or(is_cross_sold_in_period) as cross_sold_in_period,
        sum(potential) as held_core_potential
    from (select * from account_rows union all select * from pair_rows)
    group by as_of, account_id
    -- an account window at t, or active at S_t (pairs at t always come with an account window at t)
    having bool_or(is_end) or bool_or(is_active) filter (where not is_end)
),

segment_potential as (
    select as_of, segment, sum(potential) as potential
    from int_white_space_potential
    group by as_of, segment
),

core_products as (
    select count(*) as core_products from stg_products where is_core
)

select
    keys.as_of,
    keys.account_id,
    coalesce(keys.is_active, false) as is_active,
    coalesce(keys.revenue, 0) as revenue,
    case when keys.is_active then keys.products_held else 0 end as products_held,
    coalesce(keys.is_active and keys.core_products_held = core_products.core_products, false) as holds_full_suite,
    coalesce(keys.is_active_at_start, false) as is_existing,
    coalesce(keys.cross_sold_in_period, false) as cross_sold_in_period,
    coalesce(keys.cross_sold_revenue, 0) as cross_sold_revenue,
    case
        when journey.first_cross_sell_on > dates.period_start_excl and journey.first_cross_sell_on <= dates.as_of
            then datediff('day', journey.first_purchase_on, journey.first_cross_sell_on)
    end as days_to_first_cross_sell,
    case
        when keys.is_active then coalesce(segment_potential.potential, 0) - coalesce(keys.held_core_potential, 0)
        else 0
    end as white_space
from keys
join dates using (as_of)
join int_accounts as accounts using (account_id)
cross join core_products
left join segment_potential on segment_potential.as_of = keys.as_of and segment_potential.segment = accounts.segment
left join int_account_journey as journey using (account_id)
