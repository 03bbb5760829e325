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
