{#-
    Custom schemas are used verbatim (`staging`, not `main_staging`), so the layers sit in the
    schemas `staging`, `intermediate` and `seeds`, and the marts in the target schema `main`.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
