"""The `ikm` command line: the top layer, above the pipeline (orchestration) and the library."""
