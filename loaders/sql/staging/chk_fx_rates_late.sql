-- The rows of chk_fx_rates breaking a rule beyond the row (rid = their rowid there):
-- a duplicate (currency, month), the later line rejected (two rates for one month would be
-- ambiguous; a standing rate, without month, is a key of its own).
with checked as not materialized (
  select rowid as rid, {'currency': currency, 'month': month} as key, rule, source_line as line, currency_raw as value
  from chk_fx_rates
)
select rid, reject_of('currency', value, 'duplicate rate for this currency and month (first on line ' || first_line || ')') as rule
from duplicate_rows('checked')
