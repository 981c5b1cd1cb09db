-- One row per total that an article breaks down: a figure for a region, beside figures of the
-- same article, metric, program, unit, period and subject for two or more of its child regions.
-- Only additive metrics have parts that add up.
with

figures as (
    select
        *,
        -- A target's parts are targets too: plans are not compared with counts.
        qualifier = 'target' as is_target
    from main.fct_figure
),

regions as (
    select * from main.dim_region
),

metrics as (
    select * from main.dim_metric
),

parts as (
    -- One value per child region: an article that states a child twice counts it once.
    select
        figures.article_id,
        regions.parent_code,
        figures.metric_code,
        figures.program_code,
        figures.unit,
        figures.period,
        figures.subject,
        figures.is_target,
        figures.region_code,
        max(cast(figures.value as double)) as value
    from figures
    inner join regions
        on figures.region_code = regions.region_code
    where regions.parent_code is not null
    group by all
),

parts_by_parent as (
    select
        article_id,
        parent_code,
        metric_code,
        program_code,
        unit,
        period,
        subject,
        is_target,
        count(*) as part_count,
        sum(value) as parts_sum,
        string_agg(region_code, ', ' order by region_code) as part_regions
    from parts
    group by all
    having count(*) >= 2
),

totals as (
    select figures.*
    from figures
    inner join metrics
        on figures.metric_code = metrics.metric_code
    where metrics.is_additive
),

final as (
    select
        totals.figure_id,
        totals.article_id,
        totals.region_code,
        totals.metric_code,
        totals.program_code,
        totals.period,
        totals.qualifier,
        totals.mention,
        cast(totals.value as double) as total_value,
        parts_by_parent.parts_sum,
        parts_by_parent.part_count,
        parts_by_parent.part_regions,
        -- Rounded so that float noise in a sum of decimals is no excess. A total stated as a
        -- lower bound ("lebih dari") may be exceeded by its parts.
        case
            when totals.qualifier != 'more_than'
                then round(parts_by_parent.parts_sum - totals.value, 3)
        end as parts_excess,
        round(totals.value - parts_by_parent.parts_sum, 3) as parts_shortfall
    from totals
    inner join parts_by_parent
        on
            totals.article_id = parts_by_parent.article_id
            and totals.region_code = parts_by_parent.parent_code
            and totals.metric_code = parts_by_parent.metric_code
            and totals.program_code is not distinct from parts_by_parent.program_code
            and totals.unit = parts_by_parent.unit
            and totals.period is not distinct from parts_by_parent.period
            and totals.subject is not distinct from parts_by_parent.subject
            and totals.is_target = parts_by_parent.is_target
)

select * from final
