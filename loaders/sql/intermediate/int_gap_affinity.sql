-- For every gap at D (an active account's core product it does not hold,
-- int_white_space_at_d) the product the account holds whose holders most often
-- also hold the gap's product, with that confidence (int_affinity: holders of
-- both / holders of the held product; 0 when nobody holds it), ties broken by
-- the smaller product id. An account that holds nothing has no row.
-- mart_demand_units scores the need from it and mart_next_best_product names it
-- as a reason: one ranking of ~700k (gap, held product) rows at benchmark
-- scale, done once for both.
with gaps as (
    select account_id, product_id from int_white_space_at_d where status <> 'held'
),

held as (
    select account_id, product_id from int_pairs_at_d where is_held
),

candidates as (
    select
        gaps.account_id,
        gaps.product_id,
        held.product_id as held_product_id,
        coalesce(affinity.holders_both / nullif(affinity.holders_x, 0), 0) as confidence
    from gaps
    join held using (account_id)
    left join int_affinity as affinity
        on affinity.product_x = held.product_id and affinity.product_y = gaps.product_id
)

select account_id, product_id, held_product_id, confidence
from (
    select *, row_number() over (
        partition by account_id, product_id order by confidence desc, held_product_id
    ) as position
    from candidates
)
where position = 1
