-- Every date at which activity/holdings are evaluated: the as-of dates and
-- their period starts S (existing customers are those active at S). Each has
-- the trailing window (window_start_excl, eval_on]. All window edges are
-- numbered as boundaries, so that a window is exactly the boundary buckets
-- (start_idx, end_idx] — this makes every window a difference of two
-- cumulative sums, whatever the day of month.
with eval_dates as (
    select as_of as eval_on from int_asof_dates
    union
    select period_start_excl from int_asof_dates
),

windows as (
    select
        eval_dates.eval_on,
        coalesce(
            (select period_start_excl from run_params where as_of = eval_dates.eval_on),
            (eval_dates.eval_on - interval 12 month)::date
        ) as window_start_excl
    from eval_dates
),

boundaries as (
    select boundary_on, row_number() over (order by boundary_on) as boundary_idx
    from (
        select eval_on as boundary_on from windows
        union
        select window_start_excl from windows
    )
)

select
    windows.eval_on,
    windows.window_start_excl,
    end_edge.boundary_idx as end_idx,
    start_edge.boundary_idx as start_idx
from windows
join boundaries as end_edge on end_edge.boundary_on = windows.eval_on
join boundaries as start_edge on start_edge.boundary_on = windows.window_start_excl
