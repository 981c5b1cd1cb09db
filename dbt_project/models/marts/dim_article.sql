-- One row per article: where it came from and what the extractor made of it.

with

articles as (
    select * from {{ ref('stg_articles') }}
),

extractions as (
    select * from {{ ref('stg_extractions') }}
),

final as (
    select
        articles.article_id,
        -- An article not (yet) extracted is a story of its own.
        coalesce(extractions.syndication_group, articles.article_id) as syndication_group,
        articles.doc,
        articles.url,
        articles.outlet,
        coalesce(articles.title, extractions.headline) as title,
        extractions.published_date,
        articles.source_format,
        articles.source_path,
        articles.text_length,
        extractions.extractor_version,
        articles.ingested_at,
        extractions.extracted_at
    from articles
    left join extractions
        on articles.article_id = extractions.article_id
)

select * from final
