-- One row per program × region × article: what one article reports a program did in a region.
-- Incremental by article: only the stories that could have changed are rewritten.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='article_id',
        on_schema_change='fail',
        post_hook=[
            "{{ delete_vanished_articles(ref('int_figures_enriched'), \"program_code != 'UNKNOWN'\") }}",
            "{{ record_build(ref('stg_extractions'), ref('stg_figures'), fact_dimensions()) }}",
        ],
    )
}}

with

figures as (
    -- On an incremental run, every article of each story with an article (re)extracted,
    -- regrouped or gone since the last (all of them when a dimension changed), so that the
    -- primary copy is chosen among all its copies; all of them on the first run and on a full
    -- refresh.
    select * from {{ ref('int_figures_enriched') }}
    where
        {{ articles_to_rebuild(ref('stg_extractions'), ref('stg_figures'), fact_dimensions(), by_story=true) }}
),

program_figures as (
    select
        *,
        -- A plan is not an activity: targets are kept out of the measures.
        qualifier != 'target' as is_achieved
    from figures
    where program_code != 'UNKNOWN'
),

activities as (
    select
        program_code,
        region_code,
        article_id,
        any_value(syndication_group) as syndication_group,
        any_value(published_date) as published_date,
        -- A total (no subject) where the article gives one, else the sum of its parts.
        coalesce(
            sum(value) filter (where is_achieved and metric_code = 'participants' and subject is null),
            sum(value) filter (where is_achieved and metric_code = 'participants')
        ) as participants,
        coalesce(
            sum(value) filter (where is_achieved and metric_code = 'budget' and unit = 'IDR' and subject is null),
            sum(value) filter (where is_achieved and metric_code = 'budget' and unit = 'IDR')
        ) as budget,
        coalesce(
            sum(value) filter (where is_achieved and metric_code = 'output_quantity' and subject is null),
            sum(value) filter (where is_achieved and metric_code = 'output_quantity')
        ) as output_quantity,
        coalesce(
            sum(value) filter (where is_achieved and metric_code = 'new_entrepreneurs' and subject is null),
            sum(value) filter (where is_achieved and metric_code = 'new_entrepreneurs')
        ) as new_entrepreneurs,
        min(period_start) filter (where is_achieved) as period_start,
        max(period_end) filter (where is_achieved) as period_end,
        count(*) as figure_count
    from program_figures
    group by program_code, region_code, article_id
),

primary_copies as (
    select
        *,
        -- Syndicated copies report one activity: the original article (else the earliest
        -- published copy) is the one that counts in totals.
        row_number() over (
            partition by syndication_group, program_code, region_code
            order by (article_id = syndication_group) desc, published_date asc nulls last, article_id asc
        ) = 1 as is_primary_copy
    from activities
),

all_activities as (
    select
        program_code,
        region_code,
        article_id,
        syndication_group,
        published_date,
        cast(year(coalesce(period_start, published_date)) as integer) as activity_year,
        period_start,
        period_end,
        cast(participants as decimal(38, 6)) as participants,
        cast(budget as decimal(38, 6)) as budget,
        cast(output_quantity as decimal(38, 6)) as output_quantity,
        cast(new_entrepreneurs as decimal(38, 6)) as new_entrepreneurs,
        cast(figure_count as integer) as figure_count,
        is_primary_copy
    from primary_copies
)

select * from all_activities
