-- Billing revenue per account, product, invoice day and currency (lines dated
-- on or before D), in the reporting currency: amount * the rate of the currency
-- in the month of the invoice date, else its constant rate (month NULL); the
-- reporting currency itself is 1 (the staging macros reporting_rate and
-- in_reporting_currency). Kept DECIMAL so that sums are exact and runs
-- byte-identical.
-- Lines are summed per customer, product, day and currency before converting:
-- one rate applies to all of them and DECIMAL arithmetic is exact, so
-- sum(amount) * rate = sum(amount * rate), and every model after this one
-- reads one row per customer, product, day and currency instead of one per
-- line. (Rows are not unique per account, product and day — two customers of
-- one account, or two currencies — and need not be: every reader sums them.)
-- has_positive_line keeps the one line-level fact adoption needs: a line whose
-- revenue (amount * rate) is > 0.
-- pair_key stands for (account_id, product_id) in the pair chain: account_key * 2^32 +
-- product_key (int_account_keys, int_product_keys; the macro pair_key_of), so it orders as the two ids do. One
-- BIGINT to partition, join and group on is cheaper than two VARCHARs over millions of rows;
-- the ids stay for the readers that want them.
with params as (
    select as_of, currency as reporting_currency from run_params
),

-- Every line, whatever its date: the lines after D (few, if any) are grouped with the others and
-- their days dropped at the end (invoiced_on is a group key, so the sums are the same). Filtered
-- here, the lines' count was estimated at ~18 thousand groups instead of millions, and DuckDB
-- built the customer join's hash table on the millions of grouped rows instead of on the
-- customers (1 CPU-s more at benchmark scale).
line_days as (
    select
        customer_id,
        product_id,
        invoiced_on,
        currency,
        -- DECIMAL(38,4): a sum of DECIMAL(18,4) amounts (times a DECIMAL(18,8) rate: DECIMAL(38,12))
        sum(amount) as amount,
        bool_or(amount > 0) as has_positive_amount
    from stg_invoice_lines
    group by customer_id, product_id, invoiced_on, currency
),

monthly_rates as (
    -- 'YYYY-MM' → first day of the month, so lines join on date_trunc (cheaper than formatting every line's date).
    select currency, strptime(month || '-01', '%Y-%m-%d')::date as month_on, rate
    from stg_fx_rates
    where month is not null
),

constant_rates as (
    select currency, rate from stg_fx_rates where month is null
),

rated as (
    select
        line_days.*,
        reporting_rate(line_days.currency, params.reporting_currency, monthly_rates.rate, constant_rates.rate) as rate
    from line_days
    cross join params
    left join monthly_rates
        on monthly_rates.currency = line_days.currency
        and monthly_rates.month_on = date_trunc('month', line_days.invoiced_on)
    left join constant_rates on constant_rates.currency = line_days.currency
),

-- Every customer's account and its key (a join on every customer, not only the few thousand
-- remapped ones: the key is needed on every row). Every line's customer is there:
-- stg_invoice_customers groups the lines.
customer_keys as (
    select customers.customer_id, customers.account_id, account_keys.account_key
    from int_customer_accounts as customers
    join int_account_keys as account_keys using (account_id)
),

converted as (
    select
        customer_keys.account_id,
        rated.product_id,
        -- (a line whose customer or product has no key would be a bug upstream: stop, not drop it)
        coalesce(
            pair_key_of(customer_keys.account_key, product_keys.product_key),
            error('int_revenue_lines: no key for customer ' || rated.customer_id || ', product ' || rated.product_id)
        ) as pair_key,
        rated.invoiced_on,
        in_reporting_currency(rated.amount, rated.rate) as revenue,
        -- every rate is > 0 (chk_fx_rates rejects the others; the reporting currency's is 1), so a
        -- line's revenue is > 0 exactly when its amount is
        coalesce(rated.rate > 0 and rated.has_positive_amount, false) as has_positive_line
    from rated
    left join customer_keys using (customer_id)
    left join int_product_keys as product_keys using (product_id)
    where rated.invoiced_on <= (select as_of from params)
)

select account_id, product_id, pair_key, invoiced_on, revenue, has_positive_line from converted
