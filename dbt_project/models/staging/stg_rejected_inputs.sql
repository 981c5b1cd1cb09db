-- A run log, not keyed by article: a view, always current.
{{ config(materialized='view') }}

with

source as (
    select * from {{ source('raw', 'rejected_inputs') }}
),

renamed as (
    select
        source_path,
        source_line,
        reason,
        rejected_at
    from source
)

select * from renamed
