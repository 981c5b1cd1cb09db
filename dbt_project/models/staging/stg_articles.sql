with

source as (
    select * from {{ source('raw', 'articles') }}
    where {{ rows_since_last_load('ingested_at') }}
),

renamed as (
    select
        article_id,
        doc,
        source_path,
        source_format,
        source_line,
        url,
        title,
        outlet,
        published_metadata,
        raw_text,
        text_length,
        ingested_at
    from source
)

select * from renamed
