-- In fct_program_activity each story's activity in a region counts once: exactly one primary
-- copy per story, program and region, and the story is the article's own in dim_article.

with

activities as (
    select * from {{ ref('fct_program_activity') }}
),

articles as (
    select * from {{ ref('dim_article') }}
),

primary_counts as (
    select
        syndication_group,
        program_code,
        region_code,
        count(*) filter (where is_primary_copy) as primary_copies
    from activities
    group by 1, 2, 3
    having count(*) filter (where is_primary_copy) != 1
),

wrong_story as (
    select
        activities.syndication_group,
        activities.program_code,
        activities.region_code,
        -1 as primary_copies
    from activities
    inner join articles
        on activities.article_id = articles.article_id
    where activities.syndication_group != articles.syndication_group
)

select * from primary_counts
union all
select * from wrong_story
