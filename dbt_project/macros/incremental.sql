{#-
    The incremental machinery, one mechanism for every article-keyed model.

    Staging reads only raw rows written since its newest row (`rows_since_last_load`) and
    replaces an article's rows wholesale (delete+insert by article_id); rows the pipeline
    updates in place are caught by `column_changed_since_load`. Facts carry no load
    timestamp, so they compare instead: an article is rebuilt when any of its rows would
    differ from what the table holds (`article_has_changed`). Both leave behind the rows of an
    article that no longer has any; the post-hooks below remove those.
-#}

{% macro rows_since_last_load(column) -%}
    {#- Strictly newer: the pipeline stamps each write with a time later than every earlier
        write, and dbt runs after the pipeline has committed, so no row can share the newest
        loaded timestamp and arrive later. -#}
    {%- if is_incremental() -%}
        {{ column }} > (select coalesce(max({{ column }}), timestamp '1970-01-01') from {{ this }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}


{% macro column_changed_since_load(raw_relation, key, column) -%}
    {#- For raw rows updated in place, without a new timestamp: those whose `column` differs
        from the loaded row's (the column has the same name in raw and in this model). -#}
    {%- if is_incremental() -%}
        {{ key }} in (
            select written.{{ key }}
            from {{ raw_relation }} as written
            inner join {{ this }} as loaded
                on written.{{ key }} = loaded.{{ key }}
            where written.{{ column }} is distinct from loaded.{{ column }}
        )
    {%- else -%}
        false
    {%- endif -%}
{%- endmacro %}


{% macro article_has_changed(candidates) -%}
    {#- `candidates` is the CTE holding the model's full result, in the table's column order.
        A table built before a column was added (its yml lists a column the table lacks) is
        rewritten whole, so the new column is filled for every article. -#}
    {%- set missing = [] -%}
    {#- (`adapter` is dbt's; a linter rendering the SQL without a database has none) -#}
    {%- if is_incremental() and adapter is defined -%}
        {%- set existing = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
        {%- for name in model.columns.keys() -%}
            {%- if name | lower not in existing -%}{%- do missing.append(name) -%}{%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if is_incremental() and not missing -%}
        article_id in (
            select changed.article_id
            from (select * from {{ candidates }} except select * from {{ this }}) as changed
            union
            select dropped.article_id
            from (select * from {{ this }} except select * from {{ candidates }}) as dropped
        )
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}


{% macro delete_superseded_rows(raw_relation) -%}
    {#- Staging post-hook: drop rows of an extraction that the pipeline has since rewritten
        (an article re-extracted into fewer rows, or none). -#}
    delete from {{ this }} as loaded
    where not exists (
        select 1
        from {{ raw_relation }} as written
        where written.article_id = loaded.article_id
            and written.extracted_at = loaded.extracted_at
    )
{%- endmacro %}


{% macro delete_vanished_articles(upstream, condition='true') -%}
    {#- Fact post-hook: drop the rows of articles that no longer give this fact any rows. -#}
    delete from {{ this }}
    where article_id not in (
        select upstream.article_id
        from {{ upstream }} as upstream
        where {{ condition }}
    )
{%- endmacro %}
