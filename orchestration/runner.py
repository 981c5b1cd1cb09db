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

from ikm_warehouse import alerts, build_state, load
from ikm_warehouse.paths import ProjectPaths
from orchestration.definitions import build_definitions
from orchestration.defs.ingest import RAW_LAYER_ASSETS
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
    build_skipped: bool = False  # nothing the build reads changed: dbt and the suites not run
    carried_critical: tuple[str, ...] = field(default=())  # the last build's, when skipped
    run_ids: tuple[str, ...] = field(default=())  # the Dagster runs, in order

    @property
    def critical_failures(self) -> tuple[str, ...]:
        failed = tuple(name for name, severity in self.checks_failed if severity == "ERROR")
        return failed + self.carried_critical

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
    results: tuple[dg.ExecuteInProcessResult, ...]  # the raw layer's, then the build's if run
    step_seconds: tuple[tuple[str, float], ...]  # (step key, wall seconds) in start order
    seconds: float  # the whole run, wall, dbt's parse included
    build_skipped: bool = False  # nothing the build reads changed since the last build


def summarize(run: PipelineRun, paths: ProjectPaths | None = None) -> RunSummary:
    """What the run did, from its job runs' events. When the build was left out, the critical
    failures of the last build (its ``quality_results.json`` under ``paths``) still stand."""
    metadata: dict[str, dict[str, Any]] = {}
    dbt_models = 0
    passed, failed = [], []
    step_failures = []
    for result in run.results:
        for event in result.get_asset_materialization_events():
            materialization = event.materialization
            name = materialization.asset_key.to_user_string()
            metadata[name] = {k: v.value for k, v in materialization.metadata.items()}
            if event.step_key == "dbt_models":
                dbt_models += 1
        for evaluation in result.get_asset_check_evaluations():
            name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
            if evaluation.passed:
                passed.append(name)
            else:
                failed.append((name, evaluation.severity.value))
        for failure in result.get_step_failure_events():
            data = failure.step_failure_data
            if data.user_failure_data is not None:
                # dg.Failure carries its metadata (e.g. raw_articles' rejected files) here.
                metadata.setdefault(str(failure.step_key), {}).update(
                    {k: v.value for k, v in data.user_failure_data.metadata.items()}
                )
            step_failures.append((str(failure.step_key), _failure_message(data)))
    problems = metadata.get("raw_articles", {}).get("problems") or []
    carried: tuple[str, ...] = ()
    if run.build_skipped and paths is not None:
        from ikm_warehouse.quality import load_results

        stored = load_results(paths.reports_dir)
        carried = tuple(
            f"{o.suite}: {o.expectation}"
            for o in (stored.outcomes if stored else ())
            if o.severity == "critical" and not o.success
        )
    return RunSummary(
        succeeded=all(result.success for result in run.results),
        metadata=metadata,
        dbt_models=dbt_models,
        checks_passed=tuple(sorted(passed)),
        checks_failed=tuple(sorted(failed)),
        step_failures=tuple(step_failures),
        problems=tuple(problems),
        step_seconds=run.step_seconds,
        seconds=run.seconds,
        build_skipped=run.build_skipped,
        carried_critical=carried,
        run_ids=tuple(result.run_id for result in run.results),
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


def run_alert(summary: RunSummary) -> tuple[alerts.Failed, ...]:
    """What failed in the run, for its alert: its failed steps, then its critical checks (with
    the expectations that failed, as the report names them); nothing for a good run."""
    failed = [alerts.Failed("step", step, message) for step, message in summary.step_failures]
    expectations = summary.value("quality_report", "critical_failures") or []
    for name, severity in summary.checks_failed:
        if severity == "ERROR":
            suite = name.split(":", 1)[-1]
            said = [e.split(": ", 1)[-1] for e in expectations if e.startswith(f"{suite}: ")]
            failed.append(alerts.Failed("critical_check", name, "; ".join(said)))
    failed += [
        alerts.Failed("critical_check", name, "still failing: the build was not run again")
        for name in summary.carried_critical
    ]
    return tuple(failed)


def execute(
    paths: ProjectPaths,
    *,
    reread: bool = False,
    jobs: int = 0,
    progress: bool = False,
    rebuild: bool = False,
) -> PipelineRun:
    """Run the pipeline job in this process against ``paths``; raises ManifestError.

    Two runs of the job: the raw layer (ingest, regions, extraction), then the build (dbt, the
    suites, the report), which is left out when nothing it reads changed since the last build
    (``ikm_warehouse.build_state``) unless ``rebuild`` (which also rebuilds every model from
    scratch: dbt's ``--full-refresh``). ``reread``: read every input file
    again, also those unchanged since the last run. ``jobs``: extraction processes (0: every
    core). ``progress``: long steps show how far they are on standard error.
    """
    started = time.perf_counter()
    ops: dict[str, Any] = {}
    if reread:
        ops["raw_articles"] = {"config": {"reread": True}}
    if jobs:
        ops["extracted_facts"] = {"config": {"processes": jobs}}
    paths.warehouse.parent.mkdir(parents=True, exist_ok=True)
    results: list[dg.ExecuteInProcessResult] = []
    steps: list[tuple[str, float]] = []
    skipped = False
    with tempfile.TemporaryDirectory(prefix="ikm-dagster-") as home:
        ensure_manifest(paths)
        definitions = build_definitions(paths, progress_to_stderr=progress)
        job = definitions.resolve_job_def(PIPELINE_JOB)
        raw_layer = [asset.key for asset in RAW_LAYER_ASSETS]
        # The job's own assets: the fetch, outside it, is the daily job's.
        build = sorted(set(job.asset_layer.executable_asset_keys) - set(raw_layer))
        # dagster-dbt echoes dbt's log to stdout: keep it out of the summary, and show it (on
        # stderr) only when the run failed. dbt's own log is in the dbt target folder either way.
        echoed = io.StringIO()
        with (
            dg.DagsterInstance.ephemeral(tempdir=home) as instance,
            contextlib.redirect_stdout(echoed),
        ):
            config = {**_QUIET, **({"ops": ops} if ops else {})}
            results.append(_execute(job, instance, raw_layer, config, steps))
            fingerprint = None
            if results[0].success:
                with load.connect(paths.warehouse, read_only=True) as con:
                    fingerprint = build_state.current(con, paths)
                skipped = not rebuild and build_state.unchanged(paths, fingerprint)
            if fingerprint is not None and not skipped:
                build_state.forget(paths)  # until this build has gone through
                # Asked to rebuild: from scratch, so that a mart edited by hand is repaired too.
                refresh = {"ops": {"dbt_models": {"config": {"full_refresh": True}}}}
                build_config = {**_QUIET, **(refresh if rebuild else {})}
                results.append(_execute(job, instance, build, build_config, steps))
                if results[-1].success:
                    build_state.record(paths, fingerprint)
        if not all(result.success for result in results):
            sys.stderr.write(echoed.getvalue())
    return PipelineRun(tuple(results), tuple(steps), time.perf_counter() - started, skipped)


def _execute(
    job: dg.JobDefinition,
    instance: dg.DagsterInstance,
    selection: list[dg.AssetKey],
    run_config: dict[str, Any],
    steps: list[tuple[str, float]],
) -> dg.ExecuteInProcessResult:
    result = job.execute_in_process(
        instance=instance, raise_on_error=False, run_config=run_config, asset_selection=selection
    )
    stats = sorted(instance.get_run_step_stats(result.run_id), key=lambda s: s.start_time or 0.0)
    steps.extend(
        (s.step_key, (s.end_time or s.start_time or 0.0) - (s.start_time or 0.0)) for s in stats
    )
    return result
