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
-- A reference depends on the product, the currency and, for a foreign currency, the month only:
-- checked once per such combination of the valid lines (a handful), then the lines of the broken
-- ones (usually none) are looked up, instead of joining every one of millions of lines.
combinations as (
  select product_id, currency,
    -- the month is needed only for lines in a foreign currency: the others need no rate
    case when currency <> (select reporting_currency from params) then date_trunc('month', invoiced_on) end as month_start
  from chk_invoice_lines
  where rule is null
  group by all
),
combinations_broken as (
  select combinations.product_id, combinations.currency, combinations.month_start,
    case
      when has_products and products.product_id is null then 'product'
      when combinations.month_start is not null and monthly.rate is null and standing.rate is null then 'currency'
    end as broken
  from combinations
  cross join params
  left join (select product_id from chk_products where rule is null) as products
    on products.product_id = combinations.product_id
  left join (select currency, month, rate from chk_fx_rates where rule is null) as monthly
    on monthly.currency = combinations.currency and monthly.month = strftime(combinations.month_start, '%Y-%m')
  left join (select currency, month, rate from chk_fx_rates where rule is null) as standing
    on standing.currency = combinations.currency and standing.month is null
),
references_broken as (
  select lines.rowid as rid,
    case broken
      when 'product'
        then reject_of('product_id', coalesce(lines.product_id_raw, lines.product_id), 'unknown product (not in products)')
      else reject_of('currency', coalesce(lines.currency_raw, lines.currency), 'no fx rate for ' || lines.currency || ' in ' || strftime(lines.invoiced_on, '%Y-%m'))
    end as rule
  from chk_invoice_lines as lines
  join (select * from combinations_broken where broken is not null) as broken
    on broken.product_id = lines.product_id and broken.currency = lines.currency
   and broken.month_start is not distinct from
       case when lines.currency <> (select reporting_currency from params) then date_trunc('month', lines.invoiced_on) end
  where lines.rule is null
)
select * from first_broken('duplicates', 'references_broken')
