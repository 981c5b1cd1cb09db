"""The Dagster definitions: they load, hold the asset graph we expect, and the sensor behaves.

Loading the definitions needs dbt's manifest, so the module fixture runs ``dbt parse`` once,
into a temporary warehouse folder (never into the checkout).
"""

import os
import time
from pathlib import Path

import dagster as dg
import pytest

from ikm_facts import EXTRACTOR_VERSION
from ikm_warehouse import quality as ge_quality
from ikm_warehouse.paths import ProjectPaths, resolve_paths
from ikm_warehouse.quality import ExpectationOutcome
from orchestration import definitions
from orchestration.defs.quality import suite_result
from orchestration.defs.resources import DuckDBWarehouse
from orchestration.defs.schedules import DAILY_JOB, PIPELINE_JOB, raw_files_sensor
from orchestration.defs.transform import ensure_manifest, manifest_is_stale
from orchestration.runner import RunSummary, exit_code

ROOT = Path(__file__).resolve().parents[2]
DBT_PROJECT = ROOT / "dbt_project"

PYTHON_ASSETS = {
    "fetched_articles",
    "raw_articles",
    "region_gazetteer",
    "extracted_facts",
    "quality_report",
}
# The marts the pipeline issue asks for by name (reachable by these bare names).
MARTS = {
    "dim_region",
    "dim_program",
    "dim_metric",
    "dim_article",
    "dim_date",
    "dim_official",
    "fct_figure",
    "fct_program_activity",
    "fct_region_metric",
}


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    tmp = tmp_path_factory.mktemp("warehouse")
    return resolve_paths(
        {
            "IKM_ROOT": str(ROOT),
            "IKM_RAW_DIR": str(tmp / "raw"),
            "IKM_WAREHOUSE": str(tmp / "ikm.duckdb"),
        }
    )


@pytest.fixture(scope="module")
def defs(paths: ProjectPaths) -> dg.Definitions:
    ensure_manifest(paths)
    return definitions.build_definitions(paths)


def _keys(defs: dg.Definitions) -> set[str]:
    return {key.to_user_string() for key in defs.resolve_all_asset_keys()}


def _dbt_nodes() -> set[str]:
    models = {p.stem for p in (DBT_PROJECT / "models").rglob("*.sql")}
    # The project's own seeds and the library's vocabulary but its phrases (disabled in
    # dbt_project.yml: no model reads them).
    seeds = {p.stem for p in (DBT_PROJECT / "seeds").glob("*.csv")}
    seeds |= {p.stem for p in (ROOT / "ikm_facts" / "data" / "vocabulary").glob("*.csv")}
    return models | (seeds - {"program_phrases"})


def test_definitions_load_and_validate(defs: dg.Definitions) -> None:
    dg.Definitions.validate_loadable(defs)


