select
    account_id,
    product_id,
    status,
    revenue::double as revenue,
    potential::double as potential,
    potential_basis
from int_white_space_at_d
order by account_id, product_id
