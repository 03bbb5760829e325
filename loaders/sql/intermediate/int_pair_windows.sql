-- Revenue of each (account, product) in the trailing window of every
-- evaluation date: running total at the window end minus at its start. A pair
-- gets a row for every window its bucket span overlaps (first bucket <= end,
-- last bucket > start), even when no bucket falls inside (revenue 0).
-- The running total at an edge is the one of the pair's last bucket on or
-- before it: each bucket row is spread over the edges up to its pair's next
-- bucket (the last one as far as any window it can fall in reaches), so both
-- look-ups are equality joins against the few windows instead of as-of joins.
with windows as (
    select eval_on, end_idx, start_idx from int_eval_windows
),

-- For a pair whose last bucket is k, the windows that can include one of its
-- buckets end no later than this (they must start before k).
reach as (
    select boundaries.idx, max(windows.end_idx) as max_end_idx
    from (select distinct end_idx as idx from windows union select distinct start_idx from windows) as boundaries
    join windows on windows.start_idx < boundaries.idx
    group by boundaries.idx
),

-- Each bucket holds the running total for every edge from its own up to the
-- pair's next bucket (exclusive); the last bucket holds it as far as a window can reach.
held_totals as (
    select
        buckets.account_id,
        buckets.product_id,
        buckets.last_bucket_idx,
        buckets.cumulative_revenue,
        unnest(range(
            buckets.bucket_idx,
            coalesce(buckets.next_bucket_idx, reach.max_end_idx + 1)
        )) as edge_idx
    from int_pair_buckets as buckets
    left join reach on reach.idx = buckets.last_bucket_idx
),

at_end as (
    select held_totals.account_id, held_totals.product_id, windows.eval_on, held_totals.cumulative_revenue
    from held_totals
    join windows on windows.end_idx = held_totals.edge_idx
    where held_totals.last_bucket_idx > windows.start_idx
),

at_start as (
    select held_totals.account_id, held_totals.product_id, windows.eval_on, held_totals.cumulative_revenue
    from held_totals
    join windows on windows.start_idx = held_totals.edge_idx
    where held_totals.last_bucket_idx > windows.start_idx
)

select
    at_end.account_id,
    at_end.product_id,
    at_end.eval_on,
    at_end.cumulative_revenue - coalesce(at_start.cumulative_revenue, 0) as revenue
from at_end
left join at_start using (account_id, product_id, eval_on)
