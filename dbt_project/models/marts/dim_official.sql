-- One row per official (by name): the title most articles give them and the organisation
-- that title names.

with

officials as (
    select * from {{ ref('stg_article_officials') }}
),

organisations as (
    select * from {{ ref('official_organisations') }}
),

named as (
    select
        article_id,
        -- One person, however the spacing and case of the name vary between articles.
        regexp_replace(trim(official_name), '\s+', ' ', 'g') as official_name,
        regexp_replace(trim(official_title), '\s+', ' ', 'g') as official_title
    from officials
),

titles as (
    select
        lower(official_name) as name_key,
        official_name,
        official_title,
        count(distinct article_id) as article_count
    from named
    group by lower(official_name), official_name, official_title
),

mentions as (
    select
        lower(official_name) as name_key,
        count(distinct article_id) as article_count
    from named
    group by lower(official_name)
),

people as (
    select
        titles.name_key,
        -- The most often written spelling and title; on a tie the longer (more complete) title;
        -- then alphabetical, so that every build picks the same.
        arg_max(titles.official_name, (titles.article_count, titles.official_name)) as official_name,
        arg_max(
            titles.official_title,
            (titles.article_count, length(titles.official_title), titles.official_title)
        ) as official_title,
        any_value(mentions.article_count) as article_count
    from titles
    inner join mentions
        on titles.name_key = mentions.name_key
    group by titles.name_key
),

matched as (
    select
        people.name_key,
        arg_min(organisations.organisation, organisations.priority) as organisation
    from people
    inner join organisations
        on regexp_matches(lower(people.official_title), organisations.title_pattern)
    group by people.name_key
),

final as (
    select
        left(md5(people.name_key), 16) as official_id,
        people.official_name,
        people.official_title,
        coalesce(matched.organisation, 'Other') as organisation,
        cast(people.article_count as integer) as article_count
    from people
    left join matched
        on people.name_key = matched.name_key
)

select * from final
