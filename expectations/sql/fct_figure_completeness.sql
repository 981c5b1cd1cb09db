-- One row per figure: the parts every figure must have. A dimension's unknown member counts as
-- missing, and an article id with no article in dim_article counts as no article.
with

figures as (
    select * from main.fct_figure
),

articles as (
    select * from main.dim_article
),

metrics as (
    select * from main.dim_metric
),

final as (
    select
        figures.figure_id,
        articles.article_id,
        nullif(figures.metric_code, 'UNKNOWN') as metric_code,
        nullif(figures.region_code, 'UNKNOWN') as region_code,
        figures.unit,
        -- The facts contract lets an export be stated in USD as well as in the metric's IDR.
        case
            when figures.metric_code = 'export_value' and figures.unit = 'USD' then 'USD'
            else metrics.unit
        end as metric_unit,
        nullif(trim(figures.mention), '') as mention
    from figures
    left join articles
        on figures.article_id = articles.article_id
    left join metrics
        on figures.metric_code = metrics.metric_code
)

select * from final
