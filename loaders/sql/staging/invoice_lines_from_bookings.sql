-- Bookings mode (no billing export, or --mode bookings): revenue lines are the won deals.
-- One line per won opportunity, invoice_id = opportunity_id, customer_id = account_id,
-- dated on its close date, for its amount, currency and product. A won deal without a
-- product or an amount cannot be a revenue line of a product and is left out (counted in
-- the manifest through stg_opportunities, not rejected: the opportunity itself is valid).
CREATE OR REPLACE TABLE stg_invoice_lines AS
WITH won AS (
  SELECT * FROM stg_opportunities WHERE stage = 'won'
)
SELECT
  opportunity_id AS invoice_id,
  CAST(NULL AS VARCHAR) AS line_id,
  account_id AS customer_id,
  product_id,
  closed_on AS invoiced_on,
  amount,
  currency,
  source_line
FROM won
WHERE product_id IS NOT NULL AND amount IS NOT NULL
ORDER BY source_line;
