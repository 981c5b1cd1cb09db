"""A warehouse built over several runs, as articles arrive, equals one built at once.

The sample's files arrive in three runs (with a run in between that brings nothing); a second
warehouse gets them all in one run. Every table of both, raw and marts, must hold the same
rows, once the columns that say when a row was written (timestamps) are set aside.
"""

import io
import shutil
from pathlib import Path

import duckdb
import pytest

from ikm_cli.run import run_pipeline
from ikm_warehouse.ingest import FORMATS
from ikm_warehouse.paths import ProjectPaths, resolve_paths

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "raw"


def project(tmp: Path, name: str) -> ProjectPaths:
    return resolve_paths(
        {
            "IKM_ROOT": str(ROOT),
            "IKM_RAW_DIR": str(tmp / name / "raw"),
            "IKM_WAREHOUSE": str(tmp / name / "warehouse" / "ikm.duckdb"),
        }
    )


def arrive(files: list[Path], raw: Path) -> None:
    for source in files:
        target = raw / source.relative_to(SAMPLE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def run(paths: ProjectPaths) -> None:
    out = io.StringIO()
    assert run_pipeline(paths, out=out) == 0, out.getvalue()


def contents(warehouse: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, without its timestamp columns."""
    tables: dict[str, list[tuple[object, ...]]] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and table_schema not in ('information_schema')"
        ).fetchall()
        for schema, name in names:
            columns = [
                column
                for column, kind in con.execute(
                    "select column_name, data_type from information_schema.columns "
                    "where table_schema = ? and table_name = ? order by ordinal_position",
                    [schema, name],
                ).fetchall()
                if not kind.startswith("TIMESTAMP")
            ]
            listed = ", ".join(f'"{column}"' for column in columns)
            tables[f"{schema}.{name}"] = con.execute(
                f'select {listed} from "{schema}"."{name}" order by all'
            ).fetchall()
    return tables


def test_a_warehouse_built_run_by_run_equals_one_built_at_once(tmp_path: Path) -> None:
    files = sorted(p for p in SAMPLE.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS)
    assert len(files) >= 6
    by_run = [files[0::3], files[1::3], [], files[2::3]]

    stepwise = project(tmp_path, "stepwise")
    stepwise.raw_dir.mkdir(parents=True)
    for arriving in by_run:
        arrive(arriving, stepwise.raw_dir)
        run(stepwise)

    at_once = project(tmp_path, "at_once")
    arrive(files, at_once.raw_dir)
    run(at_once)

    built, reference = contents(stepwise.warehouse), contents(at_once.warehouse)
    assert built.keys() == reference.keys()
    assert sum(len(rows) for rows in reference.values()) > 1000
    for table, rows in reference.items():
        assert built[table] == rows, table


def test_rebuild_builds_when_nothing_changed(tmp_path: Path) -> None:
    paths = project(tmp_path, "again")
    arrive(sorted(p for p in SAMPLE.rglob("*.txt"))[:3], paths.raw_dir)
    run(paths)
    out = io.StringIO()
    assert run_pipeline(paths, out=out) == 0
    assert "dbt:       not run" in out.getvalue()
    # A mart emptied by hand: nothing the build reads changed, so only --rebuild restores it.
    with duckdb.connect(str(paths.warehouse)) as con:
        rows = con.execute("select count(*) from main.fct_figure").fetchall()[0][0]
        con.execute("delete from main.fct_figure")
    out = io.StringIO()
    assert run_pipeline(paths, out=out, rebuild=True) == 0, out.getvalue()
    assert "models and seeds built" in out.getvalue()
    with duckdb.connect(str(paths.warehouse), read_only=True) as con:
        assert con.execute("select count(*) from main.fct_figure").fetchall()[0][0] == rows
