-- The catalog with, as of D: active accounts holding it, revenue in P, and
-- accounts for which it is a cross-sold pair (adopted on or before D).
with active as (
    select account_id from int_account_asof join run_params using (as_of) where is_active
),

holders as (
    select pairs.product_id, count(*) as holders
    from int_pairs_at_d as pairs
    join active using (account_id)
    where pairs.is_held
    group by pairs.product_id
),

revenue as (
    select product_id, sum(revenue) as revenue from int_pairs_at_d group by product_id
),

cross_sold as (
    select product_id, count(*) as accounts from int_pair_adoption where is_cross_sold group by product_id
)

select
    products.product_id,
    coalesce(products.product_name, products.product_id) as product_name,
    products.product_family,
    products.is_core,
    coalesce(holders.holders, 0)::integer as holders,
    coalesce(revenue.revenue, 0)::double as revenue,
    coalesce(cross_sold.accounts, 0)::integer as cross_sold_accounts
from stg_products as products
left join holders using (product_id)
left join revenue using (product_id)
left join cross_sold using (product_id)
order by products.product_id
