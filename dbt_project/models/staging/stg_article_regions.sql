{{ config(post_hook="{{ delete_superseded_rows(source('raw', 'article_regions')) }}") }}

with

source as (
    select * from {{ source('raw', 'article_regions') }}
    where {{ rows_since_last_load('extracted_at') }}
),

renamed as (
    select
        article_id,
        region_code,
        extracted_at
    from source
)

select * from renamed
