"""The facts rebuild only the articles a run could have changed, and still equal a full refresh.

One warehouse goes through the changes that can reach a fact row without a new extraction of
the row's own article (another copy of its story arrives, it is regrouped in place, a copy's
extraction is deleted, a region leaves the gazetteer and comes back) and those that come with
one (a re-extraction). After each, the incremental build must hold the rows of a full refresh
of a copy of the same warehouse; and an article nothing touched is not rewritten at all.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from sample_warehouse import (
    DBT_PROJECT,
    PALU,
    SIGI,
    SULTENG,
    Article,
    Figure,
    Row,
    Snapshot,
    dbt,
    extract,
    ingest,
    region_rows,
    snapshot,
)

from ikm_warehouse import raw_tables
from ikm_warehouse.raw_tables import insert_rows

pytestmark = pytest.mark.skipif(
    not (DBT_PROJECT.parent / ".venv" / "bin" / "dbt").is_file(), reason="dbt is not installed"
)

FACTS = ("fct_figure", "fct_program_activity")
SELECTION = ("--select", *(f"+{fact}" for fact in FACTS))

# A story whose original reports no activity: its earliest copy with one is the primary copy.
ORIGINAL = Article(
    "b1000000000000b1",
    "kemenperin.go.id",
    date(2021, 1, 5),
    figures=(Figure("ikm_units", "900", "unit", SULTENG, "2020"),),
)
FIRST_COPY = Article(
    "b2000000000000b2",
    "antaranews.com",
    date(2021, 1, 7),
    syndication_group=ORIGINAL.article_id,
    figures=(Figure("participants", "30", "person", PALU, "2021-01", program="bimtek"),),
)
# Arrives later, dated between the two: it becomes the primary copy, the first copy not.
EARLIER_COPY = Article(
    "b9000000000000b9",
    "palupos.id",
    date(2021, 1, 6),
    syndication_group=ORIGINAL.article_id,
    figures=FIRST_COPY.figures,
)
# Two stories at first; the second is later found to be a copy of the first (regrouped in
# place), and the first is re-extracted.
STORY = Article(
    "b3000000000000b3",
    "sultengnews.id",
    date(2021, 2, 1),
    figures=(Figure("participants", "20", "person", PALU, "2021-02", program="pameran"),),
)
LATER_STORY = Article(
    "b4000000000000b4",
    "jpnn.com",
    date(2021, 2, 3),
    figures=STORY.figures,
)
STORY_REEXTRACTED = Article(
    STORY.article_id,
    STORY.outlet,
    STORY.published,
    figures=(Figure("participants", "25", "person", PALU, "2021-02", program="pameran"),),
)
# In Sigi, the region that leaves the gazetteer and comes back.
IN_SIGI = Article(
    "b5000000000000b5",
    "kontan.co.id",
    date(2021, 3, 1),
    figures=(
        Figure("ikm_units", "120", "unit", SIGI, "2020"),
        Figure("participants", "15", "person", SIGI, "2021-03", program="wub"),
    ),
)
# Nothing ever happens to it: its rows must never be rewritten.
UNTOUCHED = Article(
    "b6000000000000b6",
    "detik.com",
    date(2021, 4, 1),
    figures=(Figure("ikm_workers", "4000", "person", SULTENG, "2020"),),
)
# An original whose extraction is deleted: its copy, still named after it, becomes primary.
DELETED = Article(
    "b7000000000000b7",
    "kemenperin.go.id",
    date(2021, 5, 1),
    figures=(Figure("participants", "50", "person", SIGI, "2021-05", program="bimtek"),),
)
COPY_OF_DELETED = Article(
    "b8000000000000b8",
    "antaranews.com",
    date(2021, 5, 2),
    syndication_group=DELETED.article_id,
    figures=DELETED.figures,
)
ARTICLES = (ORIGINAL, FIRST_COPY, STORY, LATER_STORY, IN_SIGI, UNTOUCHED, DELETED, COPY_OF_DELETED)

FIRST_LOAD = datetime(2024, 3, 1, 8, 0)
# The canary: a value written into the untouched article's row, which only a rewrite removes.
CANARY = "canary: not rewritten"


def a_new_copy_arrives(con: duckdb.DuckDBPyConnection, at: datetime) -> None:
    ingest(con, EARLIER_COPY, at)
    extract(con, EARLIER_COPY, "2.0", at)


def a_story_is_regrouped_in_place(con: duckdb.DuckDBPyConnection, at: datetime) -> None:
    # As update_syndication_groups does: the group changes, the extraction's time does not.
    con.execute(
        "update raw.extractions set syndication_group = ? where article_id = ?",
        [STORY.article_id, LATER_STORY.article_id],
    )


def a_story_is_reextracted(con: duckdb.DuckDBPyConnection, at: datetime) -> None:
    extract(con, STORY_REEXTRACTED, "2.0", at)


def an_extraction_is_deleted(con: duckdb.DuckDBPyConnection, at: datetime) -> None:
    for table in raw_tables.EXTRACTION_TABLES:
        con.execute(
            f"delete from {table.qualified_name} where article_id = ?", [DELETED.article_id]
        )


def sigi_leaves_the_gazetteer(con: duckdb.DuckDBPyConnection, at: datetime) -> None:
    con.execute("delete from raw.regions where region_code = ?", [SIGI])


def sigi_comes_back(con: duckdb.DuckDBPyConnection, at: datetime) -> None:
    insert_rows(con, raw_tables.REGIONS, [r for r in region_rows() if r["region_code"] == SIGI])


@dataclass(frozen=True)
class Step:
    name: str
    change: Callable[[duckdb.DuckDBPyConnection, datetime], None]
    incremental: Snapshot  # after the incremental build
    full_refresh: Snapshot  # a copy of the warehouse, after a full refresh
    canary_kept: bool  # the untouched article's hand-edited row survived the build


STEPS = (
    a_new_copy_arrives,
    a_story_is_regrouped_in_place,
    a_story_is_reextracted,
    an_extraction_is_deleted,
    sigi_leaves_the_gazetteer,
    sigi_comes_back,
)


def run(workdir: Path, warehouse: Path, *args: str) -> None:
    done = dbt(workdir, warehouse, *args)
    assert done.returncode == 0, f"dbt {' '.join(args)} failed:\n{done.stdout[-6000:]}"


def facts(warehouse: Path) -> Snapshot:
    return {table: rows for table, rows in snapshot(warehouse).items() if table in _FACT_TABLES}


_FACT_TABLES = {f"main.{fact}" for fact in FACTS}


def set_canary(warehouse: Path, why: str) -> str:
    with duckdb.connect(str(warehouse)) as con:
        (before,) = con.execute(
            "select why from main.fct_figure where article_id = ?", [UNTOUCHED.article_id]
        ).fetchall()[0]
        con.execute(
            "update main.fct_figure set why = ? where article_id = ?", [why, UNTOUCHED.article_id]
        )
    return str(before)


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Step]:
    workdir = tmp_path_factory.mktemp("incremental_facts")
    warehouse = workdir / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        raw_tables.create_raw_schema(con)
        insert_rows(con, raw_tables.REGIONS, region_rows())
        for article in ARTICLES:
            ingest(con, article, FIRST_LOAD)
            extract(con, article, "1.0", FIRST_LOAD)
    run(workdir, warehouse, "seed")
    run(workdir, warehouse, "run", *SELECTION)
    history = {}
    for number, change in enumerate(STEPS, start=1):
        with duckdb.connect(str(warehouse)) as con:
            change(con, datetime(2024, 3, 1 + number, 8, 0))
        why = set_canary(warehouse, CANARY)
        run(workdir, warehouse, "run", *SELECTION)
        canary_kept = set_canary(warehouse, why) == CANARY
        reference = workdir / f"full_refresh_{number}.duckdb"
        shutil.copy(warehouse, reference)
        run(workdir / "full_refresh", reference, "run", "--full-refresh", *SELECTION)
        history[change.__name__] = Step(
            change.__name__, change, facts(warehouse), facts(reference), canary_kept
        )
    return history


def activity(step: Step, article: Article) -> list[Row]:
    """(program, region, syndication_group, is_primary_copy, participants) of an article."""
    return [
        (row[0], row[1], row[3], row[13], row[8])
        for row in step.incremental["main.fct_program_activity"]
        if row[2] == article.article_id
    ]


@pytest.mark.parametrize("change", [change.__name__ for change in STEPS])
def test_the_incremental_facts_equal_a_full_refresh(steps: dict[str, Step], change: str) -> None:
    step = steps[change]
    for table in _FACT_TABLES:
        assert step.incremental[table] == step.full_refresh[table], table


@pytest.mark.parametrize("change", [change.__name__ for change in STEPS])
def test_an_article_nothing_touched_is_not_rewritten(steps: dict[str, Step], change: str) -> None:
    # A change to a dimension rewrites every row, the untouched article's too.
    rewrites_all = change in {"sigi_leaves_the_gazetteer", "sigi_comes_back"}
    assert steps[change].canary_kept is not rewrites_all


def test_a_new_earlier_copy_takes_over_as_primary(steps: dict[str, Step]) -> None:
    step = steps["a_new_copy_arrives"]
    story = ORIGINAL.article_id
    assert activity(step, FIRST_COPY) == [("bimtek", PALU, story, False, 30)]
    assert activity(step, EARLIER_COPY) == [("bimtek", PALU, story, True, 30)]


def test_a_story_regrouped_in_place_is_no_longer_primary(steps: dict[str, Step]) -> None:
    step = steps["a_story_is_regrouped_in_place"]
    story = STORY.article_id
    assert activity(step, LATER_STORY) == [("pameran", PALU, story, False, 20)]
    assert activity(step, STORY) == [("pameran", PALU, story, True, 20)]


def test_a_reextracted_article_gets_its_new_figures(steps: dict[str, Step]) -> None:
    step = steps["a_story_is_reextracted"]
    assert activity(step, STORY) == [("pameran", PALU, STORY.article_id, True, 25)]
    figures = [row[5] for row in step.incremental["main.fct_figure"] if row[1] == STORY.article_id]
    assert figures == [25]


def test_a_deleted_extraction_leaves_its_copy_primary(steps: dict[str, Step]) -> None:
    step = steps["an_extraction_is_deleted"]
    assert activity(step, DELETED) == []
    assert not [row for row in step.incremental["main.fct_figure"] if row[1] == DELETED.article_id]
    assert activity(step, COPY_OF_DELETED) == [("bimtek", SIGI, DELETED.article_id, True, 50)]


def test_the_regions_follow_the_gazetteer(steps: dict[str, Step]) -> None:
    def regions(step: Step) -> list[object]:
        return sorted(
            row[2] for row in step.incremental["main.fct_figure"] if row[1] == IN_SIGI.article_id
        )

    assert regions(steps["sigi_leaves_the_gazetteer"]) == ["UNKNOWN", "UNKNOWN"]
    assert activity(steps["sigi_leaves_the_gazetteer"], IN_SIGI)[0][1] == "UNKNOWN"
    assert regions(steps["sigi_comes_back"]) == [SIGI, SIGI]
