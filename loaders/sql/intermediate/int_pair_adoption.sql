-- Adoption of product p by account a: earliest line with a positive amount
-- (credit-only pairs are never adopted). First purchase = earliest adoption of
-- the account; initial products are adopted on it; a pair adopted strictly
-- later than first purchase + grace days is cross-sold (its adoption is a
-- cross-sell event). Lines are already limited to dates <= D; a figure as of an
-- earlier date t keeps pairs with adopted_on <= t, which leaves the first
-- purchase date unchanged.
with params as (
    select grace_days from run_params
),

-- Grouped on pair_key (int_revenue_lines), one BIGINT rather than two VARCHAR ids; the ids
-- are met again on the keys of the few hundred thousand pairs.
adoptions as (
    select pair_key, account_key_of(pair_key) as account_key, min(invoiced_on) as adopted_on
    from int_revenue_lines
    where has_positive_line
    group by pair_key
),

first_purchases as (
    select account_key, min(adopted_on) as first_purchase_on
    from adoptions
    group by account_key
)

select
    account_keys.account_id,
    product_keys.product_id,
    adoptions.adopted_on,
    first_purchases.first_purchase_on,
    adoptions.adopted_on = first_purchases.first_purchase_on as is_initial,
    adoptions.adopted_on > first_purchases.first_purchase_on + params.grace_days as is_cross_sold,
    adoptions.pair_key
from adoptions
join first_purchases using (account_key)
cross join params
join int_account_keys as account_keys on account_keys.account_key = adoptions.account_key
join int_product_keys as product_keys on product_keys.product_key = product_key_of(adoptions.pair_key)
