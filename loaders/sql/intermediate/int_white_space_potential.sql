-- White-space potential of a core product p for an account of segment s, at
-- each as-of date t: mean revenue in P_t of p per account holding p at t,
-- within s when at least white_space_min_holders accounts of s hold p, else
-- over all holders; 0 (basis 'none') when nobody holds p. One row per segment
-- with an active account at t × core product.
with params as (
    select white_space_min_holders from run_params
),

holdings as (
    select windows.eval_on as as_of, windows.account_id, windows.product_id, windows.revenue, accounts.segment
    from int_pair_windows as windows
    join int_asof_dates as dates on dates.as_of = windows.eval_on
    join int_accounts as accounts using (account_id)
    where windows.revenue > 0
),

segment_holders as (
    select as_of, segment, product_id, count(*) as holders, sum(revenue) as revenue
    from holdings
    group by as_of, segment, product_id
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
    join int_accounts as accounts using (account_id)
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
