-- How much does each outlet contribute? Articles, figures, and copies of others' stories.

select
    coalesce(dim_article.outlet, 'unknown') as outlet,
    count(distinct dim_article.article_id) as articles,
    count(fct_figure.figure_id) as figures,
    count(distinct dim_article.article_id) filter (
        where dim_article.syndication_group != dim_article.article_id
    ) as syndicated_copies
from dim_article
left join fct_figure
    on dim_article.article_id = fct_figure.article_id
group by coalesce(dim_article.outlet, 'unknown')
order by figures desc, outlet asc
