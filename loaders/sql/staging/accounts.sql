-- accounts.csv → stg_accounts. Rules, first broken one reported:
-- empty account_id / account_name; a control character in account_id; in_target_profile not a boolean; created_date not a date or out of range;
-- duplicate account_id (the later line is rejected). Empty segment → 'Unknown'.
CREATE OR REPLACE TABLE chk_accounts AS
WITH source AS (
  SELECT * FROM in_accounts
),
typed AS (
  SELECT
    source_line,
    account_id AS account_id_raw,
    account_name AS account_name_raw,
    in_target_profile AS in_target_profile_raw,
    created_date AS created_date_raw,
    blank_id_to_null(account_id, getvariable('unusual_text_accounts')) AS account_id,
    blank_to_null(account_name) AS account_name,
    coalesce(blank_to_null(segment), 'Unknown') AS segment,
    blank_to_null(region) AS region,
    blank_to_null(industry) AS industry,
    blank_to_null(owner) AS owner,
    parse_bool(in_target_profile) AS in_target_profile,
    parse_date(created_date) AS created_on
  FROM source
),
row_rules AS (
  SELECT *,
    CASE
      WHEN account_id IS NULL THEN reject_of('account_id', account_id_raw, 'empty required field')
      WHEN id_has_control(account_id, getvariable('unusual_text_accounts')) THEN reject_of('account_id', account_id_raw, id_control_reason(account_id))
      WHEN account_name IS NULL THEN reject_of('account_name', account_name_raw, 'empty required field')
      WHEN blank_to_null(in_target_profile_raw) IS NOT NULL AND in_target_profile IS NULL
        THEN reject_of('in_target_profile', in_target_profile_raw, 'not a boolean (expected true/false, 1/0, yes/no)')
      WHEN blank_to_null(created_date_raw) IS NOT NULL AND created_on IS NULL
        THEN reject_of('created_date', created_date_raw, 'not a date (expected YYYY-MM-DD)')
      WHEN NOT date_in_range(created_on) THEN reject_of('created_date', created_date_raw, date_out_of_range_reason())
    END AS row_rule
  FROM typed
),
-- a key seen on several valid rows: every row after the first one is a duplicate
first_rows AS (
  SELECT account_id, min(source_line) AS first_line
  FROM row_rules
  WHERE row_rule IS NULL
  GROUP BY ALL
  HAVING count(*) > 1
),
key_rules AS (
  SELECT row_rules.*,
    coalesce(row_rule, CASE
      WHEN source_line > first_rows.first_line
        THEN reject_of('account_id', account_id_raw, 'duplicate account_id (first on line ' || first_rows.first_line || ')')
    END) AS rule
  FROM row_rules
  LEFT JOIN first_rows ON first_rows.account_id = row_rules.account_id
)
SELECT * EXCLUDE (row_rule) FROM key_rules;

CREATE OR REPLACE TABLE stg_accounts AS
SELECT account_id, account_name, segment, region, industry, owner, in_target_profile, created_on, source_line
FROM chk_accounts
WHERE rule IS NULL
ORDER BY source_line;

INSERT INTO ingest_rejects (export, canonical_line, "column", value, reason)
SELECT 'accounts', source_line, rule['column'], rule['value'], rule['reason']
FROM chk_accounts
WHERE rule IS NOT NULL;
