-- Revenue of each (account, product) in the trailing window of every
-- evaluation date: running total at the window end minus at its start. A pair
-- gets a row for every window its bucket span overlaps (first bucket <= end,
-- last bucket > start), even when no bucket falls inside (revenue 0).
-- A line dated d falls in the bucket of the first window edge on or after d
-- (int_day_buckets). The running total at an edge is the one of the pair's
-- last bucket on or before it: each bucket's total is spread over the edges up
-- to its pair's next bucket (the last one as far as any window it can fall in
-- reaches), so both look-ups are equality joins against the few windows
-- instead of as-of joins.
-- The running total is a window over int_revenue_lines' own rows, not over
-- rows first grouped per bucket: at benchmark scale that grouping did not
-- reduce (4.3 million rows in and out) and cost a hash group and a table of its
-- own (int_pair_buckets). Several rows of a pair in one bucket are fine: the
-- running total of the bucket's last row holds all of them, and the rows
-- before it have their next row in the same bucket, so they span no edge.
-- Pairs are partitioned and joined on pair_key (int_revenue_lines), one BIGINT, not the
-- two VARCHAR ids (at benchmark scale 0.4–0.8 CPU-s less than sorting by the ids), and
-- pair_key is all this table carries of them: the readers attach the ids (int_account_keys,
-- int_product_keys) where they need them, after they have filtered or grouped the ~5
-- million rows, rather than sorting and repeating two strings per row here.
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

-- One sort per pair: its running total and next row's bucket (NULL on its last row).
running as (
    select
        lines.pair_key,
        day_buckets.bucket_idx,
        sum(lines.revenue) over pair_order as cumulative_revenue,
        lead(day_buckets.bucket_idx) over pair_order as next_bucket_idx
    from int_revenue_lines as lines
    join int_day_buckets as day_buckets on day_buckets.day_on = lines.invoiced_on
    window pair_order as (
        partition by lines.pair_key
        order by day_buckets.bucket_idx
        rows between unbounded preceding and current row
    )
),

-- Each bucket's last row holds the running total for every edge from its own
-- bucket up to the pair's next bucket (exclusive); the pair's last row holds it
-- as far as a window can reach.
held_totals as (
    select
        running.pair_key,
        running.bucket_idx,
        running.next_bucket_idx is null as is_last,
        running.cumulative_revenue,
        unnest(range(
            running.bucket_idx,
            coalesce(running.next_bucket_idx, reach.max_end_idx + 1)
        )) as edge_idx
    from running
    left join reach on reach.idx = case when running.next_bucket_idx is null then running.bucket_idx end
    -- (an empty range for them anyway: dropped before the join)
    where running.next_bucket_idx is distinct from running.bucket_idx
),

-- A window overlaps the pair's span when its last bucket is after the window's
-- start: always so for an edge held before the last bucket (next bucket > edge
-- >= start); for the last bucket's edges, only if that bucket is after the start.
-- So a running total at a start edge is never the last bucket's.
at_end as (
    select held_totals.pair_key, windows.eval_on, held_totals.cumulative_revenue
    from held_totals
    join windows on windows.end_idx = held_totals.edge_idx
    where not held_totals.is_last or held_totals.bucket_idx > windows.start_idx
),

at_start as (
    select held_totals.pair_key, windows.eval_on, held_totals.cumulative_revenue
    from held_totals
    join windows on windows.start_idx = held_totals.edge_idx
    where not held_totals.is_last
)

select
    at_end.pair_key,
    at_end.eval_on,
    at_end.cumulative_revenue - coalesce(at_start.cumulative_revenue, 0) as revenue
from at_end
left join at_start using (pair_key, eval_on)
