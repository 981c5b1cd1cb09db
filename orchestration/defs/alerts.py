"""Alerts from the runs Dagster starts (the UI, the schedule, the raw/ sensor): a failed run, or
a run whose critical check failed, appends one line to the alerts file (``ikm_warehouse.alerts``).

``ikm run`` runs the job in its own process, where no sensor runs, and writes its alert itself
(``ikm_cli.run``), in the same form.
"""

# No `from __future__ import annotations` here: Dagster reads the annotations of asset,
# check and sensor parameters at definition time to find the context and the resources.

from typing import TYPE_CHECKING

import dagster as dg

from ikm_warehouse import alerts
from orchestration.defs.resources import DuckDBWarehouse
from orchestration.defs.schedules import PIPELINE_JOB, pipeline_job

if TYPE_CHECKING:
    from dagster._core.execution.plan.objects import StepFailureData


def _record(warehouse: DuckDBWarehouse, run: dg.DagsterRun, failed: list[alerts.Failed]) -> None:
    paths = warehouse.paths()
    alert = alerts.Alert(
        at=alerts.now(),
        source="dagster",
        job=run.job_name or PIPELINE_JOB,
        run_id=run.run_id,
        run_ids=(run.run_id,),
        warehouse=str(paths.warehouse),
        failed=tuple(failed),
    )
    alerts.record(paths.alerts_path, alert)


@dg.run_failure_sensor(
    monitored_jobs=[pipeline_job],
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Appends an alert to the alerts file when a pipeline run fails.",
)
def alert_on_failed_run(context: dg.RunFailureSensorContext, warehouse: DuckDBWarehouse) -> None:
    failed = [
        alerts.Failed("step", str(event.step_key), _message(event.step_failure_data))
        for event in context.get_step_failure_events()
    ]
    if not failed:  # the run failed outside any step (its process died, it could not start)
        message = context.failure_event.message or ""
        failed = [alerts.Failed("run", context.dagster_run.run_id, message)]
    _record(warehouse, context.dagster_run, failed)


def _message(data: "StepFailureData") -> str:
    """The user's error ("RuntimeError: ..."), not Dagster's wrapper around it; the first line."""
    if data.user_failure_data is not None and data.user_failure_data.description:
        text = data.user_failure_data.description
    elif data.error is not None:
        text = (data.error.cause or data.error).message  # "RuntimeError: aturan rusak"
    else:
        text = "failed"
    return text.strip().splitlines()[0] if text.strip() else "failed"


def critical_check_failures(instance: dg.DagsterInstance, run_id: str) -> list[alerts.Failed]:
    """The checks of run ``run_id`` that failed with severity ERROR (a critical expectation)."""
    records = instance.get_records_for_run(
        run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
    ).records
    failed = []
    for record in records:
        event = record.event_log_entry.dagster_event
        evaluation = event.event_specific_data if event is not None else None
        if not isinstance(evaluation, dg.AssetCheckEvaluation) or evaluation.passed:
            continue
        if evaluation.severity == dg.AssetCheckSeverity.ERROR:
            name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
            failed.append(alerts.Failed("critical_check", name, evaluation.description or ""))
    return failed


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    monitored_jobs=[pipeline_job],
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Appends an alert to the alerts file when a pipeline run's critical check "
    "failed (the run itself succeeds: the checks do not block it).",
)
def alert_on_critical_check(context: dg.RunStatusSensorContext, warehouse: DuckDBWarehouse) -> None:
    failed = critical_check_failures(context.instance, context.dagster_run.run_id)
    if failed:
        _record(warehouse, context.dagster_run, failed)


def defs() -> dg.Definitions:
    return dg.Definitions(sensors=[alert_on_failed_run, alert_on_critical_check])