def test_dagster_entry_point_loads_from_the_environment(
    paths: ProjectPaths, defs: dg.Definitions, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What `dagster dev` calls: the decorated loader, with paths from the environment.
    for name, value in paths.as_env().items():
        monkeypatch.setenv(name, value)
    loaded = definitions.defs()
    assert _keys(loaded) == _keys(defs)


def test_asset_keys_snapshot(defs: dg.Definitions) -> None:
    # Every dbt model and seed is one asset under its bare name, beside the Python assets;
    # no raw source is left as an unconnected external asset.
    assert _keys(defs) == PYTHON_ASSETS | _dbt_nodes()
    assert _keys(defs) >= MARTS


def test_raw_sources_depend_on_the_python_assets_that_write_them(defs: dg.Definitions) -> None:
    graph = defs.resolve_asset_graph()

    def parents(name: str) -> set[str]:
        return {k.to_user_string() for k in graph.get(dg.AssetKey(name)).parent_keys}

    assert parents("raw_articles") == {"fetched_articles"}  # the fetch writes into raw/
    assert parents("stg_articles") == {"raw_articles"}
    assert parents("stg_figures") == {"extracted_facts"}
    assert parents("stg_regions") == {"region_gazetteer"}
    assert parents("extracted_facts") == {"raw_articles"}
    assert parents("quality_report") >= MARTS


def test_extraction_asset_carries_the_extractor_version(defs: dg.Definitions) -> None:
    graph = defs.resolve_asset_graph()
    assert graph.get(dg.AssetKey("extracted_facts")).code_version == EXTRACTOR_VERSION


def test_asset_checks_snapshot(defs: dg.Definitions) -> None:
    checks = {
        (k.asset_key.to_user_string(), k.name) for k in defs.resolve_asset_graph().asset_check_keys
    }
    suites = ge_quality.suite_names()
    expected_ge = {(ge_quality.guarded_asset(suite), suite) for suite in suites}
    assert checks >= expected_ge
    # The issue asks at least for the unit, worker and rupiah figures to be checked.
    assert "fct_figure" in {asset for asset, _ in expected_ge}
    # dbt tests on models become checks too: those are all the rest, on dbt assets.
    dbt_checks = checks - expected_ge
    assert dbt_checks
    assert {asset for asset, _ in dbt_checks} <= _dbt_nodes()


def test_job_schedule_and_sensor(defs: dg.Definitions) -> None:
    def assets(job_name: str) -> set[str]:
        job = defs.resolve_job_def(job_name)
        return {k.to_user_string() for k in job.asset_layer.executable_asset_keys}

    # `ikm run` and the sensor read raw/ as it is; the daily run fetches first.
    assert assets(PIPELINE_JOB) == _keys(defs) - {"fetched_articles"}
    assert assets(DAILY_JOB) == _keys(defs)
    schedule = defs.resolve_schedule_def("ikm_daily")
    assert schedule.job_name == DAILY_JOB
    assert schedule.cron_schedule == "0 6 * * *"
    sensor = defs.resolve_sensor_def("raw_files_sensor")
    assert sensor.job_name == PIPELINE_JOB
    # On from the first `make dev` (the README says so and why), as are the alerts' sensors.
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    for name in ("raw_files_sensor", "alert_on_failed_run", "alert_on_critical_check"):
        assert defs.resolve_sensor_def(name).default_status == dg.DefaultSensorStatus.RUNNING


def test_dagster_yaml_allows_one_run_and_retries_a_dead_run_only(tmp_path: Path) -> None:
    (tmp_path / "dagster.yaml").write_bytes((ROOT / "orchestration" / "dagster.yaml").read_bytes())
    with dg.DagsterInstance.from_config(str(tmp_path)) as instance:
        assert instance.run_retries_enabled
        assert instance.run_retries_max_retries == 1
        # Failed steps are the raw layer's retry policy's business, not a whole new run's.
        assert not instance.run_retries_retry_on_asset_or_op_failure


def test_the_raw_layer_retries_and_the_build_does_not(defs: dg.Definitions) -> None:
    from orchestration.defs.ingest import RAW_LAYER_ASSETS, TRANSIENT_RETRY

    assert [asset.op.retry_policy for asset in RAW_LAYER_ASSETS] == [TRANSIENT_RETRY] * 3
    assert defs.resolve_assets_def(dg.AssetKey(["fct_figure"])).op.retry_policy is None


def _tick(raw: Path, cursor: str | None) -> tuple[list[dg.RunRequest], str | None]:
    resource = DuckDBWarehouse(
        root=str(ROOT),
        raw_dir=str(raw),
        duckdb_path=str(raw.parent / "ikm.duckdb"),
        reports_dir=str(raw.parent / "reports"),
    )
    context = dg.build_sensor_context(cursor=cursor, resources={"warehouse": resource})
    data = raw_files_sensor.evaluate_tick(context)
    return list(data.run_requests or []), data.cursor


def test_sensor_runs_when_files_are_added_or_changed_and_not_otherwise(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    assert _tick(raw, None) == ([], None), "an empty folder starts nothing"

    (raw / "a.txt").write_text("IKM di Palu mencapai 6.779 unit usaha.\n", encoding="utf-8")
    requests, cursor = _tick(raw, None)
    assert len(requests) == 1
    assert requests[0].run_key == cursor

    assert _tick(raw, cursor) == ([], cursor), "nothing changed: no run"

    (raw / "sub").mkdir()
    (raw / "sub" / "b.jsonl").write_text('{"text": "13 ribu tenaga kerja"}\n', encoding="utf-8")
    added, after_add = _tick(raw, cursor)
    assert len(added) == 1
    assert after_add not in (None, cursor)
    assert added[0].run_key == after_add

    (raw / "a.txt").write_text("IKM di Palu mencapai 6.780 unit usaha.\n", encoding="utf-8")
    changed, after_change = _tick(raw, after_add)
    assert len(changed) == 1
    assert after_change != after_add


def _outcome(severity, success, **kwargs):
    return ExpectationOutcome("fct_figure", f"{severity} rule", severity, success, **kwargs)


def test_suite_check_fails_with_error_on_a_critical_failure() -> None:
    bad_row = {"figure_id": "abc:1", "value": -5}
    result = suite_result(
        [
            _outcome("critical", False, unexpected_count=1, examples=(bad_row,)),
            _outcome("warning", True),
        ]
    )
    assert result.passed is False
    assert result.severity == dg.AssetCheckSeverity.ERROR
    assert result.metadata["failed_critical"].value == 1
    assert result.metadata["examples"].value == {"critical rule": [bad_row]}


def test_suite_check_warns_when_only_warnings_fail() -> None:
    result = suite_result([_outcome("critical", True), _outcome("warning", False)])
    assert result.passed is False
    assert result.severity == dg.AssetCheckSeverity.WARN


def test_suite_check_passes_when_every_expectation_holds() -> None:
    result = suite_result([_outcome("critical", True), _outcome("warning", True)])
    assert result.passed is True
    assert result.metadata["expectations"].value == 2


def test_suite_check_with_no_expectations_does_not_pass() -> None:
    assert suite_result([]).passed is False


def _stand_in_project(root: Path) -> ProjectPaths:
    (root / "dbt_project" / "models").mkdir(parents=True)
    (root / "dbt_project" / "dbt_project.yml").write_text("name: x\n", encoding="utf-8")
    (root / "dbt_project" / "models" / "m.sql").write_text("select 1\n", encoding="utf-8")
    return resolve_paths({"IKM_ROOT": str(root)})


def test_manifest_is_stale_when_missing_or_older_than_a_dbt_file(tmp_path: Path) -> None:
    paths = _stand_in_project(tmp_path)
    assert manifest_is_stale(paths), "no manifest yet"

    manifest = paths.dbt_target_dir / "manifest.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text("{}", encoding="utf-8")
    assert not manifest_is_stale(paths)

    model = paths.dbt_project_dir / "models" / "m.sql"
    later = time.time() + 60
    os.utime(model, (later, later))
    assert manifest_is_stale(paths), "a model edited after the last parse"


def test_manifest_is_stale_when_a_seed_outside_the_project_changes(tmp_path: Path) -> None:
    # The metrics and programs are seeded from the library's vocabulary, outside dbt_project/.
    paths = _stand_in_project(tmp_path)
    (paths.dbt_project_dir / "dbt_project.yml").write_text(
        'name: x\nseed-paths: ["seeds", "../vocabulary"]\n', encoding="utf-8"
    )
    (tmp_path / "vocabulary").mkdir()
    seed = tmp_path / "vocabulary" / "metrics.csv"
    seed.write_text("metric_code\nikm_units\n", encoding="utf-8")
    manifest = paths.dbt_target_dir / "manifest.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text("{}", encoding="utf-8")
    assert not manifest_is_stale(paths)

    later = time.time() + 60
    os.utime(seed, (later, later))
    assert manifest_is_stale(paths), "a vocabulary file edited after the last parse"


def _summary(succeeded=True, articles_read=3, checks_failed=(), articles_unchanged=0):
    return RunSummary(
        succeeded=succeeded,
        metadata={
            "raw_articles": {
                "articles_read": articles_read,
                "articles_unchanged": articles_unchanged,
            }
        },
        dbt_models=1,
        checks_passed=("dim_article:unique_article_id",),
        checks_failed=tuple(checks_failed),
        step_failures=(),
    )


@pytest.mark.parametrize(
    ("summary", "code"),
    [
        (_summary(), 0),
        (_summary(checks_failed=[("dim_article:dim_article_plausibility", "WARN")]), 0),
        (_summary(checks_failed=[("fct_figure:fct_figure_ranges", "ERROR")]), 1),
        (_summary(succeeded=False), 1),
        (_summary(articles_read=0), 1),
        (_summary(articles_read=0, articles_unchanged=3), 0),
    ],
    ids=["clean", "warning only", "critical check", "failed step", "nothing read", "unchanged"],
)
def test_run_exit_code(summary: RunSummary, code: int) -> None:
    assert exit_code(summary) == code
