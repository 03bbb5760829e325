-- Every account (CRM and unmatched billing customers) with its figures as of D.
with params as (
    select as_of, period_start_excl from run_params
),

facts as (
    select int_account_asof.* from int_account_asof join params using (as_of)
),

held as (
    select account_id, list(product_id order by product_id) as held_products
    from int_pairs_at_d
    where is_held
    group by account_id
),

open_counts as (
    select account_id, count(*) as open_opportunities from int_open_opportunities group by account_id
),

pursue_now as (
    select account_id, count(*) as units from mart_demand_units where quadrant = 'Pursue now' group by account_id
)

select
    accounts.account_id,
    accounts.account_name,
    accounts.segment,
    accounts.region,
    accounts.industry,
    accounts.owner,
    accounts.in_target_profile,
    accounts.is_unmatched,
    strftime(journey.first_purchase_on, '%Y-%m-%d') as first_purchase_on,
    journey.acquisition_cohort,
    coalesce(facts.is_active, false) as is_active,
    coalesce(facts.revenue, 0)::double as revenue,
    coalesce(len(held.held_products), 0)::integer as products_held,
    coalesce(held.held_products, []::varchar[]) as held_products,
    tiers.tier,
    tiers.revenue_rank::integer as revenue_rank,
    tiers.cumulative_revenue_share::double as cumulative_revenue_share,
    coalesce(facts.cross_sold_in_period, false) as cross_sold_in_period,
    strftime(journey.first_cross_sell_on, '%Y-%m-%d') as first_cross_sell_on,
    coalesce(facts.white_space, 0)::double as white_space,
    coalesce(open_counts.open_opportunities, 0)::integer as open_opportunities,
    coalesce(pursue_now.units, 0)::integer as units_pursue_now,
    pages.account_id is not null as has_page
from int_accounts as accounts
left join facts using (account_id)
left join int_account_journey as journey using (account_id)
left join held using (account_id)
left join int_account_tiers as tiers using (account_id)
left join open_counts using (account_id)
left join pursue_now using (account_id)
left join int_account_pages as pages using (account_id)
order by accounts.account_id
