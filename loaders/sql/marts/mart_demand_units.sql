-- Demand units: every (account active at D, core product not held at D) with
-- scores derived from the data, replaced by the rows of demand_units.csv for
-- that (account, product) when there are any (one unit per buying center;
-- file rows for other accounts or products are kept as given).
with params as (
    select as_of from run_params
),

product_names as (
    select product_id, coalesce(product_name, product_id) as product_name from stg_products
),

gaps as (
    select account_id, product_id, potential, status
    from int_white_space_at_d
    where status <> 'held'
),

file_pairs as (
    select distinct account_id, product_id from stg_demand_units
),

derived_pairs as (
    select gaps.*
    from gaps
    anti join file_pairs using (account_id, product_id)
),

held as (
    select account_id, product_id from int_pairs_at_d where is_held
),

-- need: the held product whose holders most often also hold p (int_gap_affinity).
need_best as (
    select account_id, product_id, held_product_id, confidence from int_gap_affinity
),

active_at_d as (
    select account_id, segment from int_active_accounts_at_d
),

-- fit: share of the segment's active accounts holding p.
segment_share as (
    select
        active_at_d.segment,
        products.product_id,
        -- one row per active account of the segment (an account is active once, and
        -- holds a product at most once), so count(*) counts them without a distinct
        count(held.account_id) / count(*) as share
    from active_at_d
    cross join stg_products as products
    left join held on held.account_id = active_at_d.account_id and held.product_id = products.product_id
    group by active_at_d.segment, products.product_id
),

open_products as (
    select distinct account_id, product_id from int_open_opportunities where product_id is not null
),

account_facts as (
    select
        accounts.account_id,
        accounts.account_name,
        accounts.owner,
        accounts.segment,
        accounts.industry,
        accounts.in_target_profile,
        coalesce(facts.products_held, 0) as products_held,
        tiers.tier,
        datediff('day', journey.latest_adoption_on, params.as_of) / 30.4375 as months_since_adoption,
        (accounts.segment is not null and accounts.segment <> 'Unknown')::integer
            + (accounts.industry is not null)::integer
            + (accounts.owner is not null)::integer
            + (accounts.in_target_profile is not null)::integer as profile_fields_filled
    from int_accounts as accounts
    cross join params
    left join int_account_asof as facts on facts.account_id = accounts.account_id and facts.as_of = params.as_of
    left join int_account_tiers as tiers on tiers.account_id = accounts.account_id
    left join int_account_journey as journey on journey.account_id = accounts.account_id
),

-- The derived units carry the facts their explanations are made of, not the
-- texts: the texts are built after the sort, so the sort moves narrow rows.
derived as (
    select
        derived_pairs.account_id,
        null::varchar as buying_center,
        derived_pairs.product_id,
        share_score(coalesce(need_best.confidence, 0)) as need,
        share_score(coalesce(segment_share.share, 0)) as fit,
        case
            when open_products.account_id is not null then 3
            when facts.months_since_adoption between 6 and 12 then 3
            when facts.months_since_adoption > 12 and facts.months_since_adoption <= 24 then 2
            else 1
        end as urgency,
        case when facts.products_held >= 3 then 3 when facts.products_held = 2 then 2 else 1 end as relationship,
        case when facts.profile_fields_filled = 4 then 3 when facts.profile_fields_filled >= 2 then 2 else 1 end as data,
        case when facts.tier in ('A', 'B') then 3 when facts.tier = 'C' then 2 else 1 end as resources,
        'derived' as score_source,
        -- a file unit's one explanation; NULL for a derived one
        null::varchar as why_text,
        target.product_name,
        need_best.held_product_id,
        held_name.product_name as held_product_name,
        need_best.confidence,
        coalesce(segment_share.share, 0) as share,
        facts.segment as account_segment,
        open_products.account_id is not null as has_open,
        facts.months_since_adoption,
        facts.products_held,
        facts.profile_fields_filled,
        facts.tier,
        derived_pairs.potential
    from derived_pairs
    join account_facts as facts using (account_id)
    join product_names as target on target.product_id = derived_pairs.product_id
    left join need_best
        on need_best.account_id = derived_pairs.account_id and need_best.product_id = derived_pairs.product_id
    left join product_names as held_name on held_name.product_id = need_best.held_product_id
    left join segment_share on segment_share.segment = facts.segment and segment_share.product_id = derived_pairs.product_id
    left join open_products
        on open_products.account_id = derived_pairs.account_id and open_products.product_id = derived_pairs.product_id
),

