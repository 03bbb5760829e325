-- Initial product i → product p adopted on the account's first cross-sell date,
-- over accounts whose first cross-sell event is on or before D (a bundle on
-- either side gives several pairs).
with journeys as (
    select account_id, first_purchase_on, first_cross_sell_on
    from int_account_journey
    where first_cross_sell_on is not null
),

initial as (
    select adoption.account_id, adoption.product_id
    from int_pair_adoption as adoption
    where adoption.is_initial
),

first_cross_sold as (
    select adoption.account_id, adoption.product_id
    from int_pair_adoption as adoption
    join journeys using (account_id)
    where adoption.is_cross_sold and adoption.adopted_on = journeys.first_cross_sell_on
)

select
    initial.product_id as initial_product_id,
    first_cross_sold.product_id as cross_sold_product_id,
    count(distinct initial.account_id)::integer as accounts
from initial
join first_cross_sold using (account_id)
group by initial.product_id, first_cross_sold.product_id
order by initial_product_id, cross_sold_product_id
