-- products.csv → stg_products. Rules, first broken one reported:
-- empty product_id; a control character in product_id; core not a boolean; duplicate product_id (later line rejected).
-- An empty product_name falls back to the id; an empty or absent core means true.
-- When the file is absent this yields no rows and products_catalog.sql fills the catalog.
CREATE OR REPLACE TABLE chk_products AS
WITH source AS (
  SELECT * FROM in_products
),
typed AS (
  SELECT
    source_line,
    product_id AS product_id_raw,
    core AS core_raw,
    blank_id_to_null(product_id, getvariable('unusual_text_products')) AS product_id,
    coalesce(blank_to_null(product_name), blank_id_to_null(product_id, getvariable('unusual_text_products'))) AS product_name,
    blank_to_null(product_family) AS product_family,
    CASE WHEN blank_to_null(core) IS NULL THEN true ELSE parse_bool(core) END AS is_core
  FROM source
),
row_rules AS (
  SELECT *,
    CASE
      WHEN product_id IS NULL THEN reject_of('product_id', product_id_raw, 'empty required field')
      WHEN id_has_control(product_id, getvariable('unusual_text_products')) THEN reject_of('product_id', product_id_raw, id_control_reason(product_id))
      WHEN is_core IS NULL THEN reject_of('core', core_raw, 'not a boolean (expected true/false, 1/0, yes/no)')
    END AS row_rule
  FROM typed
),
-- a key seen on several valid rows: every row after the first one is a duplicate
first_rows AS (
  SELECT product_id, min(source_line) AS first_line
  FROM row_rules
  WHERE row_rule IS NULL
  GROUP BY ALL
  HAVING count(*) > 1
),
key_rules AS (
  SELECT row_rules.*,
    coalesce(row_rule, CASE
      WHEN source_line > first_rows.first_line
        THEN reject_of('product_id', product_id_raw, 'duplicate product_id (first on line ' || first_rows.first_line || ')')
    END) AS rule
  FROM row_rules
  LEFT JOIN first_rows ON first_rows.product_id = row_rules.product_id
)
SELECT * EXCLUDE (row_rule) FROM key_rules;

CREATE OR REPLACE TABLE stg_products AS
SELECT product_id, product_name, product_family, is_core, source_line
FROM chk_products
WHERE rule IS NULL
ORDER BY source_line;

INSERT INTO ingest_rejects (export, canonical_line, "column", value, reason)
SELECT 'products', source_line, rule['column'], rule['value'], rule['reason']
FROM chk_products
WHERE rule IS NOT NULL;
