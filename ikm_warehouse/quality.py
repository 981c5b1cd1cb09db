"""Great Expectations suites over the marts: run them, keep the results, write the report.

Each suite lives in ``expectations/`` as two files: ``expectations/<suite>.json`` (the GE suite)
and ``sql/<suite>.sql`` (one query over the marts giving the frame the suite validates). The
frame is read from DuckDB read-only and validated as a pandas DataFrame: GE's SQL datasource
over duckdb-engine is broken upstream, and a frame lets one query do the joins and aggregates a
check needs while GE's built-in expectations list the offending rows.

Runs use an in-memory GE context built from ``expectations/great_expectations.yml``: nothing is
written into ``expectations/``; Data Docs and the summaries go to ``reports_dir``.

Example: ``run_suite(Path("warehouse/ikm.duckdb"), Path("expectations"), "fct_figure_ranges")``
gives one ExpectationOutcome per expectation, e.g. ``expectation="ikm_units is at least 1"``,
``severity="critical"``, and for a failure the rows that broke it (``figure_id``, ``value``, ...).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd
    from great_expectations.core import ExpectationSuite, ExpectationSuiteValidationResult
    from great_expectations.data_context.data_context.abstract_data_context import (
        AbstractDataContext,
    )
    from great_expectations.datasource.fluent.pandas_datasource import PandasDatasource

Severity = Literal["critical", "warning"]

EXAMPLE_ROWS = 5
# GE keeps this many failing rows per expectation; Data Docs show them.
_PARTIAL_UNEXPECTED = 20


@dataclass(frozen=True)
class ExpectationOutcome:
    suite: str
    expectation: str  # a readable name, e.g. "ikm_units is at least 1"
    severity: Severity
    success: bool
    unexpected_count: int = 0
    examples: tuple[dict[str, Any], ...] = field(default=())
    expectation_type: str = ""  # GE's name, e.g. "expect_column_values_to_be_between"
    error: str | None = None  # set when GE could not evaluate the expectation


@dataclass(frozen=True)
class QualityReport:
    outcomes: tuple[ExpectationOutcome, ...]
    html_path: Path | None  # the one-page summary, as HTML
    summary_path: Path | None  # the same, as Markdown
    data_docs_path: Path | None = None  # GE Data Docs' index.html
    results_path: Path | None = None  # quality_results.json

    @property
    def critical_failures(self) -> tuple[ExpectationOutcome, ...]:
        return tuple(o for o in self.outcomes if o.severity == "critical" and not o.success)

    @property
    def warnings(self) -> tuple[ExpectationOutcome, ...]:
        return tuple(o for o in self.outcomes if o.severity == "warning" and not o.success)


@dataclass(frozen=True)
class SuiteSpec:
    name: str
    guards: str  # the mart, and Dagster asset key, whose rows the suite judges
    row_key: tuple[str, ...]  # the frame's columns that name one row in failure examples


_FIGURE_KEY = ("figure_id",)
_REGION_METRIC_KEY = ("region_code", "metric_code", "period", "unit")

_SUITES: tuple[SuiteSpec, ...] = (
    SuiteSpec("fct_figure_ranges", "fct_figure", _FIGURE_KEY),
    SuiteSpec("fct_figure_completeness", "fct_figure", _FIGURE_KEY),
    SuiteSpec("fct_figure_totals", "fct_figure", _FIGURE_KEY),
    SuiteSpec("fct_region_metric_hierarchy", "fct_region_metric", _REGION_METRIC_KEY),
    SuiteSpec("fct_region_metric_conflicts", "fct_region_metric", _REGION_METRIC_KEY),
    SuiteSpec("dim_article_plausibility", "dim_article", ("article_id",)),
)


class QualityError(RuntimeError):
    """The suites could not be run (no warehouse, a mart missing, an unknown suite)."""


def suite_names() -> list[str]:
    """The suites in expectations/, e.g. ["fct_figure_ranges", ..., "dim_article_plausibility"]."""
    return [spec.name for spec in _SUITES]


def guarded_asset(suite: str) -> str:
    """The mart (Dagster asset key) a suite guards: ``"fct_figure_totals"`` -> ``"fct_figure"``."""
    return _spec(suite).guards


def suite_sql(expectations_dir: Path, suite: str) -> str:
    """The query giving the frame ``suite`` validates."""
    return (expectations_dir / "sql" / f"{_spec(suite).name}.sql").read_text(encoding="utf-8")


def run_suite(
    warehouse: Path, expectations_dir: Path, suite: str, *, today: dt.date | None = None
) -> tuple[ExpectationOutcome, ...]:
    """Validate one suite against the table it guards, read read-only from the warehouse."""
    return run_suites(warehouse, expectations_dir, [suite], today=today)


def run_suites(
    warehouse: Path,
    expectations_dir: Path,
    suites: Sequence[str] | None = None,
    *,
    today: dt.date | None = None,
) -> tuple[ExpectationOutcome, ...]:
    """Validate several suites (default: all) in one pass, writing no report."""
    specs = [_spec(name) for name in (suite_names() if suites is None else suites)]
    context = _context(expectations_dir, docs_dir=None)
    return _run(warehouse, expectations_dir, specs, context, today)


def run_all(
    warehouse: Path, expectations_dir: Path, reports_dir: Path, *, today: dt.date | None = None
) -> QualityReport:
    """Every suite, then Data Docs (HTML) and a one-page summary under ``reports_dir``."""
    docs_dir = reports_dir / "data_docs"
    context = _context(expectations_dir, docs_dir=docs_dir)
    outcomes = _run(warehouse, expectations_dir, _SUITES, context, today)
    # The site is rebuilt from this run's results alone; stale pages would outlive their run.
    shutil.rmtree(docs_dir, ignore_errors=True)
    reports_dir.mkdir(parents=True, exist_ok=True)
    context.build_data_docs()
    report = QualityReport(
        outcomes=outcomes,
        html_path=reports_dir / "quality_summary.html",
        summary_path=reports_dir / "quality_summary.md",
        data_docs_path=docs_dir / "index.html",
        results_path=reports_dir / "quality_results.json",
    )
    _write_reports(report, warehouse)
    return report


def summary_headline(report: QualityReport) -> str:
    """One line, e.g. ``quality: 21 expectations, 20 passed, 0 critical failures, 1 warning —
    report: warehouse/reports/quality_summary.html``."""
    passed = sum(o.success for o in report.outcomes)
    warnings = len(report.warnings)
    line = (
        f"quality: {len(report.outcomes)} expectations, {passed} passed, "
        f"{len(report.critical_failures)} critical failure"
        f"{'' if len(report.critical_failures) == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}"
    )
    return line if report.html_path is None else f"{line} — report: {report.html_path}"


# --- reading and validating ------------------------------------------------------------------


def _spec(suite: str) -> SuiteSpec:
    for spec in _SUITES:
        if spec.name == suite:
            return spec
    raise QualityError(f"no suite {suite!r}; the suites are {', '.join(suite_names())}")


def _run(
    warehouse: Path,
    expectations_dir: Path,
    specs: Sequence[SuiteSpec],
    context: AbstractDataContext,
    today: dt.date | None,
) -> tuple[ExpectationOutcome, ...]:
    frames = _read_frames(warehouse, expectations_dir, specs)
    source = context.data_sources.add_pandas("warehouse")
    outcomes: list[ExpectationOutcome] = []
    for spec in specs:
        suite, result = _validate(context, source, expectations_dir, spec, frames[spec.name], today)
        outcomes.extend(_outcomes(spec, suite, result, frames[spec.name]))
    return tuple(outcomes)


def _read_frames(
    warehouse: Path, expectations_dir: Path, specs: Iterable[SuiteSpec]
) -> dict[str, pd.DataFrame]:
    import duckdb

    if not warehouse.is_file():
        raise QualityError(f"no warehouse at {warehouse}: build it first")
    queries = {spec.name: suite_sql(expectations_dir, spec.name) for spec in specs}
    frames: dict[str, pd.DataFrame] = {}
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for name, query in queries.items():
            try:
                frame = connection.sql(query).df()
            except duckdb.Error as error:
                raise QualityError(
                    f"suite {name}: its query failed on {warehouse}: {error}"
                ) from error
            for column in frame.columns:
                # GE compares dates only in nanosecond columns; DuckDB hands over microseconds.
                if frame[column].dtype.kind == "M":
                    frame[column] = frame[column].astype("datetime64[ns]")
            frames[name] = frame
    return frames


def _context(expectations_dir: Path, docs_dir: Path | None) -> AbstractDataContext:
    """An in-memory context with the committed settings; Data Docs go to ``docs_dir``."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )
    from ruamel.yaml import YAML

    config_file = expectations_dir / "great_expectations.yml"
    settings = YAML(typ="safe", pure=True).load(config_file.read_text(encoding="utf-8")) or {}
    sites: dict[str, Any] = {}
    if docs_dir is not None:
        committed_sites: Mapping[str, Any] = settings.get("data_docs_sites") or {}
        for name, site in committed_sites.items():
            target = docs_dir if len(committed_sites) == 1 else docs_dir / name
            backend = {**site["store_backend"], "base_directory": str(target)}
            sites[name] = {**site, "store_backend": backend}
    config = DataContextConfig(
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(**(settings.get("progress_bars") or {})),
        data_docs_sites=sites,
        store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
    )
    return gx.get_context(project_config=config, mode="ephemeral")


