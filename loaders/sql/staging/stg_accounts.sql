-- The valid accounts.
select account_id, account_name, segment, region, industry, owner, in_target_profile, created_on, source_line
from chk_accounts
where rule is null
order by source_line
