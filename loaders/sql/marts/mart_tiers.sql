-- ABCD tier table at D; all four tiers listed (0 accounts, revenue 0, NULL shares when empty).
with tiers as (
    select * from (values ('A', 1), ('B', 2), ('C', 3), ('D', 4)) as t(tier, tier_order)
),

per_tier as (
    select tier, count(*) as accounts, sum(revenue) as revenue, avg(products_held) as mean_products_held
    from int_account_tiers
    group by tier
),

totals as (
    select count(*) as accounts, sum(revenue) as revenue from int_account_tiers
),

filled as (
    select
        tiers.tier,
        tiers.tier_order,
        coalesce(per_tier.accounts, 0) as accounts,
        coalesce(per_tier.revenue, 0) as revenue,
        per_tier.mean_products_held,
        sum(coalesce(per_tier.accounts, 0)) over (order by tiers.tier_order) as accounts_at_or_above
    from tiers
    left join per_tier using (tier)
)

select
    filled.tier,
    filled.accounts::integer as accounts,
    filled.revenue::double as revenue,
    case when totals.revenue <> 0 then filled.revenue::double / totals.revenue::double end as revenue_share,
    case when totals.accounts > 0 then (filled.accounts_at_or_above / totals.accounts)::double end as cumulative_account_share,
    filled.mean_products_held::double as mean_products_held
from filled
cross join totals
order by filled.tier_order
