-- Which figures do sources disagree on? Every story's figure behind a conflicting statistic.

select
    dim_region.region_name,
    fct_region_metric.metric_code,
    fct_region_metric.period,
    fct_region_metric.min_value,
    fct_region_metric.max_value,
    fct_region_metric.best_value,
    dim_article.outlet,
    dim_article.published_date,
    fct_figure.value,
    fct_figure.mention
from fct_region_metric
inner join dim_region
    on fct_region_metric.region_code = dim_region.region_code
inner join fct_figure
    on
        fct_region_metric.region_code = fct_figure.region_code
        and fct_region_metric.metric_code = fct_figure.metric_code
        and fct_region_metric.period = coalesce(fct_figure.period, 'unknown')
        and fct_region_metric.unit = fct_figure.unit
inner join dim_article
    on fct_figure.article_id = dim_article.article_id
where
    fct_region_metric.has_conflict
    and fct_figure.program_code = 'UNKNOWN'
    and fct_figure.subject is null
    and fct_figure.qualifier != 'target'
order by dim_region.region_name, fct_region_metric.metric_code, fct_region_metric.period, fct_figure.value
