-- One row per region, metric and known period that two or more stories report: how far apart
-- their values are, in percent of the smaller value's magnitude (the rule of has_conflict).
with

region_metrics as (
    select * from main.fct_region_metric
),

final as (
    select
        region_code,
        metric_code,
        period,
        unit,
        story_count,
        cast(min_value as double) as min_value,
        cast(max_value as double) as max_value,
        cast(best_value as double) as best_value,
        round(
            100 * (max_value - min_value) / nullif(least(abs(min_value), abs(max_value)), 0), 1
        ) as spread_percent
    from region_metrics
    where story_count >= 2 and period != 'unknown'
)

select * from final
