-- invoice_lines.csv → stg_invoice_lines. Rules, first broken one reported:
-- empty invoice_id / customer_id / product_id / invoice_date / amount; invoice_date not a date;
-- amount not a decimal; duplicate (invoice_id, line_id) when line_id is given (later line rejected);
-- unknown product when a catalog was given; no fx rate for a foreign currency in the line's month.
-- Empty currency → the reporting currency.
CREATE OR REPLACE TABLE chk_invoice_lines AS
WITH source AS (
  SELECT * FROM in_invoice_lines
),
params AS (
  SELECT currency AS reporting_currency, has_products FROM ingest_params
),
typed AS (
  SELECT
    source.source_line,
    source.invoice_id AS invoice_id_raw,
    source.customer_id AS customer_id_raw,
    source.product_id AS product_id_raw,
    source.invoice_date AS invoice_date_raw,
    source.amount AS amount_raw,
    source.currency AS currency_raw,
    blank_to_null(source.invoice_id) AS invoice_id,
    blank_to_null(source.line_id) AS line_id,
    blank_to_null(source.customer_id) AS customer_id,
    blank_to_null(source.product_id) AS product_id,
    parse_date(source.invoice_date) AS invoiced_on,
    parse_amount(source.amount) AS amount,
    coalesce(upper(blank_to_null(source.currency)), params.reporting_currency) AS currency,
    params.reporting_currency,
    params.has_products
  FROM source, params
),
row_rules AS (
  SELECT *,
    CASE
      WHEN invoice_id IS NULL THEN reject_of('invoice_id', invoice_id_raw, 'empty required field')
      WHEN customer_id IS NULL THEN reject_of('customer_id', customer_id_raw, 'empty required field')
      WHEN product_id IS NULL THEN reject_of('product_id', product_id_raw, 'empty required field')
      WHEN blank_to_null(invoice_date_raw) IS NULL THEN reject_of('invoice_date', invoice_date_raw, 'empty required field')
      WHEN blank_to_null(amount_raw) IS NULL THEN reject_of('amount', amount_raw, 'empty required field')
      WHEN invoiced_on IS NULL THEN reject_of('invoice_date', invoice_date_raw, 'not a date (expected YYYY-MM-DD)')
      WHEN amount IS NULL THEN reject_of('amount', amount_raw, 'not a decimal amount (use . as decimal separator, no thousands separators)')
    END AS row_rule
  FROM typed
),
-- a key seen on several valid rows: every row after the first one is a duplicate.
-- Grouping millions of string pairs is costly, so candidates are found on a 64-bit hash
-- of the key first, then confirmed on the key itself.
candidate_keys AS (
  SELECT hash(invoice_id, line_id) AS key_hash
  FROM row_rules
  WHERE row_rule IS NULL AND line_id IS NOT NULL
  GROUP BY ALL
  HAVING count(*) > 1
),
first_rows AS (
  SELECT invoice_id, line_id, min(source_line) AS first_line
  FROM row_rules
  SEMI JOIN candidate_keys ON candidate_keys.key_hash = hash(row_rules.invoice_id, row_rules.line_id)
  WHERE row_rule IS NULL AND line_id IS NOT NULL
  GROUP BY ALL
  HAVING count(*) > 1
),
key_rules AS (
  SELECT row_rules.*,
    coalesce(row_rule, CASE
      WHEN source_line > first_rows.first_line
        THEN reject_of('line_id', row_rules.line_id, 'duplicate (invoice_id, line_id) (first on line ' || first_rows.first_line || ')')
    END) AS key_rule
  FROM row_rules
  LEFT JOIN first_rows ON first_rows.invoice_id = row_rules.invoice_id AND first_rows.line_id = row_rules.line_id
),
reference_rules AS (
  SELECT key_rules.* EXCLUDE (row_rule, key_rule),
    coalesce(key_rule, CASE
      WHEN has_products AND products.product_id IS NULL
        THEN reject_of('product_id', product_id_raw, 'unknown product (not in products)')
      WHEN key_rules.currency <> reporting_currency AND monthly.rate IS NULL AND standing.rate IS NULL
        THEN reject_of('currency', currency_raw, 'no fx rate for ' || key_rules.currency || ' in ' || strftime(invoiced_on, '%Y-%m'))
    END) AS rule
  FROM key_rules
  LEFT JOIN (SELECT product_id FROM stg_products) AS products
    ON products.product_id = key_rules.product_id
  LEFT JOIN (SELECT currency, month, rate FROM stg_fx_rates) AS monthly
    ON monthly.currency = key_rules.currency AND monthly.month = strftime(key_rules.invoiced_on, '%Y-%m')
  LEFT JOIN (SELECT currency, month, rate FROM stg_fx_rates) AS standing
    ON standing.currency = key_rules.currency AND standing.month IS NULL
)
SELECT source_line, invoice_id, line_id, customer_id, product_id, invoiced_on, amount, currency, rule FROM reference_rules;

CREATE OR REPLACE TABLE stg_invoice_lines AS
SELECT invoice_id, line_id, customer_id, product_id, invoiced_on, amount, currency, source_line
FROM chk_invoice_lines
WHERE rule IS NULL
ORDER BY source_line;

INSERT INTO ingest_rejects (export, canonical_line, "column", value, reason)
SELECT 'invoice_lines', source_line, rule['column'], rule['value'], rule['reason']
FROM chk_invoice_lines
WHERE rule IS NOT NULL;
