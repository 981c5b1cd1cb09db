-- One row per figure, with what a plausibility check needs beside its value: the national
-- ikm_units best estimate for its period (for regional ikm_units figures) and, for a region's
-- own worker statistic, workers per unit against the region's ikm_units best estimate.
with

figures as (
    select * from main.fct_figure
),

region_metrics as (
    select * from main.fct_region_metric
),

units as (
    select
        region_code,
        period,
        cast(best_value as double) as units_best_value
    from region_metrics
    where metric_code = 'ikm_units' and period != 'unknown'
),

final as (
    select
        figures.figure_id,
        figures.article_id,
        figures.region_code,
        figures.metric_code,
        figures.program_code,
        figures.unit,
        figures.qualifier,
        figures.period,
        cast(figures.value as double) as value,
        figures.mention,
        -- A target is a plan, not a count: it may exceed what exists today.
        case
            when
                figures.metric_code = 'ikm_units'
                and figures.region_code != 'ID'
                and figures.qualifier != 'target'
                then national.units_best_value
        end as national_units,
        -- Only a region's own statistic (no program, no subject, no target) is comparable with
        -- the region's unit count, as fct_region_metric keeps them.
        case
            when
                figures.metric_code = 'ikm_workers'
                and figures.program_code = 'UNKNOWN'
                and figures.subject is null
                and figures.qualifier != 'target'
                then round(cast(figures.value as double) / nullif(regional.units_best_value, 0), 3)
        end as workers_per_unit
    from figures
    left join units as national
        on national.region_code = 'ID' and figures.period = national.period
    left join units as regional
        on figures.region_code = regional.region_code and figures.period = regional.period
)

select * from final
