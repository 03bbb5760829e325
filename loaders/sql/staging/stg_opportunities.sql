-- The valid opportunities.
select opportunity_id, account_id, product_id, type, stage, amount, created_on, closed_on,
       owner, buying_center, source, currency, source_line
from chk_opportunities
where rule is null
order by source_line
