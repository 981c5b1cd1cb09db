-- What do the stories say about Indonesia as a whole, per metric and period?

select
    dim_metric.metric_name,
    fct_region_metric.period,
    fct_region_metric.best_value,
    fct_region_metric.unit,
    fct_region_metric.story_count,
    fct_region_metric.has_conflict
from fct_region_metric
inner join dim_metric
    on fct_region_metric.metric_code = dim_metric.metric_code
where fct_region_metric.region_code = 'ID'
order by dim_metric.metric_name, fct_region_metric.period
