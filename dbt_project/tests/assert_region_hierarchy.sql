-- Kabupaten and kota lie in a province that shares their province_code; provinces lie in
-- Indonesia.

with

regions as (
    select * from {{ ref('dim_region') }}
)

select
    child.region_code,
    child.region_level,
    child.parent_code,
    parent.region_level as parent_level
from regions as child
left join regions as parent
    on child.parent_code = parent.region_code
where
    (child.region_level in ('regency', 'city') and (
        parent.region_level is distinct from 'province'
        or parent.region_code is distinct from child.province_code
    ))
    or (child.region_level = 'province' and (
        child.parent_code is distinct from 'ID'
        or child.province_code is distinct from child.region_code
    ))
