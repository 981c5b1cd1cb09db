-- One row per article: its publication date and text length.
with

articles as (
    select * from main.dim_article
),

final as (
    select
        article_id,
        doc,
        outlet,
        published_date,
        text_length
    from articles
)

select * from final
