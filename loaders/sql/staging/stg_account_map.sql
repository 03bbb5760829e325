-- The valid account map rows.
select customer_id, account_id, source_line
from chk_account_map
where rule is null
order by source_line
