-- products.csv, every record typed, with the row rule it breaks (chk_products_late adds the others).
-- Row rules, first broken one reported: empty product_id; a control character in product_id; core not a boolean.
-- An empty product_name falls back to the id; an empty or absent core means true.
with source as (
  select * from src_products
),
typed as (
  select
    source_line,
    product_id as product_id_raw,
    core as core_raw,
    blank_id_to_null(product_id, getvariable('unusual_text_products')) as product_id,
    coalesce(blank_to_null(product_name), blank_id_to_null(product_id, getvariable('unusual_text_products'))) as product_name,
    blank_to_null(product_family) as product_family,
    case when blank_to_null(core) is null then true else parse_bool(core) end as is_core
  from source
)
select *,
  case
    when product_id is null then reject_of('product_id', product_id_raw, 'empty required field')
    when id_has_control(product_id, getvariable('unusual_text_products')) then reject_of('product_id', product_id_raw, id_control_reason(product_id))
    when is_core is null then reject_of('core', core_raw, 'not a boolean (expected true/false, 1/0, yes/no)')
  end as rule
from typed
