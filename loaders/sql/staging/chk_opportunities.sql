-- opportunities.csv, every record typed, with the row rule it breaks (chk_opportunities_late adds the others).
-- Row rules, first broken one reported: empty opportunity_id / account_id / type / stage / created_date;
-- a control character in an id; created_date, close_date not dates or out of range; amount not a
-- decimal; unknown type or stage; close_date empty when won or lost.
-- type and stage are read case-insensitively; empty currency → the reporting currency.
--
-- Like chk_invoice_lines (read straight from the CSV: a million rows), a pure projection of
-- src_opportunities in file order: a row's rowid is its record rank, line_of_opportunities(rid)
-- its line; no source_line is stored.
with source as (
  select * from src_opportunities
),
flagged as (
  select *, row_unusual_text(getvariable('unusual_text_opportunities'), source.newlines) as unusual
  from source
),
-- Each cell trimmed once (a macro repeats its argument wherever it uses it); spaces_opportunities:
-- false when no value of the file starts or ends with a space, so nothing to trim (ingest/scan.ts).
cells as (
  select
    source.opportunity_id as opportunity_id_raw,
    source.account_id as account_id_raw,
    source.product_id as product_id_raw,
    source.type as type_raw,
    source.stage as stage_raw,
    source.amount as amount_raw,
    source.created_date as created_date_raw,
    source.close_date as close_date_raw,
    source.currency as currency_raw,
    blank_id_to_null(source.opportunity_id, source.unusual, spaces := getvariable('spaces_opportunities')) as opportunity_id,
    blank_id_to_null(source.account_id, source.unusual, spaces := getvariable('spaces_opportunities')) as account_id,
    blank_id_to_null(source.product_id, source.unusual, spaces := getvariable('spaces_opportunities')) as product_id,
    blank_to_null(source.type, spaces := getvariable('spaces_opportunities')) as type_text,
    blank_to_null(source.stage, spaces := getvariable('spaces_opportunities')) as stage_text,
    blank_to_null(source.amount, spaces := getvariable('spaces_opportunities')) as amount_text,
    blank_to_null(source.created_date, spaces := getvariable('spaces_opportunities')) as created_date_text,
    blank_to_null(source.close_date, spaces := getvariable('spaces_opportunities')) as close_date_text,
    blank_to_null(source.owner, spaces := getvariable('spaces_opportunities')) as owner,
    blank_to_null(source.buying_center, spaces := getvariable('spaces_opportunities')) as buying_center,
    blank_to_null(source.source, spaces := getvariable('spaces_opportunities')) as source,
    blank_to_null(source.currency, spaces := getvariable('spaces_opportunities')) as currency_text,
    source.unusual,
    -- newlines embedded in the record's fields (NULL: none), which the read maps to lines
    source.newlines
  from flagged as source
),
typed as (
  select *,
    lower(type_text) as type,
    lower(stage_text) as stage,
    parse_trimmed_amount(amount_text) as amount,
    parse_trimmed_date(created_date_text) as created_on,
    parse_trimmed_date(close_date_text) as closed_on,
    -- a constant rather than a join with ingest_params: nothing may disturb the file order
    coalesce(upper(currency_text), getvariable('reporting_currency')) as currency
  from cells
),
checked as (
  select *,
  case
    when opportunity_id is null then reject_of('opportunity_id', opportunity_id_raw, 'empty required field')
    when account_id is null then reject_of('account_id', account_id_raw, 'empty required field')
    when type is null then reject_of('type', type_raw, 'empty required field')
    when stage is null then reject_of('stage', stage_raw, 'empty required field')
    when created_date_text is null then reject_of('created_date', created_date_raw, 'empty required field')
    when id_has_control(opportunity_id, unusual) then reject_of('opportunity_id', opportunity_id_raw, id_control_reason(opportunity_id))
    when id_has_control(account_id, unusual) then reject_of('account_id', account_id_raw, id_control_reason(account_id))
    when id_has_control(product_id, unusual) then reject_of('product_id', product_id_raw, id_control_reason(product_id))
    when created_on is null then reject_of('created_date', created_date_raw, 'not a date (expected YYYY-MM-DD)')
    when not date_in_range(created_on) then reject_of('created_date', created_date_raw, date_out_of_range_reason())
    when close_date_text is not null and closed_on is null
      then reject_of('close_date', close_date_raw, 'not a date (expected YYYY-MM-DD)')
    when not date_in_range(closed_on) then reject_of('close_date', close_date_raw, date_out_of_range_reason())
    when amount_text is not null and amount is null
      then reject_of('amount', amount_raw, amount_reason(amount_raw))
    -- list_contains rather than NOT IN: DuckDB turns an IN list of more than a few values into a
    -- join, which does not keep the file order (the rowid is the record rank); type is not NULL here
    when not list_contains(['new_business', 'cross_sell', 'upsell', 'renewal', 'other'], type)
      then reject_of('type', type_raw, 'unknown type (expected new_business, cross_sell, upsell, renewal or other)')
    when stage not in ('open', 'won', 'lost')
      then reject_of('stage', stage_raw, 'unknown stage (expected open, won or lost)')
    when stage in ('won', 'lost') and closed_on is null
      then reject_of('close_date', close_date_raw, 'empty close_date for a ' || stage || ' opportunity')
  end as rule
  from typed
)
select
  opportunity_id, account_id, product_id, type, stage, amount, created_on, closed_on,
  owner, buying_center, source, currency, rule,
  -- the raw ids and currency, kept only where they differ from the typed ones (rarely; '' when
  -- absent), for the value of a rule beyond the row (chk_opportunities_late): a million rows
  -- are stored, each column costs
  case when opportunity_id_raw is distinct from opportunity_id then coalesce(opportunity_id_raw, '') end as opportunity_id_raw,
  case when account_id_raw is distinct from account_id then coalesce(account_id_raw, '') end as account_id_raw,
  case when product_id_raw is distinct from product_id then coalesce(product_id_raw, '') end as product_id_raw,
  case when currency_raw is distinct from currency then coalesce(currency_raw, '') end as currency_raw,
  close_date_raw,
  newlines
from checked
