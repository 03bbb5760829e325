-- Kaplan–Meier time-to-cross-sell by acquisition quarter. Each account with a
-- first purchase on or before D is observed from its first purchase for
-- `days`: to its first cross-sell event (event) or to D (censored). S(x) is the
-- product over event times τ <= x of (1 - events at τ / at risk at τ), at risk
-- = accounts with time >= τ (a censoring tied with an event is still at risk).
-- cross_sold_share at k = 1 - S(k × 30.4375 days), NULL beyond the longest
-- observed time of the cohort.
with observations as (
    select
        journey.acquisition_cohort as cohort,
        journey.first_cross_sell_on is not null as is_event,
        datediff('day', journey.first_purchase_on, coalesce(journey.first_cross_sell_on, run_params.as_of)) as days
    from int_account_journey as journey
    cross join run_params
),

per_time as (
    select
        cohort,
        days,
        count(*) filter (where is_event) as events,
        count(*) filter (where not is_event) as censored
    from observations
    group by cohort, days
),

cumulated as (
    select
        cohort,
        days,
        sum(events + censored) over (partition by cohort order by days desc rows between unbounded preceding and current row) as at_risk,
        sum(events) over (partition by cohort order by days rows between unbounded preceding and current row) as events_to_date,
        sum(censored) over (partition by cohort order by days rows between unbounded preceding and current row) as censored_to_date,
        sum(events + censored) over (partition by cohort order by days rows between unbounded preceding and current row) as observed_to_date,
        events
    from per_time
),

survival as (
    select
        *,
        product(1 - events / at_risk) over (partition by cohort order by days rows between unbounded preceding and current row) as survival
    from cumulated
),

cohorts as (
    select cohort, count(*) as cohort_accounts, max(days) as longest_days from observations group by cohort
),

grid as (
    select cohorts.*, k, k * 30.4375 as horizon_days
    from cohorts
    cross join range(0, 37) as ks(k)
),

with_end as (
    select grid.*, survival.survival, survival.events_to_date, survival.censored_to_date
    from grid
    asof left join survival on survival.cohort = grid.cohort and grid.horizon_days >= survival.days
),

with_before as (
    select with_end.*, survival.observed_to_date as observed_before
    from with_end
    asof left join survival on survival.cohort = with_end.cohort and with_end.horizon_days > survival.days
)

select
    cohort,
    k::integer as k,
    cohort_accounts::integer as cohort_accounts,
    (cohort_accounts - coalesce(observed_before, 0))::integer as at_risk,
    coalesce(events_to_date, 0)::integer as events,
    coalesce(censored_to_date, 0)::integer as censored,
    case when horizon_days <= longest_days then 1 - coalesce(survival, 1) end::double as cross_sold_share
from with_before
order by cohort, k
