-- Revenue per (account, product, boundary bucket), with its running total, the
-- pair's next bucket and its last bucket (one sort per pair, read by
-- int_pair_windows). A line dated d falls in the bucket of the first window
-- edge on or after d (int_day_buckets).
with bucketed as (
    select lines.account_id, lines.product_id, day_buckets.bucket_idx, sum(lines.revenue) as revenue
    from int_revenue_lines as lines
    join int_day_buckets as day_buckets on day_buckets.day_on = lines.invoiced_on
    group by lines.account_id, lines.product_id, day_buckets.bucket_idx
)

select
    account_id,
    product_id,
    bucket_idx,
    revenue,
    sum(revenue) over pair_order as cumulative_revenue,
    lead(bucket_idx) over pair_order as next_bucket_idx,
    max(bucket_idx) over (partition by account_id, product_id) as last_bucket_idx
from bucketed
window pair_order as (partition by account_id, product_id order by bucket_idx rows between unbounded preceding and current row)
