"""Where things live. Resolved once, here, with environment overrides.

- ``IKM_ROOT``: the project checkout (holds ``dbt_project/`` and ``expectations/``); default: the
  nearest folder at or above the working directory that holds ``dbt_project/dbt_project.yml``.
- ``IKM_RAW_DIR``: input articles; default ``<root>/raw``.
- ``IKM_WAREHOUSE``: the DuckDB file; default ``<root>/warehouse/ikm.duckdb``.
- ``IKM_REPORTS_DIR``: data-quality reports; default ``reports/`` beside the DuckDB file.
- ``IKM_ALERTS_FILE``: the alerts' JSON Lines file; default ``alerts.jsonl`` beside the DuckDB
  file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path


class ProjectNotFoundError(RuntimeError):
    pass


@dataclass(frozen=True)
class ProjectPaths:
    root: Path
    raw_dir: Path
    warehouse: Path
    reports_dir: Path
    alerts_file: Path | None = None  # set by IKM_ALERTS_FILE; else ``alerts_path``'s default

    @property
    def alerts_path(self) -> Path:
        """Where alerts are appended (``ikm_warehouse.alerts``)."""
        return self.alerts_file or self.warehouse.parent / "alerts.jsonl"

    @property
    def dbt_project_dir(self) -> Path:
        return self.root / "dbt_project"

    @property
    def expectations_dir(self) -> Path:
        return self.root / "expectations"

    @property
    def sources_file(self) -> Path:
        """What ``ikm fetch`` follows (``sources.example.yml`` documents it)."""
        return self.root / "sources.yml"

    @property
    def fetch_state(self) -> Path:
        """What ``ikm fetch`` has fetched: generated like the warehouse, and made anew from
        ``raw/fetched/`` when lost; a file of its own, so a fetch never locks the warehouse."""
        return self.warehouse.parent / "fetch_state.duckdb"

    @property
    def dbt_target_dir(self) -> Path:
        # Kept beside the warehouse so that two warehouses never share dbt's target folder.
        return self.warehouse.parent / "dbt_target"

    def with_overrides(
        self, raw_dir: Path | None = None, warehouse: Path | None = None
    ) -> ProjectPaths:
        """The same project with another input folder and/or warehouse file."""
        paths = self
        if raw_dir is not None:
            paths = replace(paths, raw_dir=raw_dir.resolve())
        if warehouse is not None:
            warehouse = warehouse.resolve()
            paths = replace(paths, warehouse=warehouse, reports_dir=warehouse.parent / "reports")
        return paths

    def as_env(self) -> dict[str, str]:
        """The environment that makes a subprocess (dbt, Dagster) see these same paths."""
        return {
            "IKM_ROOT": str(self.root),
            "IKM_RAW_DIR": str(self.raw_dir),
            "IKM_WAREHOUSE": str(self.warehouse),
            "IKM_REPORTS_DIR": str(self.reports_dir),
            **({"IKM_ALERTS_FILE": str(self.alerts_file)} if self.alerts_file else {}),
        }


def _find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "dbt_project" / "dbt_project.yml").is_file():
            return folder
    raise ProjectNotFoundError(
        f"no ikm-warehouse project at or above {start}: run from the checkout or set IKM_ROOT"
    )


def resolve_paths(environ: dict[str, str] | None = None, cwd: Path | None = None) -> ProjectPaths:
    env = dict(os.environ) if environ is None else environ
    root = (
        Path(env["IKM_ROOT"]).resolve()
        if env.get("IKM_ROOT")
        else _find_root((cwd or Path.cwd()).resolve())
    )
    raw_dir = Path(env.get("IKM_RAW_DIR") or root / "raw").resolve()
    warehouse = Path(env.get("IKM_WAREHOUSE") or root / "warehouse" / "ikm.duckdb").resolve()
    reports = Path(env.get("IKM_REPORTS_DIR") or warehouse.parent / "reports").resolve()
    alerts = Path(env["IKM_ALERTS_FILE"]).resolve() if env.get("IKM_ALERTS_FILE") else None
    return ProjectPaths(
        root=root, raw_dir=raw_dir, warehouse=warehouse, reports_dir=reports, alerts_file=alerts
    )
