-- One row per figure, its codes resolved against the dimensions ('UNKNOWN' where a code is
-- missing or not in the list) and its article's date and syndication group beside it.

with

figures as (
    select * from {{ ref('stg_figures') }}
),

extractions as (
    select * from {{ ref('stg_extractions') }}
),

regions as (
    select * from {{ ref('stg_regions') }}
),

metrics as (
    select * from {{ ref('metrics') }}
),

programs as (
    select * from {{ ref('programs') }}
),

resolved as (
    select
        figures.figure_id,
        figures.article_id,
        coalesce(regions.region_code, 'UNKNOWN') as region_code,
        coalesce(metrics.metric_code, 'UNKNOWN') as metric_code,
        coalesce(programs.program_code, 'UNKNOWN') as program_code,
        -- An article not (yet) grouped is a story of its own.
        coalesce(extractions.syndication_group, figures.article_id) as syndication_group,
        extractions.published_date,
        figures.value,
        figures.unit,
        figures.qualifier,
        figures.period,
        figures.period_start,
        figures.period_end,
        figures.subject,
        figures.mention,
        figures.sentence,
        figures.char_start,
        figures.char_end,
        figures.why,
        regions.province_code,
        regions.island_group
    from figures
    left join extractions
        on figures.article_id = extractions.article_id
    left join regions
        on figures.region_code = regions.region_code
    left join metrics
        on figures.metric_code = metrics.metric_code
    left join programs
        on figures.program_code = programs.program_code
)

select * from resolved
