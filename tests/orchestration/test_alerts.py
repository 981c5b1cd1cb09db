"""Alerts: a failed run or a failed critical check appends one line to the alerts file; a good
run appends none. ``ikm run``'s (its summary, text and JSON) and Dagster's sensors' alike."""

import io
import json
from pathlib import Path

import dagster as dg
import pytest

import ikm_cli.run
from ikm_warehouse import alerts
from ikm_warehouse.paths import ProjectPaths, resolve_paths
from orchestration.defs.alerts import (
    alert_on_critical_check,
    alert_on_failed_run,
    critical_check_failures,
)
from orchestration.defs.resources import DuckDBWarehouse
from orchestration.runner import PipelineRun, RunSummary

ROOT = Path(__file__).resolve().parents[2]
CHECK = "dim_article:dim_article_plausibility"


def _paths(tmp_path: Path) -> ProjectPaths:
    return ProjectPaths(tmp_path, tmp_path / "raw", tmp_path / "ikm.duckdb", tmp_path / "reports")


def _summary(**kwargs: object) -> RunSummary:
    fields: dict[str, object] = {
        "succeeded": True,
        "metadata": {"raw_articles": {"articles_read": 33}},
        "dbt_models": 40,
        "checks_passed": ("fct_figure:fct_figure_ranges",),
        "checks_failed": (),
        "step_failures": (),
        "run_ids": ("run-raw", "run-build"),
    }
    fields.update(kwargs)
    return RunSummary(**fields)  # type: ignore[arg-type]


def _run(
    monkeypatch: pytest.MonkeyPatch, paths: ProjectPaths, summary: RunSummary
) -> tuple[int, str]:
    monkeypatch.setattr(ikm_cli.run, "execute", lambda *a, **k: PipelineRun((), (), 1.0))
    monkeypatch.setattr(ikm_cli.run, "summarize", lambda run, paths: summary)
    out = io.StringIO()
    code = ikm_cli.run.run_pipeline(paths, out=out)
    return code, out.getvalue()


def test_a_failed_critical_check_writes_one_alert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _paths(tmp_path)
    summary = _summary(
        checks_failed=((CHECK, "ERROR"),),
        metadata={
            "raw_articles": {"articles_read": 33},
            "quality_report": {
                "critical_failures": [
                    "dim_article_plausibility: an article is not published in the future"
                ]
            },
        },
    )
    code, output = _run(monkeypatch, paths, summary)
    assert code == 1
    (alert,) = alerts.read(tmp_path / "alerts.jsonl")
    assert alert["source"] == "ikm run"
    assert alert["run_id"] == "run-build"
    assert alert["at"].endswith("Z")
    assert alert["failed"] == [
        {
            "kind": "critical_check",
            "name": CHECK,
            "message": "an article is not published in the future",
        }
    ]
    assert f"  alert:     critical_check {CHECK}; written to {tmp_path / 'alerts.jsonl'}" in output
    document = json.loads((tmp_path / "reports" / "run_summary.json").read_text())
    assert document["alert"] == alert
    assert document["alerts_file"] == str(tmp_path / "alerts.jsonl")


def test_a_good_run_writes_no_alert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _paths(tmp_path)
    # A warning is no alert: only critical checks and failures are.
    code, output = _run(monkeypatch, paths, _summary(checks_failed=((CHECK, "WARN"),)))
    assert code == 0
    assert not (tmp_path / "alerts.jsonl").exists()
    assert "alert:" not in output
    document = json.loads((tmp_path / "reports" / "run_summary.json").read_text())
    assert document["alert"] is None


def test_a_failed_step_writes_one_alert_and_alerts_add_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _paths(tmp_path)
    failed = _summary(succeeded=False, step_failures=(("dbt_models", "dbt build failed"),))
    _run(monkeypatch, paths, failed)
    _run(monkeypatch, paths, _summary())
    _run(monkeypatch, paths, failed)
    lines = alerts.read(tmp_path / "alerts.jsonl")
    assert [a["failed"] for a in lines] == [
        [{"kind": "step", "name": "dbt_models", "message": "dbt build failed"}]
    ] * 2


