-- White-space potential of a core product p for an account of segment s, at
-- each as-of date t: mean revenue in P_t of p per account holding p at t,
-- within s when at least white_space_min_holders accounts of s hold p, else
-- over all holders; 0 (basis 'none') when nobody holds p. One row per segment
-- with an active account at t × core product.
with params as (
    select white_space_min_holders from run_params
),

-- The accounts' segments per account_key: int_pair_windows and int_account_windows carry
-- keys, not ids, so each of their millions of rows meets a segment on an integer.
account_segments as (
    select account_keys.account_key, accounts.segment
    from int_account_keys as account_keys
    join int_accounts as accounts using (account_id)
),

holdings as (
    select
        windows.eval_on as as_of,
        product_key_of(windows.pair_key) as product_key,
        windows.revenue,
        account_segments.segment
    from int_pair_windows as windows
    join int_asof_dates as dates on dates.as_of = windows.eval_on
    join account_segments on account_segments.account_key = account_key_of(windows.pair_key)
    where windows.revenue > 0
),

-- grouped on the product's key, its id met on the groups (int_product_keys)
segment_holders as (
    select holder_groups.as_of, holder_groups.segment, product_keys.product_id, holder_groups.holders, holder_groups.revenue
    from (
        select as_of, segment, product_key, count(*) as holders, sum(revenue) as revenue
        from holdings
        group by as_of, segment, product_key
    ) as holder_groups
    join int_product_keys as product_keys using (product_key)
),

-- Summed from the segments' groups rather than grouped again: holdings is then
-- read once, so DuckDB does not materialise its ~5 million rows (benchmark
-- scale). Counts and DECIMAL sums add up exactly, so the means are the same.
all_holders as (
    select as_of, product_id, sum(holders)::bigint as holders, sum(revenue) as revenue
    from segment_holders
    group by as_of, product_id
),

active_segments as (
    select distinct windows.as_of, accounts.segment
    from int_account_windows as windows
    join account_segments as accounts using (account_key)
    where windows.is_active
),

core_products as (
    select product_id from stg_products where is_core
)

select
    active_segments.as_of,
    active_segments.segment,
    core_products.product_id,
    case
        when segment_holders.holders >= params.white_space_min_holders
            then (segment_holders.revenue::double / segment_holders.holders)::decimal(38, 10)
        when all_holders.holders > 0
            then (all_holders.revenue::double / all_holders.holders)::decimal(38, 10)
        else 0::decimal(38, 10)
    end as potential,
    case
        when segment_holders.holders >= params.white_space_min_holders then 'segment'
        when all_holders.holders > 0 then 'all'
        else 'none'
    end as potential_basis
from active_segments
cross join core_products
cross join params
left join segment_holders
    on segment_holders.as_of = active_segments.as_of
    and segment_holders.segment = active_segments.segment
    and segment_holders.product_id = core_products.product_id
left join all_holders
    on all_holders.as_of = active_segments.as_of
    and all_holders.product_id = core_products.product_id
