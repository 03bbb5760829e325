-- The grid every per-cut figure is given on: each as-of date (int_asof_dates,
-- with its period start and flags) × each cut (int_cuts, numbered). The marts
-- left-join their per-cut aggregates to it, so a cut with no account at a date
-- still gets its row (counts 0, figures undefined with a reason).
with dates as (
    select * from int_asof_dates
),

cuts as (
    select * from int_cuts
)

select
    dates.as_of,
    dates.period_start_excl,
    dates.is_current,
    dates.is_quarter_end,
    cuts.cut_no,
    cuts.dimension,
    cuts.cut
from dates
cross join cuts
