-- How many people did bimtek train per province and year, and with what budget?
-- Kabupaten/kota roll up to their province, except where the same story also gives the
-- province's own total (then the parts would count twice); syndicated copies count once.

with

activities as (
    select
        dim_region.province_name,
        fct_program_activity.activity_year,
        fct_program_activity.syndication_group,
        fct_program_activity.participants,
        fct_program_activity.budget,
        dim_region.region_level = 'province' as is_province_total
    from fct_program_activity
    inner join dim_region
        on fct_program_activity.region_code = dim_region.region_code
    where
        fct_program_activity.program_code = 'bimtek'
        and fct_program_activity.is_primary_copy
        and dim_region.province_code is not null
),

per_story as (
    select
        province_name,
        activity_year,
        syndication_group,
        coalesce(
            sum(participants) filter (where is_province_total), sum(participants)
        ) as participants,
        coalesce(sum(budget) filter (where is_province_total), sum(budget)) as budget
    from activities
    group by province_name, activity_year, syndication_group
)

select
    province_name,
    activity_year,
    sum(participants) as participants,
    sum(budget) as budget_rupiah,
    count(*) as stories
from per_story
group by province_name, activity_year
order by province_name, activity_year
