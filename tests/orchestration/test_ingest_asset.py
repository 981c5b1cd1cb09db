"""The ingest asset on a broken dump: every problem in the tables, the first in its metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import pytest

from ikm_warehouse import load
from orchestration.defs.ingest import PROBLEMS_KEPT, raw_articles
from orchestration.defs.resources import DuckDBWarehouse, RunProgress

GOOD = (
    '{"url": "https://kabar.example/palu", "text": "Sebanyak 1.250 unit usaha industri kecil '
    'di Kota Palu mendapat bantuan peralatan dari pemerintah pada tahun 2019."}'
)


def test_a_dump_of_broken_lines_is_counted_whole_and_listed_in_part(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    broken = PROBLEMS_KEPT + 150
    (raw / "dump.jsonl").write_text(GOOD + "\n" + "{rusak\n" * broken, encoding="utf-8")
    warehouse = DuckDBWarehouse(
        root=str(tmp_path),
        raw_dir=str(raw),
        duckdb_path=str(tmp_path / "ikm.duckdb"),
        reports_dir=str(tmp_path / "reports"),
    )
    result = dg.materialize(
        [raw_articles], resources={"warehouse": warehouse, "progress": RunProgress()}
    )
    (event,) = result.get_asset_materialization_events()
    metadata = event.materialization.metadata
    assert metadata["rejected"].value == broken
    assert len(metadata["problems"].value) == PROBLEMS_KEPT
    con = load.connect(tmp_path / "ikm.duckdb", read_only=True)
    try:
        (count,) = con.execute("select count(*) from raw.rejected_inputs").fetchall()[0]
    finally:
        con.close()
    assert count == broken


def _resources(tmp_path: Path, raw: Path) -> dict[str, object]:
    warehouse = DuckDBWarehouse(
        root=str(tmp_path),
        raw_dir=str(raw),
        duckdb_path=str(tmp_path / "ikm.duckdb"),
        reports_dir=str(tmp_path / "reports"),
    )
    return {"warehouse": warehouse, "progress": RunProgress()}


def _retries(result: dg.ExecuteInProcessResult) -> int:
    return sum(
        1
        for event in result.all_events
        if event.event_type == dg.DagsterEventType.STEP_UP_FOR_RETRY
    )


def test_a_lock_held_by_another_process_is_waited_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "dump.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    real = load.write_ingest
    calls: list[int] = []

    def locked_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:  # as DuckDB says while a notebook holds the file
            raise duckdb.IOException('Could not set lock on file "ikm.duckdb": Conflicting lock')
        return real(*args, **kwargs)

    monkeypatch.setattr(load, "write_ingest", locked_once)
    result = dg.materialize([raw_articles], resources=_resources(tmp_path, raw))
    assert result.success
    assert _retries(result) == 1
    assert len(calls) == 2


def test_nothing_to_read_fails_at_once(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "kosong.txt").write_text("  \n", encoding="utf-8")
    result = dg.materialize(
        [raw_articles], resources=_resources(tmp_path, raw), raise_on_error=False
    )
    assert not result.success
    assert _retries(result) == 0
