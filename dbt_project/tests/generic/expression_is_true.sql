{#- Every row satisfies a SQL condition, e.g. `min_value <= max_value`. -#}
{% test expression_is_true(model, expression) %}

select *
from {{ model }}
where not ({{ expression }})

{% endtest %}
