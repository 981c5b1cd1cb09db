-- One row per region × metric × period × unit: what the stories say, their best estimate and
-- whether they disagree. A story is a syndication group, so republished copies count once.

with

stories as (
    select * from {{ ref('int_region_metric_stories') }}
),

ranked as (
    select
        *,
        -- The best estimate: the most recently published story; on the same day, the more
        -- precise figure (exact over approx over a bound); then a stable order.
        row_number() over (
            partition by region_code, metric_code, period, unit
            order by story_published_date desc nulls last, qualifier_rank asc, syndication_group asc
        ) as recency_rank
    from stories
),

best_estimates as (
    select
        region_code,
        metric_code,
        period,
        unit,
        figure_id as best_figure_id,
        value as best_value,
        qualifier as best_qualifier,
        story_published_date as best_published_date
    from ranked
    where recency_rank = 1
),

summarised as (
    select
        region_code,
        metric_code,
        period,
        unit,
        min(period_start) as period_start,
        max(period_end) as period_end,
        count(*) as story_count,
        sum(story_figure_count) as figure_count,
        min(value) as min_value,
        max(value) as max_value
    from stories
    group by region_code, metric_code, period, unit
),

final as (
    select
        summarised.region_code,
        summarised.metric_code,
        summarised.period,
        summarised.unit,
        best_estimates.best_figure_id,
        summarised.period_start,
        summarised.period_end,
        cast(best_estimates.best_value as decimal(38, 6)) as best_value,
        best_estimates.best_qualifier,
        best_estimates.best_published_date,
        cast(summarised.story_count as integer) as story_count,
        cast(summarised.figure_count as integer) as figure_count,
        cast(summarised.min_value as decimal(38, 6)) as min_value,
        cast(summarised.max_value as decimal(38, 6)) as max_value,
        -- Stories conflict when the highest value exceeds the lowest by more than 10 % of the
        -- lowest's magnitude (100 and 110 agree; 100 and 111 do not).
        (summarised.max_value - summarised.min_value)
        > 0.1 * least(abs(summarised.min_value), abs(summarised.max_value)) as has_conflict
    from summarised
    inner join best_estimates
        on
            summarised.region_code = best_estimates.region_code
            and summarised.metric_code = best_estimates.metric_code
            and summarised.period = best_estimates.period
            and summarised.unit = best_estimates.unit
)

select * from final
