-- accounts.csv, every record typed, with the row rule it breaks (chk_accounts_late adds the others).
-- Row rules, first broken one reported: empty account_id / account_name; a control character in
-- account_id; in_target_profile not a boolean; created_date not a date or out of range.
-- Empty segment → 'Unknown'.
with source as (
  select * from src_accounts
),
typed as (
  select
    source_line,
    account_id as account_id_raw,
    account_name as account_name_raw,
    in_target_profile as in_target_profile_raw,
    created_date as created_date_raw,
    blank_id_to_null(account_id, getvariable('unusual_text_accounts')) as account_id,
    blank_to_null(account_name) as account_name,
    coalesce(blank_to_null(segment), 'Unknown') as segment,
    blank_to_null(region) as region,
    blank_to_null(industry) as industry,
    blank_to_null(owner) as owner,
    parse_bool(in_target_profile) as in_target_profile,
    parse_date(created_date) as created_on
  from source
)
select *,
  case
    when account_id is null then reject_of('account_id', account_id_raw, 'empty required field')
    when id_has_control(account_id, getvariable('unusual_text_accounts')) then reject_of('account_id', account_id_raw, id_control_reason(account_id))
    when account_name is null then reject_of('account_name', account_name_raw, 'empty required field')
    when blank_to_null(in_target_profile_raw) is not null and in_target_profile is null
      then reject_of('in_target_profile', in_target_profile_raw, 'not a boolean (expected true/false, 1/0, yes/no)')
    when blank_to_null(created_date_raw) is not null and created_on is null
      then reject_of('created_date', created_date_raw, 'not a date (expected YYYY-MM-DD)')
    when not date_in_range(created_on) then reject_of('created_date', created_date_raw, date_out_of_range_reason())
  end as rule
from typed
