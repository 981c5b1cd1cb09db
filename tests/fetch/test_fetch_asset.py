"""The Dagster asset of the fetch: it fetches from sources.yml into raw/, says what it did in
its metadata, and does nothing (without failing) when the project follows no outlet."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from fetch_site import Site

from ikm_warehouse.paths import resolve_paths
from orchestration.defs.fetch import fetched_articles
from orchestration.defs.resources import DuckDBWarehouse, RunProgress

ROOT = Path(__file__).resolve().parents[2]


def _materialize(tmp_path: Path, sources_file: Path) -> dict[str, object]:
    paths = resolve_paths(
        {
            "IKM_ROOT": str(ROOT),
            "IKM_RAW_DIR": str(tmp_path / "raw"),
            "IKM_WAREHOUSE": str(tmp_path / "warehouse" / "ikm.duckdb"),
        }
    )
    result = dg.materialize(
        [fetched_articles],
        resources={"warehouse": DuckDBWarehouse.from_paths(paths), "progress": RunProgress()},
        run_config={"ops": {"fetched_articles": {"config": {"sources_file": str(sources_file)}}}},
    )
    assert result.success
    (event,) = result.get_asset_materialization_events()
    return {k: v.value for k, v in event.materialization.metadata.items()}


def test_the_asset_fetches_into_raw_and_lists_the_failures(
    site: Site, sources_file: Path, tmp_path: Path
) -> None:
    metadata = _materialize(tmp_path, sources_file)

    assert metadata["articles_written"] == 6
    assert metadata["failed"] == 10
    failures = metadata["failures"]
    assert isinstance(failures, list)
    assert {"HTTP 404 Not Found", "disallowed by robots.txt"} <= {f["reason"] for f in failures}
    assert "HTTP 404 Not Found" in str(metadata["failures_table"])
    assert list((tmp_path / "raw" / "fetched").glob("*.jsonl"))
    assert (tmp_path / "warehouse" / "fetch_state.duckdb").is_file()
    assert not (tmp_path / "warehouse" / "ikm.duckdb").exists()  # the warehouse untouched


def test_without_a_sources_file_the_asset_fetches_nothing_and_succeeds(tmp_path: Path) -> None:
    metadata = _materialize(tmp_path, tmp_path / "sources.yml")

    assert metadata == {"sources": "none", "articles_written": 0}
    assert not (tmp_path / "raw").exists()
