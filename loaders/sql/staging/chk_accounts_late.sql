-- The rows of chk_accounts breaking a rule beyond the row (rid = their rowid there):
-- a duplicate account_id (the later line is rejected).
with checked as not materialized (
  select rowid as rid, account_id as key, rule, source_line as line, account_id_raw as value from chk_accounts
)
select rid, reject_of('account_id', value, 'duplicate account_id (first on line ' || first_line || ')') as rule
from duplicate_rows('checked')
