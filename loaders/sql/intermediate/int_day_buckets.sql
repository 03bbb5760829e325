-- Every day from the first billing line (or the first window edge, if that is
-- earlier) to the last window edge, with its boundary bucket: the first window
-- edge on or after that day (int_eval_windows numbers the edges). A day is in
-- the window (start_idx, end_idx] of an evaluation date exactly when its bucket
-- is, so facts summed per bucket can be summed again per window.
with edges as (
    select distinct boundary_on, boundary_idx from (
        select eval_on as boundary_on, end_idx as boundary_idx from int_eval_windows
        union all
        select window_start_excl, start_idx from int_eval_windows
    )
),

bounds as (
    select
        least((select min(invoiced_on) from int_revenue_lines), (select min(boundary_on) from edges)) as first_day,
        (select max(boundary_on) from edges) as last_day
),

days as (
    select unnest(generate_series(first_day::timestamp, last_day::timestamp, interval 1 day))::date as day_on
    from bounds
    where first_day is not null and first_day <= last_day
)

select days.day_on, min(edges.boundary_idx) as bucket_idx
from days
join edges on edges.boundary_on >= days.day_on
group by days.day_on
