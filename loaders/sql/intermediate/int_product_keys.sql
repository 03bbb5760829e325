-- A small integer surrogate for every product of the catalog (stg_products holds
-- every product a revenue line can name: ingest rejects a line of an unknown
-- product, and without a catalog infers it from the lines): product_key is the
-- rank of product_id in binary string order. With account_key (int_account_keys)
-- it makes the pair key of int_revenue_lines.
select product_id, row_number() over (order by product_id)::integer as product_key
from (select distinct product_id from stg_products)
