-- Opportunities closed (won or lost) on or before D, per calendar quarter of
-- the close date and type; amounts in the reporting currency, NULL amount = 0.
with closed as (
    select
        opportunities.*,
        strftime(closed_on, '%Y') || '-Q' || quarter(closed_on) as quarter,
        (date_trunc('quarter', closed_on) + interval 3 month - interval 1 day)::date as quarter_end
    from int_opportunities as opportunities
    cross join run_params
    where stage in ('won', 'lost') and closed_on <= run_params.as_of
),

per_quarter as (
    select
        quarter,
        quarter_end,
        type,
        count(*) filter (where stage = 'won') as won,
        count(*) filter (where stage = 'lost') as lost,
        coalesce(sum(amount) filter (where stage = 'won'), 0) as won_amount,
        coalesce(sum(amount) filter (where stage = 'lost'), 0) as lost_amount
    from closed
    group by quarter, quarter_end, type
)

select
    quarter,
    strftime(quarter_end, '%Y-%m-%d') as quarter_end,
    type,
    won::integer as won,
    lost::integer as lost,
    won_amount::double as won_amount,
    lost_amount::double as lost_amount,
    case when won + lost > 0 then won / (won + lost) end::double as win_rate,
    case when won_amount + lost_amount <> 0 then won_amount::double / (won_amount + lost_amount)::double end as value_weighted
from per_quarter
order by quarter, type
