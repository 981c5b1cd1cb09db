"""Dagster wiring for ikm-warehouse: ``definitions.py`` gathers ``defs/``; ``runner`` runs it."""
