-- Indonesia, its provinces and kabupaten/kota, from the gazetteer, plus the unknown member.

with

regions as (
    select * from {{ ref('stg_regions') }}
),

provinces as (
    select
        region_code as province_code,
        region_name as province_name
    from regions
    where region_level = 'province'
),

known as (
    select
        regions.region_code,
        regions.parent_code,
        regions.province_code,
        regions.region_name,
        regions.region_level,
        provinces.province_name,
        regions.island_group
    from regions
    left join provinces
        on regions.province_code = provinces.province_code
),

unknown_member as (
    select
        'UNKNOWN' as region_code,
        null as parent_code,
        null as province_code,
        'Unknown' as region_name,
        'unknown' as region_level,
        null as province_name,
        'Unknown' as island_group
),

final as (
    select * from known
    union all
    select * from unknown_member
)

select * from final
