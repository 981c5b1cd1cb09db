-- One row per figure per article, keys resolved to the dimensions (never null). Incremental
-- by article: only the articles that could have changed are rewritten.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='article_id',
        on_schema_change='append_new_columns',
        post_hook=[
            "{{ delete_vanished_articles(ref('int_figures_enriched')) }}",
            "{{ record_build(ref('stg_extractions'), ref('stg_figures'), fact_dimensions()) }}",
        ],
    )
}}

with

figures as (
    -- On an incremental run, only the articles (re)extracted since the last (all of them when
    -- a dimension changed); all of them on the first run and on a full refresh.
    select * from {{ ref('int_figures_enriched') }}
    where {{ articles_to_rebuild(ref('stg_extractions'), ref('stg_figures'), fact_dimensions()) }}
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
)

select * from all_figures
