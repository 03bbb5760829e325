-- Per evaluation date and account: revenue in the trailing window, products
-- held (pair revenue > 0), core products held, active (revenue > 0).
with pairs as (
    select windows.*, coalesce(products.is_core, true) as is_core
    from int_pair_windows as windows
    left join stg_products as products using (product_id)
)

select
    eval_on,
    account_id,
    sum(revenue) as revenue,
    count(*) filter (where revenue > 0) as products_held,
    count(*) filter (where revenue > 0 and is_core) as core_products_held,
    sum(revenue) > 0 as is_active
from pairs
group by eval_on, account_id
