-- The programs of the facts contract (seed `programs`: the library's vocabulary), plus the unknown member.

with

programs as (
    select * from {{ ref('programs') }}
),

unknown_member as (
    select
        'UNKNOWN' as program_code,
        'Unknown or none' as program_name,
        'The figure names no program, or one outside the list' as description
),

final as (
    select
        program_code,
        program_name,
        description
    from programs
    union all
    select * from unknown_member
)

select * from final
