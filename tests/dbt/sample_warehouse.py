"""A small raw warehouse for the tests of the dbt project, and the helpers that run dbt on it.

The raw layer holds the whole region list and a handful of hand-written articles: a press
release and its syndicated copy, a story that disagrees with it, a national figure, an
undated article and an article whose extraction later loses its figures; then a new article
arrives and two others are re-extracted by a newer extractor version.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from ikm_facts.gazetteer import load_gazetteer
from ikm_warehouse import raw_tables
from ikm_warehouse.raw_tables import delete_keys, insert_rows

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT = PROJECT_ROOT / "dbt_project"
DBT = PROJECT_ROOT / ".venv" / "bin" / "dbt"

# The models built incrementally, keyed by article.
INCREMENTAL_MODELS = (
    "stg_articles",
    "stg_extractions",
    "stg_figures",
    "stg_article_regions",
    "stg_article_programs",
    "stg_article_officials",
    "fct_figure",
    "fct_program_activity",
)
# Schemas whose tables the snapshots hold: the marts and the incremental staging tables.
SNAPSHOT_SCHEMAS = ("main", "staging")

FIRST_LOAD = datetime(2024, 1, 10, 8, 0)
SECOND_LOAD = datetime(2024, 2, 10, 8, 0)

Row = tuple[Any, ...]


def region_rows() -> list[dict[str, Any]]:
    """raw.regions from the gazetteer: Indonesia, its provinces and kabupaten/kota."""
    gazetteer = load_gazetteer()
    return [
        {
            "region_code": region.code,
            "region_name": region.name,
            "region_level": region.level,
            "province_code": region.province_code,
            "parent_code": parent.code if (parent := gazetteer.parent(region)) else None,
            "island_group": gazetteer.island_group(region),
        }
        for region in gazetteer.regions()
    ]


@dataclass(frozen=True)
class Figure:
    metric: str
    value: str
    unit: str
    region_code: str
    period: str | None = None
    program: str | None = None
    qualifier: str = "exact"
    subject: str | None = None


@dataclass(frozen=True)
class Article:
    article_id: str
    outlet: str
    published: date | None
    figures: tuple[Figure, ...]
    syndication_group: str | None = None  # None: the article is its own story
    officials: tuple[tuple[str, str], ...] = ()
    title: str | None = None


def _period_bounds(period: str | None) -> tuple[date | None, date | None]:
    if period is None:
        return None, None
    if len(period) == 4:
        year = int(period)
        return date(year, 1, 1), date(year, 12, 31)
    year, month = (int(part) for part in period.split("-"))
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, 1), date.fromordinal(following.toordinal() - 1)


PALU, SULTENG, SIGI = "72.71", "72", "72.10"

PRESS_RELEASE = Article(
    article_id="a1000000000000a1",
    outlet="kemenperin.go.id",
    published=date(2020, 3, 1),
    title="Kemenperin latih IKM di Palu",
    officials=(("Gati Wibawaningsih", "Direktur Jenderal IKMA Kemenperin"),),
    figures=(
        Figure("ikm_units", "1000", "unit", SULTENG, "2019"),
        Figure("ikm_workers", "5000", "person", SULTENG, "2019", qualifier="approx"),
        Figure("participants", "40", "person", PALU, "2020-02", program="bimtek"),
        Figure("budget", "500000000", "IDR", PALU, "2020-02", program="bimtek"),
    ),
)
# The same release, republished a day later by another outlet.
SYNDICATED_COPY = Article(
    article_id="a2000000000000a2",
    outlet="antaranews.com",
    published=date(2020, 3, 2),
    syndication_group=PRESS_RELEASE.article_id,
    officials=(("Gati  Wibawaningsih", "Dirjen IKMA"),),
    figures=PRESS_RELEASE.figures,
)
# Another story about the same province and year: its unit count is 20 % higher.
DISAGREEING_STORY = Article(
    article_id="a3000000000000a3",
    outlet="sultengnews.id",
    published=date(2020, 5, 1),
    officials=(("Arus Abdul Karim", "Kepala Disperindag Sulawesi Tengah"),),
    figures=(
        Figure("ikm_units", "1200", "unit", SULTENG, "2019"),
        Figure("ikm_workers", "5200", "person", SULTENG, "2019", qualifier="approx"),
        Figure("sentra_count", "12", "sentra", SULTENG, "2019", subject="sentra rotan"),
    ),
)
NATIONAL = Article(
    article_id="a4000000000000a4",
    outlet="kontan.co.id",
    published=None,
    officials=(("Mohamad Hekal", "Anggota Komisi VI DPR RI"),),
    figures=(
        Figure("ikm_units", "4400000", "unit", "ID", "2019", qualifier="approx"),
        Figure("growth_rate", "3.69", "percent", "ID", None),
        # A region the gazetteer does not know: the facts hold the unknown member.
        Figure("participants", "25", "person", "99.99", "2021", program="pameran"),
    ),
)
LOSES_ITS_FIGURES = Article(
    article_id="a6000000000000a6",
    outlet="jpnn.com",
    published=date(2021, 7, 1),
    figures=(
        Figure("output_quantity", "10000", "piece", SIGI, "2021-06", program="bantuan_peralatan"),
    ),
)
# A copy that arrives before its original: its own story at first, regrouped later.
EARLY_COPY = Article(
    article_id="a7000000000000a7",
    outlet="palupos.id",
    published=date(2021, 3, 5),
    figures=(Figure("participants", "60", "person", PALU, "2021-03", program="pameran"),),
)
FIRST_ARTICLES = (
    PRESS_RELEASE,
    SYNDICATED_COPY,
    DISAGREEING_STORY,
    NATIONAL,
    LOSES_ITS_FIGURES,
    EARLY_COPY,
)

NEW_ARTICLE = Article(
    article_id="a5000000000000a5",
    outlet="kemenperin.go.id",
    published=date(2021, 9, 14),
    officials=(("Gati Wibawaningsih", "Direktur Jenderal IKMA Kemenperin"),),
    figures=(
        Figure("new_entrepreneurs", "150", "person", SIGI, "2021-09", program="wub"),
        Figure("participants", "150", "person", SIGI, "2021-09", program="wub"),
        Figure("ikm_units", "1100", "unit", SULTENG, "2019"),
    ),
)
# The original of the early copy, published a day earlier: the pipeline regroups the copy in
# place (update_syndication_groups), keeping the copy's extracted_at.
LATE_ORIGINAL = Article(
    article_id="a8000000000000a8",
    outlet="kemenperin.go.id",
    published=date(2021, 3, 4),
    figures=EARLY_COPY.figures,
)
# The next extractor version reads the disagreeing story's unit count as 1050, and finds no
# figure in the last article.
REEXTRACTED = (
    Article(
        article_id=DISAGREEING_STORY.article_id,
        outlet=DISAGREEING_STORY.outlet,
        published=DISAGREEING_STORY.published,
        officials=DISAGREEING_STORY.officials,
        figures=(Figure("ikm_units", "1050", "unit", SULTENG, "2019"),),
    ),
    Article(
        article_id=LOSES_ITS_FIGURES.article_id,
        outlet=LOSES_ITS_FIGURES.outlet,
        published=LOSES_ITS_FIGURES.published,
        figures=(),
    ),
)
CHANGED_ARTICLE_IDS = frozenset(
    {
        NEW_ARTICLE.article_id,
        LATE_ORIGINAL.article_id,
        EARLY_COPY.article_id,
        *(a.article_id for a in REEXTRACTED),
    }
)


def create_raw_warehouse(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        raw_tables.create_raw_schema(con)
        insert_rows(con, raw_tables.REGIONS, region_rows())
        for article in FIRST_ARTICLES:
            ingest(con, article, FIRST_LOAD)
            extract(con, article, "1.0", FIRST_LOAD)


def ingest(con: duckdb.DuckDBPyConnection, article: Article, at: datetime) -> None:
    text = f"Berita {article.article_id} dari {article.outlet}."
    url = f"https://{article.outlet}/{article.article_id}"
    row = {
        "article_id": article.article_id,
        "doc": url,
        "source_path": f"{article.outlet}.jsonl",
        "source_format": "jsonl",
        "source_line": 1,
        "url": url,
        "title": article.title,
        "outlet": article.outlet,
        "published_metadata": article.published.isoformat() if article.published else None,
        "raw_text": text,
        "text_length": len(text),
        "ingested_at": at,
    }
    insert_rows(con, raw_tables.ARTICLES, [row])


def extract(con: duckdb.DuckDBPyConnection, article: Article, version: str, at: datetime) -> None:
    """Write an article's extraction the way the pipeline does: all its rows replaced together."""
    article_id = article.article_id
    for table in raw_tables.EXTRACTION_TABLES:
        delete_keys(con, table, "article_id", [article_id])
    extraction = {
        "article_id": article_id,
        "extractor_version": version,
        "headline": f"Judul {article_id}",
        "clean_text": f"Teks {article_id}",
        "published": article.published,
        "syndication_group": article.syndication_group or article_id,
        "warnings": [],
        "extracted_at": at,
    }
    insert_rows(con, raw_tables.EXTRACTIONS, [extraction])
    figures = []
    for ordinal, figure in enumerate(article.figures):
        start, end = _period_bounds(figure.period)
        figures.append(
            {
                "figure_id": f"{article_id}:{ordinal}",
                "article_id": article_id,
                "metric_code": figure.metric,
                "value": Decimal(figure.value),
                "unit": figure.unit,
                "qualifier": figure.qualifier,
                "region_code": figure.region_code,
                # The extractor's region name and level; the marts take them from dim_region.
                "region_name": "-",
                "region_level": "-",
                "period": figure.period,
                "period_start": start,
                "period_end": end,
                "program_code": figure.program,
                "subject": figure.subject,
                "mention": figure.value,
                "sentence": f"Kalimat dengan {figure.value}.",
                "char_start": 10 * ordinal,
                "char_end": 10 * ordinal + len(figure.value),
                "extracted_at": at,
                "why": "metric=sample;region=sample",
            }
        )
    insert_rows(con, raw_tables.FIGURES, figures)
    insert_rows(
        con,
        raw_tables.ARTICLE_REGIONS,
        [
            {"article_id": article_id, "region_code": code, "extracted_at": at}
            for code in sorted({f.region_code for f in article.figures})
        ],
    )
    insert_rows(
        con,
        raw_tables.ARTICLE_PROGRAMS,
        [
            {"article_id": article_id, "program_code": program, "extracted_at": at}
            for program in sorted({f.program for f in article.figures if f.program})
        ],
    )
    insert_rows(
        con,
        raw_tables.ARTICLE_OFFICIALS,
        [
            {
                "article_id": article_id,
                "official_name": name,
                "official_title": title,
                "extracted_at": at,
            }
            for name, title in article.officials
        ],
    )


