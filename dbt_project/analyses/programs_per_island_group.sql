-- Which programs reach which island groups? Stories and regions per program and island group.

select
    dim_region.island_group,
    dim_program.program_name,
    count(distinct fct_program_activity.syndication_group) as stories,
    count(distinct fct_program_activity.region_code) as regions,
    sum(fct_program_activity.participants) filter (where fct_program_activity.is_primary_copy) as participants
from fct_program_activity
inner join dim_region
    on fct_program_activity.region_code = dim_region.region_code
inner join dim_program
    on fct_program_activity.program_code = dim_program.program_code
group by dim_region.island_group, dim_program.program_name
order by dim_region.island_group asc, stories desc, dim_program.program_name asc
