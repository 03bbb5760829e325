-- Every account active at D × every core product: held, open opportunity or
-- gap; revenue of the product in P; white-space potential of the gaps.
with active as (
    select account_id, segment from int_active_accounts_at_d
),

core_products as (
    select product_id from stg_products where is_core
),

open_products as (
    select distinct account_id, product_id from int_open_opportunities where product_id is not null
),

potentials as (
    select potential.segment, potential.product_id, potential.potential, potential.potential_basis
    from int_white_space_potential as potential
    join run_params using (as_of)
)

select
    active.account_id,
    core_products.product_id,
    case
        when pairs.is_held then 'held'
        when open_products.account_id is not null then 'open_opportunity'
        else 'gap'
    end as status,
    coalesce(pairs.revenue, 0) as revenue,
    case when pairs.is_held then null else potentials.potential end as potential,
    case when pairs.is_held then null else potentials.potential_basis end as potential_basis
from active
cross join core_products
left join int_pairs_at_d as pairs
    on pairs.account_id = active.account_id and pairs.product_id = core_products.product_id
left join open_products
    on open_products.account_id = active.account_id and open_products.product_id = core_products.product_id
left join potentials
    on potentials.segment = active.segment and potentials.product_id = core_products.product_id
