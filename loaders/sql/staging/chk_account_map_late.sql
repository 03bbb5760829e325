-- The rows of chk_account_map breaking a rule beyond the row (rid = their rowid there), first
-- broken one reported: duplicate customer_id (later line rejected); unknown account.
with checked as not materialized (
  select rowid as rid, customer_id as key, rule, source_line as line, customer_id_raw as value from chk_account_map
),
duplicates as (
  select rid, reject_of('customer_id', value, 'duplicate customer_id (first on line ' || first_line || ')') as rule
  from duplicate_rows('checked')
),
references_broken as (
  select account_map.rowid as rid,
    case
      when accounts.account_id is null then reject_of('account_id', account_id_raw, 'unknown account (not in accounts)')
    end as rule
  from chk_account_map as account_map
  left join (select account_id from chk_accounts where rule is null) as accounts
    on accounts.account_id = account_map.account_id
  where account_map.rule is null
)
select * from first_broken('duplicates', 'references_broken')
