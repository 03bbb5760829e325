-- Ordered product pairs x ≠ y over accounts active at D: holders of x, of y, of both.
with active as (
    select account_id from int_account_asof join run_params using (as_of) where is_active
),

holdings as (
    select pairs.account_id, pairs.product_id
    from int_pairs_at_d as pairs
    join active using (account_id)
    where pairs.is_held
),

holders as (
    select product_id, count(*) as holders from holdings group by product_id
),

both_held as (
    select x.product_id as product_x, y.product_id as product_y, count(*) as holders_both
    from holdings as x
    join holdings as y on x.account_id = y.account_id and x.product_id <> y.product_id
    group by x.product_id, y.product_id
),

products as (
    select product_id from stg_products
)

select
    x.product_id as product_x,
    y.product_id as product_y,
    (select count(*) from active) as active_accounts,
    coalesce(hx.holders, 0) as holders_x,
    coalesce(hy.holders, 0) as holders_y,
    coalesce(both_held.holders_both, 0) as holders_both
from products as x
join products as y on x.product_id <> y.product_id
left join holders as hx on hx.product_id = x.product_id
left join holders as hy on hy.product_id = y.product_id
left join both_held on both_held.product_x = x.product_id and both_held.product_y = y.product_id
