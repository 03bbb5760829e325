-- The bridge movements at D split by product, for the drill-down from a bridge
-- bar to its accounts and the products behind each amount: per (account,
-- product) of an account of int_account_retention at D, R0(a, p) (revenue in the
-- trailing window at S), R1(a, p) (revenue in P), Δ = R1 - R0, the movement it
-- falls in and its amount there. The account's movement (int_account_retention)
-- decides: churn → every product with Δ <> 0, amount -Δ (they sum to R0 - R1);
-- retained → Δ > 0 is cross_sell_expansion (cross-sold pair adopted in P) or
-- upsell_expansion (amount Δ), Δ < 0 is contraction (amount -Δ); new_business
-- and returning → every product with R1(a, p) <> 0, amount R1(a, p). Summed per
-- account and movement these are exactly int_account_retention's amounts.
-- movement is NULL (amount 0) for a pair that moves nothing.
with params as (
    select as_of, period_start_excl from run_params
),

accounts as (
    select retention.account_id, retention.account_movement
    from int_account_retention as retention
    join params using (as_of)
),

pair_revenue as (
    select
        windows.account_id,
        windows.product_id,
        coalesce(sum(windows.revenue) filter (where windows.eval_on = params.period_start_excl), 0) as starting_revenue,
        coalesce(sum(windows.revenue) filter (where windows.eval_on = params.as_of), 0) as ending_revenue
    from int_pair_windows as windows
    join params on windows.eval_on in (params.as_of, params.period_start_excl)
    join accounts using (account_id)
    group by windows.account_id, windows.product_id
),

pairs as (
    select
        pair_revenue.*,
        pair_revenue.ending_revenue - pair_revenue.starting_revenue as change,
        accounts.account_movement,
        coalesce(
            adoption.is_cross_sold and adoption.adopted_on > params.period_start_excl and adoption.adopted_on <= params.as_of,
            false
        ) as is_cross_sell_event
    from pair_revenue
    join accounts using (account_id)
    cross join params
    left join int_pair_adoption as adoption using (account_id, product_id)
),

moved as (
    select
        pairs.*,
        case
            when account_movement = 'churn' and change <> 0 then 'churn'
            when account_movement = 'retained' and change > 0 and is_cross_sell_event then 'cross_sell_expansion'
            when account_movement = 'retained' and change > 0 then 'upsell_expansion'
            when account_movement = 'retained' and change < 0 then 'contraction'
            when account_movement in ('new_business', 'returning') and ending_revenue <> 0 then account_movement
        end as movement
    from pairs
)

select
    account_id,
    product_id,
    starting_revenue,
    ending_revenue,
    change,
    is_cross_sell_event,
    movement,
    case
        when movement in ('churn', 'contraction') then -change
        when movement in ('cross_sell_expansion', 'upsell_expansion') then change
        when movement in ('new_business', 'returning') then ending_revenue
        else 0
    end as amount
from moved
