-- Per as-of date t and account with a pair window at t or at S_t (P_t = (S_t, t]),
-- everything int_account_asof and mart_revenue_bridge need from its pairs, in
-- one pass: R1 = revenue in P_t (the window at t) and R0 = revenue in the
-- window at S_t, summed over its pairs; the products held at t; the cross-sold
-- revenue, cross-sell event and held white-space potential at t; and each
-- pair's change Δ = R1(a, p) - R0(a, p) > 0 summed by its movement
-- (retention_product_movement; it counts only for a retained account).
-- A pair's two windows meet in one join and every account fact is one group
-- of those pair rows (5 million into 3 million at benchmark scale): when
-- int_account_asof and the bridge each joined and grouped the pair windows
-- themselves, the two took about 14 s of CPU there; with this table, 11 s.
-- Pairs meet and accounts are grouped on the integer keys (pair_key of int_pair_windows,
-- its account_key = account_key_of(pair_key)), not the VARCHAR ids (0.7–1.2 CPU-s less at benchmark
-- scale), and the account stays a key: int_account_asof and mart_revenue_bridge meet what
-- they need of an account (int_account_keys) on it, so the 3 million groups are never
-- joined on a string.
with dates as (
    select * from int_asof_dates
),

-- One row per pair with a window at t or at S_t; R1 or R0 is NULL when the pair has no window there.
pair_revenue as (
    select
        as_of,
        pair_key,
        at_start.revenue as starting_revenue,
        at_end.revenue as ending_revenue
    from (
        select dates.as_of, windows.pair_key, windows.revenue
        from int_pair_windows as windows
        join dates on dates.as_of = windows.eval_on
    ) as at_end
    full join (
        select dates.as_of, windows.pair_key, windows.revenue
        from int_pair_windows as windows
        join dates on dates.period_start_excl = windows.eval_on
    ) as at_start using (as_of, pair_key)
),

-- What a pair's facts at t need besides its revenue, one row per adopted pair: products, segments
-- and adoption meet once here rather than in three joins of the 5 million pair rows. A pair
-- with R1 > 0 has a line of positive revenue, so it is adopted: the products held, their core
-- products and their potential (which need is_core and segment) all come from adopted pairs.
pair_info as (
    select
        adoption.pair_key,
        adoption.product_id,
        adoption.adopted_on,
        adoption.is_cross_sold,
        coalesce(products.is_core, true) as is_core,
        accounts.segment
    from int_pair_adoption as adoption
    left join stg_products as products on products.product_id = adoption.product_id
    left join int_accounts as accounts on accounts.account_id = adoption.account_id
),

pairs as (
    select
        pair_revenue.as_of,
        account_key_of(pair_revenue.pair_key) as account_key,
        pair_revenue.starting_revenue,
        pair_revenue.ending_revenue,
        coalesce(pair_revenue.ending_revenue, 0) - coalesce(pair_revenue.starting_revenue, 0) as change,
        pair_info.is_core,
        pair_info.is_cross_sold and pair_info.adopted_on <= dates.as_of as is_cross_sold_at_end,
        coalesce(
            pair_info.is_cross_sold and pair_info.adopted_on > dates.period_start_excl and pair_info.adopted_on <= dates.as_of,
            false
        ) as is_cross_sell_event,
        potential.potential
    from pair_revenue
    join dates using (as_of)
    left join pair_info using (pair_key)
    -- (pair_info's product: a pair without adoption has no segment, so no potential, either way)
    left join int_white_space_potential as potential
        on potential.as_of = pair_revenue.as_of
        and potential.segment = pair_info.segment
        and potential.product_id = pair_info.product_id
),

moved as (
    select pairs.*, retention_product_movement(change, is_cross_sell_event) as product_movement
    from pairs
),

-- Sums of CASE rather than FILTER clauses: the same exact DECIMAL sums, a little cheaper over 5 million rows.
-- A retained account's decreases are its R1 - R0 less its increases (mart_revenue_bridge).
account_sums as (
    select
        as_of,
        account_key,
        -- at t: the pairs with a window at t
        -- (a sum is NULL only when all its values are: one aggregate less than a bool_or over 5M rows)
        sum(ending_revenue) is not null as has_window_at_end,
        coalesce(sum(ending_revenue), 0) as ending_revenue,
        count(*) filter (where ending_revenue > 0) as products_held,
        count(*) filter (where ending_revenue > 0 and is_core) as core_products_held,
        coalesce(sum(case when is_cross_sold_at_end then ending_revenue end), 0) as cross_sold_revenue,
        bool_or(is_cross_sell_event and ending_revenue is not null) as cross_sold_in_period,
        sum(case when ending_revenue > 0 then potential end) as held_core_potential,
        -- at S_t
        coalesce(sum(starting_revenue), 0) as starting_revenue,
        -- Δ > 0 by product movement
        sum(case when product_movement = 'cross_sell_expansion' then change else 0 end) as cross_sell_increase,
        sum(case when product_movement = 'upsell_expansion' then change else 0 end) as upsell_increase
    from moved
    group by as_of, account_key
)

select * from account_sums
