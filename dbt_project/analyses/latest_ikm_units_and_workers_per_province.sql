-- How many IKM units and workers does each province have, by the latest figure reported?
-- The latest period each province has a best estimate for, per metric.

with

ranked as (
    select
        dim_region.province_name,
        fct_region_metric.metric_code,
        fct_region_metric.period,
        fct_region_metric.best_value,
        fct_region_metric.best_qualifier,
        fct_region_metric.story_count,
        fct_region_metric.has_conflict,
        row_number() over (
            partition by fct_region_metric.region_code, fct_region_metric.metric_code
            order by fct_region_metric.period_end desc nulls last, fct_region_metric.period desc
        ) as recency
    from fct_region_metric
    inner join dim_region
        on fct_region_metric.region_code = dim_region.region_code
    where
        dim_region.region_level = 'province'
        and fct_region_metric.metric_code in ('ikm_units', 'ikm_workers')
)

select
    province_name,
    max(best_value) filter (where metric_code = 'ikm_units') as ikm_units,
    max(period) filter (where metric_code = 'ikm_units') as ikm_units_period,
    max(best_value) filter (where metric_code = 'ikm_workers') as ikm_workers,
    max(period) filter (where metric_code = 'ikm_workers') as ikm_workers_period,
    bool_or(has_conflict) as sources_disagree
from ranked
where recency = 1
group by province_name
order by province_name
