-- The valid fx rates.
select currency, month, rate, source_line
from chk_fx_rates
where rule is null
order by source_line
