-- Every (account, product) with a line in P, as of D: revenue in P and whether held.
select windows.account_id, windows.product_id, windows.revenue, windows.revenue > 0 as is_held
from int_pair_windows as windows
join run_params on run_params.as_of = windows.eval_on
