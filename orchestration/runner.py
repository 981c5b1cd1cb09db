"""The whole pipeline without the UI: one in-process run of the pipeline job, and what it did.

``execute`` runs the job; ``summarize`` turns its events into a ``RunSummary`` (data: the
assets' metadata, checks, failures, step times); ``ikm_cli.run`` words it for people.

The run uses an ephemeral Dagster instance in a temporary folder, so nothing is written
into the checkout; the warehouse, dbt's artifacts and the reports go where ``paths`` says.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import dagster as dg

from ikm_warehouse.paths import ProjectPaths
from orchestration.definitions import build_definitions
from orchestration.defs.schedules import PIPELINE_JOB
from orchestration.defs.transform import ensure_manifest

if TYPE_CHECKING:
    from dagster._core.execution.plan.objects import StepFailureData

_FAILURE_LINES = 12
# Dagster's own step-by-step log would bury the summary; errors still show.
_QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}


@dataclass(frozen=True)
class RunSummary:
    succeeded: bool
    metadata: Mapping[str, Mapping[str, Any]]  # per asset (``raw_articles``, ...): its metadata
    dbt_models: int
    checks_passed: tuple[str, ...]
    checks_failed: tuple[tuple[str, str], ...]  # (check, "ERROR" | "WARN")
    step_failures: tuple[tuple[str, str], ...]  # (step, message)
    problems: tuple[Mapping[str, Any], ...] = field(default=())
    step_seconds: tuple[tuple[str, float], ...] = field(default=())  # (step, wall s), in order
    seconds: float | None = None  # the whole run, wall

    @property
    def critical_failures(self) -> tuple[str, ...]:
        return tuple(name for name, severity in self.checks_failed if severity == "ERROR")

    def value(self, asset: str, key: str, default: Any = None) -> Any:
        return self.metadata.get(asset, {}).get(key, default)


def _failure_message(data: StepFailureData) -> str:
    if data.user_failure_data is not None and data.user_failure_data.description:
        text = data.user_failure_data.description
    elif data.error is not None:
        text = (data.error.cause or data.error).message  # the user's error, not Dagster's wrapper
    else:
        text = "failed"
    # dbt's failures come with every compiled error: the first lines say enough here.
    lines = [line for line in text.strip().splitlines() if line.strip()]
    more = ["    ..."] if len(lines) > _FAILURE_LINES else []
    return "\n".join(lines[:_FAILURE_LINES] + more)


@dataclass(frozen=True)
class PipelineRun:
    result: dg.ExecuteInProcessResult
    step_seconds: tuple[tuple[str, float], ...]  # (step key, wall seconds) in start order
    seconds: float  # the whole run, wall, dbt's parse included


def summarize(
    result: dg.ExecuteInProcessResult,
    step_seconds: tuple[tuple[str, float], ...] = (),
    seconds: float | None = None,
) -> RunSummary:
    metadata: dict[str, dict[str, Any]] = {}
    dbt_models = 0
    for event in result.get_asset_materialization_events():
        materialization = event.materialization
        name = materialization.asset_key.to_user_string()
        metadata[name] = {k: v.value for k, v in materialization.metadata.items()}
        if event.step_key == "dbt_models":
            dbt_models += 1
    passed, failed = [], []
    for evaluation in result.get_asset_check_evaluations():
        name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
        if evaluation.passed:
            passed.append(name)
        else:
            failed.append((name, evaluation.severity.value))
    step_failures = []
    for failure in result.get_step_failure_events():
        data = failure.step_failure_data
        if data.user_failure_data is not None:
            # dg.Failure carries its metadata (e.g. raw_articles' rejected files) here.
            metadata.setdefault(str(failure.step_key), {}).update(
                {k: v.value for k, v in data.user_failure_data.metadata.items()}
            )
        step_failures.append((str(failure.step_key), _failure_message(data)))
    problems = metadata.get("raw_articles", {}).get("problems") or []
    return RunSummary(
        succeeded=result.success,
        metadata=metadata,
        dbt_models=dbt_models,
        checks_passed=tuple(sorted(passed)),
        checks_failed=tuple(sorted(failed)),
        step_failures=tuple(step_failures),
        problems=tuple(problems),
        step_seconds=step_seconds,
        seconds=seconds,
    )


# The steps a user thinks of as the run's phases; the asset checks of quality go with it.
_PHASES = {
    "raw_articles": "ingest",
    "region_gazetteer": "regions",
    "extracted_facts": "extract",
    "dbt_models": "dbt",
    "quality_report": "quality",
}


def phase_seconds(summary: RunSummary) -> dict[str, float]:
    """Wall seconds per phase (ingest, regions, extract, dbt, quality), in run order."""
    phases: dict[str, float] = {}
    for step, seconds in summary.step_seconds:
        phase = _PHASES.get(step, "quality")  # the rest are the suites' asset checks
        phases[phase] = phases.get(phase, 0.0) + seconds
    return phases


def exit_code(summary: RunSummary) -> int:
    """0 when the run succeeded, had articles in its input and no critical check failed."""
    articles = summary.value("raw_articles", "articles_read") or summary.value(
        "raw_articles", "articles_unchanged"
    )
    if not summary.succeeded or not articles:
        return 1
    return 1 if summary.critical_failures else 0


def execute(
    paths: ProjectPaths, *, reread: bool = False, jobs: int = 0, progress: bool = False
) -> PipelineRun:
    """Run the pipeline job in this process against ``paths``; raises ManifestError.

    ``reread``: read every input file again, also those unchanged since the last run.
    ``jobs``: extraction processes (0: every core). ``progress``: long steps show how far
    they are on standard error.
    """
    started = time.perf_counter()
    ops: dict[str, Any] = {}
    if reread:
        ops["raw_articles"] = {"config": {"reread": True}}
    if jobs:
        ops["extracted_facts"] = {"config": {"processes": jobs}}
    run_config: dict[str, Any] = {**_QUIET, **({"ops": ops} if ops else {})}
    paths.warehouse.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ikm-dagster-") as home:
        ensure_manifest(paths)
        definitions = build_definitions(paths, progress_to_stderr=progress)
        job = definitions.resolve_job_def(PIPELINE_JOB)
        # dagster-dbt echoes dbt's log to stdout: keep it out of the summary, and show it (on
        # stderr) only when the run failed. dbt's own log is in the dbt target folder either way.
        echoed = io.StringIO()
        with (
            dg.DagsterInstance.ephemeral(tempdir=home) as instance,
            contextlib.redirect_stdout(echoed),
        ):
            result = job.execute_in_process(
                instance=instance, raise_on_error=False, run_config=run_config
            )
            stats = sorted(
                instance.get_run_step_stats(result.run_id), key=lambda s: s.start_time or 0.0
            )
        if not result.success:
            sys.stderr.write(echoed.getvalue())
    steps = tuple(
        (s.step_key, (s.end_time or s.start_time or 0.0) - (s.start_time or 0.0)) for s in stats
    )
    return PipelineRun(result, steps, time.perf_counter() - started)
