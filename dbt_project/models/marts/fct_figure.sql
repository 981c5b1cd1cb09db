-- One row per figure per article, keys resolved to the dimensions (never null). Incremental
-- by article: only articles whose rows would change are rewritten.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='article_id',
        on_schema_change='append_new_columns',
        post_hook="{{ delete_vanished_articles(ref('int_figures_enriched')) }}",
    )
}}

with

figures as (
    select * from {{ ref('int_figures_enriched') }}
),

all_figures as (
    select
        figure_id,
        article_id,
        region_code,
        metric_code,
        program_code,
        cast(value as decimal(38, 6)) as value,
        unit,
        qualifier,
        period,
        period_start,
        period_end,
        subject,
        mention,
        sentence,
        char_start,
        char_end,
        why
    from figures
),

changed as (
    -- On an incremental run, only the articles whose rows differ from the table's;
    -- all of them on the first run and on a full refresh.
    select * from all_figures
    where {{ article_has_changed('all_figures') }}
)

select * from changed
