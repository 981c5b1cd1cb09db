{{ config(post_hook="{{ delete_superseded_rows(source('raw', 'article_programs')) }}") }}

with

source as (
    select * from {{ source('raw', 'article_programs') }}
    where {{ rows_since_last_load('extracted_at') }}
),

renamed as (
    select
        article_id,
        program_code,
        extracted_at
    from source
)

select * from renamed
