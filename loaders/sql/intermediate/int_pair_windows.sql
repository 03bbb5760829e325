-- Revenue of each (account, product) in the trailing window of every
-- evaluation date: cumulative revenue at the window end minus at its start
-- (as-of lookups). Only pairs with a bucket inside the window get a row.
with spans as (
    select account_id, product_id, min(bucket_idx) as first_idx, max(bucket_idx) as last_idx
    from int_pair_buckets
    group by account_id, product_id
),

candidates as (
    select spans.account_id, spans.product_id, windows.eval_on, windows.end_idx, windows.start_idx
    from spans
    join int_eval_windows as windows
        on spans.first_idx <= windows.end_idx and spans.last_idx > windows.start_idx
),

at_end as (
    select candidates.*, buckets.cumulative_revenue as cumulative_at_end
    from candidates
    asof left join int_pair_buckets as buckets
        on buckets.account_id = candidates.account_id
        and buckets.product_id = candidates.product_id
        and candidates.end_idx >= buckets.bucket_idx
),

at_start as (
    select at_end.*, buckets.cumulative_revenue as cumulative_at_start
    from at_end
    asof left join int_pair_buckets as buckets
        on buckets.account_id = at_end.account_id
        and buckets.product_id = at_end.product_id
        and at_end.start_idx >= buckets.bucket_idx
)

select
    account_id,
    product_id,
    eval_on,
    coalesce(cumulative_at_end, 0) - coalesce(cumulative_at_start, 0) as revenue
from at_start
