-- Account owner from the opportunities, for CRM exports whose accounts carry
-- none (Maven): the opportunity owner with the most deals on the account, ties
-- to the alphabetically first name.
-- Input: derive_owner_opps(account_id, owner)
WITH opportunities AS (
    SELECT account_id, owner
    FROM derive_owner_opps
    WHERE account_id IS NOT NULL AND owner IS NOT NULL
),

deals_per_owner AS (
    SELECT account_id, owner, count(*) AS deals
    FROM opportunities
    GROUP BY account_id, owner
),

ranked AS (
    SELECT account_id, owner, row_number() OVER (PARTITION BY account_id ORDER BY deals DESC, owner) AS owner_rank
    FROM deals_per_owner
)

SELECT account_id, owner
FROM ranked
WHERE owner_rank = 1
