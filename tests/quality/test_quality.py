"""The quality suites: all pass on a clean warehouse, and each expectation fails on its bad row."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from quality_marts import (
    EXPECTATIONS_DIR,
    TODAY,
    insert_article,
    insert_figure,
    insert_region_metric,
)

from ikm_warehouse import quality

Plant = Callable[[duckdb.DuckDBPyConnection], None]


@dataclass(frozen=True)
class BadRow:
    """A crafted bad row, the one expectation it must break, and how its examples name it."""

    suite: str
    expectation: str
    plant: Plant
    key: str
    key_value: str


def _figure(*args: object, **kwargs: object) -> Plant:
    return lambda connection: insert_figure(connection, *args, **kwargs)  # type: ignore[arg-type]


def _two_kabupaten_over_total(connection: duckdb.DuckDBPyConnection) -> None:
    # 100 participants in Sulawesi Tengah, but 60 in Palu and 70 in Sigi.
    insert_figure(connection, "bad", "a4", "72", "participants", 100, "person", program_code="wub")
    insert_figure(
        connection, "a4:2", "a4", "72.71", "participants", 60, "person", program_code="wub"
    )
    insert_figure(
        connection, "a4:3", "a4", "72.10", "participants", 70, "person", program_code="wub"
    )


def _two_kabupaten_under_total(connection: duckdb.DuckDBPyConnection) -> None:
    # 300 participants in Sulawesi Tengah, the article names only 60 + 70 of them.
    insert_figure(connection, "bad", "a4", "72", "participants", 300, "person", program_code="wub")
    insert_figure(
        connection, "a4:2", "a4", "72.71", "participants", 60, "person", program_code="wub"
    )
    insert_figure(
        connection, "a4:3", "a4", "72.10", "participants", 70, "person", program_code="wub"
    )


RANGES = "fct_figure_ranges"
COMPLETENESS = "fct_figure_completeness"
TOTALS = "fct_figure_totals"
HIERARCHY = "fct_region_metric_hierarchy"
CONFLICTS = "fct_region_metric_conflicts"
ARTICLES = "dim_article_plausibility"

CRITICAL_BAD_ROWS = {
    "ikm_units of -5": BadRow(
        RANGES,
        "ikm_units is at least 1",
        _figure("bad", "a4", "72.03", "ikm_units", -5, "unit", period="2019"),
        "figure_id",
        "bad",
    ),
    "Palu with more IKM units than Indonesia": BadRow(
        RANGES,
        "a region's ikm_units does not exceed the national best estimate for the same period",
        _figure("bad", "a4", "72.71", "ikm_units", 5_000_000, "unit", period="2019"),
        "figure_id",
        "bad",
    ),
    "1.000 workers per IKM unit": BadRow(
        RANGES,
        "workers per IKM unit is between 1 and 500 where the region's units are known for the "
        "period",
        _figure("bad", "a4", "72", "ikm_workers", 20_000_000, "person", period="2019"),
        "figure_id",
        "bad",
    ),
    "a budget of Rp500": BadRow(
        RANGES,
        "a rupiah value is between Rp 1 juta and Rp 10.000 triliun",
        _figure("bad", "a4", "72", "budget", 500, "IDR", program_code="dak", mention="Rp500"),
        "figure_id",
        "bad",
    ),
    "a share of 150 percent": BadRow(
        RANGES,
        "a share is between 0 and 100 percent",
        _figure("bad", "a4", "ID", "share", 150, "percent"),
        "figure_id",
        "bad",
    ),
    "a growth rate of -150 percent": BadRow(
        RANGES,
        "a growth rate is between -100 and 1000 percent",
        _figure("bad", "a4", "ID", "growth_rate", -150, "percent"),
        "figure_id",
        "bad",
    ),
    "a bimtek with 0 participants": BadRow(
        RANGES,
        "participants is at least 1",
        _figure("bad", "a4", "72.71", "participants", 0, "person", program_code="bimtek"),
        "figure_id",
        "bad",
    ),
    "a figure of the unknown metric": BadRow(
        COMPLETENESS,
        "every figure has a known metric",
        _figure("bad", "a4", "72", "UNKNOWN", 12, "unit"),
        "figure_id",
        "bad",
    ),
    "a figure without a unit": BadRow(
        COMPLETENESS,
        "every figure has a unit",
        _figure("bad", "a4", "72.10", "participants", 30, None),
        "figure_id",
        "bad",
    ),
    "a figure of the unknown region": BadRow(
        COMPLETENESS,
        "every figure has a known region",
        _figure("bad", "a4", "UNKNOWN", "participants", 30, "person"),
        "figure_id",
        "bad",
    ),
    "a figure without a region": BadRow(
        COMPLETENESS,
        "every figure has a known region",
        _figure("bad", "a4", None, "participants", 30, "person"),
        "figure_id",
        "bad",
    ),
    "a figure of an article not in dim_article": BadRow(
        COMPLETENESS,
        "every figure belongs to an article in dim_article",
        _figure("bad", "ghost", "72.10", "participants", 30, "person"),
        "figure_id",
        "bad",
    ),
    "a figure without a mention": BadRow(
        COMPLETENESS,
        "every figure has a mention (the figure as written)",
        _figure("bad", "a4", "72.10", "participants", 30, "person", mention=None),
        "figure_id",
        "bad",
    ),
    "a figure with a blank mention": BadRow(
        COMPLETENESS,
        "every figure has a mention (the figure as written)",
        _figure("bad", "a4", "72.10", "participants", 30, "person", mention="  "),
        "figure_id",
        "bad",
    ),
    "participants counted in pieces": BadRow(
        COMPLETENESS,
        "a figure's unit is its metric's unit (dim_metric)",
        _figure("bad", "a4", "72.10", "participants", 30, "piece"),
        "figure_id",
        "bad",
    ),
    "parts exceeding their total": BadRow(
        TOTALS,
        "the parts of a total do not exceed the total",
        _two_kabupaten_over_total,
        "figure_id",
        "bad",
    ),
    "Palu with more IKM units than Sulawesi Tengah": BadRow(
        HIERARCHY,
        "a kabupaten/kota does not exceed its province for the same additive metric and period",
        lambda c: insert_region_metric(c, "72.71", "ikm_units", "2019", "unit", 30_000),
        "region_code",
        "72.71",
    ),
    "Jawa Tengah with more workers than Indonesia": BadRow(
        HIERARCHY,
        "a province does not exceed Indonesia for the same additive metric and period",
        lambda c: insert_region_metric(c, "33", "ikm_workers", "2019", "person", 20_000_000),
        "region_code",
        "33",
    ),
    "an article from 1999": BadRow(
        ARTICLES,
        "an article is not published before 2000",
        lambda c: insert_article(c, "bad", dt.date(1999, 12, 31)),
        "article_id",
        "bad",
    ),
    "an article from tomorrow": BadRow(
        ARTICLES,
        "an article is not published in the future",
        lambda c: insert_article(c, "bad", TODAY + dt.timedelta(days=1)),
        "article_id",
        "bad",
    ),
}

WARNING_BAD_ROWS = {
    "parts falling short of their total": BadRow(
        TOTALS,
        "the parts of a total add up to the total",
        _two_kabupaten_under_total,
        "figure_id",
        "bad",
    ),
    "two stories 20 percent apart": BadRow(
        CONFLICTS,
        "stories reporting the same region, metric and period agree within 10 percent",
        lambda c: insert_region_metric(
            c, "72.10", "ikm_workers", "2019", "person", 12_000, 2, 10_000, 12_000
        ),
        "region_code",
        "72.10",
    ),
    "an article of 50 characters": BadRow(
        ARTICLES,
        "an article's text is between 200 and 200,000 characters",
        lambda c: insert_article(c, "bad", dt.date(2020, 1, 1), text_length=50),
        "article_id",
        "bad",
    ),
}


def _suite_file(suite: str) -> dict[str, object]:
    return json.loads((EXPECTATIONS_DIR / "expectations" / f"{suite}.json").read_text("utf-8"))


def _run_every_suite(warehouse: Path) -> list[quality.ExpectationOutcome]:
    return list(quality.run_suites(warehouse, EXPECTATIONS_DIR, today=TODAY))


def _plant(warehouse: Path, plant: Plant) -> None:
    with duckdb.connect(str(warehouse)) as connection:
        plant(connection)


# --- the suites as files -------------------------------------------------------------------------


def test_every_suite_has_its_json_and_its_query_and_nothing_else_is_there() -> None:
    names = set(quality.suite_names())
    assert {p.stem for p in (EXPECTATIONS_DIR / "expectations").glob("*.json")} == names
    assert {p.stem for p in (EXPECTATIONS_DIR / "sql").glob("*.sql")} == names
    assert {quality.guarded_asset(name) for name in names} == {
        "fct_figure",
        "fct_region_metric",
        "dim_article",
    }


@pytest.mark.parametrize("suite", quality.suite_names())
def test_every_expectation_has_a_severity_and_a_unique_description(suite: str) -> None:
    expectations = _suite_file(suite)["expectations"]
    assert isinstance(expectations, list) and expectations
    descriptions = [e["meta"]["description"] for e in expectations]
    assert len(set(descriptions)) == len(descriptions)
    for expectation in expectations:
        assert expectation["meta"]["severity"] in {"critical", "warning"}
        # GE 1.x's own severity field says the same, so that GE's renderers agree with ours.
        assert expectation["severity"] == expectation["meta"]["severity"]


def test_the_committed_context_opens_as_a_ge_file_context(tmp_path: Path) -> None:
    import great_expectations as gx

    copy = shutil.copytree(EXPECTATIONS_DIR, tmp_path / "expectations")
    context = gx.get_context(mode="file", context_root_dir=copy)
    assert sorted(suite.name for suite in context.suites.all()) == sorted(quality.suite_names())


def test_an_unknown_suite_is_refused(warehouse: Path) -> None:
    with pytest.raises(quality.QualityError, match="no suite 'fct_nothing'"):
        quality.run_suite(warehouse, EXPECTATIONS_DIR, "fct_nothing")


def test_a_missing_mart_is_named(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(quality.QualityError, match="dim_article_plausibility"):
        quality.run_suite(empty, EXPECTATIONS_DIR, "dim_article_plausibility")


# --- clean and bad data --------------------------------------------------------------------------


def test_every_suite_passes_on_the_clean_warehouse(warehouse: Path) -> None:
    outcomes = _run_every_suite(warehouse)
    assert [o for o in outcomes if not o.success] == []
    described = {(o.suite, o.expectation) for o in outcomes}
    for suite in quality.suite_names():
        expectations = _suite_file(suite)["expectations"]
        assert isinstance(expectations, list)
        assert {(suite, e["meta"]["description"]) for e in expectations} <= described


def test_every_critical_expectation_has_a_bad_row_here() -> None:
    critical = {
        (suite, e["meta"]["description"])
        for suite in quality.suite_names()
        for e in _suite_file(suite)["expectations"]  # type: ignore[attr-defined]
        if e["meta"]["severity"] == "critical"
    }
    planted = {(bad.suite, bad.expectation) for bad in CRITICAL_BAD_ROWS.values()}
    assert planted == critical


@pytest.mark.parametrize(
    "bad",
    list(CRITICAL_BAD_ROWS.values()) + list(WARNING_BAD_ROWS.values()),
    ids=list(CRITICAL_BAD_ROWS) + list(WARNING_BAD_ROWS),
)
def test_a_bad_row_fails_exactly_its_expectation_and_is_named(warehouse: Path, bad: BadRow) -> None:
    _plant(warehouse, bad.plant)
    failed = [o for o in _run_every_suite(warehouse) if not o.success]
    assert [(o.suite, o.expectation) for o in failed] == [(bad.suite, bad.expectation)]
    (outcome,) = failed
    assert outcome.error is None
    assert outcome.unexpected_count == 1
    assert [row[bad.key] for row in outcome.examples] == [bad.key_value]


def test_the_severity_decides_what_counts_as_a_critical_failure(warehouse: Path) -> None:
    _plant(warehouse, WARNING_BAD_ROWS["an article of 50 characters"].plant)
    _plant(warehouse, _figure("bad", "a4", "72.03", "ikm_units", -5, "unit", period="2019"))
    outcomes = _run_every_suite(warehouse)
    report = quality.QualityReport(outcomes=tuple(outcomes), html_path=None, summary_path=None)
    assert [o.expectation for o in report.critical_failures] == ["ikm_units is at least 1"]
    assert [o.expectation for o in report.warnings] == [
        "an article's text is between 200 and 200,000 characters"
    ]


def test_examples_hold_the_whole_row_and_stop_at_five(warehouse: Path) -> None:
    def plant(connection: duckdb.DuckDBPyConnection) -> None:
        for n in range(7):
            insert_figure(connection, f"bad{n}", "a4", "ID", "share", 101 + n, "percent")

    _plant(warehouse, plant)
    (outcome,) = [
        o
        for o in quality.run_suite(warehouse, EXPECTATIONS_DIR, RANGES, today=TODAY)
        if not o.success
    ]
    assert outcome.unexpected_count == 7
    assert len(outcome.examples) == quality.EXAMPLE_ROWS
    first = outcome.examples[0]
    assert first["figure_id"].startswith("bad")
    assert first["metric_code"] == "share" and first["mention"] == "a mention"
    assert 101 <= first["value"] <= 107


# --- the report ----------------------------------------------------------------------------------


def test_run_all_writes_data_docs_summary_and_results_listing_every_suite(
    warehouse: Path, tmp_path: Path
) -> None:
    _plant(warehouse, CRITICAL_BAD_ROWS["ikm_units of -5"].plant)
    before = sorted((p, p.stat().st_mtime_ns) for p in EXPECTATIONS_DIR.rglob("*"))
    report = quality.run_all(warehouse, EXPECTATIONS_DIR, tmp_path / "reports", today=TODAY)

    assert sorted((p, p.stat().st_mtime_ns) for p in EXPECTATIONS_DIR.rglob("*")) == before
    assert [o.expectation for o in report.critical_failures] == ["ikm_units is at least 1"]
    assert report.html_path == tmp_path / "reports" / "quality_summary.html"
    assert report.data_docs_path == tmp_path / "reports" / "data_docs" / "index.html"
    docs_index = report.data_docs_path.read_text("utf-8")
    summary = report.summary_path.read_text("utf-8") if report.summary_path else ""
    page = report.html_path.read_text("utf-8")
    for suite in quality.suite_names():
        assert suite in docs_index
        assert suite in summary
        assert suite in page
    for text in (summary, page):
        assert "ikm_units is at least 1" in text and "FAILED" in text
        assert "bad" in text  # the example row

    results = json.loads((tmp_path / "reports" / "quality_results.json").read_text("utf-8"))
    assert [s["name"] for s in results["suites"]] == quality.suite_names()
    ranges = next(s for s in results["suites"] if s["name"] == RANGES)
    assert ranges["guards"] == "fct_figure" and ranges["success"] is False
    assert results["critical_failures"] == 1
    assert quality.summary_headline(report) == (
        f"quality: {len(report.outcomes)} expectations, {len(report.outcomes) - 1} passed, "
        f"1 critical failure, 0 warnings — report: {report.html_path}"
    )


def test_a_second_run_replaces_the_first_runs_pages(warehouse: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    quality.run_all(warehouse, EXPECTATIONS_DIR, reports, today=TODAY)
    quality.run_all(warehouse, EXPECTATIONS_DIR, reports, today=TODAY)
    pages = list((reports / "data_docs" / "validations").rglob("*.html"))
    assert len(pages) == len(quality.suite_names())


# --- the scan in DuckDB --------------------------------------------------------------------------


def _ge_over_the_whole_frame(warehouse: Path, suite: str) -> list[int]:
    """Each expectation's unexpected count as GE finds it over the suite's whole frame."""
    spec = quality._spec(suite)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        frame = connection.sql(quality.suite_sql(EXPECTATIONS_DIR, suite)).df()
    for column in frame.columns:
        if frame[column].dtype.kind == "M":
            frame[column] = frame[column].astype("datetime64[ns]")
    context = quality._context(EXPECTATIONS_DIR, docs_dir=None)
    today = dt.datetime.combine(TODAY, dt.time()).isoformat()
    ge_suite, result = quality._validate(
        context,
        context.data_sources.add_pandas("whole"),
        spec,
        quality._suite_document(EXPECTATIONS_DIR, suite),
        frame,
        {"today": today},
    )
    order = {e.id: n for n, e in enumerate(ge_suite.expectations)}
    counts = [0] * len(order)
    for item in result.results:
        assert item.expectation_config is not None
        counts[order[item.expectation_config.id]] = int(item.result["unexpected_count"])
    return counts


@pytest.mark.parametrize(
    "bad",
    list(CRITICAL_BAD_ROWS.values()) + list(WARNING_BAD_ROWS.values()),
    ids=list(CRITICAL_BAD_ROWS) + list(WARNING_BAD_ROWS),
)
def test_duckdb_counts_what_ge_counts_over_the_whole_frame(warehouse: Path, bad: BadRow) -> None:
    _plant(warehouse, bad.plant)
    outcomes = quality.run_suite(warehouse, EXPECTATIONS_DIR, bad.suite, today=TODAY)
    assert [o.unexpected_count for o in outcomes] == _ge_over_the_whole_frame(warehouse, bad.suite)


def test_many_unexpected_rows_are_counted_in_full_and_sampled(warehouse: Path) -> None:
    def plant(connection: duckdb.DuckDBPyConnection) -> None:
        for n in range(60):
            insert_figure(connection, f"bad{n:02d}", "a4", "ID", "share", 101 + n, "percent")

    _plant(warehouse, plant)
    (outcome,) = [
        o for o in quality.run_suite(warehouse, EXPECTATIONS_DIR, RANGES) if not o.success
    ]
    assert outcome.error is None
    assert outcome.unexpected_count == 60
    assert [row["figure_id"] for row in outcome.examples] == [f"bad{n:02d}" for n in range(5)]


def test_an_argument_sql_cannot_judge_is_refused(tmp_path: Path, warehouse: Path) -> None:
    copy = shutil.copytree(EXPECTATIONS_DIR, tmp_path / "expectations")
    suite_file = copy / "expectations" / f"{CONFLICTS}.json"
    document = json.loads(suite_file.read_text("utf-8"))
    document["expectations"][0]["kwargs"]["mostly"] = 0.9
    suite_file.write_text(json.dumps(document), "utf-8")
    with pytest.raises(quality.QualityError, match="cannot judge mostly in SQL"):
        quality.run_suite(warehouse, copy, CONFLICTS)


def test_run_all_records_its_run_and_load_results_gives_the_outcomes_back(
    warehouse: Path, tmp_path: Path
) -> None:
    _plant(warehouse, CRITICAL_BAD_ROWS["ikm_units of -5"].plant)
    reports = tmp_path / "reports"
    assert quality.load_results(reports) is None
    report = quality.run_all(warehouse, EXPECTATIONS_DIR, reports, today=TODAY, run_id="run-1")
    stored = quality.load_results(reports)
    assert stored == quality.StoredResults(run_id="run-1", outcomes=report.outcomes)
