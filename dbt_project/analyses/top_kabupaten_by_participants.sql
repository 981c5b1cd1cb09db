-- Which kabupaten and kota had the most program participants, over all programs and years?

select
    dim_region.region_name,
    dim_region.province_name,
    sum(fct_program_activity.participants) as participants,
    count(distinct fct_program_activity.program_code) as programs,
    count(distinct fct_program_activity.syndication_group) as stories
from fct_program_activity
inner join dim_region
    on fct_program_activity.region_code = dim_region.region_code
where
    dim_region.region_level in ('regency', 'city')
    and fct_program_activity.is_primary_copy
    and fct_program_activity.participants is not null
group by dim_region.region_name, dim_region.province_name
order by participants desc, dim_region.region_name asc
limit 20
