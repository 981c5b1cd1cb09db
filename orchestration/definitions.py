"""The one ``Definitions`` of the project, gathered from ``orchestration/defs/``.

Nothing happens at import: Dagster calls ``defs`` when it loads the code location
(``dagster dev`` finds it through ``[tool.dagster]`` in pyproject.toml). Loading resolves the
project's paths and makes sure dbt's manifest is fresh (``dbt parse`` only when it is stale).
"""

from __future__ import annotations

import dagster as dg

from ikm_warehouse.paths import ProjectPaths, resolve_paths
from orchestration.defs import alerts, fetch, ingest, quality, resources, schedules, transform


def build_definitions(paths: ProjectPaths, *, progress_to_stderr: bool = False) -> dg.Definitions:
    """Every asset, check, job, schedule and sensor, wired to the files of ``paths``.

    Expects dbt's manifest in ``paths.dbt_target_dir`` (see ``transform.ensure_manifest``).
    ``progress_to_stderr``: long steps show their progress on standard error (``ikm run``).
    """
    dbt_models = transform.build_dbt_models(resources.dbt_project(paths))
    return dg.Definitions.merge(
        resources.defs(paths, progress_to_stderr=progress_to_stderr),
        fetch.defs(),
        ingest.defs(),
        transform.defs(dbt_models),
        quality.defs(dbt_models),
        schedules.defs(),
        alerts.defs(),
    )


@dg.definitions
def defs() -> dg.Definitions:
    paths = resolve_paths()
    transform.ensure_manifest(paths)
    return build_definitions(paths)