def add_new_and_reextract(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        ingest(con, NEW_ARTICLE, SECOND_LOAD)
        extract(con, NEW_ARTICLE, "2.0", SECOND_LOAD)
        ingest(con, LATE_ORIGINAL, SECOND_LOAD)
        extract(con, LATE_ORIGINAL, "2.0", SECOND_LOAD)
        con.execute(
            "update raw.extractions set syndication_group = ? where article_id = ?",
            [LATE_ORIGINAL.article_id, EARLY_COPY.article_id],
        )
        for article in REEXTRACTED:
            extract(con, article, "2.0", SECOND_LOAD)


def dbt(workdir: Path, warehouse: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "IKM_WAREHOUSE": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    return subprocess.run(
        [
            str(DBT),
            *args,
            "--project-dir",
            str(DBT_PROJECT),
            "--profiles-dir",
            str(DBT_PROJECT),
            "--target-path",
            str(workdir / "target"),
            "--log-path",
            str(workdir / "logs"),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


Snapshot = dict[str, list[Row]]


def snapshot(path: Path) -> Snapshot:
    """Every table of the marts and of staging, its rows sorted."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and table_schema in (?, ?) order by 1",
            list(SNAPSHOT_SCHEMAS),
        ).fetchall()
        return {
            name: sorted(con.execute(f"select * from {name}").fetchall(), key=repr)
            for (name,) in tables
        }


def pending_rows(workdir: Path, warehouse: Path, models: tuple[str, ...]) -> dict[str, int]:
    """Rows each model's SQL, as the last dbt run compiled it, selects from the warehouse now.

    Run right after a build, this is what that build wrote into an incremental model (dbt-duckdb
    does not report affected rows): a full select would return the whole table.
    """
    compiled = workdir / "target" / "compiled" / "ikm_warehouse" / "models"
    counts = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for model in models:
            (path,) = compiled.glob(f"*/{model}.sql")
            sql = path.read_text(encoding="utf-8")
            (count,) = con.execute(f"select count(*) from ({sql})").fetchone() or (0,)
            counts[model] = count
    return counts


@dataclass(frozen=True)
class BuildHistory:
    warehouse: Path
    first: Snapshot
    second: Snapshot
    second_pending: dict[str, int]  # rows the second build's incremental SQL selected
    incremental: Snapshot
    full_refresh: Snapshot
    outputs: dict[str, str]  # the log of each dbt invocation, for failure messages
