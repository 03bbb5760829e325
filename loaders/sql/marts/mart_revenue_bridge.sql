-- The revenue bridge (metrics.md, Retention and expansion) at every as-of date,
-- overall (dimension 'all') and per cut of every dimension: starting = Σ R0 over
-- E, the seven movements, ending = all revenue in P_t; with the numerators of
-- NRR (Σ R1 over E) and GRR (Σ min(max(R1, 0), R0) over E), whose denominator is
-- starting, and the accounts of E (small-sample marks). A cut keeps the accounts
-- in it: every amount of an account goes to its own cut (int_account_dims).
-- Every as-of date × cut has a row; amounts are 0 when nothing moved and the
-- cross-sell share of expansion is NULL when there was no expansion. Sums are
-- exact DECIMALs, cast to DOUBLE only here, so reruns are byte-identical and
-- ending = starting + new_business + returning + cross_sell_expansion
-- + upsell_expansion - contraction - churn holds to the cent before the cast.
with dates as (
    select * from int_asof_dates
),

cuts as (
    select 'all' as dimension, 'all' as cut
    union select 'segment', segment from int_account_dims
    union select 'region', region from int_account_dims
    union select 'industry', industry from int_account_dims
    union select 'owner', owner from int_account_dims
    union select 'in_target_profile', in_target_profile from int_account_dims
    union select 'tier', tier from int_account_dims
    union select 'acquisition_cohort', acquisition_cohort from int_account_dims
),

facts as (
    select retention.*, dims.* exclude (account_id)
    from int_account_retention as retention
    join int_account_dims as dims using (account_id)
),

aggregates as (
    select
        as_of,
        case
            when grouping(segment) = 0 then 'segment'
            when grouping(region) = 0 then 'region'
            when grouping(industry) = 0 then 'industry'
            when grouping(owner) = 0 then 'owner'
            when grouping(in_target_profile) = 0 then 'in_target_profile'
            when grouping(tier) = 0 then 'tier'
            when grouping(acquisition_cohort) = 0 then 'acquisition_cohort'
            else 'all'
        end as dimension,
        coalesce(segment, region, industry, owner, in_target_profile, tier, acquisition_cohort, 'all') as cut,
        count(*) filter (where is_existing) as existing_accounts,
        sum(starting_revenue) filter (where is_existing) as starting,
        sum(new_business) as new_business,
        sum("returning") as "returning",
        sum(cross_sell_expansion) as cross_sell_expansion,
        sum(upsell_expansion) as upsell_expansion,
        sum(contraction) as contraction,
        sum(churn) as churn,
        sum(ending_revenue) as ending,
        sum(ending_revenue) filter (where is_existing) as nrr_numerator,
        sum(retained_revenue) filter (where is_existing) as grr_numerator
    from facts
    group by grouping sets (
        (as_of), (as_of, segment), (as_of, region), (as_of, industry), (as_of, owner),
        (as_of, in_target_profile), (as_of, tier), (as_of, acquisition_cohort)
    )
),

grid as (
    select
        dates.as_of,
        dates.is_current,
        dates.is_quarter_end,
        cuts.dimension,
        cuts.cut,
        coalesce(agg.existing_accounts, 0) as existing_accounts,
        coalesce(agg.starting, 0) as starting,
        coalesce(agg.new_business, 0) as new_business,
        coalesce(agg."returning", 0) as "returning",
        coalesce(agg.cross_sell_expansion, 0) as cross_sell_expansion,
        coalesce(agg.upsell_expansion, 0) as upsell_expansion,
        coalesce(agg.contraction, 0) as contraction,
        coalesce(agg.churn, 0) as churn,
        coalesce(agg.ending, 0) as ending,
        coalesce(agg.nrr_numerator, 0) as nrr_numerator,
        coalesce(agg.grr_numerator, 0) as grr_numerator
    from dates
    cross join cuts
    left join aggregates as agg
        on agg.as_of = dates.as_of and agg.dimension = cuts.dimension and agg.cut = cuts.cut
)

select
    strftime(as_of, '%Y-%m-%d') as as_of,
    is_current,
    is_quarter_end,
    dimension,
    cut,
    existing_accounts::integer as existing_accounts,
    starting::double as starting,
    new_business::double as new_business,
    "returning"::double as "returning",
    cross_sell_expansion::double as cross_sell_expansion,
    upsell_expansion::double as upsell_expansion,
    contraction::double as contraction,
    churn::double as churn,
    ending::double as ending,
    case
        when cross_sell_expansion + upsell_expansion > 0
            then cross_sell_expansion::double / (cross_sell_expansion + upsell_expansion)::double
    end as cross_sell_share_of_expansion,
    nrr_numerator::double as nrr_numerator,
    grr_numerator::double as grr_numerator
from grid
order by as_of, dimension, cut
