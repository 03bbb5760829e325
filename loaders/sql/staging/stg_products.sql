-- The product catalog: the valid rows of products.csv; without that file, every product_id seen
-- in billing and opportunities, named by its id, all core (data-contract.md). Made after
-- stg_invoice_lines and stg_opportunities (the other exports check their products against
-- the valid rows of chk_products).
with given as (
  select product_id, product_name, product_family, is_core, source_line
  from chk_products
  where rule is null
),
-- getvariable is a constant to the planner: with a catalog, the millions of lines are not scanned
seen as (
  select product_id from stg_invoice_lines where not getvariable('has_products')
  union
  select product_id from stg_opportunities where product_id is not null and not getvariable('has_products')
),
inferred as (
  select product_id, product_id as product_name, null as product_family, true as is_core, null as source_line
  from seen
)
select * from given
union all
select * from inferred
order by source_line nulls last, product_id
