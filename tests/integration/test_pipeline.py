"""The whole pipeline on a temporary copy of the sample: raw/ -> DuckDB -> dbt -> checks.

Three full runs in all: the sample twice (the second must change no row count and read no
file again), then the sample with the deliberately bad files of tests/fixtures/bad/ added, every
file read again (``--reread``). A last, short run on an empty folder must fail.
"""

import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from ikm_cli.run import run_pipeline
from ikm_warehouse import alerts, load
from ikm_warehouse.ingest import FORMATS, read_inputs
from ikm_warehouse.paths import ProjectPaths, resolve_paths

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "raw"
BAD = ROOT / "tests" / "fixtures" / "bad"


@dataclass(frozen=True)
class Run:
    exit_code: int
    output: str
    counts: dict[str, int]


def _run(paths: ProjectPaths, *, reread: bool = False) -> Run:
    out = io.StringIO()
    code = run_pipeline(paths, out=out, reread=reread)
    con = load.connect(paths.warehouse, read_only=True)
    try:
        counts = load.table_counts(con)
    finally:
        con.close()
    return Run(code, out.getvalue(), counts)


def _query(paths: ProjectPaths, sql: str) -> list[tuple[object, ...]]:
    con = load.connect(paths.warehouse, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@dataclass(frozen=True)
class SampleRuns:
    paths: ProjectPaths
    article_ids: frozenset[str]  # of the copy that was run, read apart from the pipeline
    first: Run
    second: Run
    alerts: tuple[dict[str, object], ...]  # in the alerts file after the two runs


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> SampleRuns:
    tmp = tmp_path_factory.mktemp("pipeline")
    shutil.copytree(SAMPLE, tmp / "raw")
    paths = resolve_paths(
        {
            "IKM_ROOT": str(ROOT),
            "IKM_RAW_DIR": str(tmp / "raw"),
            "IKM_WAREHOUSE": str(tmp / "warehouse" / "ikm.duckdb"),
        }
    )
    article_ids = frozenset(
        a.article_id for a in read_inputs([paths.raw_dir], base=paths.raw_dir).articles
    )
    first = _run(paths)
    second = _run(paths)
    return SampleRuns(paths, article_ids, first, second, tuple(alerts.read(paths.alerts_path)))


def test_the_sample_runs_clean(sample: SampleRuns) -> None:
    assert sample.first.exit_code == 0, sample.first.output
    assert sample.second.exit_code == 0, sample.second.output
    assert sample.alerts == (), "a good run writes no alert"
    assert "alert:" not in sample.first.output + sample.second.output


def test_every_sample_article_is_in_dim_article(sample: SampleRuns) -> None:
    assert sample.article_ids, "the sample holds no article"
    found = {row[0] for row in _query(sample.paths, "select article_id from main.dim_article")}
    assert sample.article_ids - found == set()


def test_figures_are_extracted(sample: SampleRuns) -> None:
    [(figures,)] = _query(sample.paths, "select count(*) from main.fct_figure")
    assert isinstance(figures, int)
    assert figures > 0


def test_the_quality_report_is_written(sample: SampleRuns) -> None:
    assert list(sample.paths.reports_dir.glob("*.html"))
    assert str(sample.paths.warehouse) in sample.first.output
    assert str(sample.paths.reports_dir) in sample.first.output


def test_the_summary_gives_each_phase_its_time_and_is_kept_as_json(sample: SampleRuns) -> None:
    (times,) = [line for line in sample.first.output.splitlines() if "times:" in line]
    for phase in ("ingest", "extract", "dbt", "quality"):
        assert f"{phase} " in times, times
    document = json.loads((sample.paths.reports_dir / "run_summary.json").read_text("utf-8"))
    # The second run wrote it last: nothing new was read, so nothing was built.
    assert document["status"] == "ok"
    assert document["build_skipped"] is True
    assert set(document["phase_seconds"]) == {"ingest", "regions", "extract"}
    assert all(seconds >= 0 for seconds in document["phase_seconds"].values())
    assert document["assets"]["raw_articles"]["files_read"] == 0
    assert document["assets"]["raw_articles"]["articles_total"] == len(sample.article_ids)


def test_a_second_run_with_nothing_new_builds_nothing(sample: SampleRuns) -> None:
    assert "dbt:       not run: nothing it reads changed" in sample.second.output
    assert "checks:    not run; the last build's stand: 0 critical failures" in sample.second.output
    assert "quality_summary.html (the last build's)" in sample.second.output
    assert "models and seeds built" in sample.first.output


def test_a_second_run_changes_no_row_count(sample: SampleRuns) -> None:
    tables = sample.first.counts.keys()
    assert any(name.startswith("raw.") for name in tables)
    assert "main.fct_figure" in tables
    assert sample.second.counts == sample.first.counts


def _article_files(raw: Path) -> int:
    return sum(1 for p in raw.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS)


def test_a_second_run_reads_no_file_again(sample: SampleRuns) -> None:
    files = _article_files(sample.paths.raw_dir)
    assert f"files:     {files} read, 0 unchanged" in sample.first.output
    assert f"files:     0 read, {files} unchanged" in sample.second.output
    assert "articles:  0 read, 0 new" in sample.second.output


def test_bad_inputs_are_recorded_and_the_run_goes_on(sample: SampleRuns) -> None:
    bad_files = sorted(p for p in BAD.rglob("*") if p.is_file()) if BAD.is_dir() else []
    if not bad_files:
        pytest.skip(f"no bad input fixtures in {BAD}")
    shutil.copytree(BAD, sample.paths.raw_dir / "bad")

    run = _run(sample.paths, reread=True)

    assert run.exit_code == 0, run.output
    assert f"files:     {_article_files(sample.paths.raw_dir)} read, 0 unchanged" in run.output
    # New rows in the raw layer (the rejections): the marts and the suites are built again.
    assert "models and seeds built" in run.output
    rejected = _query(sample.paths, "select source_path, reason from raw.rejected_inputs")
    warned = _query(sample.paths, "select source_path, reason from raw.input_warnings")
    assert any(str(path).startswith("bad/") for path, _ in rejected)
    for path, reason in rejected + warned:
        assert str(reason).strip(), f"{path} is recorded without a reason"
    recorded = {str(path) for path, _ in rejected + warned}
    for file in bad_files:
        name = f"bad/{file.relative_to(BAD).as_posix()}"
        assert name in recorded, f"{name} is neither rejected nor warned about"
    for path, _ in rejected:
        assert str(path) in run.output, f"the summary does not name {path}"


def test_a_folder_with_nothing_readable_fails(
    sample: SampleRuns, tmp_path_factory: pytest.TempPathFactory
) -> None:
    empty = tmp_path_factory.mktemp("empty_raw")
    (empty / "blank.txt").write_text("   \n", encoding="utf-8")
    paths = sample.paths.with_overrides(raw_dir=empty)

    run = _run(paths)

    assert run.exit_code != 0
    assert "no article could be read" in run.output
    alert = alerts.read(paths.alerts_path)[-1]
    assert alert["failed"][0]["kind"] == "step"
    assert alert["failed"][0]["name"] == "raw_articles"
    assert "no article could be read" in alert["failed"][0]["message"]


def test_check_fails_on_a_planted_bad_figure(
    sample: SampleRuns, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ikm check` passes on the built sample and fails, naming the expectation and the row,
    once a fct_figure row says a region has -5 IKM units."""
    from ikm_cli.main import main

    copy = tmp_path_factory.mktemp("planted") / "ikm.duckdb"
    shutil.copy(sample.paths.warehouse, copy)
    assert main(["check", "--warehouse", str(copy)]) == 0
    capsys.readouterr()

    con = load.connect(copy)
    try:
        con.execute(
            """
            insert into main.fct_figure
            select 'planted:1', article_id, region_code, 'ikm_units', program_code, -5, 'unit',
                   'exact', period, period_start, period_end, subject, '-5 unit usaha', sentence,
                   char_start, char_end, why
            from main.fct_figure
            where metric_code = 'ikm_units'
            limit 1
            """
        )
    finally:
        con.close()

    assert main(["check", "--warehouse", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "ikm_units" in out
    assert "planted:1" in out


def test_a_run_whose_critical_check_fails_writes_one_alert(
    sample: SampleRuns, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The sample and one article whose page says it came out in 2099: the critical "not
    published in the future" fails, the run exits 1, and one alert names that check."""
    tmp = tmp_path_factory.mktemp("future")
    shutil.copytree(sample.paths.raw_dir, tmp / "raw")
    article = {
        "url": "https://kabar.example/masa-depan",
        "published": "2099-01-05",
        "text": "Sebanyak 1.250 unit usaha industri kecil di Kota Palu mendapat bantuan "
        "peralatan dari pemerintah pada tahun 2019, kata Kepala Dinas Perindustrian.",
    }
    (tmp / "raw" / "masa_depan.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")
    (tmp / "warehouse").mkdir()
    shutil.copy(sample.paths.warehouse, tmp / "warehouse" / "ikm.duckdb")
    paths = sample.paths.with_overrides(
        raw_dir=tmp / "raw", warehouse=tmp / "warehouse" / "ikm.duckdb"
    )

    run = _run(paths)

    assert run.exit_code == 1, run.output
    (alert,) = alerts.read(paths.alerts_path)
    assert alert["source"] == "ikm run"
    assert {"kind": "critical_check", "name": "dim_article:dim_article_plausibility",
            "message": "an article is not published in the future"} in alert["failed"]  # fmt: skip
    assert f"written to {paths.alerts_path}" in run.output
    summary = json.loads((paths.reports_dir / "run_summary.json").read_text("utf-8"))
    assert summary["alert"] == alert


def test_a_warehouse_built_before_a_column_was_added_gets_it_filled(
    sample: SampleRuns, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A warehouse from before fct_figure.why existed (the column dropped from every layer, the
    extractions marked as an older version's): the next run adds the column to the raw table,
    the staging model and the mart, and fills it for every figure."""
    tmp = tmp_path_factory.mktemp("upgrade")
    shutil.copy(sample.paths.warehouse, tmp / "ikm.duckdb")
    paths = resolve_paths(
        {
            "IKM_ROOT": str(ROOT),
            "IKM_RAW_DIR": str(sample.paths.raw_dir),
            "IKM_WAREHOUSE": str(tmp / "ikm.duckdb"),
        }
    )
    con = load.connect(paths.warehouse)
    try:
        [(built,)] = con.execute("select count(*) from main.fct_figure").fetchall()
        con.execute("drop view intermediate.int_figures_enriched")
        for table in ("main.fct_figure", "staging.stg_figures", "raw.figures"):
            con.execute(f"alter table {table} drop column why")
        con.execute("update raw.extractions set extractor_version = '0.7.0'")
    finally:
        con.close()

    run = _run(paths)

    assert run.exit_code == 0, run.output
    [(figures, explained)] = _query(paths, "select count(*), count(why) from main.fct_figure")
    assert figures == built  # the same articles, re-extracted: the same figures
    assert explained == figures