def _validate(
    context: AbstractDataContext,
    source: PandasDatasource,
    expectations_dir: Path,
    spec: SuiteSpec,
    frame: pd.DataFrame,
    today: dt.date | None,
) -> tuple[ExpectationSuite, ExpectationSuiteValidationResult]:
    import great_expectations as gx
    from great_expectations.core.expectation_suite import ExpectationSuiteSchema

    suite_file = expectations_dir / "expectations" / f"{spec.name}.json"
    loaded = ExpectationSuiteSchema().load(json.loads(suite_file.read_text(encoding="utf-8")))
    suite = context.suites.add(gx.ExpectationSuite(**loaded))
    batch = source.add_dataframe_asset(name=spec.name).add_batch_definition_whole_dataframe(
        "whole_frame"
    )
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=spec.name, data=batch, suite=suite)
    )
    day = today or dt.date.today()
    result = definition.run(
        batch_parameters={"dataframe": frame},
        # Suites say "not in the future" as {"$PARAMETER": "today"}: a date fixed in JSON would age.
        expectation_parameters={"today": dt.datetime.combine(day, dt.time()).isoformat()},
        result_format={
            "result_format": "SUMMARY",
            "unexpected_index_column_names": list(spec.row_key),
            "partial_unexpected_count": _PARTIAL_UNEXPECTED,
        },
    )
    return suite, result


