-- One row per region × metric × period × unit × story: what one story (a syndication group:
-- a press release and its republished copies) says about the region's economy.
--
-- Only the region's own statistics count: no program figures (they belong to
-- fct_program_activity), no parts of a total (a figure with a subject) and no targets.

with

figures as (
    select * from {{ ref('int_figures_enriched') }}
),

statistics as (
    select
        *,
        coalesce(period, 'unknown') as period_key,
        case qualifier
            when 'exact' then 1
            when 'approx' then 2
            else 3
        end as qualifier_rank
    from figures
    where
        program_code = 'UNKNOWN'
        and subject is null
        and qualifier != 'target'
),

ranked as (
    select
        *,
        -- A story's own value: its most precise figure, from the original article first.
        row_number() over (
            partition by region_code, metric_code, period_key, unit, syndication_group
            order by qualifier_rank asc, (article_id = syndication_group) desc, figure_id asc
        ) as rank_in_story,
        -- A story dates from its first publication, not from later copies.
        min(published_date) over (
            partition by region_code, metric_code, period_key, unit, syndication_group
        ) as story_published_date,
        count(*) over (
            partition by region_code, metric_code, period_key, unit, syndication_group
        ) as story_figure_count,
        min(period_start) over (
            partition by region_code, metric_code, period_key, unit
        ) as cell_period_start,
        max(period_end) over (
            partition by region_code, metric_code, period_key, unit
        ) as cell_period_end
    from statistics
),

stories as (
    select
        region_code,
        metric_code,
        period_key as period,
        unit,
        syndication_group,
        figure_id,
        article_id,
        cell_period_start as period_start,
        cell_period_end as period_end,
        story_published_date,
        story_figure_count,
        value,
        qualifier,
        qualifier_rank
    from ranked
    where rank_in_story = 1
)

select * from stories
