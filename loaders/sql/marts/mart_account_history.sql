-- Revenue per product per calendar month (lines on or before D) of the accounts with a page.
select
    lines.account_id,
    lines.product_id,
    strftime(lines.invoiced_on, '%Y-%m') as month,
    sum(lines.revenue)::double as revenue
from int_revenue_lines as lines
join int_account_pages using (account_id)
group by lines.account_id, lines.product_id, strftime(lines.invoiced_on, '%Y-%m')
order by lines.account_id, lines.product_id, month
