-- Type of a CRM opportunity that gives none, or only a hint (existing_business,
-- existing_business_renewal), from what the account held when it was created
-- (issue "Scheduled refresh": metrics.md's "holds product p at t"):
--   no positive revenue line strictly before the created date → new_business
--   no product on the deal                                   → other
--   revenue of (account, product) > 0 in the 12 months up to
--   and including the created date                           → upsell (renewal when the hint says so)
--   otherwise                                                → cross_sell
-- Inputs: derive_opps(rid, account_id, product_id, created_on, closed_on, stage, type, amount)
--         derive_lines(account_id, product_id, invoiced_on, amount)
WITH opportunities AS (
    SELECT rid, account_id, product_id, created_on, type
    FROM derive_opps
    WHERE type IS NULL OR type IN ('existing_business', 'existing_business_renewal')
),

revenue_lines AS (
    SELECT account_id, product_id, invoiced_on, amount
    FROM derive_lines
    WHERE account_id IS NOT NULL AND invoiced_on IS NOT NULL AND amount IS NOT NULL
),

existing_customers AS (
    SELECT o.rid, count(l.account_id) > 0 AS is_existing_customer
    FROM opportunities o
    LEFT JOIN revenue_lines l
        ON l.account_id = o.account_id AND l.amount > 0 AND l.invoiced_on < o.created_on
    GROUP BY o.rid
),

holdings AS (
    SELECT o.rid, coalesce(sum(l.amount), 0) > 0 AS holds_product
    FROM opportunities o
    LEFT JOIN revenue_lines l
        ON l.account_id = o.account_id
        AND l.product_id = o.product_id
        AND l.invoiced_on > CAST(o.created_on - INTERVAL 12 MONTH AS DATE)
        AND l.invoiced_on <= o.created_on
    GROUP BY o.rid
)

SELECT
    o.rid,
    CASE
        WHEN NOT e.is_existing_customer THEN 'new_business'
        WHEN o.product_id IS NULL THEN 'other'
        WHEN h.holds_product THEN
            CASE WHEN o.type = 'existing_business_renewal' THEN 'renewal' ELSE 'upsell' END
        ELSE 'cross_sell'
    END AS type
FROM opportunities o
JOIN existing_customers e USING (rid)
JOIN holdings h USING (rid)
