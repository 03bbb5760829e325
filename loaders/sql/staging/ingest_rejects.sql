-- The one reject writer: every checked row that breaks a rule (chk_<export>.rule, row rules and
-- the rules beyond the row applied from chk_<export>_late) into ingest_rejects, at the line
-- of the file the pipeline read (loaders/pipeline/ingest/rejects.ts then names the user's file and line).
-- Invoice lines and opportunities store no line: their rowid is the record rank (chk_invoice_lines.sql).
insert into ingest_rejects (export, canonical_line, "column", value, reason)
with rejected as (
  select 'products' as export, source_line, rule from chk_products
  union all
  select 'accounts', source_line, rule from chk_accounts
  union all
  select 'fx_rates', source_line, rule from chk_fx_rates
  union all
  -- stored as text (chk_invoice_lines.sql); read back where there is one only
  select 'invoice_lines', line_of_invoice_lines(rowid), rule_of_text(rule) from chk_invoice_lines where rule is not null
  union all
  select 'opportunities', line_of_opportunities(rowid), rule from chk_opportunities
  union all
  select 'account_map', source_line, rule from chk_account_map
  union all
  select 'demand_units', source_line, rule from chk_demand_units
)
select export, source_line, rule['column'], rule['value'], rule['reason']
from rejected
where rule is not null
