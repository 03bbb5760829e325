-- Every opportunity (created on or before D) of the accounts with a page.
select
    opportunities.opportunity_id,
    opportunities.account_id,
    opportunities.product_id,
    opportunities.type,
    opportunities.stage,
    opportunities.amount::double as amount,
    strftime(opportunities.created_on, '%Y-%m-%d') as created_on,
    strftime(opportunities.closed_on, '%Y-%m-%d') as closed_on,
    opportunities.owner
from int_opportunities as opportunities
join int_account_pages using (account_id)
order by opportunities.account_id, opportunities.opportunity_id
