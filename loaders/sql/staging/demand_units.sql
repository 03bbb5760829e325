-- demand_units.csv → stg_demand_units. Rules, first broken one reported:
-- empty account_id / product_id / score; a control character in an id; a score not an integer 0-3; assessed_date not a date or out of range;
-- unknown account; unknown product when a catalog was given.
CREATE OR REPLACE TABLE chk_demand_units AS
WITH source AS (
  SELECT * FROM in_demand_units
),
params AS (
  SELECT has_products FROM ingest_params
),
typed AS (
  SELECT
    source.source_line,
    source.account_id AS account_id_raw,
    source.product_id AS product_id_raw,
    source.need AS need_raw,
    source.fit AS fit_raw,
    source.urgency AS urgency_raw,
    source.relationship AS relationship_raw,
    source.data AS data_raw,
    source.resources AS resources_raw,
    source.assessed_date AS assessed_date_raw,
    blank_id_to_null(source.account_id, getvariable('unusual_text_demand_units')) AS account_id,
    blank_to_null(source.buying_center) AS buying_center,
    blank_id_to_null(source.product_id, getvariable('unusual_text_demand_units')) AS product_id,
    parse_score(source.need) AS need,
    parse_score(source.fit) AS fit,
    parse_score(source.urgency) AS urgency,
    parse_score(source.relationship) AS relationship,
    parse_score(source.data) AS data,
    parse_score(source.resources) AS resources,
    parse_date(source.assessed_date) AS assessed_on,
    params.has_products
  FROM source, params
),
row_rules AS (
  SELECT *,
    CASE
      WHEN account_id IS NULL THEN reject_of('account_id', account_id_raw, 'empty required field')
      WHEN product_id IS NULL THEN reject_of('product_id', product_id_raw, 'empty required field')
      WHEN id_has_control(account_id, getvariable('unusual_text_demand_units')) THEN reject_of('account_id', account_id_raw, id_control_reason(account_id))
      WHEN id_has_control(product_id, getvariable('unusual_text_demand_units')) THEN reject_of('product_id', product_id_raw, id_control_reason(product_id))
      WHEN blank_to_null(need_raw) IS NULL THEN reject_of('need', need_raw, 'empty required field')
      WHEN blank_to_null(fit_raw) IS NULL THEN reject_of('fit', fit_raw, 'empty required field')
      WHEN blank_to_null(urgency_raw) IS NULL THEN reject_of('urgency', urgency_raw, 'empty required field')
      WHEN blank_to_null(relationship_raw) IS NULL THEN reject_of('relationship', relationship_raw, 'empty required field')
      WHEN blank_to_null(data_raw) IS NULL THEN reject_of('data', data_raw, 'empty required field')
      WHEN blank_to_null(resources_raw) IS NULL THEN reject_of('resources', resources_raw, 'empty required field')
      WHEN need IS NULL THEN reject_of('need', need_raw, 'score not an integer 0-3')
      WHEN fit IS NULL THEN reject_of('fit', fit_raw, 'score not an integer 0-3')
      WHEN urgency IS NULL THEN reject_of('urgency', urgency_raw, 'score not an integer 0-3')
      WHEN relationship IS NULL THEN reject_of('relationship', relationship_raw, 'score not an integer 0-3')
      WHEN data IS NULL THEN reject_of('data', data_raw, 'score not an integer 0-3')
      WHEN resources IS NULL THEN reject_of('resources', resources_raw, 'score not an integer 0-3')
      WHEN blank_to_null(assessed_date_raw) IS NOT NULL AND assessed_on IS NULL
        THEN reject_of('assessed_date', assessed_date_raw, 'not a date (expected YYYY-MM-DD)')
      WHEN NOT date_in_range(assessed_on) THEN reject_of('assessed_date', assessed_date_raw, date_out_of_range_reason())
    END AS row_rule
  FROM typed
),
reference_rules AS (
  SELECT row_rules.* EXCLUDE (row_rule),
    coalesce(row_rule, CASE
      WHEN accounts.account_id IS NULL THEN reject_of('account_id', account_id_raw, 'unknown account (not in accounts)')
      WHEN has_products AND products.product_id IS NULL
        THEN reject_of('product_id', product_id_raw, 'unknown product (not in products)')
    END) AS rule
  FROM row_rules
  LEFT JOIN (SELECT account_id FROM stg_accounts) AS accounts
    ON accounts.account_id = row_rules.account_id
  LEFT JOIN (SELECT product_id FROM stg_products) AS products
    ON products.product_id = row_rules.product_id
)
SELECT * FROM reference_rules;

CREATE OR REPLACE TABLE stg_demand_units AS
SELECT account_id, buying_center, product_id, need, fit, urgency, relationship, data, resources, assessed_on, source_line
FROM chk_demand_units
WHERE rule IS NULL
ORDER BY source_line;

INSERT INTO ingest_rejects (export, canonical_line, "column", value, reason)
SELECT 'demand_units', source_line, rule['column'], rule['value'], rule['reason']
FROM chk_demand_units
WHERE rule IS NOT NULL;
