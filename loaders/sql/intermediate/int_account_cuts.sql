-- Every account with the cuts it counts in (int_cuts numbers them): 'all' and
-- its cut of every breakdown (int_account_dims is long format). One row per
-- account, so that a per-account row joins it one to one on account_id and
-- unnest(cut_nos) repeats it once per cut in the same pipeline: much cheaper
-- than a join that matches every account row eight times on a string key.
-- The marts that cut a figure or the revenue bridge read this table, so "which
-- cuts does an account belong to" is said once.
-- account_key (int_account_keys; NULL for an account no customer bills) lets the
-- millions of per-account rows keyed by it (int_account_periods, int_account_asof)
-- meet their cuts on an integer.
with memberships as (
    select accounts.account_id, cuts.cut_no
    from int_accounts as accounts
    join int_cuts as cuts on cuts.dimension = 'all'
    union all
    select dims.account_id, cuts.cut_no
    from int_account_dims as dims
    join int_cuts as cuts using (dimension, cut)
)

select account_cuts.account_id, account_cuts.cut_nos, account_keys.account_key
from (
    select account_id, list(cut_no order by cut_no) as cut_nos
    from memberships
    group by account_id
) as account_cuts
left join int_account_keys as account_keys using (account_id)
