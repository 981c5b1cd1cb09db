-- Every staged figure is in fct_figure, and fct_figure holds nothing else: the incremental
-- facts lose no figure and keep none the pipeline has since rewritten away.

with

staged as (
    select figure_id from {{ ref('stg_figures') }}
),

facts as (
    select figure_id from {{ ref('fct_figure') }}
),

missing as (
    select
        figure_id,
        'missing from fct_figure' as problem
    from (
        select figure_id from staged
        except
        select figure_id from facts
    ) as not_in_facts
),

extra as (
    select
        figure_id,
        'not a staged figure' as problem
    from (
        select figure_id from facts
        except
        select figure_id from staged
    ) as not_staged
)

select * from missing
union all
select * from extra
