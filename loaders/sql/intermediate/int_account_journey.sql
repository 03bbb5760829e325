-- Per account with at least one adoption: first purchase, acquisition cohort
-- (its calendar quarter), first cross-sell event, latest adoption.
select
    account_id,
    min(first_purchase_on) as first_purchase_on,
    strftime(min(first_purchase_on), '%Y') || '-Q' || quarter(min(first_purchase_on)) as acquisition_cohort,
    min(adopted_on) filter (where is_cross_sold) as first_cross_sell_on,
    max(adopted_on) as latest_adoption_on
from int_pair_adoption
group by account_id
