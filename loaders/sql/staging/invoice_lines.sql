-- invoice_lines.csv → chk_invoice_lines (every parsed record, typed, with the rule it breaks).
-- Rules, first broken one reported:
-- empty invoice_id / customer_id / product_id / invoice_date / amount; invoice_date not a date, or
-- before 1900 / after 2100 (date_in_range);
-- amount not a decimal; a control character in an id; duplicate (invoice_id, line_id) when line_id is given (later line rejected);
-- unknown product when a catalog was given; no fx rate for a foreign currency in the line's month.
-- Empty currency → the reporting currency.
--
-- Billing exports run to millions of lines, so every record is read and typed exactly once:
-- src_invoice_lines lists the records in file order and this pure projection keeps that order,
-- so a row's rowid is its record rank (lines_of_invoice_lines turns it into the line, once the
-- read is complete). A rejected row keeps only a rule code and the raw value to report;
-- invoice_lines_rejects.sql spells out the reasons and stg_invoice_lines is the rows without one.
-- Rule codes: 1-7 and 11 row rules (checked in the order 1-5, 20, 6, 11, 7), 8 duplicate, 9 unknown product,
-- 10 no fx rate, 11 invoice_date out of range,
-- 20 a control character in an id (checked after the empty ones; invoice_lines_rejects.sql names the id).
CREATE OR REPLACE TABLE chk_invoice_lines AS
WITH source AS (
  SELECT * FROM src_invoice_lines
),
-- Each cell trimmed once (a macro repeats its argument wherever it uses it).
cells AS (
  SELECT
    source.invoice_id AS invoice_id_raw,
    source.customer_id AS customer_id_raw,
    source.product_id AS product_id_raw,
    source.invoice_date AS invoice_date_raw,
    source.amount AS amount_raw,
    source.currency AS currency_raw,
    source.line_id AS line_id_raw,
    blank_id_to_null(source.invoice_id, getvariable('unusual_text_invoice_lines')) AS invoice_id,
    blank_id_to_null(source.line_id, getvariable('unusual_text_invoice_lines')) AS line_id,
    blank_id_to_null(source.customer_id, getvariable('unusual_text_invoice_lines')) AS customer_id,
    blank_id_to_null(source.product_id, getvariable('unusual_text_invoice_lines')) AS product_id,
    blank_to_null(source.invoice_date) AS invoice_date_text,
    blank_to_null(source.amount) AS amount_text,
    blank_to_null(source.currency) AS currency_text,
    source.newlines
  FROM source
),
typed AS (
  SELECT *,
    parse_trimmed_date(invoice_date_text) AS invoiced_on,
    parse_trimmed_amount(amount_text) AS amount,
    -- a constant rather than a join with ingest_params: nothing may disturb the file order
    coalesce(upper(currency_text), getvariable('reporting_currency')) AS currency
  FROM cells
),
row_rules AS (
  SELECT *,
    CASE
      WHEN invoice_id IS NULL THEN 1
      WHEN customer_id IS NULL THEN 2
      WHEN product_id IS NULL THEN 3
      WHEN invoice_date_text IS NULL THEN 4
      WHEN amount_text IS NULL THEN 5
      -- one expression over the four ids; a quoted field may hold a line end even in a file without unusual bytes
      WHEN id_has_control(concat(invoice_id, line_id, customer_id, product_id), getvariable('unusual_text_invoice_lines') OR newlines IS NOT NULL) THEN 20
      WHEN invoiced_on IS NULL THEN 6
      WHEN NOT date_in_range(invoiced_on) THEN 11
      WHEN amount IS NULL THEN 7
    END::UTINYINT AS rule_code
  FROM typed
)
SELECT
  invoice_id, line_id, customer_id, product_id, invoiced_on, amount, currency,
  rule_code,
  CASE rule_code
    WHEN 1 THEN invoice_id_raw WHEN 2 THEN customer_id_raw WHEN 3 THEN product_id_raw
    WHEN 4 THEN invoice_date_raw WHEN 5 THEN amount_raw WHEN 6 THEN invoice_date_raw WHEN 7 THEN amount_raw
    WHEN 11 THEN invoice_date_raw
    WHEN 20 THEN CASE
      WHEN id_has_control(invoice_id, true) THEN invoice_id_raw WHEN id_has_control(line_id, true) THEN line_id_raw
      WHEN id_has_control(customer_id, true) THEN customer_id_raw ELSE product_id_raw END
  END AS rule_value,
  -- the raw product and currency, kept only where they differ from the typed ones (rarely),
  -- for the value of an unknown-product or missing-rate reject
  CASE WHEN product_id_raw IS DISTINCT FROM product_id THEN product_id_raw END AS product_id_raw,
  CASE WHEN currency_raw IS DISTINCT FROM currency THEN currency_raw END AS currency_raw,
  newlines
