-- The accounts behind the revenue bridge at D (the drill-down of each bridge
-- bar): every account of E or with revenue in P, its starting revenue (R0 when
-- in E, else 0: only E starts the bridge), ending revenue (R1), its amount of
-- each movement and the products behind each (int_retention_pairs_at_d, sorted).
-- For every row ending = starting + new_business + returning
-- + cross_sell_expansion + upsell_expansion - contraction - churn.
with params as (
    select as_of from run_params
),

retention as (
    select int_account_retention.* from int_account_retention join params using (as_of)
),

products as (
    select
        account_id,
        list(product_id order by product_id) filter (where movement = 'new_business') as new_business_products,
        list(product_id order by product_id) filter (where movement = 'returning') as returning_products,
        list(product_id order by product_id) filter (where movement = 'cross_sell_expansion') as cross_sell_products,
        list(product_id order by product_id) filter (where movement = 'upsell_expansion') as upsell_products,
        list(product_id order by product_id) filter (where movement = 'contraction') as contraction_products,
        list(product_id order by product_id) filter (where movement = 'churn') as churn_products
    from int_retention_pairs_at_d
    where movement is not null
    group by account_id
)

select
    retention.account_id,
    accounts.account_name,
    accounts.segment,
    retention.account_movement,
    retention.is_existing,
    (case when retention.is_existing then retention.starting_revenue else 0 end)::double as starting,
    retention.ending_revenue::double as ending,
    retention.new_business::double as new_business,
    retention."returning"::double as "returning",
    retention.cross_sell_expansion::double as cross_sell_expansion,
    retention.upsell_expansion::double as upsell_expansion,
    retention.contraction::double as contraction,
    retention.churn::double as churn,
    coalesce(products.new_business_products, []::varchar[]) as new_business_products,
    coalesce(products.returning_products, []::varchar[]) as returning_products,
    coalesce(products.cross_sell_products, []::varchar[]) as cross_sell_products,
    coalesce(products.upsell_products, []::varchar[]) as upsell_products,
    coalesce(products.contraction_products, []::varchar[]) as contraction_products,
    coalesce(products.churn_products, []::varchar[]) as churn_products
from retention
join int_accounts as accounts using (account_id)
left join products using (account_id)
order by retention.account_id
