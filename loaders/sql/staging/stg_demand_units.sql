-- The valid demand-unit assessments.
select account_id, buying_center, product_id, need, fit, urgency, relationship, data, resources, assessed_on, source_line
from chk_demand_units
where rule is null
order by source_line
