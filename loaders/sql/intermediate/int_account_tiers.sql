-- ABCD tiers at D: accounts active at D ranked by revenue in P (desc, ties by
-- account_id); c = revenue share of the accounts ranked strictly above.
-- Read straight off the pair windows at D (the revenue and products held that
-- int_account_asof has at D, the same sums), not off int_account_asof: the tiers,
-- and the pages made from them, are then ready before the millions of account
-- rows of every month end. So the account history runs, and the revenue lines it
-- reads are dropped, before those rows are made (models/model-graph.ts).
with params as (
    select as_of, tier_a, tier_b, tier_c from run_params
),

-- Revenue in P and products held (revenue > 0) per account with a window at D.
at_d as (
    select
        account_key_of(windows.pair_key) as account_key,
        sum(windows.revenue) as revenue,
        count(*) filter (where windows.revenue > 0) as products_held
    from int_pair_windows as windows
    join params on params.as_of = windows.eval_on
    group by account_key_of(windows.pair_key)
),

active as (
    select accounts.account_id, at_d.revenue, at_d.products_held
    from at_d
    join int_account_keys as account_keys using (account_key)
    join int_accounts as accounts using (account_id)
    where at_d.revenue > 0
),

ranked as (
    select
        account_id,
        revenue,
        products_held,
        row_number() over (order by revenue desc, account_id) as revenue_rank,
        coalesce(sum(revenue) over (
            order by revenue desc, account_id rows between unbounded preceding and 1 preceding
        ), 0) as revenue_above,
        sum(revenue) over () as total_revenue
    from active
),

shares as (
    select
        *,
        revenue_above::double / total_revenue::double as share_above,
        (revenue_above + revenue)::double / total_revenue::double as cumulative_revenue_share
    from ranked
)

select
    shares.account_id,
    shares.revenue,
    shares.products_held,
    shares.revenue_rank,
    shares.share_above,
    shares.cumulative_revenue_share,
    case
        when shares.share_above < params.tier_a then 'A'
        when shares.share_above < params.tier_b then 'B'
        when shares.share_above < params.tier_c then 'C'
        else 'D'
    end as tier
from shares
cross join params
