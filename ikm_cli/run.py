"""``ikm run``: the pipeline run by ``orchestration.runner``, and its summary in words and JSON.

The command layer: it may use the pipeline (``orchestration``) and the library
(``ikm_warehouse``), which never import it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any, TextIO

from ikm_cli.fetch import last_fetch_lines
from ikm_cli.listing import capped
from ikm_warehouse import alerts
from ikm_warehouse.paths import ProjectPaths
from ikm_warehouse.run_lock import RunNotStartedError, check_writable, run_lock
from orchestration.defs.schedules import PIPELINE_JOB
from orchestration.defs.transform import ManifestError
from orchestration.runner import (
    RunSummary,
    execute,
    exit_code,
    phase_seconds,
    run_alert,
    summarize,
)

SUMMARY_FILE = "run_summary.json"  # in the reports folder


def run_pipeline(
    paths: ProjectPaths,
    out: TextIO | None = None,
    *,
    reread: bool = False,
    jobs: int = 0,
    progress: bool = False,
    rebuild: bool = False,
) -> int:
    """raw/ -> warehouse -> dbt -> checks -> report; prints a summary; returns the exit code.

    The summary also goes, as JSON, to ``run_summary.json`` in the reports folder.
    """
    out = out or sys.stdout
    notes: list[str] = []
    try:
        with run_lock(paths.warehouse, notes):
            check_writable(paths.warehouse)
            for note in notes:
                print(f"ikm run: {note}", file=sys.stderr)
            run = execute(paths, reread=reread, jobs=jobs, progress=progress, rebuild=rebuild)
    except RunNotStartedError as error:
        # Another run holds the warehouse, or a reader does: nothing started, nothing to alert
        # about beyond this line (and exit 2).
        print(f"ikm run: FAILED: {error}", file=out)
        return 2
    except ManifestError as error:
        _, written = _alert(paths, (alerts.Failed("run", "dbt manifest", str(error)),), ())
        print(f"ikm run: FAILED: {error}", file=out)
        print(f"  alert:     {written}", file=out)
        return 2
    summary = summarize(run, paths)
    failed = run_alert(summary)
    alert, written = _alert(paths, failed, summary.run_ids) if failed else (None, "")
    print("\n".join(format_summary(summary, paths, alert, written)), file=out)
    paths.reports_dir.mkdir(parents=True, exist_ok=True)
    document = json.dumps(summary_document(summary, paths, alert), indent=2, default=str)
    (paths.reports_dir / SUMMARY_FILE).write_text(document + "\n", encoding="utf-8")
    return exit_code(summary)


def _alert(
    paths: ProjectPaths, failed: tuple[alerts.Failed, ...], run_ids: tuple[str, ...]
) -> tuple[alerts.Alert, str]:
    """The run's alert, appended to the alerts file, and where it went for the summary. A file
    that cannot be written is said, not raised: the summary and its JSON still come."""
    alert = alerts.Alert(
        at=alerts.now(),
        source="ikm run",
        job=PIPELINE_JOB,
        run_id=run_ids[-1] if run_ids else None,
        run_ids=run_ids,
        warehouse=str(paths.warehouse),
        failed=failed,
    )
    try:
        alerts.record(paths.alerts_path, alert)
    except OSError as error:
        return alert, f"NOT written to {paths.alerts_path}: {error}"
    return alert, f"written to {paths.alerts_path}"


def format_summary(
    summary: RunSummary,
    paths: ProjectPaths,
    alert: alerts.Alert | None = None,
    written: str = "",
) -> list[str]:
    v = summary.value
    rejected = [p for p in summary.problems if p.get("rejected")]
    warned = [p for p in summary.problems if not p.get("rejected")]
    status = "ok" if exit_code(summary) == 0 else "FAILED"
    lines = [f"ikm run: {status}"]
    lines += last_fetch_lines(paths.fetch_state)  # what `ikm fetch` last brought into raw/
    lines.append(
        f"  files:     {v('raw_articles', 'files_read', 0)} read, "
        f"{v('raw_articles', 'files_unchanged', 0)} unchanged since the last read (not read "
        f"again; {v('raw_articles', 'articles_unchanged', 0)} articles), "
        f"{v('raw_articles', 'files_removed', 0)} gone"
    )
    # The asset carries only the first problems of each kind; its counts are complete.
    rejected_count = max(len(rejected), v("raw_articles", "rejected", 0) or 0)
    warned_count = max(len(warned), v("raw_articles", "warnings", 0) or 0)
    lines.append(
        f"  articles:  {v('raw_articles', 'articles_read', 0)} read, "
        f"{v('raw_articles', 'articles_new', 0)} new, {rejected_count} rejected, "
        f"{warned_count} read with a warning; {v('raw_articles', 'articles_total', 0)} "
        "in the warehouse"
    )
    lines += capped(
        [f"    rejected  {_problem_line(p)}" for p in rejected],
        "    and {count} more rejected, see raw.rejected_inputs",
        total=rejected_count,
    )
    lines += capped(
        [f"    warning   {_problem_line(p)}" for p in warned],
        "    and {count} more warnings, see raw.input_warnings",
        total=warned_count,
    )
    lines.append(
        f"  figures:   {v('extracted_facts', 'figures', 0)} from "
        f"{v('extracted_facts', 'articles_extracted', 0)} articles; this run extracted "
        f"{v('extracted_facts', 'articles_extracted_now', 0)} "
        f"(extractor {v('extracted_facts', 'extractor_version', '?')})"
    )
    lines += [
        f"    extractor failed on {f['doc']}: {f['error']}"
        for f in v("extracted_facts", "extraction_failures") or []
    ]
    lines.append(
        f"  regions:   {v('extracted_facts', 'regions_with_figures', 0)} with figures, of "
        f"{v('region_gazetteer', 'regions', 0)} in the gazetteer"
    )
    if summary.build_skipped:
        lines.append(
            "  dbt:       not run: nothing it reads changed since the last build "
            "(`ikm run --rebuild` builds anyway)"
        )
        lines.append(
            f"  checks:    not run; the last build's stand: "
            f"{len(summary.carried_critical)} critical failures"
        )
        lines += [f"    critical  {name}" for name in summary.carried_critical]
    else:
        lines.append(f"  dbt:       {summary.dbt_models} models and seeds built")
        lines.append(
            f"  checks:    {len(summary.checks_passed)} passed, "
            f"{len(summary.checks_failed)} failed ({len(summary.critical_failures)} critical)"
        )
    lines += [f"    failed    {name} ({severity})" for name, severity in summary.checks_failed]
    lines += [f"    critical  {name}" for name in v("quality_report", "critical_failures") or []]
    lines += [f"  step failed: {step}: {message}" for step, message in summary.step_failures]
    if summary.step_seconds:
        lines.append(f"  times:     {_times(summary)}")
    headline = v("quality_report", "headline")
    if headline:
        lines.append(f"  {headline}")
    lines.append(f"  warehouse: {paths.warehouse}")
    report = v("quality_report", "html_path") or v("quality_report", "summary_path")
    last_report = paths.reports_dir / "quality_summary.html"
    if summary.build_skipped and not report and last_report.is_file():
        lines.append(f"  report:    {last_report} (the last build's)")
    elif not report or report not in (headline or ""):
        lines.append(f"  report:    {report or 'not written'}")
    docs = v("quality_report", "data_docs_path")
    if docs:
        lines.append(f"  data docs: {docs}")
    if alert is not None:
        what = ", ".join(f"{f.kind} {f.name}" for f in alert.failed)
        lines.append(f"  alert:     {what}; {written or f'written to {paths.alerts_path}'}")
    return lines


def _problem_line(problem: Mapping[str, Any]) -> str:
    line = f":{problem['source_line']}" if problem.get("source_line") else ""
    return f"{problem['source_path']}{line}: {problem['reason']}"


def _times(summary: RunSummary) -> str:
    parts = [f"{phase} {seconds:.1f} s" for phase, seconds in phase_seconds(summary).items()]
    total = f"; run {summary.seconds:.1f} s" if summary.seconds is not None else ""
    return ", ".join(parts) + total


def summary_document(
    summary: RunSummary, paths: ProjectPaths, alert: alerts.Alert | None = None
) -> dict[str, Any]:
    """The run summary as JSON for machines (``run_summary.json`` beside the reports)."""
    plain = (str, int, float, bool)
    return {
        "status": "ok" if exit_code(summary) == 0 else "failed",
        "exit_code": exit_code(summary),
        "warehouse": str(paths.warehouse),
        "seconds": summary.seconds,
        "phase_seconds": phase_seconds(summary),
        "assets": {
            asset: {k: v for k, v in values.items() if isinstance(v, plain)}
            for asset, values in summary.metadata.items()
        },
        "dbt_models": summary.dbt_models,
        "build_skipped": summary.build_skipped,
        "critical_failures": list(summary.critical_failures),
        "checks_passed": len(summary.checks_passed),
        "checks_failed": [list(check) for check in summary.checks_failed],
        "step_failures": [list(failure) for failure in summary.step_failures],
        "alert": alert.as_json() if alert is not None else None,
        "alerts_file": str(paths.alerts_path),
    }
