-- The metrics of the facts contract (seed `metrics`: the library's vocabulary), plus the unknown member.

with

metrics as (
    select * from {{ ref('metrics') }}
),

unknown_member as (
    select
        'UNKNOWN' as metric_code,
        'Unknown' as metric_name,
        'A metric outside the list' as description,
        null as unit,
        false as is_additive
),

final as (
    select
        metric_code,
        metric_name,
        description,
        unit,
        is_additive
    from metrics
    union all
    select * from unknown_member
)

select * from final
