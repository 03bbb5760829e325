-- The valid opportunities, at their line (chk_opportunities stores none: its rowid is the record rank).
select opportunity_id, account_id, product_id, type, stage, amount, created_on, closed_on,
       owner, buying_center, source, currency, line_of_opportunities(rowid) as source_line
from chk_opportunities
where rule is null
order by source_line
