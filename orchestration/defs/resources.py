"""Resources: the DuckDB warehouse (one writer at a time) and dbt as a subprocess."""

import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource, DbtProject

from ikm_warehouse import load
from ikm_warehouse.paths import ProjectPaths
from ikm_warehouse.progress import Progress


class DuckDBWarehouse(dg.ConfigurableResource):
    """The DuckDB file and the folders of the project it belongs to.

    DuckDB lets one process write a file at a time, so every asset opens, writes and closes
    (``with warehouse.connect() as con: ...``) and never holds a connection while dbt or
    Great Expectations, which open the file themselves, are running. Readers open it read-only.
    """

    root: str
    raw_dir: str
    duckdb_path: str
    reports_dir: str
    alerts_file: str = ""  # empty: alerts.jsonl beside the DuckDB file

    @classmethod
    def from_paths(cls, paths: ProjectPaths) -> "DuckDBWarehouse":
        return cls(
            root=str(paths.root),
            raw_dir=str(paths.raw_dir),
            duckdb_path=str(paths.warehouse),
            reports_dir=str(paths.reports_dir),
            alerts_file=str(paths.alerts_file) if paths.alerts_file else "",
        )

    def paths(self) -> ProjectPaths:
        return ProjectPaths(
            root=Path(self.root),
            raw_dir=Path(self.raw_dir),
            warehouse=Path(self.duckdb_path),
            reports_dir=Path(self.reports_dir),
            alerts_file=Path(self.alerts_file) if self.alerts_file else None,
        )

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        con = load.connect(Path(self.duckdb_path), read_only=read_only)
        try:
            yield con
        finally:
            con.close()


class RunProgress(dg.ConfigurableResource):
    """Where long steps say how far they are: always Dagster's log; with ``to_stderr`` (as
    ``ikm run`` sets it) also standard error, as a bar on a terminal or a line now and then."""

    to_stderr: bool = False

    def reporter(self, log: Any, label: str, unit: str) -> Callable[[int, int], None]:
        """``(done, total)`` callback for a step that does ``total`` ``unit`` of work."""
        shown = Progress(sys.stderr, label, unit) if self.to_stderr else None

        def report(done: int, total: int) -> None:
            log.info(f"{label} {done} of {total} {unit}")
            if shown is not None:
                shown(done, total)

        return report

    def note(self, log: Any, message: str) -> None:
        """One line about a step that has no count to follow (e.g. what ingest read)."""
        log.info(message)
        if self.to_stderr:
            print(f"  {message}", file=sys.stderr, flush=True)


def dbt_executable() -> str:
    """The dbt beside this Python: ``.venv/bin/ikm`` runs without the venv on PATH."""
    beside = Path(sys.executable).with_name("dbt")
    if beside.is_file():
        return str(beside)
    return shutil.which("dbt") or "dbt"


def dbt_project(paths: ProjectPaths) -> DbtProject:
    """The dbt project, with its target folder beside the warehouse.

    An absolute ``target_path`` keeps ``manifest.json``, run artifacts and logs out of the
    checkout, and gives every warehouse (e.g. a test's temporary one) its own.
    """
    return DbtProject(project_dir=paths.dbt_project_dir, target_path=paths.dbt_target_dir)


def build_resources(
    paths: ProjectPaths, *, progress_to_stderr: bool = False
) -> dict[str, dg.ConfigurableResource]:
    return {
        "warehouse": DuckDBWarehouse.from_paths(paths),
        "progress": RunProgress(to_stderr=progress_to_stderr),
        "dbt": DbtCliResource(
            project_dir=dbt_project(paths),
            profiles_dir=str(paths.dbt_project_dir),
            dbt_executable=dbt_executable(),
        ),
    }


def defs(paths: ProjectPaths, *, progress_to_stderr: bool = False) -> dg.Definitions:
    # In-process: assets run one after another in one process, so one writer at a time.
    return dg.Definitions(
        resources=build_resources(paths, progress_to_stderr=progress_to_stderr),
        executor=dg.in_process_executor,
    )
