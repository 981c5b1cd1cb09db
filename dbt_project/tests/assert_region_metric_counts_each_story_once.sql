-- fct_region_metric counts stories, not articles: recounted from fct_figure and the
-- articles' syndication groups, each row's story and figure counts must agree.

with

figures as (
    select * from {{ ref('fct_figure') }}
),

articles as (
    select * from {{ ref('dim_article') }}
),

region_metrics as (
    select * from {{ ref('fct_region_metric') }}
),

recounted as (
    select
        figures.region_code,
        figures.metric_code,
        coalesce(figures.period, 'unknown') as period,
        figures.unit,
        count(distinct articles.syndication_group) as story_count,
        count(*) as figure_count
    from figures
    inner join articles
        on figures.article_id = articles.article_id
    where
        figures.program_code = 'UNKNOWN'
        and figures.subject is null
        and figures.qualifier != 'target'
    group by 1, 2, 3, 4
)

select
    recounted.*,
    region_metrics.story_count as mart_story_count,
    region_metrics.figure_count as mart_figure_count
from recounted
full outer join region_metrics
    on
        recounted.region_code = region_metrics.region_code
        and recounted.metric_code = region_metrics.metric_code
        and recounted.period = region_metrics.period
        and recounted.unit = region_metrics.unit
where
    region_metrics.story_count is distinct from recounted.story_count
    or region_metrics.figure_count is distinct from recounted.figure_count
