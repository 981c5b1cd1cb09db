"""One module per concern: resources, ingest, transform, quality, schedules."""
