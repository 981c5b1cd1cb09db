"""The dbt project on a small warehouse: builds, incremental runs, syndication, analyses.

All tests share one module-scoped build history (see conftest.py): four dbt builds in all.
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import get_args

import duckdb
import pytest
import yaml
from sample_warehouse import (
    CHANGED_ARTICLE_IDS,
    DBT_PROJECT,
    DISAGREEING_STORY,
    EARLY_COPY,
    INCREMENTAL_MODELS,
    LATE_ORIGINAL,
    PRESS_RELEASE,
    SYNDICATED_COPY,
    BuildHistory,
    Row,
    Snapshot,
    dbt,
)

from ikm_facts import figures, programs
from ikm_facts.model import Unit
from ikm_facts.vocabulary import vocabulary

pytestmark = pytest.mark.skipif(
    not (DBT_PROJECT.parent / ".venv" / "bin" / "dbt").is_file(), reason="dbt is not installed"
)

ARTICLE_KEYED_TABLES = (
    "main.fct_figure",
    "main.fct_program_activity",
    "staging.stg_articles",
    "staging.stg_extractions",
    "staging.stg_figures",
    "staging.stg_article_regions",
    "staging.stg_article_programs",
    "staging.stg_article_officials",
)
ANALYSES = sorted((DBT_PROJECT / "analyses").glob("*.sql"))


def query(warehouse: Path, sql: str, params: list[object] | None = None) -> list[Row]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def article_rows(
    snap: Snapshot, table: str, columns: list[str], article_ids: set[str]
) -> list[Row]:
    """The rows of ``table`` whose article_id is (or is not) among ``article_ids``."""
    position = columns.index("article_id")
    return [row for row in snap[table] if row[position] in article_ids]


def columns_of(warehouse: Path, table: str) -> list[str]:
    schema, name = table.split(".")
    return [
        column
        for (column,) in query(
            warehouse,
            "select column_name from information_schema.columns "
            "where table_schema = ? and table_name = ? order by ordinal_position",
            [schema, name],
        )
    ]


def test_dim_region_holds_indonesia_38_provinces_and_514_kabupaten_kota(
    build_history: BuildHistory,
) -> None:
    levels = dict(
        query(build_history.warehouse, "select region_level, count(*) from dim_region group by 1")
    )
    assert levels == {"country": 1, "province": 38, "regency": 416, "city": 98, "unknown": 1}
    palu = query(
        build_history.warehouse,
        "select region_name, province_code, parent_code, province_name, island_group "
        "from dim_region where region_code = '72.71'",
    )
    assert palu == [("Kota Palu", "72", "72", "Provinsi Sulawesi Tengah", "Sulawesi")]


def test_dim_metric_and_dim_program_are_the_vocabulary_as_the_library_reads_it(
    build_history: BuildHistory,
) -> None:
    vocab = vocabulary()
    dim_metric = query(
        build_history.warehouse,
        "select metric_code, metric_name, description, unit, is_additive from dim_metric "
        "where metric_code != 'UNKNOWN' order by metric_code",
    )
    assert dim_metric == sorted(
        (m.code, m.name, m.description, m.unit, m.is_additive) for m in vocab.metrics
    )
    dim_program = query(
        build_history.warehouse,
        "select program_code, program_name, description from dim_program "
        "where program_code != 'UNKNOWN' order by program_code",
    )
    assert dim_program == sorted((p.code, p.name, p.description) for p in vocab.programs)
    # The library's codes are the same ones.
    assert sorted(figures.METRIC_UNITS) == [row[0] for row in dim_metric]
    assert sorted(programs.PROGRAM_CODES) == [row[0] for row in dim_program]


# A metric or program code written as a literal in SQL: "metric_code = 'ikm_units'",
# "program_code != 'UNKNOWN'", "metric_code in ('ikm_units', 'ikm_workers')".
_CODE_LITERAL = re.compile(
    r"\b(metric|program)_code\s*(?:(?:=|!=|<>)\s*('[^']*')|(?:not\s+)?in\s*\(([^)]*)\))", re.I
)
_SQL_FOLDERS = ("models", "analyses", "tests", "macros")


def _named_codes() -> set[tuple[str, str, str]]:
    """(metric or program, code, file) for every code the dbt SQL and the suites name."""
    expectations = DBT_PROJECT.parent / "expectations"
    sql = [f for folder in _SQL_FOLDERS for f in (DBT_PROJECT / folder).rglob("*.sql")]
    named = set()
    for file in [*sql, *(expectations / "sql").glob("*.sql")]:
        for match in _CODE_LITERAL.finditer(file.read_text("utf-8")):
            for code in re.findall(r"'([^']*)'", match.group(2) or match.group(3)):
                named.add((match.group(1), code, file.name))

    def conditions(node: object) -> list[dict[str, object]]:
        if isinstance(node, list):
            return [c for item in node for c in conditions(item)]
        if not isinstance(node, dict):
            return []
        found = [c for value in node.values() for c in conditions(value)]
        return [node, *found] if "parameter" in node else found

    for suite in (expectations / "expectations").glob("*.json"):
        for condition in conditions(json.loads(suite.read_text("utf-8"))):
            column = condition.get("column")
            name = column.get("name") if isinstance(column, dict) else None
            if name in ("metric_code", "program_code"):
                named.add((str(name).split("_")[0], str(condition["parameter"]), suite.name))
    return named


def test_every_code_the_sql_and_the_suites_name_is_in_the_vocabulary() -> None:
    vocab = vocabulary()
    known = {
        "metric": {m.code for m in vocab.metrics} | {"UNKNOWN"},
        "program": {p.code for p in vocab.programs} | {"UNKNOWN"},
    }
    named = _named_codes()
    assert {kind for kind, _, _ in named} == {"metric", "program"}  # the scan finds both
    assert any(file.endswith(".json") for _, _, file in named)  # and reads the suites
    assert sorted(n for n in named if n[1] not in known[n[0]]) == []


def test_fct_program_activity_has_a_column_for_each_program_metric(
    build_history: BuildHistory,
) -> None:
    # Its measures are the metrics the vocabulary says belong to a program (is_program): a
    # metric added there needs its column here.
    columns = set(columns_of(build_history.warehouse, "main.fct_program_activity"))
    metrics = vocabulary().metrics
    assert columns & {m.code for m in metrics} == {m.code for m in metrics if m.is_program}


def test_the_units_dbt_accepts_are_the_librarys() -> None:
    # The units are the library's (ikm_facts.model.Unit, which the vocabulary's units are
    # checked against); a model's accepted_values on a unit column must list the same ones.
    accepted = {}
    for file in (DBT_PROJECT / "models").rglob("*.yml"):
        for model in yaml.safe_load(file.read_text("utf-8")).get("models", []):
            for column in model.get("columns", []):
                for test in column.get("data_tests", []):
                    if column["name"] == "unit" and "accepted_values" in test:
                        accepted[model["name"]] = test["accepted_values"]["arguments"]["values"]
    units = list(get_args(Unit))
    assert accepted == {"dim_metric": units, "fct_figure": units}


def test_marts_live_in_main_and_layers_in_their_own_schemas(build_history: BuildHistory) -> None:
    schemas = dict(
        query(
            build_history.warehouse,
            "select table_name, table_schema from information_schema.tables "
            "where table_name in ('fct_figure', 'stg_figures', 'int_figures_enriched', 'metrics')",
        )
    )
    assert schemas == {
        "fct_figure": "main",
        "stg_figures": "staging",
        "int_figures_enriched": "intermediate",
        "metrics": "seeds",
    }


def test_fct_figure_has_exactly_the_contract_columns(build_history: BuildHistory) -> None:
    assert columns_of(build_history.warehouse, "main.fct_figure") == [
        "figure_id",
        "article_id",
        "region_code",
        "metric_code",
        "program_code",
        "value",
        "unit",
        "qualifier",
        "period",
        "period_start",
        "period_end",
        "subject",
        "mention",
        "sentence",
        "char_start",
        "char_end",
        "why",
    ]


def test_a_second_build_changes_and_writes_nothing(build_history: BuildHistory) -> None:
    assert build_history.second == build_history.first
    assert build_history.second_pending == dict.fromkeys(INCREMENTAL_MODELS, 0)


def test_incremental_build_rewrites_only_the_new_and_reextracted_articles(
    build_history: BuildHistory,
) -> None:
    for table in ARTICLE_KEYED_TABLES:
        columns = columns_of(build_history.warehouse, table)
        untouched_ids = {
            row[columns.index("article_id")] for row in build_history.first[table]
        } - CHANGED_ARTICLE_IDS
        before = article_rows(build_history.first, table, columns, untouched_ids)
        after = article_rows(build_history.incremental, table, columns, untouched_ids)
        assert after == before, table
        changed_before = article_rows(build_history.first, table, columns, set(CHANGED_ARTICLE_IDS))
        changed_after = article_rows(
            build_history.incremental, table, columns, set(CHANGED_ARTICLE_IDS)
        )
        if changed_before or changed_after:
            assert changed_after != changed_before, table


def test_incremental_build_matches_a_full_refresh(build_history: BuildHistory) -> None:
    assert build_history.incremental.keys() == build_history.full_refresh.keys()
    for table, rows in build_history.full_refresh.items():
        assert build_history.incremental[table] == rows, table


def test_reextraction_replaces_an_articles_figures_and_drops_vanished_ones(
    build_history: BuildHistory,
) -> None:
    figures = dict(
        query(
            build_history.warehouse,
            "select article_id, list(value order by figure_id) from fct_figure group by 1",
        )
    )
    assert figures[DISAGREEING_STORY.article_id] == [Decimal("1050")]
    assert "a6000000000000a6" not in figures  # its new extraction holds no figure
    assert query(
        build_history.warehouse,
        "select count(*) from fct_program_activity where article_id = 'a6000000000000a6'",
    ) == [(0,)]


def records(build_history: BuildHistory, snap: Snapshot, table: str) -> list[dict[str, object]]:
    columns = columns_of(build_history.warehouse, table)
    return [dict(zip(columns, row, strict=True)) for row in snap[table]]


def region_metric(
    build_history: BuildHistory, snap: Snapshot, region_code: str, metric_code: str
) -> list[dict[str, object]]:
    return [
        row
        for row in records(build_history, snap, "main.fct_region_metric")
        if (row["region_code"], row["metric_code"], row["period"])
        == (region_code, metric_code, "2019")
    ]


def test_syndicated_copies_count_as_one_story(build_history: BuildHistory) -> None:
    (workers,) = region_metric(build_history, build_history.first, "72", "ikm_workers")
    # The release, its copy and the other story: three figures, two stories.
    assert (workers["story_count"], workers["figure_count"]) == (2, 3)
    bimtek = [
        (row["article_id"], row["is_primary_copy"], row["participants"])
        for row in records(build_history, build_history.first, "main.fct_program_activity")
        if row["program_code"] == "bimtek"
    ]
    assert sorted(bimtek) == [
        (PRESS_RELEASE.article_id, True, Decimal(40)),
        (SYNDICATED_COPY.article_id, False, Decimal(40)),
    ]


def test_a_copy_regrouped_in_place_follows_its_late_original(build_history: BuildHistory) -> None:
    def pameran_in_palu(snap: Snapshot) -> list[tuple[object, ...]]:
        return sorted(
            (row["article_id"], row["syndication_group"], row["is_primary_copy"])
            for row in records(build_history, snap, "main.fct_program_activity")
            if (row["program_code"], row["region_code"]) == ("pameran", "72.71")
        )

    copy, original = EARLY_COPY.article_id, LATE_ORIGINAL.article_id
    assert pameran_in_palu(build_history.first) == [(copy, copy, True)]
    assert pameran_in_palu(build_history.incremental) == [
        (copy, original, False),
        (original, original, True),
    ]


def test_conflict_and_best_estimate_follow_the_stories(build_history: BuildHistory) -> None:
    def summary(snap: Snapshot) -> list[tuple[object, ...]]:
        return [
            (
                row["best_value"],
                row["story_count"],
                row["min_value"],
                row["max_value"],
                row["has_conflict"],
            )
            for row in region_metric(build_history, snap, "72", "ikm_units")
        ]

    # 1000 (the release, March) against 1200 (May): May's is the best estimate; they conflict.
    assert summary(build_history.first) == [(Decimal(1200), 2, Decimal(1000), Decimal(1200), True)]
    # Re-extracted as 1050, and a new story (September 2021) gives 1100: all within 10 %.
    assert summary(build_history.full_refresh) == [
        (Decimal(1100), 3, Decimal(1000), Decimal(1100), False)
    ]


def test_unknown_regions_and_missing_programs_get_the_unknown_member(
    build_history: BuildHistory,
) -> None:
    rows = query(
        build_history.warehouse,
        "select region_code, program_code, count(*) from fct_figure "
        "where region_code = 'UNKNOWN' or program_code = 'UNKNOWN' group by all order by all",
    )
    assert ("UNKNOWN", "pameran", 1) in rows
    assert query(
        build_history.warehouse,
        "select count(*) from fct_figure where region_code is null or program_code is null",
    ) == [(0,)]


@pytest.mark.parametrize("analysis", ANALYSES, ids=lambda path: path.stem)
def test_every_analysis_runs_on_the_built_warehouse(
    build_history: BuildHistory, analysis: Path
) -> None:
    rows = query(build_history.warehouse, analysis.read_text(encoding="utf-8"))
    assert isinstance(rows, list)


def test_there_are_at_least_eight_analyses() -> None:
    assert len(ANALYSES) >= 8


def test_analyses_answer_with_the_sample(build_history: BuildHistory) -> None:
    by_name = {path.stem: path.read_text(encoding="utf-8") for path in ANALYSES}
    bimtek = query(build_history.warehouse, by_name["bimtek_participants_per_province_and_year"])
    # The release and its copy: 40 participants and Rp500 juta, once.
    assert bimtek == [("Provinsi Sulawesi Tengah", 2020, Decimal(40), Decimal(500000000), 1)]
    undated = query(build_history.warehouse, by_name["articles_without_dates"])
    assert [row[0] for row in undated] == ["a4000000000000a4"]


def test_docs_generate(build_history: BuildHistory) -> None:
    # The builds' own folder, so that dbt parses the project partially, not again from scratch.
    workdir = build_history.warehouse.parent
    done = dbt(workdir, build_history.warehouse, "docs", "generate")
    assert done.returncode == 0, done.stdout[-4000:]
    catalog = json.loads((workdir / "target" / "catalog.json").read_text(encoding="utf-8"))
    assert "model.ikm_warehouse.fct_region_metric" in catalog["nodes"]


def test_the_cross_table_checks_fail_on_bad_marts(
    build_history: BuildHistory, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.duckdb"
    shutil.copy(build_history.warehouse, broken)
    with duckdb.connect(str(broken)) as con:
        con.execute(f"delete from fct_figure where article_id = '{PRESS_RELEASE.article_id}'")
        con.execute("update fct_program_activity set is_primary_copy = true")
        con.execute("update fct_region_metric set story_count = story_count + 1")
        con.execute("update dim_region set province_code = '73' where region_code = '72.71'")
    done = dbt(build_history.warehouse.parent, broken, "test", "--select", "test_type:singular")
    failed = {
        line.split(" FAIL ")[1].split()[1]
        for line in done.stdout.splitlines()
        if " FAIL " in line and " of " in line
    }
    assert failed == {
        "assert_every_figure_reaches_fct_figure",
        "assert_one_primary_copy_per_story",
        "assert_region_metric_counts_each_story_once",
        "assert_region_hierarchy",
    }, done.stdout[-4000:]
