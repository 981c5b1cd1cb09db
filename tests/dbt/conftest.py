"""The dbt project built four times over one small warehouse, shared by the module's tests.

Build once, build again unchanged, add an article and re-extract two others, build
incrementally, then rebuild everything with ``--full-refresh``; the tests compare snapshots.
"""

from __future__ import annotations

import pytest
from sample_warehouse import (
    INCREMENTAL_MODELS,
    BuildHistory,
    add_new_and_reextract,
    create_raw_warehouse,
    dbt,
    pending_rows,
    snapshot,
)


@pytest.fixture(scope="module")
def build_history(tmp_path_factory: pytest.TempPathFactory) -> BuildHistory:
    workdir = tmp_path_factory.mktemp("dbt")
    warehouse = workdir / "warehouse.duckdb"
    create_raw_warehouse(warehouse)
    outputs: dict[str, str] = {}

    def build(name: str, *extra: str) -> None:
        done = dbt(workdir, warehouse, "build", *extra)
        outputs[name] = done.stdout + done.stderr
        assert done.returncode == 0, f"dbt build ({name}) failed:\n{outputs[name][-6000:]}"

    build("first")
    first = snapshot(warehouse)
    build("second")
    second = snapshot(warehouse)
    second_pending = pending_rows(workdir, warehouse, INCREMENTAL_MODELS)
    add_new_and_reextract(warehouse)
    build("incremental")
    incremental = snapshot(warehouse)
    build("full refresh", "--full-refresh")
    return BuildHistory(
        warehouse=warehouse,
        first=first,
        second=second,
        second_pending=second_pending,
        incremental=incremental,
        full_refresh=snapshot(warehouse),
        outputs=outputs,
    )
