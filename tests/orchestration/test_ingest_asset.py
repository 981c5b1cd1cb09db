"""The ingest asset on a broken dump: every problem in the tables, the first in its metadata."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

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
