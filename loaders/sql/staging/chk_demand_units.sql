-- demand_units.csv, every record typed, with the row rule it breaks (chk_demand_units_late adds the others).
-- Row rules, first broken one reported: empty account_id / product_id / score; a control character
-- in an id; a score not an integer 0-3; assessed_date not a date or out of range.
with source as (
  select * from src_demand_units
),
typed as (
  select
    source.source_line,
    source.account_id as account_id_raw,
    source.product_id as product_id_raw,
    source.need as need_raw,
    source.fit as fit_raw,
    source.urgency as urgency_raw,
    source.relationship as relationship_raw,
    source.data as data_raw,
    source.resources as resources_raw,
    source.assessed_date as assessed_date_raw,
    blank_id_to_null(source.account_id, getvariable('unusual_text_demand_units')) as account_id,
    blank_to_null(source.buying_center) as buying_center,
    blank_id_to_null(source.product_id, getvariable('unusual_text_demand_units')) as product_id,
    parse_score(source.need) as need,
    parse_score(source.fit) as fit,
    parse_score(source.urgency) as urgency,
    parse_score(source.relationship) as relationship,
    parse_score(source.data) as data,
    parse_score(source.resources) as resources,
    parse_date(source.assessed_date) as assessed_on
  from source
)
select *,
  case
    when account_id is null then reject_of('account_id', account_id_raw, 'empty required field')
    when product_id is null then reject_of('product_id', product_id_raw, 'empty required field')
    when id_has_control(account_id, getvariable('unusual_text_demand_units')) then reject_of('account_id', account_id_raw, id_control_reason(account_id))
    when id_has_control(product_id, getvariable('unusual_text_demand_units')) then reject_of('product_id', product_id_raw, id_control_reason(product_id))
    when blank_to_null(need_raw) is null then reject_of('need', need_raw, 'empty required field')
    when blank_to_null(fit_raw) is null then reject_of('fit', fit_raw, 'empty required field')
    when blank_to_null(urgency_raw) is null then reject_of('urgency', urgency_raw, 'empty required field')
    when blank_to_null(relationship_raw) is null then reject_of('relationship', relationship_raw, 'empty required field')
    when blank_to_null(data_raw) is null then reject_of('data', data_raw, 'empty required field')
    when blank_to_null(resources_raw) is null then reject_of('resources', resources_raw, 'empty required field')
    when need is null then reject_of('need', need_raw, 'score not an integer 0-3')
    when fit is null then reject_of('fit', fit_raw, 'score not an integer 0-3')
    when urgency is null then reject_of('urgency', urgency_raw, 'score not an integer 0-3')
    when relationship is null then reject_of('relationship', relationship_raw, 'score not an integer 0-3')
    when data is null then reject_of('data', data_raw, 'score not an integer 0-3')
    when resources is null then reject_of('resources', resources_raw, 'score not an integer 0-3')
    when blank_to_null(assessed_date_raw) is not null and assessed_on is null
      then reject_of('assessed_date', assessed_date_raw, 'not a date (expected YYYY-MM-DD)')
    when not date_in_range(assessed_on) then reject_of('assessed_date', assessed_date_raw, date_out_of_range_reason())
  end as rule
from typed
