-- Revenue per (account, product, boundary bucket), with its running total.
-- A line dated d falls in the bucket of the first window edge on or after d.
with edges as (
    select distinct boundary_on, boundary_idx from (
        select eval_on as boundary_on, end_idx as boundary_idx from int_eval_windows
        union all
        select window_start_excl, start_idx from int_eval_windows
    )
),

bounds as (
    select
        (select min(invoiced_on) from int_revenue_lines) as first_day,
        (select max(boundary_on) from edges) as last_day
),

days as (
    select unnest(generate_series(first_day::timestamp, last_day::timestamp, interval 1 day))::date as day_on
    from bounds
    where first_day is not null and first_day <= last_day
),

day_buckets as (
    select days.day_on, min(edges.boundary_idx) as bucket_idx
    from days
    join edges on edges.boundary_on >= days.day_on
    group by days.day_on
),

bucketed as (
    select lines.account_id, lines.product_id, day_buckets.bucket_idx, sum(lines.revenue) as revenue
    from int_revenue_lines as lines
    join day_buckets on day_buckets.day_on = lines.invoiced_on
    group by lines.account_id, lines.product_id, day_buckets.bucket_idx
)

select
    account_id,
    product_id,
    bucket_idx,
    revenue,
    sum(revenue) over (
        partition by account_id, product_id order by bucket_idx rows between unbounded preceding and current row
    ) as cumulative_revenue
from bucketed
