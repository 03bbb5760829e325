-- Without products.csv the catalog is every product_id seen in billing and opportunities,
-- named by its id, all core (data-contract.md). No-op when a catalog was given.
INSERT INTO stg_products
WITH seen AS (
  SELECT product_id FROM stg_invoice_lines
  UNION
  SELECT product_id FROM stg_opportunities WHERE product_id IS NOT NULL
)
SELECT product_id, product_id AS product_name, NULL AS product_family, true AS is_core, NULL AS source_line
FROM seen
WHERE NOT (SELECT has_products FROM ingest_params)
ORDER BY product_id;
