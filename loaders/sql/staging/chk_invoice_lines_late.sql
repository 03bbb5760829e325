-- The rows of chk_invoice_lines breaking a rule beyond the row (rid = their rowid there, the
-- record rank), first broken one reported: duplicate (invoice_id, line_id) when line_id is given
-- (later line rejected); unknown product when a catalog was given; no fx rate for a foreign
-- currency in the line's month. Made once the read is complete (line_of_invoice_lines).
-- References are checked against the valid rows of the exports referred to.
with checked as not materialized (
  select rowid as rid, case when line_id is not null then {'invoice_id': invoice_id, 'line_id': line_id} end as key,
    rule, rowid as line, line_id as value  -- the rank: line order, mapped to the line below
  from chk_invoice_lines
),
duplicates as (
  select rid, reject_of('line_id', value, 'duplicate (invoice_id, line_id) (first on line ' || line_of_invoice_lines(first_line) || ')') as rule
  from duplicate_rows('checked')
),
params as (
  select currency as reporting_currency, has_products from ingest_params
),
references_broken as (
  select lines.rowid as rid,
    case
      when has_products and products.product_id is null
        then reject_of('product_id', coalesce(lines.product_id_raw, lines.product_id), 'unknown product (not in products)')
      when lines.currency <> reporting_currency and monthly.rate is null and standing.rate is null
        then reject_of('currency', coalesce(lines.currency_raw, lines.currency), 'no fx rate for ' || lines.currency || ' in ' || strftime(lines.invoiced_on, '%Y-%m'))
    end as rule
  from chk_invoice_lines as lines
  cross join params
  left join (select product_id from chk_products where rule is null) as products
    on products.product_id = lines.product_id
  -- the month is formatted only for lines in a foreign currency: the others need no rate
  left join (select currency, month, rate from chk_fx_rates where rule is null) as monthly
    on monthly.currency = lines.currency
   and monthly.month = case when lines.currency <> reporting_currency then strftime(lines.invoiced_on, '%Y-%m') end
  left join (select currency, month, rate from chk_fx_rates where rule is null) as standing
    on standing.currency = lines.currency and standing.month is null
  where lines.rule is null
)
select * from first_broken('duplicates', 'references_broken')
