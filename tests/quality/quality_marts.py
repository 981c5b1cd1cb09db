"""A small warehouse whose marts are built by hand, clean enough that every suite passes.

The story it tells: in 2019 Indonesia had 4,4 juta IKM units, Sulawesi Tengah 20.000 of them
(90.000 workers) and Kabupaten Sigi 5.000; in 2020 a bimtek in Sulawesi Tengah trained 220
participants, 60 + 80 + 80 across three kabupaten/kota, with a budget of Rp1,5 miliar.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

EXPECTATIONS_DIR = Path(__file__).resolve().parents[2] / "expectations"
# Fixed so that "not in the future" does not depend on the day the tests run.
TODAY = dt.date(2025, 6, 1)

MARTS_DDL = """
create table main.dim_region (
    region_code varchar, parent_code varchar, province_code varchar, region_name varchar,
    region_level varchar, province_name varchar, island_group varchar
);
create table main.dim_metric (
    metric_code varchar, metric_name varchar, description varchar, unit varchar,
    is_additive boolean
);
create table main.dim_article (
    article_id varchar, syndication_group varchar, doc varchar, url varchar, outlet varchar,
    title varchar, published_date date, source_format varchar, source_path varchar,
    text_length integer
);
create table main.fct_figure (
    figure_id varchar, article_id varchar, region_code varchar, metric_code varchar,
    program_code varchar, value decimal(38, 6), unit varchar, qualifier varchar, period varchar,
    period_start date, period_end date, subject varchar, mention varchar, sentence varchar,
    char_start integer, char_end integer
);
create table main.fct_region_metric (
    region_code varchar, metric_code varchar, period varchar, unit varchar,
    best_figure_id varchar, period_start date, period_end date, best_value decimal(38, 6),
    best_qualifier varchar, best_published_date date, story_count integer,
    figure_count integer, min_value decimal(38, 6), max_value decimal(38, 6),
    has_conflict boolean
);
"""

REGIONS = [
    ("ID", None, None, "Indonesia", "country", None, "Indonesia"),
    ("72", "ID", "72", "Sulawesi Tengah", "province", "Sulawesi Tengah", "Sulawesi"),
    ("33", "ID", "33", "Jawa Tengah", "province", "Jawa Tengah", "Jawa"),
    ("72.71", "72", "72", "Kota Palu", "city", "Sulawesi Tengah", "Sulawesi"),
    ("72.10", "72", "72", "Kabupaten Sigi", "regency", "Sulawesi Tengah", "Sulawesi"),
    ("72.03", "72", "72", "Kabupaten Donggala", "regency", "Sulawesi Tengah", "Sulawesi"),
    ("UNKNOWN", None, None, "Unknown", "unknown", None, "Unknown"),
]

METRICS = [
    ("ikm_units", "Unit usaha IKM", "", "unit", True),
    ("ikm_workers", "Tenaga kerja IKM", "", "person", True),
    ("participants", "Peserta", "", "person", True),
    ("budget", "Anggaran program", "", "IDR", True),
    ("export_value", "Nilai ekspor", "", "IDR", True),
    ("share", "Kontribusi", "", "percent", False),
    ("growth_rate", "Pertumbuhan", "", "percent", False),
    ("UNKNOWN", "Unknown", "", None, False),
]

ARTICLES = [
    ("a1", "a1", "a1.txt", None, "kemenperin.go.id", "IKM tumbuh", dt.date(2019, 8, 21), 1500),
    ("a2", "a2", "a2.txt", None, "antaranews.com", "Bimtek di Palu", dt.date(2020, 6, 2), 2400),
    ("a3", "a3", "a3.txt", None, "kontan.co.id", "Ekspor IKM", dt.date(2021, 3, 1), 1800),
    ("a4", "a4", "a4.txt", None, "sulteng.go.id", "Sentra di Sigi", dt.date(2021, 5, 4), 900),
]

# figure_id, article_id, region_code, metric_code, program_code, value, unit, qualifier,
# period, mention
FIGURES = [
    ("a1:1", "a1", "ID", "ikm_units", "UNKNOWN", 4_400_000, "unit", "exact", "2019", "4,4 juta"),
    ("a1:2", "a1", "72", "ikm_units", "UNKNOWN", 20_000, "unit", "exact", "2019", "20.000 unit"),
    ("a1:3", "a1", "72", "ikm_workers", "UNKNOWN", 90_000, "person", "approx", "2019", "90 ribu"),
    ("a1:4", "a1", "72.10", "ikm_units", "UNKNOWN", 5_000, "unit", "exact", "2019", "5.000 IKM"),
    ("a2:1", "a2", "72", "participants", "bimtek", 220, "person", "exact", "2020", "220 peserta"),
    ("a2:2", "a2", "72.71", "participants", "bimtek", 60, "person", "exact", "2020", "60 orang"),
    ("a2:3", "a2", "72.10", "participants", "bimtek", 80, "person", "exact", "2020", "80 orang"),
    ("a2:4", "a2", "72.03", "participants", "bimtek", 80, "person", "exact", "2020", "80 orang"),
    ("a2:5", "a2", "72", "budget", "bimtek", 1.5e9, "IDR", "exact", "2020", "Rp1,5 miliar"),
    ("a3:1", "a3", "ID", "share", "UNKNOWN", 6.5, "percent", "exact", "2020", "6,5 persen"),
    ("a3:2", "a3", "ID", "growth_rate", "UNKNOWN", -3.69, "percent", "exact", "2020", "3,69 %"),
    ("a3:3", "a3", "ID", "export_value", "UNKNOWN", 2.5e6, "USD", "exact", "2020", "USD2,5 juta"),
]

# region_code, metric_code, period, unit, best_value, story_count, min_value, max_value
REGION_METRICS = [
    ("ID", "ikm_units", "2019", "unit", 4_400_000, 1, 4_400_000, 4_400_000),
    ("ID", "ikm_workers", "2019", "person", 10_000_000, 1, 10_000_000, 10_000_000),
    ("72", "ikm_units", "2019", "unit", 20_000, 1, 20_000, 20_000),
    ("72", "ikm_workers", "2019", "person", 90_000, 1, 90_000, 90_000),
    ("72.10", "ikm_units", "2019", "unit", 5_000, 1, 5_000, 5_000),
    ("33", "ikm_units", "2019", "unit", 10_000, 2, 9_800, 10_200),
    ("ID", "share", "2020", "percent", 6.5, 1, 6.5, 6.5),
]


def insert_figure(
    connection: duckdb.DuckDBPyConnection,
    figure_id: str,
    article_id: str | None,
    region_code: str | None,
    metric_code: str | None,
    value: float,
    unit: str | None,
    *,
    program_code: str = "UNKNOWN",
    qualifier: str = "exact",
    period: str | None = "2020",
    mention: str | None = "a mention",
) -> None:
    connection.execute(
        "insert into main.fct_figure (figure_id, article_id, region_code, metric_code, "
        "program_code, value, unit, qualifier, period, mention, sentence, char_start, char_end) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'a sentence', 0, 10)",
        [
            figure_id,
            article_id,
            region_code,
            metric_code,
            program_code,
            value,
            unit,
            qualifier,
            period,
            mention,
        ],
    )


def insert_region_metric(
    connection: duckdb.DuckDBPyConnection,
    region_code: str,
    metric_code: str,
    period: str,
    unit: str,
    best_value: float,
    story_count: int = 1,
    min_value: float | None = None,
    max_value: float | None = None,
) -> None:
    low = best_value if min_value is None else min_value
    high = best_value if max_value is None else max_value
    conflict = high - low > 0.1 * min(abs(low), abs(high))
    connection.execute(
        "insert into main.fct_region_metric (region_code, metric_code, period, unit, "
        "best_figure_id, best_value, best_qualifier, story_count, figure_count, min_value, "
        "max_value, has_conflict) values (?, ?, ?, ?, null, ?, 'exact', ?, ?, ?, ?, ?)",
        [
            region_code,
            metric_code,
            period,
            unit,
            best_value,
            story_count,
            story_count,
            low,
            high,
            conflict,
        ],
    )


def insert_article(
    connection: duckdb.DuckDBPyConnection,
    article_id: str,
    published: dt.date | None,
    text_length: int = 1200,
) -> None:
    connection.execute(
        "insert into main.dim_article (article_id, syndication_group, doc, outlet, "
        "published_date, source_format, source_path, text_length) "
        "values (?, ?, ?, 'example.id', ?, 'txt', ?, ?)",
        [article_id, article_id, f"{article_id}.txt", published, f"{article_id}.txt", text_length],
    )


def build_clean_warehouse(path: Path) -> Path:
    with duckdb.connect(str(path)) as connection:
        connection.execute(MARTS_DDL)
        connection.executemany("insert into main.dim_region values (?, ?, ?, ?, ?, ?, ?)", REGIONS)
        connection.executemany("insert into main.dim_metric values (?, ?, ?, ?, ?)", METRICS)
        for article_id, group, doc, url, outlet, title, published, length in ARTICLES:
            connection.execute(
                "insert into main.dim_article values (?, ?, ?, ?, ?, ?, ?, 'txt', ?, ?)",
                [article_id, group, doc, url, outlet, title, published, doc, length],
            )
        for (
            figure_id,
            article_id,
            region,
            metric,
            program,
            value,
            unit,
            qualifier,
            period,
            mention,
        ) in FIGURES:
            insert_figure(
                connection,
                figure_id,
                article_id,
                region,
                metric,
                value,
                unit,
                program_code=program,
                qualifier=qualifier,
                period=period,
                mention=mention,
            )
        for region, metric, period, unit, best, stories, low, high in REGION_METRICS:
            insert_region_metric(connection, region, metric, period, unit, best, stories, low, high)
    return path
