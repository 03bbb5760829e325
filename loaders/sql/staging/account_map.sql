-- account_map.csv → stg_account_map. Rules, first broken one reported:
-- empty customer_id / account_id; a control character in either; duplicate customer_id (later line rejected); unknown account.
CREATE OR REPLACE TABLE chk_account_map AS
WITH source AS (
  SELECT * FROM in_account_map
),
typed AS (
  SELECT
    source_line,
    customer_id AS customer_id_raw,
    account_id AS account_id_raw,
    blank_id_to_null(customer_id, getvariable('unusual_text_account_map')) AS customer_id,
    blank_id_to_null(account_id, getvariable('unusual_text_account_map')) AS account_id
  FROM source
),
row_rules AS (
  SELECT *,
    CASE
      WHEN customer_id IS NULL THEN reject_of('customer_id', customer_id_raw, 'empty required field')
      WHEN account_id IS NULL THEN reject_of('account_id', account_id_raw, 'empty required field')
      WHEN id_has_control(customer_id, getvariable('unusual_text_account_map')) THEN reject_of('customer_id', customer_id_raw, id_control_reason(customer_id))
      WHEN id_has_control(account_id, getvariable('unusual_text_account_map')) THEN reject_of('account_id', account_id_raw, id_control_reason(account_id))
    END AS row_rule
  FROM typed
),
-- a key seen on several valid rows: every row after the first one is a duplicate
first_rows AS (
  SELECT customer_id, min(source_line) AS first_line
  FROM row_rules
  WHERE row_rule IS NULL
  GROUP BY ALL
  HAVING count(*) > 1
),
key_rules AS (
  SELECT row_rules.*,
    coalesce(row_rule, CASE
      WHEN source_line > first_rows.first_line
        THEN reject_of('customer_id', customer_id_raw, 'duplicate customer_id (first on line ' || first_rows.first_line || ')')
    END) AS key_rule
  FROM row_rules
  LEFT JOIN first_rows ON first_rows.customer_id = row_rules.customer_id
),
reference_rules AS (
  SELECT key_rules.* EXCLUDE (row_rule, key_rule),
    coalesce(key_rule, CASE
      WHEN accounts.account_id IS NULL THEN reject_of('account_id', account_id_raw, 'unknown account (not in accounts)')
    END) AS rule
  FROM key_rules
  LEFT JOIN (SELECT account_id FROM stg_accounts) AS accounts
    ON accounts.account_id = key_rules.account_id
)
SELECT * FROM reference_rules;

CREATE OR REPLACE TABLE stg_account_map AS
SELECT customer_id, account_id, source_line
FROM chk_account_map
WHERE rule IS NULL
ORDER BY source_line;

INSERT INTO ingest_rejects (export, canonical_line, "column", value, reason)
SELECT 'account_map', source_line, rule['column'], rule['value'], rule['reason']
FROM chk_account_map
WHERE rule IS NOT NULL;
