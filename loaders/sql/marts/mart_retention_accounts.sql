-- The accounts behind the revenue bridge at D (the drill-down of each bridge
-- bar): every account of E or with revenue in P, its starting revenue (R0 when
-- in E, else 0: only E starts the bridge), ending revenue (R1), its amount of
-- each movement and the products behind each (int_retention_pairs_at_d, sorted).
-- For every row ending = starting + new_business + returning
-- + cross_sell_expansion + upsell_expansion - contraction - churn.
-- ("returning" is an SQL keyword: quoted where it names a column.)
with per_account as (
    select
        account_id,
        any_value(account_movement) as account_movement,
        sum(starting_revenue) as starting_revenue,
        sum(ending_revenue) as ending_revenue,
        coalesce(sum(amount) filter (where movement = 'new_business'), 0) as new_business,
        coalesce(sum(amount) filter (where movement = 'returning'), 0) as "returning",
        coalesce(sum(amount) filter (where movement = 'cross_sell_expansion'), 0) as cross_sell_expansion,
        coalesce(sum(amount) filter (where movement = 'upsell_expansion'), 0) as upsell_expansion,
        coalesce(sum(amount) filter (where movement = 'contraction'), 0) as contraction,
        coalesce(sum(amount) filter (where movement = 'churn'), 0) as churn,
        coalesce(list(product_id order by product_id) filter (where movement = 'new_business'), []::varchar[]) as new_business_products,
        coalesce(list(product_id order by product_id) filter (where movement = 'returning'), []::varchar[]) as returning_products,
        coalesce(list(product_id order by product_id) filter (where movement = 'cross_sell_expansion'), []::varchar[]) as cross_sell_products,
        coalesce(list(product_id order by product_id) filter (where movement = 'upsell_expansion'), []::varchar[]) as upsell_products,
        coalesce(list(product_id order by product_id) filter (where movement = 'contraction'), []::varchar[]) as contraction_products,
        coalesce(list(product_id order by product_id) filter (where movement = 'churn'), []::varchar[]) as churn_products
    from int_retention_pairs_at_d
    group by account_id
)

select
    per_account.account_id,
    accounts.account_name,
    accounts.segment,
    per_account.account_movement,
    per_account.account_movement in ('churn', 'retained') as is_existing,
    (case when per_account.account_movement in ('churn', 'retained') then per_account.starting_revenue else 0 end)::double
        as starting,
    per_account.ending_revenue::double as ending,
    per_account.new_business::double as new_business,
    per_account."returning"::double as "returning",
    per_account.cross_sell_expansion::double as cross_sell_expansion,
    per_account.upsell_expansion::double as upsell_expansion,
    per_account.contraction::double as contraction,
    per_account.churn::double as churn,
    per_account.new_business_products,
    per_account.returning_products,
    per_account.cross_sell_products,
    per_account.upsell_products,
    per_account.contraction_products,
    per_account.churn_products
from per_account
join int_accounts as accounts using (account_id)
order by per_account.account_id
