-- The value of every breakdown (src/catalog/dimensions.ts) for each account, in
-- long format: one row per account and dimension, so that the figures are cut
-- by joining on account_id and grouping by (dimension, cut), whatever the
-- dimensions are. Each dimension is named once, by its column below. NULL →
-- 'Unknown'. Tier is the account's tier at D ('none' when not active at D);
-- acquisition cohort is the quarter of its first purchase.
with account_values as (
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
)

select account_id, dimension, cut
from (unpivot account_values on columns(* exclude (account_id)) into name dimension value cut)
