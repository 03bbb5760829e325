-- Billing customer → account. The account map wins; else a CRM account with the
-- same id; else the customer is unmatched and becomes its own account.
with customers as (
    -- the distinct customers of the lines, grouped once at ingest
    select customer_id from stg_invoice_customers
),

mapped as (
    -- min() only guards against a duplicated map row; ingest keeps customer_id unique.
    select customer_id, min(account_id) as account_id from stg_account_map group by customer_id
),

resolved as (
    select
        customers.customer_id,
        coalesce(mapped.account_id, crm.account_id, customers.customer_id) as account_id,
        mapped.account_id is null and crm.account_id is null as is_unmatched
    from customers
    left join mapped using (customer_id)
    left join stg_accounts as crm on crm.account_id = customers.customer_id
)

select * from resolved
