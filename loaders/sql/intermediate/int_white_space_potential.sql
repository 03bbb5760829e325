-- White-space potential of a core product p for an account of segment s, at
-- each as-of date t: mean revenue in P_t of p per account holding p at t,
-- within s when at least white_space_min_holders accounts of s hold p, else
-- over all holders; 0 (basis 'none') when nobody holds p. One row per segment
-- with a holder at t (an account holding some product) × core product.
-- Every reader takes a potential for an account active at t only (int_white_space_at_d,
-- int_account_asof), and an active account (revenue > 0 in its window) holds some product, so
-- its segment has its rows. The segments with a holder are read off the holder groups below (a
-- few hundred rows); the segments with an active account would take the sums of every account's
-- pair windows (3 million groups, 0.9 CPU-s at benchmark scale). A segment whose holders are all
-- inactive (their credits outweigh their revenue) gets rows nobody reads.
with params as (
    select white_space_min_holders from run_params
),

-- The accounts' segments per account_key: int_pair_windows carries keys, not ids, so each
-- of its millions of rows meets a segment on an integer.
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

holder_segments as (
    select distinct as_of, segment from segment_holders
),

core_products as (
    select product_id from stg_products where is_core
)

select
    holder_segments.as_of,
    holder_segments.segment,
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
from holder_segments
cross join core_products
cross join params
left join segment_holders
    on segment_holders.as_of = holder_segments.as_of
    and segment_holders.segment = holder_segments.segment
    and segment_holders.product_id = core_products.product_id
left join all_holders
    on all_holders.as_of = holder_segments.as_of
    and all_holders.product_id = core_products.product_id
