-- How much rupiah budget do the articles report per program and year? Copies count once.

select
    dim_program.program_name,
    fct_program_activity.activity_year,
    sum(fct_program_activity.budget) as budget_rupiah,
    count(*) filter (where fct_program_activity.budget is not null) as activities_with_budget
from fct_program_activity
inner join dim_program
    on fct_program_activity.program_code = dim_program.program_code
where fct_program_activity.is_primary_copy
group by dim_program.program_name, fct_program_activity.activity_year
having sum(fct_program_activity.budget) is not null
order by dim_program.program_name, fct_program_activity.activity_year
