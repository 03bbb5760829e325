-- Every (account, product) with a line in P, as of D: revenue in P and whether held.
-- (int_pair_windows carries pair_key only: the ids are met here, on the pairs at D.)
select account_keys.account_id, product_keys.product_id, windows.revenue, windows.revenue > 0 as is_held
from int_pair_windows as windows
join run_params on run_params.as_of = windows.eval_on
join int_account_keys as account_keys on account_keys.account_key = account_key_of(windows.pair_key)
join int_product_keys as product_keys on product_keys.product_key = product_key_of(windows.pair_key)
