"""The raw table specs: the schema they make, the columns they add, the batches they insert."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import yaml

from ikm_warehouse import load, raw_tables
from ikm_warehouse.raw_tables import SchemaError, delete_keys, insert_frame, insert_rows

PROJECT_ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2024, 3, 1, 8, 0)


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    raw_tables.create_raw_schema(connection)
    return connection


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str, str]]:
    return con.execute(
        "select column_name, data_type, is_nullable from information_schema.columns "
        "where table_schema = 'raw' and table_name = ? order by ordinal_position",
        [table],
    ).fetchall()


def test_the_schema_has_each_spec_with_its_columns_types_and_nulls(
    con: duckdb.DuckDBPyConnection,
) -> None:
    for spec in raw_tables.TABLES:
        columns = _columns(con, spec.name)
        assert [name for name, _, _ in columns] == list(spec.column_names)
        for (name, _, nullable), column in zip(columns, spec.columns, strict=True):
            assert (nullable == "YES") == column.nullable, f"{spec.name}.{name}"
    assert {n: t for n, t, _ in _columns(con, "figures")}["value"] == "DECIMAL(38,6)"
    assert {n: t for n, t, _ in _columns(con, "extractions")}["warnings"] == "VARCHAR[]"
    with pytest.raises(duckdb.ConstraintException):  # the primary key holds
        con.execute("insert into raw.regions values ('ID', 'a', 'b', null, null, 'c')")
        con.execute("insert into raw.regions values ('ID', 'a', 'b', null, null, 'c')")


def test_a_column_added_later_is_added_to_an_older_warehouse(tmp_path: Path) -> None:
    path = tmp_path / "lama.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute("create schema raw")
        columns = [c for c in raw_tables.FIGURES.columns if c.name != "why"]
        old.execute(
            "create table raw.figures (" + ", ".join(f"{c.name} {c.type}" for c in columns) + ")"
        )
    con = load.connect(path)
    assert "why" in [name for name, _, _ in _columns(con, "figures")]
    con.close()


def test_a_missing_column_that_may_not_be_null_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "lama.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute("create schema raw")
        old.execute("create table raw.regions (region_code varchar primary key)")
    with pytest.raises(SchemaError, match=r"raw\.regions lacks column region_name"):
        load.connect(path)


def test_rows_go_in_by_name_with_exact_values(con: duckdb.DuckDBPyConnection) -> None:
    rows = [
        {
            "article_id": f"a{i}",
            "extractor_version": "1",
            "headline": None,
            "clean_text": "teks",
            "published": date(2020, 1, i) if i % 2 else None,
            "syndication_group": f"a{i}",
            "warnings": ["terpotong"] if i == 3 else [],
            "extracted_at": AT,
        }
        for i in range(1, 6)
    ]
    # Keys in another order than the spec's: names decide, not positions.
    rows = [dict(reversed(list(row.items()))) for row in rows]
    assert insert_rows(con, raw_tables.EXTRACTIONS, rows) == 5
    got = con.execute(
        "select article_id, published, warnings, headline from raw.extractions order by 1"
    ).fetchall()
    assert got[0] == ("a1", date(2020, 1, 1), [], None)
    assert got[1][1] is None
    assert got[2][2] == ["terpotong"]


def test_decimals_keep_every_digit(con: duckdb.DuckDBPyConnection) -> None:
    values = [Decimal("123456789012345678901234567890.123456"), Decimal("0.5"), Decimal(7)]
    base = {
        "article_id": "a",
        "metric_code": "budget",
        "unit": "IDR",
        "qualifier": "exact",
        "region_code": "ID",
        "region_name": "Indonesia",
        "region_level": "country",
        "period": None,
        "period_start": None,
        "period_end": None,
        "program_code": None,
        "subject": None,
        "mention": "x",
        "sentence": "x",
        "char_start": 0,
        "char_end": 1,
        "extracted_at": AT,
        "why": None,
    }
    insert_rows(
        con,
        raw_tables.FIGURES,
        [{**base, "figure_id": f"a:{i}", "value": v} for i, v in enumerate(values)],
    )
    got = [
        row[0] for row in con.execute("select value from raw.figures order by figure_id").fetchall()
    ]
    assert got == values


def test_a_row_that_does_not_match_the_spec_is_refused(con: duckdb.DuckDBPyConnection) -> None:
    row = {"article_id": "a", "region_code": "72", "extracted_at": AT}
    with pytest.raises(ValueError, match=r"missing: \['region_code'\]"):
        insert_rows(con, raw_tables.ARTICLE_REGIONS, [{"article_id": "a", "extracted_at": AT}])
    with pytest.raises(ValueError, match=r"unknown: \['kode'\]"):
        insert_rows(con, raw_tables.ARTICLE_REGIONS, [{**row, "kode": "x"}])
    assert con.execute("select count(*) from raw.article_regions").fetchall() == [(0,)]
    assert insert_rows(con, raw_tables.ARTICLE_REGIONS, []) == 0


def test_a_typed_frame_goes_in_by_column_name(con: duckdb.DuckDBPyConnection) -> None:
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame(
        {
            "band_key": np.array([-(2**63), 2**63 - 1], dtype=np.int64),
            "band": np.array([0, 63], dtype=np.int16),
            "article_id": ["a", "b"],
        }
    )
    assert insert_frame(con, raw_tables.SYNDICATION_BANDS, frame) == 2
    rows = con.execute("select * from raw.syndication_bands order by article_id").fetchall()
    assert rows == [("a", 0, -(2**63)), ("b", 63, 2**63 - 1)]
    with pytest.raises(ValueError, match=r"missing: \['band_key'\]"):
        insert_frame(con, raw_tables.SYNDICATION_BANDS, frame.drop(columns="band_key"))
    with pytest.raises(ValueError, match=r"unknown: \['kode'\]"):
        insert_frame(con, raw_tables.SYNDICATION_BANDS, frame.assign(kode=1))
    assert insert_frame(con, raw_tables.SYNDICATION_BANDS, frame.iloc[:0]) == 0


def test_delete_keys_deletes_only_those_keys(con: duckdb.DuckDBPyConnection) -> None:
    insert_rows(
        con,
        raw_tables.ARTICLE_PROGRAMS,
        [
            {"article_id": a, "program_code": "bimtek", "extracted_at": AT}
            for a in ("a", "b", "c", "b")
        ],
    )
    delete_keys(con, raw_tables.ARTICLE_PROGRAMS, "article_id", ["b", "z", "b"])
    rows = con.execute("select article_id from raw.article_programs order by 1").fetchall()
    assert rows == [("a",), ("c",)]
    with pytest.raises(KeyError, match="no column 'kode'"):
        delete_keys(con, raw_tables.ARTICLE_PROGRAMS, "kode", ["a"])


def test_dbt_sources_are_the_specs() -> None:
    sources = yaml.safe_load(
        (PROJECT_ROOT / "dbt_project" / "models" / "staging" / "_sources.yml").read_text("utf-8")
    )
    (raw,) = [s for s in sources["sources"] if s["name"] == "raw"]
    specs = {spec.name: spec for spec in raw_tables.TABLES if spec.dbt_source}
    assert sorted(t["name"] for t in raw["tables"]) == sorted(specs)
    # Bookkeeping of the pipeline, read by no model.
    assert not {"input_files", "syndication_bands"} & specs.keys()
    for table in raw["tables"]:
        for column in table.get("columns", []):
            assert column["name"] in specs[table["name"]].column_names, table["name"]
