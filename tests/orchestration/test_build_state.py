"""The build's fingerprint: the same raw rows and project files give the same one, any change
another, so a run with nothing new can leave dbt and the suites out."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ikm_warehouse import build_state, load, raw_tables
from ikm_warehouse.paths import ProjectPaths, resolve_paths

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2024, 1, 1)


@pytest.fixture
def paths(tmp_path: Path) -> ProjectPaths:
    # A copy of the project's dbt and expectation files and of the vocabulary dbt seeds, so that
    # the test may edit them.
    for folder in ("dbt_project", "expectations", "ikm_facts/data/vocabulary"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("target"))
    return resolve_paths({"IKM_ROOT": str(tmp_path), "IKM_WAREHOUSE": str(tmp_path / "w.duckdb")})


def add_program(con: duckdb.DuckDBPyConnection, article_id: str) -> None:
    raw_tables.insert_rows(
        con,
        raw_tables.ARTICLE_PROGRAMS,
        [{"article_id": article_id, "program_code": "bimtek", "extracted_at": AT}],
    )


def test_the_fingerprint_follows_the_raw_rows_and_the_project(paths: ProjectPaths) -> None:
    con = load.connect(paths.warehouse)
    add_program(con, "a1")
    first = build_state.current(con, paths)
    assert build_state.current(con, paths) == first
    assert not build_state.unchanged(paths, first)  # nothing recorded yet
    build_state.record(paths, first)
    assert build_state.unchanged(paths, first)

    add_program(con, "a2")  # a new row
    second = build_state.current(con, paths)
    assert second != first
    con.execute("update raw.article_programs set program_code = 'wub' where article_id = 'a2'")
    assert build_state.current(con, paths) not in (first, second)  # an edited row
    con.execute("delete from raw.article_programs where article_id = 'a2'")
    assert build_state.current(con, paths) == first

    # The bookkeeping tables are not read by dbt: they do not count.
    raw_tables.insert_rows(
        con,
        raw_tables.SYNDICATION_LINKS,
        [{"article_id": "a1", "linked_id": "a3", "similarity": 0.9, "linked_at": AT}],
    )
    assert build_state.current(con, paths) == first

    model = paths.dbt_project_dir / "models" / "marts" / "dim_region.sql"
    model.write_text(model.read_text("utf-8") + "\n-- edited\n", encoding="utf-8")
    edited_model = build_state.current(con, paths)
    assert edited_model != first

    # A metric added to the vocabulary, which dbt seeds from outside dbt_project/.
    metrics = paths.root / "ikm_facts" / "data" / "vocabulary" / "metrics.csv"
    with metrics.open("a", encoding="utf-8") as file:
        file.write("sentra_workers,Pekerja sentra,Sentra workers,person,true,false,false\n")
    assert build_state.current(con, paths) != edited_model
    con.close()

    build_state.forget(paths)
    assert not build_state.unchanged(paths, first)
