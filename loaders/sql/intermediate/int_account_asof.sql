-- The per-account facts behind every figure, at every as-of date t (P_t = (S_t, t]):
-- active, revenue in P_t, products held, full suite, existing (active at S_t),
-- cross-sell event in P_t, revenue of cross-sold pairs in P_t, days to the
-- first cross-sell when that event falls in P_t, white space of its core gaps.
-- One row per account with a window row at t, or active at S_t.
-- int_account_windows has one row per account and evaluation date, so the
-- window at t and the one at S_t meet in a join; the pair facts at t are
-- grouped per account first. (Grouping the account and pair rows of t and S_t
-- in one pass, 9 million rows into 3 million groups at benchmark scale, took
-- about twice the CPU.)
with dates as (
    select * from int_asof_dates
),

-- Per pair at t: revenue of pairs cross-sold as of t (adopted on or before t),
-- a cross-sell event in P_t (a pair adopted in P_t has a line in P_t, so it
-- has a window row at t), and the white-space potential of a held core product.
pair_facts as (
    select
        windows.eval_on as as_of,
        windows.account_id,
        sum(windows.revenue) filter (where adoption.is_cross_sold and adoption.adopted_on <= windows.eval_on)
            as cross_sold_revenue,
        bool_or(adoption.is_cross_sold and adoption.adopted_on > dates.period_start_excl and adoption.adopted_on <= dates.as_of)
            as cross_sold_in_period,
        sum(case when windows.revenue > 0 then potential.potential end) as held_core_potential
    from int_pair_windows as windows
    join dates on dates.as_of = windows.eval_on
    join int_accounts as accounts using (account_id)
    left join int_pair_adoption as adoption
        on adoption.account_id = windows.account_id and adoption.product_id = windows.product_id
    left join int_white_space_potential as potential
        on potential.as_of = windows.eval_on
        and potential.segment = accounts.segment
        and potential.product_id = windows.product_id
    group by windows.eval_on, windows.account_id
),

-- The account window at t (one row per account and evaluation date) ...
at_end as (
    select dates.as_of, windows.account_id, windows.is_active, windows.revenue, windows.products_held, windows.core_products_held
    from int_account_windows as windows
    join dates on dates.as_of = windows.eval_on
),

-- ... and the accounts active at S_t.
active_at_start as (
    select dates.as_of, windows.account_id, true as is_active_at_start
    from int_account_windows as windows
    join dates on dates.period_start_excl = windows.eval_on
    where windows.is_active
),

-- An account window at t, or active at S_t (pairs at t always come with an account window at t).
keys as (
    select
        as_of,
        account_id,
        at_end.is_active,
        at_end.revenue,
        at_end.products_held,
        at_end.core_products_held,
        active_at_start.is_active_at_start,
        pair_facts.cross_sold_revenue,
        pair_facts.cross_sold_in_period,
        pair_facts.held_core_potential
    from at_end
    full join active_at_start using (as_of, account_id)
    left join pair_facts using (as_of, account_id)
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
