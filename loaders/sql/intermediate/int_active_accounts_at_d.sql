-- The accounts active at D, with their segment: the population of the
-- white-space grid (int_white_space_at_d), of penetration (mart_penetration)
-- and of a demand unit's fit (mart_demand_units), said once.
select facts.account_id, accounts.segment
from int_account_asof as facts
join run_params using (as_of)
join int_accounts as accounts using (account_id)
where facts.is_active
