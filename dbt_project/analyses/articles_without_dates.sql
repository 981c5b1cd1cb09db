-- Which articles could not be dated, and how many figures hang on them?

select
    dim_article.article_id,
    dim_article.doc,
    dim_article.outlet,
    dim_article.title,
    count(fct_figure.figure_id) as figures,
    count(fct_figure.figure_id) filter (where fct_figure.period is null) as undated_figures
from dim_article
left join fct_figure
    on dim_article.article_id = fct_figure.article_id
where dim_article.published_date is null
group by dim_article.article_id, dim_article.doc, dim_article.outlet, dim_article.title
order by figures desc, dim_article.doc asc
