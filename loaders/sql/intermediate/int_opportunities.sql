-- Opportunities created on or before D, amount in the reporting currency
-- (rate of the close-date month, else of the created-date month, else the
-- constant rate). A NULL amount stays NULL (counts as 0 in value-weighted rates).
with params as (
    select as_of, currency as reporting_currency from run_params
),

opportunities as (
    select stg_opportunities.*, coalesce(closed_on, created_on) as rate_on
    from stg_opportunities, params
    where created_on <= params.as_of
),

monthly_rates as (
    select currency, month, rate from stg_fx_rates where month is not null
),

constant_rates as (
    select currency, rate from stg_fx_rates where month is null
),

converted as (
    select
        opportunities.opportunity_id,
        opportunities.account_id,
        opportunities.product_id,
        opportunities.type,
        opportunities.stage,
        in_reporting_currency(
            opportunities.amount,
            reporting_rate(opportunities.currency, params.reporting_currency, monthly_rates.rate, constant_rates.rate)
        ) as amount,
        opportunities.created_on,
        opportunities.closed_on,
        opportunities.owner,
        opportunities.buying_center,
        opportunities.source
    from opportunities
    cross join params
    left join monthly_rates
        on monthly_rates.currency = opportunities.currency
        and monthly_rates.month = strftime(opportunities.rate_on, '%Y-%m')
    left join constant_rates on constant_rates.currency = opportunities.currency
)

select * from converted
