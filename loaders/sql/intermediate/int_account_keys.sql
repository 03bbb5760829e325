-- A small integer surrogate for every account a billing line can be about (its
-- customers' accounts, int_customer_accounts): account_key is the rank of
-- account_id in binary string order, so ordering by it is ordering by the id.
-- The pair chain (int_revenue_lines → int_pair_windows → int_account_periods)
-- sorts, joins and groups millions of rows on these keys instead of VARCHAR ids
-- (1–2 CPU-s less over the chain at benchmark scale); int_pair_windows
-- and int_account_periods carry only keys, and their readers re-attach account_id here,
-- after grouping or filtering (int_account_cuts carries the key too, for the marts).
select account_id, row_number() over (order by account_id)::integer as account_key
from (select distinct account_id from int_customer_accounts)
