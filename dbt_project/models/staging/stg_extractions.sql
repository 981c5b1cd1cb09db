{{ config(post_hook="{{ delete_superseded_rows(source('raw', 'extractions')) }}") }}

with

source as (
    select * from {{ source('raw', 'extractions') }}
    where {{ rows_since_last_load('extracted_at') }}
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