def test_the_alerts_file_follows_the_environment(tmp_path: Path) -> None:
    env = {"IKM_ROOT": str(ROOT), "IKM_WAREHOUSE": str(tmp_path / "w" / "ikm.duckdb")}
    assert resolve_paths(env).alerts_path == tmp_path / "w" / "alerts.jsonl"
    moved = resolve_paths({**env, "IKM_ALERTS_FILE": str(tmp_path / "chat.jsonl")})
    assert moved.alerts_path == tmp_path / "chat.jsonl"
    assert moved.as_env()["IKM_ALERTS_FILE"] == str(tmp_path / "chat.jsonl")
    assert DuckDBWarehouse.from_paths(moved).paths() == moved


# Dagster's sensor, on a run of a small job whose check fails as a critical suite's does.
@dg.asset
def mart() -> None:
    return None


def _suite(passed: bool) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=mart, name="mart_plausibility")
    def check() -> dg.AssetCheckResult:
        return dg.AssetCheckResult(passed=passed, severity=dg.AssetCheckSeverity.ERROR)

    return check


@pytest.mark.parametrize("passed", [False, True])
def test_the_sensor_alerts_on_a_run_whose_critical_check_failed(
    tmp_path: Path, passed: bool
) -> None:
    paths = _paths(tmp_path)
    with dg.instance_for_test() as instance:
        result = dg.materialize([mart, _suite(passed)], instance=instance)
        assert result.success  # a failed check does not fail the run
        failed = critical_check_failures(instance, result.run_id)
        assert len(failed) == (0 if passed else 1)
        run = instance.get_run_by_id(result.run_id)
        assert run is not None
        success = instance.get_records_for_run(
            result.run_id, of_type=dg.DagsterEventType.RUN_SUCCESS
        ).records[0]
        context = dg.build_run_status_sensor_context(
            sensor_name=alert_on_critical_check.name,
            dagster_event=success.event_log_entry.dagster_event,
            dagster_instance=instance,
            dagster_run=run,
            resources={"warehouse": DuckDBWarehouse.from_paths(paths)},
        )
        alert_on_critical_check(context)
    lines = alerts.read(tmp_path / "alerts.jsonl")
    if passed:
        assert lines == []
    else:
        (alert,) = lines
        assert alert["source"] == "dagster"
        assert alert["run_id"] == result.run_id
        assert alert["failed"][0]["kind"] == "critical_check"
        assert alert["failed"][0]["name"] == "mart:mart_plausibility"


@dg.asset
def broken_mart() -> None:
    raise RuntimeError("aturan rusak")


def test_the_sensor_alerts_on_a_failed_run_with_the_users_error(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    with dg.instance_for_test() as instance:
        result = dg.materialize([broken_mart], instance=instance, raise_on_error=False)
        run = instance.get_run_by_id(result.run_id)
        assert run is not None
        failure = instance.get_records_for_run(
            result.run_id, of_type=dg.DagsterEventType.RUN_FAILURE
        ).records[0]
        context = dg.build_run_status_sensor_context(
            sensor_name=alert_on_failed_run.name,
            dagster_event=failure.event_log_entry.dagster_event,
            dagster_instance=instance,
            dagster_run=run,
            resources={"warehouse": DuckDBWarehouse.from_paths(paths)},
        ).for_run_failure()
        alert_on_failed_run(context)
    (alert,) = alerts.read(tmp_path / "alerts.jsonl")
    assert alert["source"] == "dagster"
    assert alert["run_id"] == result.run_id
    assert alert["failed"] == [
        {"kind": "step", "name": "broken_mart", "message": "RuntimeError: aturan rusak"}
    ]


def test_an_alerts_file_that_cannot_be_written_does_not_stop_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _paths(tmp_path)
    (tmp_path / "alerts.jsonl").mkdir()  # a folder where the file should be
    code, output = _run(monkeypatch, paths, _summary(checks_failed=((CHECK, "ERROR"),)))
    assert code == 1
    assert f"critical_check {CHECK}; NOT written to {tmp_path / 'alerts.jsonl'}: " in output
    document = json.loads((tmp_path / "reports" / "run_summary.json").read_text())
    assert document["alert"]["failed"][0]["name"] == CHECK
