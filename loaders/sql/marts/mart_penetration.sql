-- Per segment × product: holders at D among the segment's active accounts.
with active as (
    select account_id, segment from int_active_accounts_at_d
),

segments as (
    select segment, count(*) as active_accounts from active group by segment
),

holders as (
    select active.segment, pairs.product_id, count(*) as holders
    from int_pairs_at_d as pairs
    join active using (account_id)
    where pairs.is_held
    group by active.segment, pairs.product_id
)

select
    segments.segment,
    products.product_id,
    segments.active_accounts::integer as active_accounts,
    coalesce(holders.holders, 0)::integer as holders,
    (coalesce(holders.holders, 0) / segments.active_accounts)::double as share
from segments
cross join stg_products as products
left join holders on holders.segment = segments.segment and holders.product_id = products.product_id
order by segments.segment, products.product_id
