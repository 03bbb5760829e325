-- Every account with each cut it counts in: once in 'all' and once in its cut
-- of every breakdown (int_account_dims is long format). The marts that cut a
-- figure or the revenue bridge join their per-account rows to this table, so
-- "which cuts does an account belong to" is said once.
with accounts as (
    select account_id from int_accounts
),

breakdowns as (
    select account_id, dimension, cut from int_account_dims
)

select account_id, 'all' as dimension, 'all' as cut from accounts
union all
select account_id, dimension, cut from breakdowns
