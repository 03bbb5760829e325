-- The rejected rows of chk_invoice_lines (invoice_lines.sql) into ingest_rejects, each at its
-- physical line (lines_of_invoice_lines maps a row's rowid to it), its reason spelled out.
INSERT INTO ingest_rejects (export, canonical_line, "column", value, reason)
WITH rejected AS (
  SELECT rowid AS rid, * FROM chk_invoice_lines WHERE rule_code IS NOT NULL
),
placed AS (
  SELECT rejected.*, here.source_line, first.source_line AS first_line
  FROM rejected
  JOIN lines_of_invoice_lines AS here ON here.rid = rejected.rid
  LEFT JOIN late_invoice_lines AS late ON late.rid = rejected.rid
  LEFT JOIN lines_of_invoice_lines AS first ON first.rid = late.first_rid
)
SELECT
  'invoice_lines',
  source_line,
  CASE rule_code
    WHEN 1 THEN 'invoice_id' WHEN 2 THEN 'customer_id' WHEN 3 THEN 'product_id'
    WHEN 4 THEN 'invoice_date' WHEN 5 THEN 'amount' WHEN 6 THEN 'invoice_date' WHEN 7 THEN 'amount'
    WHEN 8 THEN 'line_id' WHEN 9 THEN 'product_id' WHEN 10 THEN 'currency' WHEN 11 THEN 'invoice_date'
    WHEN 20 THEN CASE WHEN id_has_control(invoice_id, true) THEN 'invoice_id' WHEN id_has_control(line_id, true) THEN 'line_id'
                      WHEN id_has_control(customer_id, true) THEN 'customer_id' ELSE 'product_id' END
  END,
  coalesce(CASE
    WHEN rule_code <= 7 OR rule_code IN (11, 20) THEN rule_value
    WHEN rule_code = 8 THEN line_id
    WHEN rule_code = 9 THEN coalesce(product_id_raw, product_id)
    WHEN rule_code = 10 THEN coalesce(currency_raw, currency)
  END, ''),
  CASE
    WHEN rule_code <= 5 THEN 'empty required field'
    WHEN rule_code = 6 THEN 'not a date (expected YYYY-MM-DD)'
    WHEN rule_code = 7 THEN amount_reason(rule_value)
    WHEN rule_code = 8 THEN 'duplicate (invoice_id, line_id) (first on line ' || first_line || ')'
    WHEN rule_code = 9 THEN 'unknown product (not in products)'
    WHEN rule_code = 10 THEN 'no fx rate for ' || currency || ' in ' || strftime(invoiced_on, '%Y-%m')
    WHEN rule_code = 11 THEN date_out_of_range_reason()
    WHEN rule_code = 20 THEN id_control_reason(coalesce(
      CASE WHEN id_has_control(invoice_id, true) THEN invoice_id END, CASE WHEN id_has_control(line_id, true) THEN line_id END,
      CASE WHEN id_has_control(customer_id, true) THEN customer_id END, product_id))
  END
FROM placed;
