-- The gazetteer is small and rewritten whole by the pipeline: a table, rebuilt every run.
{{ config(materialized='table') }}

with

source as (
    select * from {{ source('raw', 'regions') }}
),

renamed as (
    select
        region_code,
        parent_code,
        province_code,
        region_name,
        region_level,
        island_group
    from source
)

select * from renamed
