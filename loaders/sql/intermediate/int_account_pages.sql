-- Accounts with their own page: tier at D among the configured page tiers,
-- at most the configured number, largest revenue in P first.
with eligible as (
    select tiers.account_id, tiers.revenue_rank
    from int_account_tiers as tiers
    join ctx_page_tiers using (tier)
),

ranked as (
    select account_id, row_number() over (order by revenue_rank) as page_rank from eligible
)

select ranked.account_id
from ranked
cross join ctx_page_limit
where ranked.page_rank <= ctx_page_limit.max_accounts
