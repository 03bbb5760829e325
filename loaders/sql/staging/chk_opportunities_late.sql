-- The rows of chk_opportunities breaking a rule beyond the row (rid = their rowid there), first
-- broken one reported: duplicate opportunity_id (later line rejected); unknown product when a
-- catalog was given; unknown account; no fx rate for a foreign-currency amount (month of the
-- close date, else of the created date); close_date before created_date. Made once the read is
-- complete (line_of_opportunities).
-- References are checked against the valid rows of the exports referred to.
with checked as not materialized (
  select rowid as rid, opportunity_id as key, rule,
    rowid as line, coalesce(opportunity_id_raw, opportunity_id) as value  -- the rank: line order, mapped to the line below
  from chk_opportunities
),
duplicates as (
  select rid, reject_of('opportunity_id', value, 'duplicate opportunity_id (first on line ' || line_of_opportunities(first_line) || ')') as rule
  from duplicate_rows('checked')
),
params as (
  select currency as reporting_currency, has_products from ingest_params
),
references_broken as (
  select opportunities.rowid as rid,
    case
      when has_products and opportunities.product_id is not null and products.product_id is null
        then reject_of('product_id', coalesce(product_id_raw, opportunities.product_id), 'unknown product (not in products)')
      when accounts.account_id is null
        then reject_of('account_id', coalesce(account_id_raw, opportunities.account_id), 'unknown account (not in accounts)')
      when opportunities.amount is not null and opportunities.currency <> reporting_currency
       and monthly.rate is null and standing.rate is null
        then reject_of('currency', coalesce(currency_raw, opportunities.currency), 'no fx rate for ' || opportunities.currency || ' in '
          || strftime(coalesce(opportunities.closed_on, opportunities.created_on), '%Y-%m'))
      when opportunities.closed_on < opportunities.created_on
        then reject_of('close_date', close_date_raw, 'close_date before created_date (' || strftime(opportunities.created_on, '%Y-%m-%d') || ')')
    end as rule
  from chk_opportunities as opportunities
  cross join params
  left join (select product_id from chk_products where rule is null) as products
    on products.product_id = opportunities.product_id
  left join (select account_id from chk_accounts where rule is null) as accounts
    on accounts.account_id = opportunities.account_id
  left join (select currency, month, rate from chk_fx_rates where rule is null) as monthly
    on monthly.currency = opportunities.currency
   and monthly.month = strftime(coalesce(opportunities.closed_on, opportunities.created_on), '%Y-%m')
  left join (select currency, month, rate from chk_fx_rates where rule is null) as standing
    on standing.currency = opportunities.currency and standing.month is null
  where opportunities.rule is null
)
select * from first_broken('duplicates', 'references_broken')
