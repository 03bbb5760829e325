-- The rows of chk_products breaking a rule beyond the row (rid = their rowid there):
-- a duplicate product_id (the later line is rejected).
with checked as not materialized (
  select rowid as rid, product_id as key, rule, source_line as line, product_id_raw as value from chk_products
)
select rid, reject_of('product_id', value, 'duplicate product_id (first on line ' || first_line || ')') as rule
from duplicate_rows('checked')
