-- invoice_lines.csv, every record typed, with the row rule it breaks (chk_invoice_lines_late adds the others).
-- Row rules, first broken one reported: empty invoice_id / customer_id / product_id / invoice_date /
-- amount; a control character in an id; invoice_date not a date, or before 1900 / after 2100
-- (date_in_range); amount not a decimal. Empty currency → the reporting currency.
--
-- Billing exports run to millions of lines, so every record is read and typed exactly once:
-- src_invoice_lines lists the records in file order and this pure projection keeps that order,
-- so a row's rowid is its record rank (line_of_invoice_lines(rid) turns it into the line, once
-- the read is complete); no source_line is stored. A rule is built for the rejected rows only,
-- and stored as text (rule_as_text; ingest_rejects.sql reads it back with rule_of_text).
with source as (
  select * from src_invoice_lines
),
-- An id quoted with a line end around it is the same id whichever way the file was read (ingest/read.ts).
flagged as (
  select *, row_unusual_text(getvariable('unusual_text_invoice_lines'), source.newlines) as unusual
  from source
),
-- Each cell trimmed once (a macro repeats its argument wherever it uses it).
cells as (
  select
    source.invoice_id as invoice_id_raw,
    source.customer_id as customer_id_raw,
    source.product_id as product_id_raw,
    source.invoice_date as invoice_date_raw,
    source.amount as amount_raw,
    source.currency as currency_raw,
    source.line_id as line_id_raw,
    -- spaces_invoice_lines: false when no value of the file starts or ends with a space, so nothing to trim (ingest/scan.ts)
    blank_id_to_null(source.invoice_id, source.unusual, spaces := getvariable('spaces_invoice_lines')) as invoice_id,
    blank_id_to_null(source.line_id, source.unusual, spaces := getvariable('spaces_invoice_lines')) as line_id,
    blank_id_to_null(source.customer_id, source.unusual, spaces := getvariable('spaces_invoice_lines')) as customer_id,
    blank_id_to_null(source.product_id, source.unusual, spaces := getvariable('spaces_invoice_lines')) as product_id,
    blank_to_null(source.invoice_date, spaces := getvariable('spaces_invoice_lines')) as invoice_date_text,
    blank_to_null(source.amount, spaces := getvariable('spaces_invoice_lines')) as amount_text,
    blank_to_null(source.currency, spaces := getvariable('spaces_invoice_lines')) as currency_text,
    source.newlines,
    source.unusual
  from flagged as source
),
typed as (
  select *,
    parse_trimmed_date(invoice_date_text) as invoiced_on,
    parse_trimmed_amount(amount_text) as amount,
    -- a constant rather than a join with ingest_params: nothing may disturb the file order
    coalesce(upper(currency_text), getvariable('reporting_currency')) as currency
  from cells
)
select
  invoice_id, line_id, customer_id, product_id, invoiced_on, amount, currency,
  -- stored as text (rule_as_text: a NULL struct of three texts costs three times the memory)
  rule_as_text(case
    when invoice_id is null then reject_of('invoice_id', invoice_id_raw, 'empty required field')
    when customer_id is null then reject_of('customer_id', customer_id_raw, 'empty required field')
    when product_id is null then reject_of('product_id', product_id_raw, 'empty required field')
    when invoice_date_text is null then reject_of('invoice_date', invoice_date_raw, 'empty required field')
    when amount_text is null then reject_of('amount', amount_raw, 'empty required field')
    -- one test over the four ids first; a quoted field may hold a line end even in a file without unusual bytes
    when id_has_control(concat(invoice_id, line_id, customer_id, product_id), unusual)
      then case
        when id_has_control(invoice_id, true) then reject_of('invoice_id', invoice_id_raw, id_control_reason(invoice_id))
        when id_has_control(line_id, true) then reject_of('line_id', line_id_raw, id_control_reason(line_id))
        when id_has_control(customer_id, true) then reject_of('customer_id', customer_id_raw, id_control_reason(customer_id))
        else reject_of('product_id', product_id_raw, id_control_reason(product_id))
      end
    when invoiced_on is null then reject_of('invoice_date', invoice_date_raw, 'not a date (expected YYYY-MM-DD)')
    when not date_in_range(invoiced_on) then reject_of('invoice_date', invoice_date_raw, date_out_of_range_reason())
    when amount is null then reject_of('amount', amount_raw, amount_reason(amount_raw))
  end) as rule,
  -- the raw product and currency, kept only where they differ from the typed ones (rarely),
  -- for the value of an unknown-product or missing-rate reject
  case when product_id_raw is distinct from product_id then product_id_raw end as product_id_raw,
  case when currency_raw is distinct from currency then currency_raw end as currency_raw,
  -- 32 bits are plenty for the newlines of one record, and take ~40 MB less per 10M lines than 64
  newlines::INTEGER as newlines
from typed
