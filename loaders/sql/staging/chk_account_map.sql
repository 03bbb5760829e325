-- account_map.csv, every record typed, with the row rule it breaks (chk_account_map_late adds the others).
-- Row rules, first broken one reported: empty customer_id / account_id; a control character in either.
with source as (
  select * from src_account_map
),
typed as (
  select
    source_line,
    customer_id as customer_id_raw,
    account_id as account_id_raw,
    blank_id_to_null(customer_id, getvariable('unusual_text_account_map')) as customer_id,
    blank_id_to_null(account_id, getvariable('unusual_text_account_map')) as account_id
  from source
)
select *,
  case
    when customer_id is null then reject_of('customer_id', customer_id_raw, 'empty required field')
    when account_id is null then reject_of('account_id', account_id_raw, 'empty required field')
    when id_has_control(customer_id, getvariable('unusual_text_account_map')) then reject_of('customer_id', customer_id_raw, id_control_reason(customer_id))
    when id_has_control(account_id, getvariable('unusual_text_account_map')) then reject_of('account_id', account_id_raw, id_control_reason(account_id))
  end as rule
from typed
