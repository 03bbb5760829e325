-- Every account a figure can be about: CRM accounts plus unmatched billing
-- customers (account_name = customer id, segment 'Unknown', other attributes NULL).
with crm as (
    select account_id, account_name, segment, region, industry, owner, in_target_profile,
        false as is_unmatched
    from stg_accounts
),

unmatched as (
    select distinct
        account_id,
        account_id as account_name,
        'Unknown' as segment,
        null::varchar as region,
        null::varchar as industry,
        null::varchar as owner,
        null::boolean as in_target_profile,
        true as is_unmatched
    from int_customer_accounts
    where is_unmatched
)

select * from crm
union all
select * from unmatched
