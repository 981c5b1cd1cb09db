"""The dbt project as Dagster assets: one asset per model and seed, dbt tests as asset checks.

``@dbt_assets`` reads dbt's ``manifest.json`` when the definitions are built, so it must exist
first. ``ensure_manifest`` runs ``dbt parse`` (a subprocess) when the manifest is missing or
older than any file dbt parses; it is cheap when the manifest is fresh. Both ways in call it:
the definitions loader (``dagster dev``) and ``run_pipeline`` (``ikm run``). We do not rely
on ``DbtProject.prepare_if_dev``: it re-parses on every load, and only under ``dagster dev``,
with this process's environment, which need not name the warehouse dbt's profile reads.
"""

# No `from __future__ import annotations` here: Dagster reads the annotations of asset,
# check and sensor parameters at definition time to find the context and the resources.

import json
import os
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster import AssetExecutionContext
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from ikm_warehouse.build_state import dbt_input_files
from ikm_warehouse.paths import ProjectPaths
from orchestration.defs.ingest import WRITER_OF_RAW_TABLE
from orchestration.defs.resources import DuckDBWarehouse, dbt_executable


class ManifestError(RuntimeError):
    pass


def _newest_input_mtime(project_dir: Path) -> float:
    # What dbt reads when it parses; a change to any of these makes the manifest stale.
    return max((f.stat().st_mtime for f in dbt_input_files(project_dir)), default=0.0)


def dbt_environ(paths: ProjectPaths) -> dict[str, str]:
    """What a dbt subprocess needs: the project's paths, and artifacts and logs kept apart."""
    return {
        **paths.as_env(),
        "DBT_PROFILES_DIR": str(paths.dbt_project_dir),
        "DBT_TARGET_PATH": str(paths.dbt_target_dir),
        "DBT_LOG_PATH": str(paths.dbt_target_dir),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def dbt_vars(paths: ProjectPaths) -> list[str]:
    """The arguments that name the warehouse to dbt's profile (``var('ikm_warehouse')``)."""
    return ["--vars", json.dumps({"ikm_warehouse": str(paths.warehouse)})]


def manifest_is_stale(paths: ProjectPaths) -> bool:
    """True when the manifest is missing or older than a file dbt parses."""
    manifest = paths.dbt_target_dir / "manifest.json"
    return not manifest.is_file() or manifest.stat().st_mtime < _newest_input_mtime(
        paths.dbt_project_dir
    )


def ensure_manifest(paths: ProjectPaths) -> Path:
    """``dbt parse`` into ``paths.dbt_target_dir`` unless its manifest is fresh."""
    manifest = paths.dbt_target_dir / "manifest.json"
    if not manifest_is_stale(paths):
        return manifest
    paths.dbt_target_dir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [dbt_executable(), "parse", "--quiet"],
        cwd=paths.dbt_project_dir,
        env={**os.environ, **dbt_environ(paths)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not manifest.is_file():
        raise ManifestError(
            f"dbt parse failed in {paths.dbt_project_dir} (exit {done.returncode}):\n"
            f"{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    return manifest


class IkmDbtTranslator(DagsterDbtTranslator):
    """Models by their bare names; raw sources as the Python assets that write them."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        kind = dbt_resource_props["resource_type"]
        name = dbt_resource_props["name"]
        if kind == "source":
            writer = WRITER_OF_RAW_TABLE.get(name)
            if writer is not None and dbt_resource_props.get("schema") == "raw":
                return writer
            return super().get_asset_key(dbt_resource_props)
        # Marts are reached by bare names (`fct_figure`) in SQL, in checks and in the UI alike.
        return dg.AssetKey([name])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "seeds"
        fqn = dbt_resource_props.get("fqn", [])
        # fqn is [project, folder..., model]: group by the first folder (staging, marts, ...).
        return str(fqn[1]) if len(fqn) > 2 else "dbt"


def translator() -> IkmDbtTranslator:
    # Several raw tables are written by one Python asset, so several sources share its key.
    return IkmDbtTranslator(
        settings=DagsterDbtTranslatorSettings(enable_duplicate_source_asset_keys=True)
    )


class DbtBuildConfig(dg.Config):
    """``full_refresh``: rebuild every model from the raw tables, whatever the incremental ones
    hold (``dbt build --full-refresh``; ``ikm run --rebuild``; in the launchpad,
    ``ops: dbt_models: config: full_refresh: true``). Incremental models trust what they
    recorded of their last build, so a mart edited by hand is repaired only this way."""

    full_refresh: bool = False


def build_dbt_models(project: DbtProject) -> dg.AssetsDefinition:
    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=translator(),
        name="dbt_models",
    )
    def dbt_models(
        context: AssetExecutionContext,
        dbt: DbtCliResource,
        warehouse: DuckDBWarehouse,
        config: DbtBuildConfig,
    ) -> Iterator[Any]:
        paths = warehouse.paths()
        refresh = ["--full-refresh"] if config.full_refresh else []
        invocation = dbt.cli(
            ["build", *dbt_vars(paths), *refresh], context=context, target_path=paths.dbt_target_dir
        )
        yield from invocation.stream()

    return dbt_models


def defs(dbt_models: dg.AssetsDefinition) -> dg.Definitions:
    return dg.Definitions(assets=[dbt_models])
