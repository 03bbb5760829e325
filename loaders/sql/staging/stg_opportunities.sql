-- The valid opportunities, at their line (chk_opportunities stores none: its rowid is the record rank).
-- In line order without an ORDER BY: chk_opportunities' rows are in rank order, line_of_opportunities
-- increases with the rank, and ingest keeps insertion order (sorting the million rows of a
-- benchmark export again cost ~0.3 s).
select opportunity_id, account_id, product_id, type, stage, amount, created_on, closed_on,
       owner, buying_center, source, currency, line_of_opportunities(rowid) as source_line
from chk_opportunities
where rule is null
