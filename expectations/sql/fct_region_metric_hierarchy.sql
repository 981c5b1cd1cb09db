-- One row per best estimate of an additive metric for a region and a known period, beside the
-- best estimate of its province (for a kabupaten/kota) or of Indonesia (for a province).
with

region_metrics as (
    select * from main.fct_region_metric
),

regions as (
    select * from main.dim_region
),

metrics as (
    select * from main.dim_metric
),

additive as (
    select
        region_metrics.region_code,
        region_metrics.metric_code,
        region_metrics.period,
        region_metrics.unit,
        regions.region_level,
        regions.province_code,
        cast(region_metrics.best_value as double) as best_value
    from region_metrics
    inner join regions
        on region_metrics.region_code = regions.region_code
    inner join metrics
        on region_metrics.metric_code = metrics.metric_code
    where metrics.is_additive and region_metrics.period != 'unknown'
),

final as (
    select
        child.region_code,
        child.region_level,
        child.metric_code,
        child.period,
        child.unit,
        child.best_value,
        province.best_value as province_value,
        national.best_value as national_value
    from additive as child
    left join additive as province
        on
            child.region_level in ('regency', 'city')
            and child.province_code = province.region_code
            and child.metric_code = province.metric_code
            and child.period = province.period
            and child.unit = province.unit
    left join additive as national
        on
            child.region_level = 'province'
            and national.region_code = 'ID'
            and child.metric_code = national.metric_code
            and child.period = national.period
            and child.unit = national.unit
)

select * from final
