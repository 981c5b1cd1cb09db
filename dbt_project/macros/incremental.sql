{#-
    The incremental machinery, one mechanism for every article-keyed model.

    Staging reads only raw rows written since its newest row (`rows_since_last_load`) and
    replaces an article's rows wholesale (delete+insert by article_id); rows the pipeline
    updates in place are caught by `column_changed_since_load`. Facts carry no load
    timestamp: each fact table's comment records what it was built from (`record_build`: the
    newest extraction it has read, a fingerprint of the small tables every row depends on),
    and an incremental run rebuilds only the articles that could have changed since
    (`articles_to_rebuild`). Both leave behind the rows of an article that no longer has any;
    the post-hooks below remove those.
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


{% macro articles_to_rebuild(extractions, figures, dimensions, by_story=false) -%}
    {#- The condition on article_id that keeps the articles a fact table must rebuild:
        - those (re)extracted after the newest extraction the table has read: their staging
          rows carry a later extracted_at (an article re-extracted into no rows is deleted by
          the post-hook `delete_vanished_articles`);
        - with `by_story` (rows that depend on the other copies of their story: which copy is
          primary), also the articles regrouped in place or gone since (their syndication
          group or date differs from the table's), and then every article of a story one of
          them belongs to, before or after: so each story is rebuilt whole;
        - all of them when the table has no record of its last build (the first run, a full
          refresh, a table built before the record was kept), when one of `dimensions` (the
          small tables that can change every row: the code lists) differs from the last
          build's, or when the table lacks a column its yml lists (added since), so the new
          column is filled for every article.
        `extractions` and `figures` are the staging models; the record is the table's
        comment, written by the post-hook `record_build` in the build's transaction. -#}
    {%- if not (is_incremental() and adapter is defined) -%}
        true
    {%- else -%}
        {%- set last_build = recorded_build() -%}
        {%- if lacks_a_listed_column()
            or last_build.get('dimensions') != fingerprint_of(dimensions)
            or not last_build.get('extracted_through') -%}
            true
        {%- else -%}
            {%- set since = "timestamp '" ~ last_build['extracted_through'] ~ "'" -%}
            article_id in (
                with

                extracted as (
                    select article_id from {{ extractions }} where extracted_at > {{ since }}
                    union
                    select article_id from {{ figures }} where extracted_at > {{ since }}
                ),
                {%- if by_story %}

                loaded as (
                    select distinct
                        article_id,
                        syndication_group,
                        published_date
                    from {{ this }}
                ),

                regrouped as (
                    -- Also those whose extraction is gone: their group is then null.
                    select loaded.article_id
                    from loaded
                    left join {{ extractions }} as staged
                        on loaded.article_id = staged.article_id
                    where
                        coalesce(staged.syndication_group, staged.article_id)
                        is distinct from loaded.syndication_group
                        or staged.published_date is distinct from loaded.published_date
                ),

                changed as (
                    select article_id from extracted
                    union
                    select article_id from regrouped
                ),

                stories as (
                    -- Each changed article's story now (an article not grouped is its own)...
                    select article_id as syndication_group from changed
                    union
                    select coalesce(extractions.syndication_group, extractions.article_id)
                    from {{ extractions }} as extractions
                    where extractions.article_id in (select article_id from changed)
                    union
                    -- ... and before, as the table holds it.
                    select loaded.syndication_group
                    from loaded
                    where loaded.article_id in (select article_id from changed)
                )

                select article_id from changed
                union
                select syndication_group from stories
                union
                select extractions.article_id
                from {{ extractions }} as extractions
                where
                    coalesce(extractions.syndication_group, extractions.article_id)
                    in (select syndication_group from stories)
                {%- else %}

                changed as (
                    select article_id from extracted
                )

                select article_id from changed
                {%- endif %}
            )
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}


{% macro record_build(extractions, figures, dimensions) -%}
    {#- Fact post-hook: record, as the table's comment, the newest extraction this build read
        and the fingerprint of its dimensions (see `articles_to_rebuild`). dbt's persist_docs
        would overwrite it (every run would then rebuild everything): keep it off here. -#}
    {%- if execute -%}
        {%- set newest = run_query(
            "select cast(max(extracted_at) as varchar) from (select max(extracted_at) as extracted_at from "
            ~ extractions ~ " union all select max(extracted_at) from " ~ figures ~ ")"
        ).columns[0].values()[0] -%}
        {%- set record = {'extracted_through': newest, 'dimensions': fingerprint_of(dimensions)} -%}
        comment on table {{ this }} is '{{ tojson(record) }}'
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}


{% macro recorded_build() -%}
    {#- The record `record_build` left on this table, {} when there is none. -#}
    {%- set found = run_query(
        "select comment from duckdb_tables() where database_name = '" ~ this.database
        ~ "' and schema_name = '" ~ this.schema ~ "' and table_name = '" ~ this.identifier ~ "'"
    ).columns[0].values() -%}
    {%- set comment = found[0] if found else none -%}
    {%- if comment and comment.startswith('{') -%}
        {{ return(fromjson(comment)) }}
    {%- else -%}
        {{ return({}) }}
    {%- endif -%}
{%- endmacro %}


{% macro fingerprint_of(relations) -%}
    {#- One md5 over every row of these (small) tables, in a stable order. -#}
    {%- set parts = [] -%}
    {%- for relation in relations -%}
        {%- do parts.append(
            "select '" ~ relation.identifier ~ "' as name, "
            ~ "md5(coalesce(string_agg(cast(t as varchar), '|' order by cast(t as varchar)), '')) as rows_md5 "
            ~ "from " ~ relation ~ " as t"
        ) -%}
    {%- endfor -%}
    {%- set sql = "select md5(string_agg(name || ':' || rows_md5, ',' order by name)) from ("
        ~ parts | join(' union all ') ~ ")" -%}
    {{ return(run_query(sql).columns[0].values()[0]) }}
{%- endmacro %}


{% macro lacks_a_listed_column() -%}
    {#- True when this table lacks a column its yml lists (one added since it was built). -#}
    {%- set existing = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
    {%- for name in model.columns.keys() -%}
        {%- if name | lower not in existing -%}{{ return(true) }}{%- endif -%}
    {%- endfor -%}
    {{ return(false) }}
{%- endmacro %}


{% macro fact_dimensions() -%}
    {#- The small tables every fact row depends on: the code lists that int_figures_enriched
        resolves a figure's region, metric and program against. -#}
    {{ return([ref('stg_regions'), ref('metrics'), ref('programs')]) }}
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
