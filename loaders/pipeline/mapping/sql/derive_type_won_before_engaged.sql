-- Type of a CRM deal that gives none (or only a hint), from the products the
-- account had WON in deals closed strictly before this deal was created/engaged
-- (issue "A company with only a CRM export"):
--   no earlier won deal               → new_business
--   no product on the deal            → other
--   an earlier won deal of this product → upsell (renewal when the hint says so)
--   earlier wins of other products only → cross_sell
-- Input: derive_opps(rid, account_id, product_id, created_on, closed_on, stage, type, amount)
WITH opportunities AS (
    SELECT rid, account_id, product_id, created_on, type
    FROM derive_opps
    WHERE type IS NULL OR type IN ('existing_business', 'existing_business_renewal')
),

won_deals AS (
    SELECT account_id, product_id, closed_on
    FROM derive_opps
    WHERE stage = 'won' AND account_id IS NOT NULL AND closed_on IS NOT NULL
),

earlier_wins AS (
    SELECT
        o.rid,
        count(w.account_id) AS won_before,
        count(w.account_id) FILTER (WHERE w.product_id = o.product_id) AS won_before_of_product
    FROM opportunities o
    LEFT JOIN won_deals w
        ON w.account_id = o.account_id AND w.closed_on < o.created_on
    GROUP BY o.rid
)

SELECT
    o.rid,
    CASE
        WHEN e.won_before = 0 THEN 'new_business'
        WHEN o.product_id IS NULL THEN 'other'
        WHEN e.won_before_of_product > 0 THEN
            CASE WHEN o.type = 'existing_business_renewal' THEN 'renewal' ELSE 'upsell' END
        ELSE 'cross_sell'
    END AS type
FROM opportunities o
JOIN earlier_wins e USING (rid)
