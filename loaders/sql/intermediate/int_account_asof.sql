-- The per-account facts behind every figure, at every as-of date t (P_t = (S_t, t]):
-- active, revenue in P_t, products held, full suite, existing (active at S_t),
-- cross-sell event in P_t, revenue of cross-sold pairs in P_t, days to the
-- first cross-sell when that event falls in P_t, white space of its core gaps.
with dates as (
    select * from int_asof_dates
),

at_end as (
    select dates.as_of, windows.*
    from int_account_windows as windows
    join dates on dates.as_of = windows.eval_on
),

existing as (
    select dates.as_of, windows.account_id
    from int_account_windows as windows
    join dates on dates.period_start_excl = windows.eval_on
    where windows.is_active
),

keys as (
    select as_of, account_id from at_end
    union
    select as_of, account_id from existing
),

cross_sell_events as (
    select dates.as_of, adoption.account_id, count(*) as events
    from int_pair_adoption as adoption
    join dates on adoption.adopted_on > dates.period_start_excl and adoption.adopted_on <= dates.as_of
    where adoption.is_cross_sold
    group by dates.as_of, adoption.account_id
),

cross_sold_revenue as (
    -- Every line in P_t of a pair that is cross-sold as of t (adopted on or before t).
    select windows.eval_on as as_of, windows.account_id, sum(windows.revenue) as revenue
    from int_pair_windows as windows
    join dates on dates.as_of = windows.eval_on
    join int_pair_adoption as adoption
        on adoption.account_id = windows.account_id
        and adoption.product_id = windows.product_id
        and adoption.is_cross_sold
        and adoption.adopted_on <= windows.eval_on
    group by windows.eval_on, windows.account_id
),

held_core_potential as (
    select windows.eval_on as as_of, windows.account_id, sum(potential.potential) as potential
    from int_pair_windows as windows
    join dates on dates.as_of = windows.eval_on
    join int_accounts as accounts using (account_id)
    join int_white_space_potential as potential
        on potential.as_of = windows.eval_on
        and potential.segment = accounts.segment
        and potential.product_id = windows.product_id
    where windows.revenue > 0
    group by windows.eval_on, windows.account_id
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
    coalesce(at_end.is_active, false) as is_active,
    coalesce(at_end.revenue, 0) as revenue,
    case when at_end.is_active then at_end.products_held else 0 end as products_held,
    coalesce(at_end.is_active and at_end.core_products_held = core_products.core_products, false) as holds_full_suite,
    existing.account_id is not null as is_existing,
    cross_sell_events.events is not null as cross_sold_in_period,
    coalesce(cross_sold_revenue.revenue, 0) as cross_sold_revenue,
    case
        when journey.first_cross_sell_on > dates.period_start_excl and journey.first_cross_sell_on <= dates.as_of
            then datediff('day', journey.first_purchase_on, journey.first_cross_sell_on)
    end as days_to_first_cross_sell,
    case
        when at_end.is_active then coalesce(segment_potential.potential, 0) - coalesce(held_core_potential.potential, 0)
        else 0
    end as white_space
from keys
join dates using (as_of)
join int_accounts as accounts using (account_id)
cross join core_products
left join at_end using (as_of, account_id)
left join existing using (as_of, account_id)
left join cross_sell_events using (as_of, account_id)
left join cross_sold_revenue using (as_of, account_id)
left join held_core_potential using (as_of, account_id)
left join segment_potential on segment_potential.as_of = keys.as_of and segment_potential.segment = accounts.segment
left join int_account_journey as journey using (account_id)