def _outcomes(
    spec: SuiteSpec,
    suite: ExpectationSuite,
    result: ExpectationSuiteValidationResult,
    frame: pd.DataFrame,
) -> tuple[ExpectationOutcome, ...]:
    outcomes = []
    # GE groups results by kind of metric; report them in the order the suite states them.
    order = {expectation.id: position for position, expectation in enumerate(suite.expectations)}
    results = [(item, item.expectation_config) for item in result.results]
    for item, config in sorted(
        results, key=lambda pair: order.get(pair[1].id if pair[1] else None, -1)
    ):
        if config is None:  # GE sets it on every result; it is typed optional only
            continue
        meta = config.meta or {}
        details = item.result or {}
        error = _error_message(item.exception_info)
        outcomes.append(
            ExpectationOutcome(
                suite=spec.name,
                expectation=str(meta.get("description") or config.type),
                severity="warning" if meta.get("severity") == "warning" else "critical",
                success=bool(item.success) and error is None,
                unexpected_count=int(details.get("unexpected_count") or 0),
                examples=_examples(
                    frame, spec.row_key, details.get("partial_unexpected_index_list")
                ),
                expectation_type=config.type,
                error=error,
            )
        )
    return tuple(outcomes)


def _error_message(exception_info: Any) -> str | None:
    # GE gives either one {"raised_exception", "exception_message"} or one such dict per metric.
    if not isinstance(exception_info, Mapping):
        return None
    infos = [exception_info, *(v for v in exception_info.values() if isinstance(v, Mapping))]
    for info in infos:
        if info.get("raised_exception"):
            return str(info.get("exception_message") or "GE raised an exception")
    return None


def _examples(
    frame: pd.DataFrame, row_key: Sequence[str], unexpected: Sequence[Mapping[str, Any]] | None
) -> tuple[dict[str, Any], ...]:
    """The frame's whole rows for the first failing rows GE names by their key."""
    examples: list[dict[str, Any]] = []
    for keyed in (unexpected or [])[:EXAMPLE_ROWS]:
        mask = None
        for column in row_key:
            value = keyed.get(column)
            match = frame[column].isna() if _is_missing(value) else frame[column] == value
            mask = match if mask is None else mask & match
        rows = frame[mask] if mask is not None else frame.iloc[0:0]
        record = rows.iloc[0].to_dict() if len(rows) else dict(keyed)
        examples.append({str(k): _plain(v) for k, v in record.items()})
    return tuple(examples)


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _plain(value: Any) -> Any:
    """A JSON-friendly scalar: None for missing, ISO text for dates, Python numbers."""
    import pandas as pd

    if value is None or (not isinstance(value, str | bool) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime):  # pd.Timestamp included
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


