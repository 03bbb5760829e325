-- Support = both / active; confidence(x→y) = both / holders of x; lift = confidence / (holders of y / active).
select
    product_x,
    product_y,
    active_accounts::integer as active_accounts,
    holders_x::integer as holders_x,
    holders_y::integer as holders_y,
    holders_both::integer as holders_both,
    case when active_accounts > 0 then holders_both / active_accounts end::double as support,
    case when holders_x > 0 then holders_both / holders_x end::double as confidence,
    case when holders_x > 0 and holders_y > 0 then (holders_both / holders_x) / (holders_y / active_accounts) end::double as lift
from int_affinity
order by product_x, product_y
