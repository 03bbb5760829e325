-- Every cut a figure is given for, numbered: 'all' and each cut of every
-- breakdown (int_account_dims). The marts that cut per-account rows group them
-- by cut_no, a small integer, and name the cut only in their output: grouping
-- ~25 million account × cut rows (benchmark scale) by an integer instead of two
-- strings made mart_figures and mart_revenue_bridge about three times faster there.
with cuts as (
    select 'all' as dimension, 'all' as cut
    union
    select dimension, cut from int_account_dims
)

select row_number() over (order by dimension, cut)::integer as cut_no, dimension, cut
from cuts
