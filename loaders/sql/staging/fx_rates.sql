-- fx_rates.csv → stg_fx_rates. Rules, first broken one reported:
-- empty currency / rate; rate not a positive number; month not YYYY-MM or out of range;
-- duplicate (currency, month) (the later line is rejected: two rates for one month would be ambiguous).
-- rate = reporting-currency units per one unit of currency.
CREATE OR REPLACE TABLE chk_fx_rates AS
WITH source AS (
  SELECT * FROM in_fx_rates
),
typed AS (
  SELECT
    source_line,
    currency AS currency_raw,
    rate AS rate_raw,
    month AS month_raw,
    upper(blank_to_null(currency)) AS currency,
    CASE WHEN regexp_full_match(trim(rate), '[+-]?(\d+(\.\d*)?|\.\d+)') THEN try_cast(trim(rate) AS DECIMAL(18, 8)) END AS rate,
    blank_to_null(month) AS month
  FROM source
),
row_rules AS (
  SELECT *,
    CASE
      WHEN currency IS NULL THEN reject_of('currency', currency_raw, 'empty required field')
      WHEN blank_to_null(rate_raw) IS NULL THEN reject_of('rate', rate_raw, 'empty required field')
      WHEN rate IS NULL OR rate <= 0 THEN reject_of('rate', rate_raw, 'rate not a positive number')
      WHEN month IS NOT NULL AND NOT regexp_full_match(month, '\d{4}-(0[1-9]|1[0-2])')
        THEN reject_of('month', month_raw, 'month not YYYY-MM')
      -- the shape is checked above, so the text compares as the month it names
      WHEN month IS NOT NULL AND NOT (month BETWEEN '1900-01' AND '2100-12')
        THEN reject_of('month', month_raw, 'out of range (expected a month from 1900-01 to 2100-12)')
    END AS row_rule
  FROM typed
),
-- a key seen on several valid rows: every row after the first one is a duplicate
first_rows AS (
  SELECT currency, month, min(source_line) AS first_line
  FROM row_rules
  WHERE row_rule IS NULL
  GROUP BY ALL
  HAVING count(*) > 1
),
key_rules AS (
  SELECT row_rules.*,
    coalesce(row_rule, CASE
      WHEN source_line > first_rows.first_line
        THEN reject_of('currency', currency_raw, 'duplicate rate for this currency and month (first on line ' || first_rows.first_line || ')')
    END) AS rule
  FROM row_rules
  LEFT JOIN first_rows ON first_rows.currency = row_rules.currency AND first_rows.month IS NOT DISTINCT FROM row_rules.month
)
SELECT * EXCLUDE (row_rule) FROM key_rules;

CREATE OR REPLACE TABLE stg_fx_rates AS
SELECT currency, month, rate, source_line
FROM chk_fx_rates
WHERE rule IS NULL
ORDER BY source_line;

INSERT INTO ingest_rejects (export, canonical_line, "column", value, reason)
SELECT 'fx_rates', source_line, rule['column'], rule['value'], rule['reason']
FROM chk_fx_rates
WHERE rule IS NOT NULL;
