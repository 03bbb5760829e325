-- Retention and expansion (metrics.md) at D by account and product: the
-- drill-down from a bridge bar to its accounts and the products behind each
-- amount. Per (account, product) of an account of E (R0 > 0) or with revenue in
-- P (R1 <> 0): R0(a, p) = revenue in the trailing window at S, R1(a, p) = revenue
-- in P, Δ = R1 - R0, the account's part of the bridge (account_movement, from its
-- R0, R1 and first purchase) and the product's movement and amount in it:
--   churn (E, R1 <= 0):   every product with Δ <> 0, amount -Δ (they sum to R0 - R1)
--   retained (E, R1 > 0): Δ > 0 of a cross-sold pair adopted in P → cross_sell_expansion,
--                         other Δ > 0 → upsell_expansion (amount Δ), Δ < 0 → contraction (-Δ)
--   new_business / returning (not in E): every product with R1 <> 0, amount R1(a, p)
-- movement is NULL (amount 0) for a pair that moves nothing. mart_revenue_bridge
-- computes the same at every as-of date (same macros); its row at D is the sum of these.
with params as (
    select as_of, period_start_excl from run_params
),

-- Grouped on pair_key (int_pair_windows carries no ids), the ids met on the groups.
pair_revenue as (
    select account_keys.account_id, product_keys.product_id, pair_sums.starting_revenue, pair_sums.ending_revenue
    from (
        select
            windows.pair_key,
            coalesce(sum(windows.revenue) filter (where windows.eval_on = params.period_start_excl), 0) as starting_revenue,
            coalesce(sum(windows.revenue) filter (where windows.eval_on = params.as_of), 0) as ending_revenue
        from int_pair_windows as windows
        join params on windows.eval_on in (params.as_of, params.period_start_excl)
        group by windows.pair_key
    ) as pair_sums
    join int_account_keys as account_keys on account_keys.account_key = account_key_of(pair_sums.pair_key)
    join int_product_keys as product_keys on product_keys.product_key = product_key_of(pair_sums.pair_key)
),

accounts as (
    select account_id, sum(starting_revenue) as account_starting, sum(ending_revenue) as account_ending
    from pair_revenue
    group by account_id
    having sum(starting_revenue) > 0 or sum(ending_revenue) <> 0
),

pairs as (
    select
        pair_revenue.*,
        pair_revenue.ending_revenue - pair_revenue.starting_revenue as change,
        coalesce(
            adoption.is_cross_sold and adoption.adopted_on > params.period_start_excl and adoption.adopted_on <= params.as_of,
            false
        ) as is_cross_sell_event,
        retention_account_movement(
            accounts.account_starting,
            accounts.account_ending,
            coalesce(journey.first_purchase_on > params.period_start_excl and journey.first_purchase_on <= params.as_of, false)
        ) as account_movement
    from pair_revenue
    join accounts using (account_id)
    cross join params
    left join int_pair_adoption as adoption using (account_id, product_id)
    left join int_account_journey as journey using (account_id)
),

moved as (
    select
        pairs.*,
        case
            when account_movement = 'churn' then case when change <> 0 then 'churn' end
            when account_movement = 'retained' then retention_product_movement(change, is_cross_sell_event)
            when ending_revenue <> 0 then account_movement
        end as movement
    from pairs
)

select
    account_id,
    product_id,
    account_movement,
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
