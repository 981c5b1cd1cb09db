"""The suites in Dagster: a run validates each suite once, for the report and its checks alike."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import pytest
from quality_marts import insert_figure

from ikm_warehouse import quality
from orchestration.defs.quality import build_quality_report, build_suite_check
from orchestration.defs.resources import DuckDBWarehouse

ROOT = Path(__file__).resolve().parents[2]
MARTS = ("fct_figure", "fct_region_metric", "dim_article")
_QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


def _defs(warehouse: Path) -> dg.Definitions:
    """The quality report and the suites' checks, on stand-ins for the dbt marts."""
    marts = [dg.AssetSpec(name) for name in MARTS]
    resource = DuckDBWarehouse(
        root=str(ROOT),
        raw_dir=str(warehouse.parent / "raw"),
        duckdb_path=str(warehouse),
        reports_dir=str(warehouse.parent / "reports"),
    )
    return dg.Definitions(
        assets=[*marts, build_quality_report([m.key for m in marts])],
        asset_checks=[build_suite_check(suite) for suite in quality.suite_names()],
        resources={"warehouse": resource},
        jobs=[
            dg.define_asset_job(
                "quality_step",
                selection=dg.AssetSelection.all() | dg.AssetSelection.all_asset_checks(),
            ),
            dg.define_asset_job(
                "ranges_check_alone",
                selection=dg.AssetSelection.checks(
                    dg.AssetCheckKey(dg.AssetKey("fct_figure"), "fct_figure_ranges")
                ),
            ),
        ],
    )


def _execute(warehouse: Path, job: str) -> dg.ExecuteInProcessResult:
    with dg.DagsterInstance.ephemeral() as instance:
        result = (
            _defs(warehouse)
            .resolve_job_def(job)
            .execute_in_process(instance=instance, run_config=_QUIET, raise_on_error=False)
        )
    assert result.success
    return result


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The suites scanned in DuckDB, in order, however often."""
    names: list[str] = []
    scan = quality._scan

    def counting(
        warehouse: Path, expectations_dir: Path, specs: Iterable[quality.SuiteSpec], *args: Any
    ) -> Any:
        specs = list(specs)
        names.extend(spec.name for spec in specs)
        return scan(warehouse, expectations_dir, specs, *args)

    monkeypatch.setattr(quality, "_scan", counting)
    return names


def _plant_negative_units(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse)) as connection:
        insert_figure(connection, "bad", "a4", "72.03", "ikm_units", -5, "unit", period="2019")


def _verdicts(
    evaluations: Sequence[dg.AssetCheckEvaluation],
) -> dict[str, tuple[bool, dg.AssetCheckSeverity]]:
    return {e.check_name: (e.passed, e.severity) for e in evaluations}


def test_a_run_validates_every_suite_once_and_the_checks_take_the_reports_outcomes(
    warehouse: Path, scanned: list[str]
) -> None:
    _plant_negative_units(warehouse)
    result = _execute(warehouse, "quality_step")

    assert sorted(scanned) == sorted(quality.suite_names())
    verdicts = _verdicts(result.get_asset_check_evaluations())
    assert set(verdicts) == set(quality.suite_names())
    assert verdicts.pop("fct_figure_ranges") == (False, dg.AssetCheckSeverity.ERROR)
    assert all(passed for passed, _ in verdicts.values())
    stored = quality.load_results(warehouse.parent / "reports")
    assert stored is not None and stored.run_id == result.run_id
    (failed,) = [o for o in stored.outcomes if not o.success]
    assert failed.expectation == "ikm_units is at least 1"
    assert [row["figure_id"] for row in failed.examples] == ["bad"]


def test_a_check_run_without_the_report_validates_its_suite_on_todays_data(
    warehouse: Path, scanned: list[str]
) -> None:
    _execute(warehouse, "quality_step")  # leaves results of another run, all passed
    _plant_negative_units(warehouse)
    scanned.clear()

    result = _execute(warehouse, "ranges_check_alone")

    assert scanned == ["fct_figure_ranges"]
    assert _verdicts(result.get_asset_check_evaluations()) == {
        "fct_figure_ranges": (False, dg.AssetCheckSeverity.ERROR)
    }
