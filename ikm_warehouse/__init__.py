"""The library around ikm_facts: read raw articles, load DuckDB, group near-duplicates, run
the quality suites, answer safe queries. It never imports the pipeline (orchestration)."""
