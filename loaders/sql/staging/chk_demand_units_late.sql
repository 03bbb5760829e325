-- The rows of chk_demand_units breaking a rule beyond the row (rid = their rowid there), first
-- broken one reported: unknown account; unknown product when a catalog was given.
-- References are checked against the valid rows of the exports referred to.
with params as (
  select has_products from ingest_params
),
references_broken as (
  select demand_units.rowid as rid,
    case
      when accounts.account_id is null then reject_of('account_id', account_id_raw, 'unknown account (not in accounts)')
      when has_products and products.product_id is null
        then reject_of('product_id', product_id_raw, 'unknown product (not in products)')
    end as rule
  from chk_demand_units as demand_units
  cross join params
  left join (select account_id from chk_accounts where rule is null) as accounts
    on accounts.account_id = demand_units.account_id
  left join (select product_id from chk_products where rule is null) as products
    on products.product_id = demand_units.product_id
  where demand_units.rule is null
)
select rid, rule from references_broken
where rule is not null