# --- reports ---------------------------------------------------------------------------------


def _write_reports(report: QualityReport, warehouse: Path) -> None:
    assert report.results_path and report.summary_path and report.html_path
    generated = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    document = {
        "generated_at": generated,
        "warehouse": str(warehouse),
        "headline": summary_headline(report),
        "expectations": len(report.outcomes),
        "passed": sum(o.success for o in report.outcomes),
        "critical_failures": len(report.critical_failures),
        "warnings": len(report.warnings),
        "data_docs": str(report.data_docs_path),
        "suites": [
            {
                "name": name,
                "guards": guarded_asset(name),
                "success": all(o.success or o.severity == "warning" for o in outcomes),
                "outcomes": [asdict(o) for o in outcomes],
            }
            for name, outcomes in _by_suite(report.outcomes)
        ],
    }
    report.results_path.write_text(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    report.summary_path.write_text(_markdown(report, generated), encoding="utf-8")
    report.html_path.write_text(_html(report, generated), encoding="utf-8")


def _by_suite(
    outcomes: Sequence[ExpectationOutcome],
) -> list[tuple[str, list[ExpectationOutcome]]]:
    return [(name, [o for o in outcomes if o.suite == name]) for name in suite_names()]


def _status(outcome: ExpectationOutcome) -> str:
    if outcome.success:
        return "passed"
    if outcome.error:
        return "error"
    return "FAILED" if outcome.severity == "critical" else "warning"


def _markdown(report: QualityReport, generated: str) -> str:
    lines = [
        "# Data quality",
        "",
        summary_headline(report),
        "",
        f"Generated {generated}. GE Data Docs: {report.data_docs_path}",
        "",
    ]
    for name, outcomes in _by_suite(report.outcomes):
        lines += [
            f"## {name} (guards `{guarded_asset(name)}`)",
            "",
            "| expectation | severity | result | unexpected rows |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {o.expectation} | {o.severity} | {_status(o)} | {o.unexpected_count} |"
            for o in outcomes
        ]
        lines.append("")
        for o in outcomes:
            if o.success:
                continue
            lines.append(
                f"**{_status(o)}: {o.expectation}**" + (f" — {o.error}" if o.error else "")
            )
            lines.append("")
            lines += [f"- `{json.dumps(row, ensure_ascii=False)}`" for row in o.examples]
            lines.append("")
    return "\n".join(lines)


def _html(report: QualityReport, generated: str) -> str:
    esc = html.escape
    docs = report.data_docs_path
    docs_link = (
        f'<a href="{esc(docs.relative_to(report.html_path.parent).as_posix())}">GE Data Docs</a>'
        if docs and report.html_path and docs.is_relative_to(report.html_path.parent)
        else "GE Data Docs"
    )
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Data quality</title>',
        "<style>body{font-family:sans-serif;max-width:70em;margin:2em auto}",
        "table{border-collapse:collapse;margin:.5em 0}",
        "td,th{border:1px solid #ccc;padding:.2em .5em}",
        ".passed{color:#186a1e}.FAILED,.error{color:#b00020;font-weight:bold}",
        ".warning{color:#a15c00}</style></head><body>",
        "<h1>Data quality</h1>",
        f"<p><strong>{esc(summary_headline(report))}</strong></p>",
        f"<p>Generated {esc(generated)}. Full results: {docs_link}.</p>",
    ]
    for name, outcomes in _by_suite(report.outcomes):
        parts.append(f"<h2>{esc(name)} <small>guards {esc(guarded_asset(name))}</small></h2>")
        parts.append(
            "<table><tr><th>expectation</th><th>severity</th><th>result</th>"
            "<th>unexpected rows</th></tr>"
        )
        for o in outcomes:
            status = _status(o)
            parts.append(
                f"<tr><td>{esc(o.expectation)}</td><td>{o.severity}</td>"
                f'<td class="{status}">{status}</td><td>{o.unexpected_count}</td></tr>'
            )
        parts.append("</table>")
        for o in outcomes:
            if o.success:
                continue
            parts.append(f"<h3>{esc(_status(o))}: {esc(o.expectation)}</h3>")
            if o.error:
                parts.append(f"<p>{esc(o.error)}</p>")
            parts.append(_html_rows(o.examples))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _html_rows(rows: Sequence[Mapping[str, Any]]) -> str:
    if not rows:
        return ""
    columns = list(dict.fromkeys(column for row in rows for column in row))
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(row.get(c, '')))}</td>" for c in columns) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"