FROM row_rules;

-- Rules that look beyond the row, over the rows that passed the row rules (order no longer matters).
-- A key seen on several valid rows: every row after the first one is a duplicate. Grouping millions
-- of string pairs is costly, so candidates are found on a 64-bit hash of the key first, then
-- confirmed on the key itself. Rank order is line order, so the first row is the lowest rowid.
CREATE OR REPLACE TEMP TABLE late_invoice_lines AS
WITH params AS (
  SELECT currency AS reporting_currency, has_products FROM ingest_params
),
candidate_keys AS (
  SELECT hash(invoice_id, line_id) AS key_hash
  FROM chk_invoice_lines
  WHERE rule_code IS NULL AND line_id IS NOT NULL
  GROUP BY ALL
  HAVING count(*) > 1
),
first_rows AS (
  SELECT invoice_id, line_id, min(rowid) AS first_rid
  FROM chk_invoice_lines
  SEMI JOIN candidate_keys ON candidate_keys.key_hash = hash(chk_invoice_lines.invoice_id, chk_invoice_lines.line_id)
  WHERE rule_code IS NULL AND line_id IS NOT NULL
  GROUP BY ALL
  HAVING count(*) > 1
),
duplicates AS (
  SELECT lines.rowid AS rid, 8::UTINYINT AS rule_code, first_rows.first_rid
  FROM chk_invoice_lines AS lines
  JOIN first_rows ON first_rows.invoice_id = lines.invoice_id AND first_rows.line_id = lines.line_id
  WHERE lines.rule_code IS NULL AND lines.rowid > first_rows.first_rid
),
reference_rules AS (
  SELECT lines.rowid AS rid,
    CASE
      WHEN has_products AND products.product_id IS NULL THEN 9
      WHEN lines.currency <> reporting_currency AND monthly.rate IS NULL AND standing.rate IS NULL THEN 10
    END::UTINYINT AS rule_code,
    NULL::BIGINT AS first_rid
  FROM chk_invoice_lines AS lines
  CROSS JOIN params
  LEFT JOIN (SELECT product_id FROM stg_products) AS products
    ON products.product_id = lines.product_id
  -- the month is formatted only for lines in a foreign currency: the others need no rate
  LEFT JOIN (SELECT currency, month, rate FROM stg_fx_rates) AS monthly
    ON monthly.currency = lines.currency
   AND monthly.month = CASE WHEN lines.currency <> reporting_currency THEN strftime(lines.invoiced_on, '%Y-%m') END
  LEFT JOIN (SELECT currency, month, rate FROM stg_fx_rates) AS standing
    ON standing.currency = lines.currency AND standing.month IS NULL
  WHERE lines.rule_code IS NULL
)
SELECT rid, rule_code, first_rid FROM duplicates
UNION ALL
SELECT rid, rule_code, first_rid FROM reference_rules
WHERE rule_code IS NOT NULL AND rid NOT IN (SELECT rid FROM duplicates);

UPDATE chk_invoice_lines SET rule_code = late.rule_code
FROM late_invoice_lines AS late
WHERE chk_invoice_lines.rowid = late.rid;
