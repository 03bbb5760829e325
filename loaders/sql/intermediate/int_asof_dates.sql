-- The as-of dates every figure is computed for: each month end from the month
-- of the earliest billing line to the last month end <= D, plus D itself.
-- period_start_excl is S for that date (t - 12 calendar months, day clamped).
with params as (
    select as_of, period_start_excl from run_params
),

bounds as (
    select date_trunc('month', min(invoiced_on))::date as first_month from int_revenue_lines
),

month_starts as (
    select unnest(generate_series(bounds.first_month::timestamp, params.as_of::timestamp, interval 1 month))::date as month_on
    from bounds, params
    where bounds.first_month is not null
),

month_ends as (
    select last_day(month_on) as as_of
    from month_starts, params
    where last_day(month_on) <= params.as_of
),

all_dates as (
    select as_of from month_ends
    union
    select as_of from params
)

select
    all_dates.as_of,
    case
        when all_dates.as_of = params.as_of then params.period_start_excl
        else (all_dates.as_of - interval 12 month)::date
    end as period_start_excl,
    all_dates.as_of = params.as_of as is_current,
    month(all_dates.as_of) in (3, 6, 9, 12) and all_dates.as_of = last_day(all_dates.as_of) as is_quarter_end
from all_dates, params
