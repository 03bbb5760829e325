-- Per as-of date t and account with a pair window at t: revenue in the
-- trailing window at t and whether it is active (revenue > 0). Only
-- int_white_space_potential reads it (the segments with an active account at
-- t), so it is grouped at the as-of dates only and carries no product counts
-- (int_account_periods has those): the period starts' windows and two counts
-- cost a third of its CPU at benchmark scale (3M groups).
-- (int_account_periods has the same sums but reads int_white_space_potential.)
-- Accounts are grouped on account_key (account_key_of(pair_key), int_revenue_lines) and the account
-- stays a key: its one reader meets the segment per key (int_account_keys), not the id of
-- each of the 3 million groups.
select
    windows.eval_on as as_of,
    account_key_of(windows.pair_key) as account_key,
    sum(windows.revenue) as revenue,
    sum(windows.revenue) > 0 as is_active
from int_pair_windows as windows
join int_asof_dates as dates on dates.as_of = windows.eval_on
group by windows.eval_on, account_key
