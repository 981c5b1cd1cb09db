"""When the pipeline runs: daily, a fetch and then every asset; whenever raw/ changes, every
asset but the fetch."""

# No `from __future__ import annotations` here: Dagster reads the annotations of asset,
# check and sensor parameters at definition time to find the context and the resources.

import hashlib
from pathlib import Path

import dagster as dg

from orchestration.defs.fetch import fetched_articles
from orchestration.defs.resources import DuckDBWarehouse

PIPELINE_JOB = "ikm_pipeline"
DAILY_JOB = "ikm_fetch_and_pipeline"

pipeline_job = dg.define_asset_job(
    PIPELINE_JOB,
    # raw/ as it is: `ikm run` and the sensor never go to the network.
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(fetched_articles),
    description="raw/ -> raw tables -> dbt models and tests -> expectation suites -> report.",
    # One process, one step at a time: DuckDB takes one writer per file.
    executor_def=dg.in_process_executor,
)

daily_job = dg.define_asset_job(
    DAILY_JOB,
    selection=dg.AssetSelection.all(),
    description="sources.yml -> raw/fetched/, then the pipeline job's every step.",
    executor_def=dg.in_process_executor,
)

# On by default, like the raw/ sensor: whoever leaves `make dev` running expects a fresh,
# checked warehouse each morning without a click in the UI. The sensor sees only changed files;
# the daily run also fetches the sources (none without sources.yml), re-checks what depends on
# the day ("not published in the future") and picks up a new extractor version.
daily_schedule = dg.ScheduleDefinition(
    name="ikm_daily",
    job=daily_job,
    cron_schedule="0 6 * * *",
    execution_timezone="Asia/Jakarta",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


def raw_fingerprint(raw_dir: Path) -> str | None:
    """A hash of every file's relative path, size and modification time under ``raw_dir``.

    Adding, changing, renaming or removing a file changes it; None when there is no file.
    """
    files = sorted(p for p in raw_dir.rglob("*") if p.is_file()) if raw_dir.is_dir() else []
    if not files:
        return None
    digest = hashlib.sha256()
    for path in files:
        stat = path.stat()
        digest.update(f"{path.relative_to(raw_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(
    job=pipeline_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Starts a run when files under raw/ are added, changed or removed.",
)
def raw_files_sensor(
    context: dg.SensorEvaluationContext, warehouse: DuckDBWarehouse
) -> dg.SensorResult | dg.SkipReason:
    raw_dir = Path(warehouse.raw_dir)
    fingerprint = raw_fingerprint(raw_dir)
    if fingerprint is None:
        return dg.SkipReason(f"no input file under {raw_dir}")
    if fingerprint == context.cursor:
        return dg.SkipReason(f"nothing added or changed under {raw_dir}")
    # The run key makes Dagster itself refuse a second run for the same folder state.
    return dg.SensorResult(run_requests=[dg.RunRequest(run_key=fingerprint)], cursor=fingerprint)


def defs() -> dg.Definitions:
    return dg.Definitions(
        jobs=[pipeline_job, daily_job], schedules=[daily_schedule], sensors=[raw_files_sensor]
    )
