-- fx_rates.csv, every record typed, with the row rule it breaks (chk_fx_rates_late adds the others).
-- Row rules, first broken one reported: empty currency / rate; rate not a positive number;
-- month not YYYY-MM or out of range.
-- rate = reporting-currency units per one unit of currency.
with source as (
  select * from src_fx_rates
),
typed as (
  select
    source_line,
    currency as currency_raw,
    rate as rate_raw,
    month as month_raw,
    upper(blank_to_null(currency)) as currency,
    case when regexp_full_match(trim(rate), '[+-]?(\d+(\.\d*)?|\.\d+)') then try_cast(trim(rate) as decimal(18, 8)) end as rate,
    blank_to_null(month) as month
  from source
)
select *,
  case
    when currency is null then reject_of('currency', currency_raw, 'empty required field')
    when blank_to_null(rate_raw) is null then reject_of('rate', rate_raw, 'empty required field')
    when rate is null or rate <= 0 then reject_of('rate', rate_raw, 'rate not a positive number')
    when month is not null and not regexp_full_match(month, '\d{4}-(0[1-9]|1[0-2])')
      then reject_of('month', month_raw, 'month not YYYY-MM')
    -- the shape is checked above, so the text compares as the month it names
    when month is not null and not (month between '1900-01' and '2100-12')
      then reject_of('month', month_raw, 'out of range (expected a month from 1900-01 to 2100-12)')
  end as rule
from typed
