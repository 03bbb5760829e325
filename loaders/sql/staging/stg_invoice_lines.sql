-- The revenue lines. Billing mode: the valid rows of chk_invoice_lines at their line. A view
-- (loaders/pipeline/ingest/staging.ts), so that millions of rows are not copied again; it keeps the
-- file order of chk_invoice_lines.
-- Bookings mode (no billing export, or --mode bookings): the won deals, one line per won
-- opportunity, invoice_id = opportunity_id, customer_id = account_id, dated on its close date,
-- for its amount, currency and product. A won deal without a product or an amount cannot be a
-- revenue line of a product and is left out (counted in the manifest through stg_opportunities,
-- not rejected: the opportunity itself is valid). getvariable is a constant to the planner: the
-- branch of the other mode costs nothing.
with billed as (
  select invoice_id, line_id, customer_id, product_id, invoiced_on, amount, currency, line_of_invoice_lines(rowid) as source_line
  from chk_invoice_lines
  where rule is null and not getvariable('revenue_from_bookings')
),
won as (
  select
    opportunity_id as invoice_id,
    cast(null as varchar) as line_id,
    account_id as customer_id,
    product_id,
    closed_on as invoiced_on,
    amount,
    currency,
    source_line
  from stg_opportunities
  where stage = 'won' and product_id is not null and amount is not null and getvariable('revenue_from_bookings')
)
select * from billed
union all
select * from won
