-- Who speaks for IKM? Officials per organisation, most quoted first.

select
    organisation,
    official_name,
    official_title,
    article_count
from dim_official
order by organisation asc, article_count desc, official_name asc
