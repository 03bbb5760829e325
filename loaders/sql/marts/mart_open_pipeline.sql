-- Open cross-sell opportunities created on or before D.
select
    opportunities.opportunity_id,
    opportunities.account_id,
    coalesce(accounts.account_name, opportunities.account_id) as account_name,
    opportunities.product_id,
    opportunities.amount::double as amount,
    strftime(opportunities.created_on, '%Y-%m-%d') as created_on,
    datediff('day', opportunities.created_on, run_params.as_of)::integer as age_days,
    opportunities.owner,
    opportunities.buying_center,
    opportunities.source
from int_open_opportunities as opportunities
cross join run_params
left join int_accounts as accounts using (account_id)
where opportunities.type = 'cross_sell'
order by opportunities.opportunity_id
