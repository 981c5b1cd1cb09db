"""The pipeline around ikm_facts: ingest raw articles, load DuckDB, run dbt and the checks."""
