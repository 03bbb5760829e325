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

adoptions as (
    select account_id, product_id, min(invoiced_on) as adopted_on
    from int_revenue_lines
    where has_positive_line
    group by account_id, product_id
),

first_purchases as (
    select account_id, min(adopted_on) as first_purchase_on
    from adoptions
    group by account_id
)

select
    adoptions.account_id,
    adoptions.product_id,
    adoptions.adopted_on,
    first_purchases.first_purchase_on,
    adoptions.adopted_on = first_purchases.first_purchase_on as is_initial,
    adoptions.adopted_on > first_purchases.first_purchase_on + params.grace_days as is_cross_sold
from adoptions
join first_purchases using (account_id)
cross join params
