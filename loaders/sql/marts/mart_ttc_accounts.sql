-- Every account whose first cross-sell event is on or before D.
select
    journey.account_id,
    accounts.segment,
    journey.acquisition_cohort,
    strftime(journey.first_purchase_on, '%Y-%m-%d') as first_purchase_on,
    strftime(journey.first_cross_sell_on, '%Y-%m-%d') as first_cross_sell_on,
    datediff('day', journey.first_purchase_on, journey.first_cross_sell_on)::integer as days_to_cross_sell,
    (datediff('day', journey.first_purchase_on, journey.first_cross_sell_on) / 30.4375)::double as months_to_cross_sell,
    journey.first_cross_sell_on > run_params.period_start_excl as in_period
from int_account_journey as journey
join int_accounts as accounts using (account_id)
cross join run_params
where journey.first_cross_sell_on is not null
order by journey.account_id
