-- Band status, inclusive at both edges: below < low <= within <= high < above.
-- No value, or no band at all → NULL; a NULL edge is never crossed.
create or replace macro band_status(v, lo, hi) as
    case
        when v is null or (lo is null and hi is null) then null
        when lo is not null and v < lo then 'below'
        when hi is not null and v > hi then 'above'
        else 'within'
    end;

-- Derived demand-unit score of a share: >= 0.5 → 3, >= 0.25 → 2, > 0 → 1, else 0.
create or replace macro share_score(share) as
    case when share >= 0.5 then 3 when share >= 0.25 then 2 when share > 0 then 1 else 0 end;

-- Retention and expansion (metrics.md): the part of the revenue bridge an account is in, from its
-- revenue in the 12 months before P (r0), in P (r1), and whether its first purchase is in P.
create or replace macro retention_account_movement(r0, r1, first_purchase_in_period) as
    case
        when r0 > 0 and r1 <= 0 then 'churn'
        when r0 > 0 then 'retained'
        when first_purchase_in_period then 'new_business'
        else 'returning'
    end;

-- The movement of one product of a retained account (in E, R1 > 0) from its change Δ = R1(a, p) - R0(a, p)
-- and whether its adoption is a cross-sell event in P; NULL when Δ = 0.
create or replace macro retention_product_movement(change, is_cross_sell_event) as
    case
        when change > 0 and is_cross_sell_event then 'cross_sell_expansion'
        when change > 0 then 'upsell_expansion'
        when change < 0 then 'contraction'
    end;

-- The pair key of an (account, product) (int_revenue_lines; int_account_keys, int_product_keys): the
-- account key in the high 32 bits and the product key in the low ones, so that it orders as the two ids
-- do and one BIGINT stands for the pair in the chain's sorts, joins and groups; and each key back from it.
create or replace macro pair_key_of(account_key, product_key) as account_key::bigint * 4294967296 + product_key;
create or replace macro account_key_of(pair_key) as (pair_key >> 32)::integer;
create or replace macro product_key_of(pair_key) as (pair_key & 4294967295)::integer;
