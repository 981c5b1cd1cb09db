{{ config(post_hook="{{ delete_superseded_rows(source('raw', 'extractions')) }}") }}

with

source as (
    select * from {{ source('raw', 'extractions') }}
    where
        {{ rows_since_last_load('extracted_at') }}
        -- The pipeline regroups older articles in place, without a new extracted_at, when a
        -- copy of their story arrives: read those again too.
        or {{ column_changed_since_load(source('raw', 'extractions'), 'article_id', 'syndication_group') }}
),

renamed as (
    select
        article_id,
        syndication_group,
        extractor_version,
        headline,
        clean_text,
        published as published_date,
        warnings,
        extracted_at
    from source
)

select * from renamed
