-- The revenue bridge (metrics.md, Retention and expansion) at every as-of date
-- t, overall (dimension 'all') and per cut of every dimension: starting = Σ R0
-- over E, the movements, ending = all revenue in P_t; with the numerators of NRR
-- (Σ R1 over E) and GRR (Σ min(max(R1, 0), R0) over E), whose denominator is
-- starting, and the accounts of E (small-sample marks). A cut keeps the accounts
-- in it: every amount of an account goes to its own cut (int_account_dims).
-- Per account and t (P_t = (S_t, t]): R0 = revenue in the trailing window at
-- S_t, R1 = revenue in P_t, its part of the bridge (retention_account_movement)
-- and, for a retained account, each product's Δ = R1(a, p) - R0(a, p) as
-- cross-sell or upsell expansion or contraction (retention_product_movement);
-- int_retention_pairs_at_d does the same per product at D for the drill-down.
-- The per-account rows (millions at scale: every account × month end) are
-- aggregated here rather than kept as a table; their sums over the account's
-- pairs come from int_account_periods, shared with int_account_asof.
-- Every as-of date × cut has a row; amounts are 0 when nothing moved and the
-- cross-sell share of expansion is NULL when there was no expansion. Sums are
-- exact DECIMALs, cast to DOUBLE only in the final select, so reruns are
-- byte-identical and ending = starting + new_business + returning
-- + cross_sell_expansion + upsell_expansion - contraction - churn holds exactly
-- before the cast. It holds per account (a retained account's contraction is
-- what makes it hold), so ending and the NRR numerator (the same without the
-- new and returning accounts) are not summed over the ~24M account × cut rows
-- at benchmark scale but computed from the other sums, exactly, in the final
-- select. ("returning" is an SQL keyword: quoted where it names a column.)
with dates as (
    select * from int_asof_dates
),

-- Per account: R0, R1 and its product changes by movement (int_account_periods).
account_changes as (
    select
        as_of,
        account_key,
        starting_revenue,
        ending_revenue,
        cross_sell_increase,
        upsell_increase,
        -- the changes add up to R1 - R0: what did not increase decreased
        cross_sell_increase + upsell_increase - (ending_revenue - starting_revenue) as decrease
    from int_account_periods
    -- no other account moves any amount
    where starting_revenue > 0 or ending_revenue <> 0
),

-- What the account rows need per account: the cuts it counts in ('all' and its
-- cut of every breakdown, int_account_cuts) and its first purchase, met here
-- (200k accounts at benchmark scale) so that the 3 million account rows are
-- joined once, on the integer account_key of int_account_periods (an account
-- without a key, NULL, has no pairs, so no row there: the inner join drops it).
accounts as (
    select account_cuts.account_key, account_cuts.cut_nos, journey.first_purchase_on
    from int_account_cuts as account_cuts
    left join int_account_journey as journey using (account_id)
),

classified as (
    select
        account_changes.*,
        accounts.cut_nos,
        retention_account_movement(
            account_changes.starting_revenue,
            account_changes.ending_revenue,
            coalesce(accounts.first_purchase_on > dates.period_start_excl and accounts.first_purchase_on <= dates.as_of, false)
        ) as account_movement
    from account_changes
    join dates using (as_of)
    join accounts using (account_key)
),

-- Each account row is reduced, before it is repeated per cut, to what the
-- aggregates add up (the pattern of mart_figures): whether it is in E as 0/1
-- and each amount NULL where it does not count, summed plainly instead of
-- count(*)/sum(...) FILTER (WHERE ...) per column. The DECIMAL sums are exact
-- and a cut with no amount gets 0 from the grid, so the totals are the same.
facts as (
    select
        classified.as_of,
        classified.cut_nos,
        (classified.account_movement in ('churn', 'retained'))::integer as is_existing,
        case when classified.account_movement in ('churn', 'retained') then classified.starting_revenue end as starting,
        case when classified.account_movement = 'new_business' then classified.ending_revenue end as new_business,
        case when classified.account_movement = 'returning' then classified.ending_revenue end as "returning",
        case when classified.account_movement = 'retained' then classified.cross_sell_increase end as cross_sell_expansion,
        case when classified.account_movement = 'retained' then classified.upsell_increase end as upsell_expansion,
        case when classified.account_movement = 'retained' then classified.decrease end as contraction,
        case when classified.account_movement = 'churn' then classified.starting_revenue - classified.ending_revenue end
            as churn,
        case when classified.account_movement in ('churn', 'retained')
            then least(greatest(classified.ending_revenue, 0), classified.starting_revenue) end as grr_numerator
    from classified
),

-- Every account's facts once per cut it counts in (its cut_nos unnested).
aggregates as (
    select
        as_of,
        cut_no,
        sum(is_existing) as existing_accounts,
        sum(starting) as starting,
        sum(new_business) as new_business,
        sum("returning") as "returning",
        sum(cross_sell_expansion) as cross_sell_expansion,
        sum(upsell_expansion) as upsell_expansion,
        sum(contraction) as contraction,
        sum(churn) as churn,
        sum(grr_numerator) as grr_numerator
    from (select facts.* exclude (cut_nos), unnest(facts.cut_nos) as cut_no from facts)
    group by as_of, cut_no
),

grid as (
    select
        keys.as_of,
        keys.is_current,
        keys.is_quarter_end,
        keys.dimension,
        keys.cut,
        coalesce(agg.existing_accounts, 0) as existing_accounts,
        coalesce(agg.starting, 0) as starting,
        coalesce(agg.new_business, 0) as new_business,
        coalesce(agg."returning", 0) as "returning",
        coalesce(agg.cross_sell_expansion, 0) as cross_sell_expansion,
        coalesce(agg.upsell_expansion, 0) as upsell_expansion,
        coalesce(agg.contraction, 0) as contraction,
        coalesce(agg.churn, 0) as churn,
        coalesce(agg.grr_numerator, 0) as grr_numerator
    from int_asof_cuts as keys
    left join aggregates as agg on agg.as_of = keys.as_of and agg.cut_no = keys.cut_no
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
    (starting + new_business + "returning" + cross_sell_expansion + upsell_expansion - contraction - churn)::double as ending,
    case
        when cross_sell_expansion + upsell_expansion > 0
            then cross_sell_expansion::double / (cross_sell_expansion + upsell_expansion)::double
    end as cross_sell_share_of_expansion,
    (starting + cross_sell_expansion + upsell_expansion - contraction - churn)::double as nrr_numerator,
    grr_numerator::double as grr_numerator
from grid
order by as_of, dimension, cut
