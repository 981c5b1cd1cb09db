{{ config(post_hook="{{ delete_superseded_rows(source('raw', 'article_officials')) }}") }}

with

source as (
    select * from {{ source('raw', 'article_officials') }}
    where {{ rows_since_last_load('extracted_at') }}
),

renamed as (
    select
        article_id,
        official_name,
        official_title,
        extracted_at
    from source
)

select * from renamed
