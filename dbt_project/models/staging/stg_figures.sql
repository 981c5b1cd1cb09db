{{ config(post_hook="{{ delete_superseded_rows(source('raw', 'figures')) }}") }}

with

source as (
    select * from {{ source('raw', 'figures') }}
    where {{ rows_since_last_load('extracted_at') }}
),

renamed as (
    select
        figure_id,
        article_id,
        region_code,
        metric_code,
        program_code,
        cast(value as decimal(38, 6)) as value,
        unit,
        qualifier,
        region_name,
        region_level,
        period,
        period_start,
        period_end,
        subject,
        mention,
        sentence,
        char_start,
        char_end,
        why,
        extracted_at
    from source
)

select * from renamed
