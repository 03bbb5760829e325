-- The figures at D, overall, with every field a figure's object in kpis.json
-- can have (src/catalog/figures.ts, KPI_SHAPES): one row per figure.
-- loaders/pipeline/models/kpis.ts writes kpis.json from these rows, each figure with
-- the fields of its shape in the catalog; it computes nothing.
with params as (
    select period_start, as_of from run_params
),

current_figures as (
    select * from mart_figures where is_current and dimension = 'all'
),

revenue as (
    select value as revenue from current_figures where figure = 'revenue'
),

white_space as (
    select value as white_space from current_figures where figure = 'white_space'
),

-- Revenue at full cross-sell is also given as a ratio to revenue in P, beside
-- the white space it adds; the ratio is undefined without revenue.
full_cross_sell as (
    select
        figures.figure,
        case when revenue.revenue <> 0 then figures.value / revenue.revenue end as ratio,
        coalesce(white_space.white_space, 0) as white_space
    from current_figures as figures
    cross join revenue
    cross join white_space
    where figures.figure = 'revenue_at_full_cross_sell'
)

select
    figures.figure,
    figures.value,
    coalesce(figures.numerator, 0) as numerator,
    coalesce(figures.denominator, 0) as denominator,
    figures.p25,
    figures.p75,
    -- time to cross-sell: the accounts counted; win rates: won and lost of the closed
    coalesce(figures.denominator, 0) as count,
    coalesce(figures.numerator, 0) as won,
    coalesce(figures.denominator, 0) - coalesce(figures.numerator, 0) as lost,
    figures.value_weighted,
    full_cross_sell.ratio,
    full_cross_sell.white_space,
    figures.low,
    figures.high,
    figures.status,
    case
        when full_cross_sell.figure is not null and full_cross_sell.ratio is null
            then 'No revenue in the period (' || strftime(params.period_start, '%Y-%m-%d') || ' to '
                || strftime(params.as_of, '%Y-%m-%d') || '): the ratio to revenue is undefined.'
        else figures.reason
    end as reason
from current_figures as figures
cross join params
left join full_cross_sell using (figure)
order by figures.figure
