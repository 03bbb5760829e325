-- One row per billing customer of stg_invoice_lines (either mode) with its number of lines: the
-- per-customer facts read after ingest (int_customer_accounts, the unmatched customers of the
-- manifest, the loaded count of invoice_lines) from these thousands of rows instead of each
-- scanning the millions of lines again.
select customer_id, count(*) as lines
from stg_invoice_lines
group by customer_id
