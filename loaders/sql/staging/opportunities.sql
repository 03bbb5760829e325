-- opportunities.csv → stg_opportunities. Rules, first broken one reported:
-- empty opportunity_id / account_id / type / stage / created_date; a control character in an id; created_date, close_date not dates or out of range;
-- amount not a decimal; unknown type or stage; close_date empty when won or lost;
-- duplicate opportunity_id (later line rejected); unknown product when a catalog was given;
-- unknown account; no fx rate for a foreign-currency amount (month of the close date, else of the
-- created date); close_date before created_date.
-- type and stage are read case-insensitively; empty currency → the reporting currency.
CREATE OR REPLACE TABLE chk_opportunities AS
WITH source AS (
  SELECT * FROM in_opportunities
),
params AS (
  SELECT currency AS reporting_currency, has_products FROM ingest_params
),
typed AS (
  SELECT
    source.source_line,
    source.opportunity_id AS opportunity_id_raw,
    source.account_id AS account_id_raw,
    source.product_id AS product_id_raw,
    source.type AS type_raw,
    source.stage AS stage_raw,
    source.amount AS amount_raw,
    source.created_date AS created_date_raw,
    source.close_date AS close_date_raw,
    source.currency AS currency_raw,
    blank_id_to_null(source.opportunity_id, getvariable('unusual_text_opportunities')) AS opportunity_id,
    blank_id_to_null(source.account_id, getvariable('unusual_text_opportunities')) AS account_id,
    blank_id_to_null(source.product_id, getvariable('unusual_text_opportunities')) AS product_id,
    lower(blank_to_null(source.type)) AS type,
    lower(blank_to_null(source.stage)) AS stage,
    parse_amount(source.amount) AS amount,
    parse_date(source.created_date) AS created_on,
    parse_date(source.close_date) AS closed_on,
    blank_to_null(source.owner) AS owner,
    blank_to_null(source.buying_center) AS buying_center,
    blank_to_null(source.source) AS source,
    coalesce(upper(blank_to_null(source.currency)), params.reporting_currency) AS currency,
    params.reporting_currency,
    params.has_products
  FROM source, params
),
row_rules AS (
  SELECT *,
    CASE
      WHEN opportunity_id IS NULL THEN reject_of('opportunity_id', opportunity_id_raw, 'empty required field')
      WHEN account_id IS NULL THEN reject_of('account_id', account_id_raw, 'empty required field')
      WHEN type IS NULL THEN reject_of('type', type_raw, 'empty required field')
      WHEN stage IS NULL THEN reject_of('stage', stage_raw, 'empty required field')
      WHEN blank_to_null(created_date_raw) IS NULL THEN reject_of('created_date', created_date_raw, 'empty required field')
      WHEN id_has_control(opportunity_id, getvariable('unusual_text_opportunities')) THEN reject_of('opportunity_id', opportunity_id_raw, id_control_reason(opportunity_id))
      WHEN id_has_control(account_id, getvariable('unusual_text_opportunities')) THEN reject_of('account_id', account_id_raw, id_control_reason(account_id))
      WHEN id_has_control(product_id, getvariable('unusual_text_opportunities')) THEN reject_of('product_id', product_id_raw, id_control_reason(product_id))
      WHEN created_on IS NULL THEN reject_of('created_date', created_date_raw, 'not a date (expected YYYY-MM-DD)')
      WHEN NOT date_in_range(created_on) THEN reject_of('created_date', created_date_raw, date_out_of_range_reason())
      WHEN blank_to_null(close_date_raw) IS NOT NULL AND closed_on IS NULL
        THEN reject_of('close_date', close_date_raw, 'not a date (expected YYYY-MM-DD)')
      WHEN NOT date_in_range(closed_on) THEN reject_of('close_date', close_date_raw, date_out_of_range_reason())
      WHEN blank_to_null(amount_raw) IS NOT NULL AND amount IS NULL
        THEN reject_of('amount', amount_raw, amount_reason(amount_raw))
      WHEN type NOT IN ('new_business', 'cross_sell', 'upsell', 'renewal', 'other')
        THEN reject_of('type', type_raw, 'unknown type (expected new_business, cross_sell, upsell, renewal or other)')
      WHEN stage NOT IN ('open', 'won', 'lost')
        THEN reject_of('stage', stage_raw, 'unknown stage (expected open, won or lost)')
      WHEN stage IN ('won', 'lost') AND closed_on IS NULL
        THEN reject_of('close_date', close_date_raw, 'empty close_date for a ' || stage || ' opportunity')
    END AS row_rule
  FROM typed
),
-- a key seen on several valid rows: every row after the first one is a duplicate
first_rows AS (
  SELECT opportunity_id, min(source_line) AS first_line
  FROM row_rules
  WHERE row_rule IS NULL
  GROUP BY ALL
  HAVING count(*) > 1
),
key_rules AS (
  SELECT row_rules.*,
    coalesce(row_rule, CASE
      WHEN source_line > first_rows.first_line
        THEN reject_of('opportunity_id', opportunity_id_raw, 'duplicate opportunity_id (first on line ' || first_rows.first_line || ')')
    END) AS key_rule
  FROM row_rules
  LEFT JOIN first_rows ON first_rows.opportunity_id = row_rules.opportunity_id
),
reference_rules AS (
  SELECT key_rules.* EXCLUDE (row_rule, key_rule),
    coalesce(key_rule, CASE
      WHEN has_products AND key_rules.product_id IS NOT NULL AND products.product_id IS NULL
        THEN reject_of('product_id', product_id_raw, 'unknown product (not in products)')
      WHEN accounts.account_id IS NULL
        THEN reject_of('account_id', account_id_raw, 'unknown account (not in accounts)')
      WHEN key_rules.amount IS NOT NULL AND key_rules.currency <> reporting_currency
       AND monthly.rate IS NULL AND standing.rate IS NULL
        THEN reject_of('currency', currency_raw, 'no fx rate for ' || key_rules.currency || ' in '
          || strftime(coalesce(key_rules.closed_on, key_rules.created_on), '%Y-%m'))
      WHEN key_rules.closed_on < key_rules.created_on
        THEN reject_of('close_date', close_date_raw, 'close_date before created_date (' || strftime(key_rules.created_on, '%Y-%m-%d') || ')')
    END) AS rule
  FROM key_rules
  LEFT JOIN (SELECT product_id FROM stg_products) AS products
    ON products.product_id = key_rules.product_id
  LEFT JOIN (SELECT account_id FROM stg_accounts) AS accounts
    ON accounts.account_id = key_rules.account_id
  LEFT JOIN (SELECT currency, month, rate FROM stg_fx_rates) AS monthly
    ON monthly.currency = key_rules.currency
   AND monthly.month = strftime(coalesce(key_rules.closed_on, key_rules.created_on), '%Y-%m')
  LEFT JOIN (SELECT currency, month, rate FROM stg_fx_rates) AS standing
    ON standing.currency = key_rules.currency AND standing.month IS NULL
)
SELECT * FROM reference_rules;

CREATE OR REPLACE TABLE stg_opportunities AS
SELECT opportunity_id, account_id, product_id, type, stage, amount, created_on, closed_on,
       owner, buying_center, source, currency, source_line
FROM chk_opportunities
WHERE rule IS NULL
ORDER BY source_line;

INSERT INTO ingest_rejects (export, canonical_line, "column", value, reason)
SELECT 'opportunities', source_line, rule['column'], rule['value'], rule['reason']
FROM chk_opportunities
WHERE rule IS NOT NULL;