from_file as (
    select
        units.account_id,
        units.buying_center,
        units.product_id,
        units.need, units.fit, units.urgency, units.relationship, units.data, units.resources,
        'file' as score_source,
        coalesce('Scored in demand_units.csv (assessed ' || strftime(units.assessed_on, '%Y-%m-%d') || ')', 'Scored in demand_units.csv') as why_text,
        gaps.potential
    from stg_demand_units as units
    left join gaps using (account_id, product_id)
),

units as (
    select * from from_file
    union all by name
    select * from derived
),

-- The units in the order of demand_units.json, scored, with their account. The
-- final SELECT reads this CTE alone and joins nothing, so it keeps that order
-- (DuckDB preserves row order through a plain SELECT of a sorted CTE).
sorted as (
    select
        units.*,
        (need + fit + urgency) / 3 as opportunity_score,
        (relationship + data + resources) / 3 as ability_score,
        coalesce(accounts.account_name, units.account_id) as account_name,
        accounts.owner,
        coalesce(accounts.segment, 'Unknown') as segment
    from units
    left join int_accounts as accounts using (account_id)
    order by units.account_id, units.product_id, units.buying_center nulls first
)

-- The explanations, built per row after the sort with concat, which makes one
-- string per text where a chain of || makes one per step (with the narrow sort,
-- about a fifth less CPU for this model at benchmark scale). Every argument of
-- a concat is non-null, so it gives what || would: names are coalesced to ids,
-- a held product is in stg_products (every product of the lines is, read or
-- inferred) and an account's segment is never NULL (int_accounts).
select
    account_id,
    account_name,
    owner,
    segment,
    buying_center,
    product_id,
    need::integer as need,
    fit::integer as fit,
    urgency::integer as urgency,
    relationship::integer as relationship,
    data::integer as data,
    resources::integer as resources,
    score_source,
    case when score_source = 'file' then why_text
        when held_product_id is null then concat('Holds no product whose holders could suggest ', product_name, ' (→ 0)')
        else concat('Holders of ', held_product_name, ' hold ', product_name, ' in ',
            round(confidence * 100)::integer, '% of cases (',
            case
                when confidence >= 0.5 then '≥ 50% → 3'
                when confidence >= 0.25 then '25–50% → 2'
                when confidence > 0 then 'under 25% → 1'
                else 'none → 0'
            end, ')')
    end as why_need,
    case when score_source = 'file' then why_text else
        concat(round(share * 100)::integer, '% of active ', account_segment, ' accounts hold ', product_name, ' (',
            case
                when share >= 0.5 then '≥ 50% → 3'
                when share >= 0.25 then '25–50% → 2'
                when share > 0 then 'under 25% → 1'
                else 'none → 0'
            end, ')')
    end as why_fit,
    case
        when score_source = 'file' then why_text
        when has_open then concat('Open opportunity for ', product_name, ' (→ 3)')
        when months_since_adoption is null then 'No adoption on record (→ 1)'
        else concat('Latest adoption ', printf('%.1f', months_since_adoption), ' months before the as-of date (',
            case
                when months_since_adoption between 6 and 12 then '6–12 months → 3'
                when months_since_adoption > 12 and months_since_adoption <= 24 then '12–24 months → 2'
                else 'under 6 or over 24 months → 1'
            end, ')')
    end as why_urgency,
    case
        when score_source = 'file' then why_text
        when products_held = 0 then 'Holds no product at the as-of date (counted as 1 → 1)'
        else concat('Holds ', products_held, ' product', case when products_held = 1 then '' else 's' end,
            ' at the as-of date (',
            case when products_held >= 3 then '3 or more → 3' when products_held = 2 then '2 → 2' else '1 → 1' end,
            ')')
    end as why_relationship,
    case when score_source = 'file' then why_text else
        concat(profile_fields_filled, ' of 4 profile fields filled (segment, industry, owner, in target profile) (',
            case when profile_fields_filled = 4 then '4 → 3' when profile_fields_filled >= 2 then '2–3 → 2' else '0–1 → 1' end,
            ')')
    end as why_data,
    case
        when score_source = 'file' then why_text
        when tier is null then 'No ABCD tier (→ 1)'
        else concat('Tier ', tier, ' (', case when tier in ('A', 'B') then 'A or B → 3' when tier = 'C' then 'C → 2' else 'D → 1' end, ')')
    end as why_resources,
    opportunity_score::double as opportunity_score,
    ability_score::double as ability_score,
    need = 0 as is_disqualified,
    case
        when need = 0 then null
        when opportunity_score >= 2 and ability_score >= 2 then 'Pursue now'
        when opportunity_score >= 2 then 'Build the relationship'
        when ability_score >= 2 then 'Nurture'
        else 'Deprioritise'
    end as quadrant,
    potential::double as potential
from sorted
