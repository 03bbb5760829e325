-- The rows of chk_invoice_lines breaking a rule beyond the row (rid = their rowid there, the
-- record rank), first broken one reported: duplicate (invoice_id, line_id) when line_id is given
-- (later line rejected); unknown product when a catalog was given; no fx rate for a foreign
-- currency in the line's month. Made once the read is complete (line_of_invoice_lines).
-- References are checked against the valid rows of the exports referred to.
--
-- The duplicate key: grouping the 10M distinct keys of a benchmark export costs seconds, but an
-- export is nearly always written in key order. One ordered pass splits the keyed rows into runs
-- of strictly increasing keys (line_key_after): keys within a run are distinct, so two rows with
-- one key lie in two runs, and their invoice_id in the invoice_id range of each. Only the rows
-- whose invoice_id lies where two runs' ranges meet (`near`) can be duplicates, and only they are
-- grouped (none in a file without duplicates; the planted ones' invoices in the benchmark). A file
-- in another order (more than 64 runs) has all its keyed rows grouped, as before. Exact either
-- way: `near` holds every row of every duplicated key.
with keyed as not materialized (
  select rowid as rid, invoice_id, line_id from chk_invoice_lines where rule is null and line_id is not null
),
-- The rows starting a run (at most 65: beyond 64 runs the file is not in key order), in the order of
-- one streaming pass (OVER (): no sort), each with the invoice of the row before it, the last one
-- of the run before.
run_starts as materialized (
  select pos, invoice_id, prev_invoice_id
  from (
    select invoice_id, line_id, row_number() over () as pos,
      lag(invoice_id) over () as prev_invoice_id, lag(line_id) over () as prev_line_id
    from keyed
  )
  where prev_invoice_id is null or not line_key_after(invoice_id, line_id, prev_invoice_id, prev_line_id)
  limit 65
),
-- Each run's invoice_id range; the last run's is left open (NULL: least() below skips it).
runs as (
  select row_number() over (order by pos) as n, invoice_id as first_invoice_id,
    lead(prev_invoice_id) over (order by pos) as last_invoice_id
  from run_starts
),
-- Where two runs' ranges meet: the invoice_ids a duplicate may have.
meetings as (
  select greatest(a.first_invoice_id, b.first_invoice_id) as low, least(a.last_invoice_id, b.last_invoice_id) as high
  from runs as a join runs as b on a.n < b.n
),
-- One range around them all (a few invoices; the rows in it are grouped, each exactly).
scope as materialized (
  select (select count(*) from run_starts) <= 64 as in_key_order,
    (select min(low) from meetings where low <= high) as low,
    (select max(high) from meetings where low <= high) as high
),
-- Materialised: duplicate_rows reads it twice, and it is small, unless the range is wide (a file
-- stacked twice: then every row of the range is copied once, and most of them are duplicates).
near as materialized (
  select rid, {'invoice_id': invoice_id, 'line_id': line_id} as key, null as rule, rid as line, line_id as value
  from keyed cross join scope
  where scope.in_key_order and invoice_id between scope.low and scope.high
),
everywhere as not materialized (
  select rid, {'invoice_id': invoice_id, 'line_id': line_id} as key, null as rule, rid as line, line_id as value  -- the rank: line order
  from keyed cross join scope
  where not scope.in_key_order
),
duplicates as (
  select rid, reject_of('line_id', value, 'duplicate (invoice_id, line_id) (first on line ' || line_of_invoice_lines(first_line) || ')') as rule
  from (select * from duplicate_rows('near') union all select * from duplicate_rows('everywhere'))
),
params as (
  select currency as reporting_currency, has_products from ingest_params
),
-- A reference depends on the product, the currency and, for a foreign currency, the month only:
-- checked once per such combination of the valid lines (a handful), then the lines of the broken
-- ones (usually none) are looked up, instead of joining every one of millions of lines.
-- The lines are grouped on their columns as stored (per day: a few thousand groups), the month
-- worked out per group rather than per line.
combination_days as materialized (
  select product_id, currency, invoiced_on,
    -- the month is needed only for lines in a foreign currency: the others need no rate
    case when currency <> (select reporting_currency from params) then date_trunc('month', invoiced_on) end as month_start
  from (
    select product_id, currency, invoiced_on
    from chk_invoice_lines
    where rule is null
    group by all
  )
),
combinations as (
  select product_id, currency, month_start
  from combination_days
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
-- The days of the broken combinations: the lines are looked up by their day as stored, so that the
-- join hands the scan of the millions of lines its few days, and the scan skips every row group
-- dated elsewhere (a billing export is written in date order: in the benchmark's, 0.25M rows are read
-- instead of 10M; in another order every row is read, as before).
broken_days as (
  select days.product_id, days.currency, days.invoiced_on, broken.broken
  from combination_days as days
  join (select * from combinations_broken where broken is not null) as broken
    on broken.product_id = days.product_id and broken.currency = days.currency
   and broken.month_start is not distinct from days.month_start
),
references_broken as (
  select lines.rowid as rid,
    case broken
      when 'product'
        then reject_of('product_id', coalesce(lines.product_id_raw, lines.product_id), 'unknown product (not in products)')
      else reject_of('currency', coalesce(lines.currency_raw, lines.currency), 'no fx rate for ' || lines.currency || ' in ' || strftime(lines.invoiced_on, '%Y-%m'))
    end as rule
  from chk_invoice_lines as lines
  join broken_days as broken
    on broken.product_id = lines.product_id and broken.currency = lines.currency and broken.invoiced_on = lines.invoiced_on
  where lines.rule is null
)
-- as text, like chk_invoice_lines.rule, which it goes into
select rid, rule_as_text(rule) as rule from first_broken('duplicates', 'references_broken')
