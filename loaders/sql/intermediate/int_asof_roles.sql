-- The two evaluation dates each as-of date t reads (int_eval_windows has the
-- trailing window of both): t itself (is_end: the period P_t = (S_t, t]) and
-- its period start S_t (the window that decides who was an existing customer,
-- and their starting revenue). Joined on eval_on, a window row at e lands on
-- every t that reads e, in one role or the other.
select as_of, as_of as eval_on, true as is_end from int_asof_dates
union all
select as_of, period_start_excl as eval_on, false as is_end from int_asof_dates
