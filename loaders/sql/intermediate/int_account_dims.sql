-- The value of every cut dimension for each account; NULL → 'Unknown'. Tier is
-- the account's tier at D ('none' when not active at D); acquisition cohort is
-- the quarter of its first purchase.
select
    accounts.account_id,
    coalesce(accounts.segment, 'Unknown') as segment,
    coalesce(accounts.region, 'Unknown') as region,
    coalesce(accounts.industry, 'Unknown') as industry,
    coalesce(accounts.owner, 'Unknown') as owner,
    coalesce(accounts.in_target_profile::varchar, 'Unknown') as in_target_profile,
    coalesce(tiers.tier, 'none') as tier,
    coalesce(journey.acquisition_cohort, 'Unknown') as acquisition_cohort
from int_accounts as accounts
left join int_account_tiers as tiers using (account_id)
left join int_account_journey as journey using (account_id)
