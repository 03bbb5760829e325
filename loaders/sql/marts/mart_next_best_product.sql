-- Next best product: for every account active at D, each core product it does
-- not hold, ranked, with its reasons in words and its white-space potential.
--
-- The rank follows the demand-unit scores (mart_demand_units), so that the
-- list agrees with the priority matrix: quadrant first (Pursue now, Build the
-- relationship, Nurture, Deprioritise, then disqualified: need 0), then the
-- opportunity score, then the ability score (both higher first), then the
-- white-space potential (larger first), then the product id. When
-- demand_units.csv scores a product for several buying centers of the account,
-- the best of those units (same order) speaks for the product.
-- The reasons are the facts behind need, fit and urgency: the confidence from the
-- held product whose holders most often hold the product (int_gap_affinity, the
-- confidence of mart_affinity), the share of the segment's active accounts
-- holding it (mart_penetration), and the open opportunities for it.
with gaps as (
    select account_id, product_id, status, potential
    from int_white_space_at_d
    where status <> 'held'
),

product_names as (
    select product_id, coalesce(product_name, product_id) as product_name from stg_products
),

units as (
    select
        account_id,
        product_id,
        buying_center,
        quadrant,
        case quadrant
            when 'Pursue now' then 1
            when 'Build the relationship' then 2
            when 'Nurture' then 3
            when 'Deprioritise' then 4
            else 5
        end as quadrant_order,
        opportunity_score,
        ability_score,
        score_source
    from mart_demand_units
),

ranked_units as (
    select
        units.*,
        row_number() over (
            partition by account_id, product_id
            order by quadrant_order, opportunity_score desc, ability_score desc, buying_center nulls first
        ) as unit_position
    from units
),

best_units as (
    select * exclude (unit_position, buying_center) from ranked_units where unit_position = 1
),

-- The held product whose holders most often also hold the candidate (ties:
-- product id), int_gap_affinity; named only when some holders do.
best_affinity as (
    select account_id, product_id, held_product_id, confidence
    from int_gap_affinity
    where confidence > 0
),

-- The reasons are built where their inputs have few distinct values and joined
-- to the candidates, not built again for each of the ~460k candidates at
-- benchmark scale. The affinity reason: one per (held product, product, confidence).
affinity_reasons as (
    select
        pairs.held_product_id,
        pairs.product_id,
        pairs.confidence,
        round(pairs.confidence * 100)::integer || '% of accounts holding '
            || held_name.product_name || ' also hold ' || target.product_name as reason_affinity
    -- int_gap_affinity itself, not best_affinity: a CTE read twice is materialised
    from (select distinct held_product_id, product_id, confidence from int_gap_affinity where confidence > 0) as pairs
    left join product_names as target on target.product_id = pairs.product_id
    left join product_names as held_name on held_name.product_id = pairs.held_product_id
),

-- The segment's adoption of a product (mart_penetration), with its reason.
segment_adoption as (
    select
        penetration.segment,
        penetration.product_id,
        penetration.share,
        case
            when penetration.share = 0 then 'No active ' || penetration.segment || ' account holds ' || target.product_name
            else round(penetration.share * 100)::integer || '% of active ' || penetration.segment || ' accounts hold ' || target.product_name
        end as reason_adoption
    from mart_penetration as penetration
    left join product_names as target using (product_id)
),

open_deals as (
    select
        account_id,
        product_id,
        count(*) as open_opportunities,
        -- the oldest open deal is named; ties by id so the text is stable
        arg_min(opportunity_id, (created_on, opportunity_id)) as first_opportunity_id,
        strftime(min(created_on), '%Y-%m-%d') as first_created_on
    from int_open_opportunities
    where product_id is not null
    group by account_id, product_id
),

-- The window sorts every column it is given: the candidates carry their
-- facts, and the reasons (long strings) are joined and built after the ranking.
candidates as (
    select
        gaps.account_id,
        gaps.product_id,
        target.product_name,
        gaps.status,
        gaps.potential::double as potential,
        best_units.quadrant,
        -- a pair without a unit (none expected: every gap has one) ranks with the disqualified
        coalesce(best_units.quadrant_order, 5) as quadrant_order,
        best_units.opportunity_score::double as opportunity_score,
        best_units.ability_score::double as ability_score,
        best_units.score_source,
        best_affinity.held_product_id as affinity_product_id,
        best_affinity.confidence as affinity_confidence,
        open_deals.first_opportunity_id as open_opportunity_id,
        open_deals.first_created_on as open_created_on,
        coalesce(open_deals.open_opportunities, 0)::integer as open_opportunities
    from gaps
    join product_names as target on target.product_id = gaps.product_id
    left join best_units on best_units.account_id = gaps.account_id and best_units.product_id = gaps.product_id
    left join best_affinity on best_affinity.account_id = gaps.account_id and best_affinity.product_id = gaps.product_id
    left join open_deals on open_deals.account_id = gaps.account_id and open_deals.product_id = gaps.product_id
),

ranked as (
    select
        candidates.*,
        row_number() over (
            partition by account_id
            order by quadrant_order, opportunity_score desc nulls last, ability_score desc nulls last, potential desc nulls last, product_id
        ) as rank
    from candidates
),

described as (
    select
        ranked.*,
        accounts.account_name,
        accounts.owner,
        accounts.segment,
        coalesce(adoption.share, 0)::double as segment_share,
        affinity.reason_affinity,
        -- a segment without a penetration row (a NULL one) holds nothing: share 0
        coalesce(adoption.reason_adoption, 'No active ' || accounts.segment || ' account holds ' || ranked.product_name)
            as reason_adoption,
        case when ranked.open_opportunity_id is not null then
            'Open opportunity ' || ranked.open_opportunity_id || ' (created ' || ranked.open_created_on || ')'
                || case
                    when ranked.open_opportunities > 1 then ' and ' || (ranked.open_opportunities - 1) || ' more'
                    else ''
                end
        end as reason_opportunity
    from ranked
    join int_accounts as accounts using (account_id)
    left join affinity_reasons as affinity
        on affinity.held_product_id = ranked.affinity_product_id
        and affinity.product_id = ranked.product_id
        and affinity.confidence = ranked.affinity_confidence
    left join segment_adoption as adoption on adoption.segment = accounts.segment and adoption.product_id = ranked.product_id
)

select
    account_id,
    coalesce(account_name, account_id) as account_name,
    owner,
    segment,
    rank::integer as rank,
    product_id,
    product_name,
    status,
    potential,
    quadrant,
    opportunity_score,
    ability_score,
    score_source,
    affinity_product_id,
    affinity_confidence::double as affinity_confidence,
    segment_share,
    open_opportunity_id,
    open_opportunities,
    reason_affinity,
    reason_adoption,
    reason_opportunity,
    concat_ws('; ', reason_affinity, reason_adoption, reason_opportunity) as reason
from described
order by account_id, rank
