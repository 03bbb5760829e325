-- Retention and expansion (metrics.md) per account at every as-of date t, with
-- P_t = (S_t, t]: R0 = revenue in the trailing window at S_t (starting_revenue),
-- R1 = revenue in P_t (ending_revenue), is_existing (R0 > 0: the set E of the
-- cross-sell rate), retained_revenue = min(max(R1, 0), R0) for an account of E,
-- and the account's amount of each of the seven bridge movements:
--   E, R1 <= 0:  churn = R0 - R1
--   E, R1 > 0:   per product, Δ = R1(a, p) - R0(a, p): Δ > 0 of a cross-sold pair
--                adopted in P_t → cross_sell_expansion, other Δ > 0 →
--                upsell_expansion, Δ < 0 → contraction (-Δ)
--   not E:       R1 → new_business when the first purchase is in P_t, else returning
-- account_movement names which of these applies ('retained' for the Δ rows), so
-- that int_retention_pairs_at_d can split an account's amounts by product.
-- So for every account: R1 = R0 + new_business + returning + cross_sell_expansion
-- + upsell_expansion - contraction - churn when in E, and the bridge identity
-- holds exactly. DECIMAL throughout: the sums are exact.
-- One row per as-of date and account of E or with R1 <> 0 (no other account moves
-- any amount). The pair windows at t and S_t are read once, as int_account_asof does.
with dates as (
    select as_of, period_start_excl from int_asof_dates
),

-- Each as-of date reads two evaluation dates: t itself (R1) and S_t (R0).
roles as (
    select as_of, as_of as eval_on, true as is_end from dates
    union all
    select as_of, period_start_excl as eval_on, false as is_end from dates
),

pair_revenue as (
    select
        roles.as_of,
        windows.account_id,
        windows.product_id,
        coalesce(sum(windows.revenue) filter (where not roles.is_end), 0) as starting_revenue,
        coalesce(sum(windows.revenue) filter (where roles.is_end), 0) as ending_revenue
    from int_pair_windows as windows
    join roles using (eval_on)
    group by roles.as_of, windows.account_id, windows.product_id
),

-- Δ of each pair, and whether its adoption is a cross-sell event in P_t.
pair_changes as (
    select
        pair_revenue.as_of,
        pair_revenue.account_id,
        pair_revenue.starting_revenue,
        pair_revenue.ending_revenue,
        pair_revenue.ending_revenue - pair_revenue.starting_revenue as change,
        coalesce(
            adoption.is_cross_sold
            and adoption.adopted_on > dates.period_start_excl
            and adoption.adopted_on <= dates.as_of,
            false
        ) as is_cross_sell_event
    from pair_revenue
    join dates using (as_of)
    left join int_pair_adoption as adoption
        on adoption.account_id = pair_revenue.account_id and adoption.product_id = pair_revenue.product_id
),

-- Per account: R0, R1 and its product changes summed by kind (they count only
-- for an account of E that kept revenue; the final select decides).
account_changes as (
    select
        as_of,
        account_id,
        sum(starting_revenue) as starting_revenue,
        sum(ending_revenue) as ending_revenue,
        coalesce(sum(change) filter (where change > 0 and is_cross_sell_event), 0) as cross_sell_increase,
        coalesce(sum(change) filter (where change > 0 and not is_cross_sell_event), 0) as upsell_increase,
        coalesce(-sum(change) filter (where change < 0), 0) as decrease
    from pair_changes
    group by as_of, account_id
    having sum(starting_revenue) > 0 or sum(ending_revenue) <> 0
),

classified as (
    select
        account_changes.*,
        case
            when account_changes.starting_revenue > 0 and account_changes.ending_revenue <= 0 then 'churn'
            when account_changes.starting_revenue > 0 then 'retained'
            when journey.first_purchase_on > dates.period_start_excl and journey.first_purchase_on <= account_changes.as_of
                then 'new_business'
            else 'returning'
        end as account_movement
    from account_changes
    join dates using (as_of)
    left join int_account_journey as journey using (account_id)
)

select
    as_of,
    account_id,
    account_movement,
    starting_revenue > 0 as is_existing,
    starting_revenue,
    ending_revenue,
    case when starting_revenue > 0 then least(greatest(ending_revenue, 0), starting_revenue) else 0 end as retained_revenue,
    case when account_movement = 'new_business' then ending_revenue else 0 end as new_business,
    case when account_movement = 'returning' then ending_revenue else 0 end as "returning",
    case when account_movement = 'retained' then cross_sell_increase else 0 end as cross_sell_expansion,
    case when account_movement = 'retained' then upsell_increase else 0 end as upsell_expansion,
    case when account_movement = 'retained' then decrease else 0 end as contraction,
    case when account_movement = 'churn' then starting_revenue - ending_revenue else 0 end as churn
from classified
