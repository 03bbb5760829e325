-- ABCD tiers at D: accounts active at D ranked by revenue in P (desc, ties by
-- account_id); c = revenue share of the accounts ranked strictly above.
with params as (
    select as_of, tier_a, tier_b, tier_c from run_params
),

active as (
    select facts.account_id, facts.revenue, facts.products_held
    from int_account_asof as facts
    join params using (as_of)
    where facts.is_active
),

ranked as (
    select
        account_id,
        revenue,
        products_held,
        row_number() over (order by revenue desc, account_id) as revenue_rank,
        coalesce(sum(revenue) over (
            order by revenue desc, account_id rows between unbounded preceding and 1 preceding
        ), 0) as revenue_above,
        sum(revenue) over () as total_revenue
    from active
),

shares as (
    select
        *,
        revenue_above::double / total_revenue::double as share_above,
        (revenue_above + revenue)::double / total_revenue::double as cumulative_revenue_share
    from ranked
)

select
    shares.account_id,
    shares.revenue,
    shares.products_held,
    shares.revenue_rank,
    shares.share_above,
    shares.cumulative_revenue_share,
    case
        when shares.share_above < params.tier_a then 'A'
        when shares.share_above < params.tier_b then 'B'
        when shares.share_above < params.tier_c then 'C'
        else 'D'
    end as tier
from shares
cross join params
