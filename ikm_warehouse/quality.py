"""Great Expectations suites over the marts: run them, keep the results, write the report.

Each suite lives in ``expectations/`` as two files: ``expectations/<suite>.json`` (the GE suite)
and ``sql/<suite>.sql`` (one query over the marts giving one row per thing the suite judges).
The scanning is DuckDB's: each expectation is translated to the SQL condition under which GE
counts a row unexpected, and one read-only query per suite gives every expectation's count of
unexpected rows and its first few of them. GE validates that small sample as a pandas DataFrame
(its SQL datasource over duckdb-engine is broken upstream) against the same suite, which must
fail exactly the expectations DuckDB counted, and lists the failing rows as examples.

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
RESULTS_FILE = "quality_results.json"  # under the reports folder
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
class StoredResults:
    run_id: str | None  # the pipeline run that wrote them; None for ``ikm check``
    outcomes: tuple[ExpectationOutcome, ...]


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
    warehouse: Path,
    expectations_dir: Path,
    reports_dir: Path,
    *,
    today: dt.date | None = None,
    run_id: str | None = None,
) -> QualityReport:
    """Every suite, then Data Docs (HTML) and a one-page summary under ``reports_dir``.

    ``run_id`` names the pipeline run in ``quality_results.json``, so that the run's asset
    checks take their outcomes from there (``load_results``) instead of validating again.
    """
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
        results_path=reports_dir / RESULTS_FILE,
    )
    _write_reports(report, warehouse, run_id)
    return report


def load_results(reports_dir: Path) -> StoredResults | None:
    """The outcomes ``run_all`` last wrote under ``reports_dir``; None if there are none."""
    try:
        document = json.loads((reports_dir / RESULTS_FILE).read_text(encoding="utf-8"))
        outcomes = tuple(
            ExpectationOutcome(**{**outcome, "examples": tuple(outcome["examples"])})
            for suite in document["suites"]
            for outcome in suite["outcomes"]
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none yet, or from another version: the caller validates afresh
    run_id = document.get("run_id")
    return StoredResults(run_id=None if run_id is None else str(run_id), outcomes=outcomes)


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
    day = today or dt.date.today()
    # Suites say "not in the future" as {"$PARAMETER": "today"}: a date fixed in JSON would age.
    parameters = {"today": dt.datetime.combine(day, dt.time()).isoformat()}
    documents = {spec.name: _suite_document(expectations_dir, spec.name) for spec in specs}
    scans = _scan(warehouse, expectations_dir, specs, documents, parameters)
    source = context.data_sources.add_pandas("warehouse")
    outcomes: list[ExpectationOutcome] = []
    for spec in specs:
        scan = scans[spec.name]
        suite, result = _validate(
            context, source, spec, documents[spec.name], scan.sample, parameters
        )
        outcomes.extend(_outcomes(spec, suite, result, scan))
    return tuple(outcomes)


def _suite_document(expectations_dir: Path, suite: str) -> dict[str, Any]:
    suite_file = expectations_dir / "expectations" / f"{suite}.json"
    document: dict[str, Any] = json.loads(suite_file.read_text(encoding="utf-8"))
    return document


# --- scanning in DuckDB ----------------------------------------------------------------------
#
# A suite's query gives one row per thing to judge; on a big warehouse that is every figure.
# DuckDB judges those rows itself, with each expectation translated to the SQL condition under
# which GE would count a row unexpected, and hands over only the counts and, per expectation,
# its first unexpected rows. GE then validates that small sample against the same suite: it
# must fail exactly the expectations whose count is not zero (else the outcome is an error), and
# its listing of the sample's failing rows gives the examples and Data Docs.


@dataclass(frozen=True)
class _Scan:
    sample: pd.DataFrame  # up to _PARTIAL_UNEXPECTED unexpected rows per expectation
    unexpected: tuple[int, ...]  # per expectation, in the suite's order: rows of the whole frame


_FLAG = "_ikm_unexpected_"  # the scan's own columns; dropped before GE sees the sample
_COUNT = "_ikm_count_"

# The expectations that can be judged in SQL, with the arguments each may take; any other
# argument (``mostly``, say) would change what counts as a failure, so it is refused.
_ROW_ARGS = frozenset({"row_condition", "condition_parser"})
_TRANSLATABLE = {
    "expect_column_values_to_not_be_null": frozenset({"column"}) | _ROW_ARGS,
    "expect_column_values_to_be_between": (
        frozenset({"column", "min_value", "max_value", "strict_min", "strict_max"}) | _ROW_ARGS
    ),
    "expect_column_pair_values_to_be_equal": (
        frozenset({"column_A", "column_B", "ignore_row_if"}) | _ROW_ARGS
    ),
    "expect_column_pair_values_a_to_be_greater_than_b": (
        frozenset({"column_A", "column_B", "ignore_row_if", "or_equal"}) | _ROW_ARGS
    ),
}
_COMPARISONS = {"==": "=", "!=": "is distinct from", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


def _scan(
    warehouse: Path,
    expectations_dir: Path,
    specs: Iterable[SuiteSpec],
    documents: Mapping[str, Mapping[str, Any]],
    parameters: Mapping[str, Any],
) -> dict[str, _Scan]:
    import duckdb

    if not warehouse.is_file():
        raise QualityError(f"no warehouse at {warehouse}: build it first")
    scans: dict[str, _Scan] = {}
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for spec in specs:
            expectations = documents[spec.name].get("expectations") or []
            query, arguments = _scan_sql(
                suite_sql(expectations_dir, spec.name), spec.row_key, expectations, parameters
            )
            try:
                frame = connection.execute(query, arguments).df()
            except duckdb.Error as error:
                raise QualityError(
                    f"suite {spec.name}: its query failed on {warehouse}: {error}"
                ) from error
            scans[spec.name] = _split_scan(frame, expectations)
    return scans


def _scan_sql(
    frame_sql: str,
    row_key: Sequence[str],
    expectations: Sequence[Mapping[str, Any]],
    parameters: Mapping[str, Any],
) -> tuple[str, list[Any]]:
    """The query that judges every row of ``frame_sql`` in DuckDB, and its arguments.

    It returns, for each expectation (a suite JSON's entry), its first unexpected rows by
    ``row_key``, each with a flag per expectation and the expectation's total count: e.g. for
    ``{"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "unit"}}`` the
    rows where ``unit is null``, at most ``_PARTIAL_UNEXPECTED`` of them.
    """
    conditions = [_unexpected_sql(expectation, parameters) for expectation in expectations]
    frame = frame_sql.strip().rstrip(";")
    if not conditions:
        return f"with frame as (\n{frame}\n)\n\nselect * from frame limit 0", []
    numbers = range(len(conditions))
    key = ", ".join(_quote(column) for column in row_key)
    flags = ",\n".join(
        f"coalesce({sql}, false) as {_FLAG}{n}" for n, (sql, _) in enumerate(conditions)
    )
    counts = ",\n".join(f"count(*) filter (where {_FLAG}{n}) as {_COUNT}{n}" for n in numbers)
    same_key = " and ".join(
        f"judged.{_quote(c)} is not distinct from sampled.{_quote(c)}" for c in row_key
    )
    # Each expectation's first rows by key: a top-n each, not a sort of every unexpected row
    # (with 100,000 unexpected rows, ranking them all took most of the scan).
    firsts = "\nunion\n".join(
        f"(select {key} from judged where {_FLAG}{n} order by {key} limit {_PARTIAL_UNEXPECTED})"
        for n in numbers
    )
    query = (
        f"with frame as (\n{frame}\n),\n\n"
        f"judged as materialized (\nselect\n*,\n{flags}\nfrom frame\n),\n\n"
        f"counts as (\nselect\n{counts}\nfrom judged\n),\n\n"
        f"sampled as (\n{firsts}\n)\n\n"
        f"select judged.*, counts.*\nfrom judged\nsemi join sampled on {same_key}\n"
        f"cross join counts\norder by {key}"
    )
    return query, [argument for _, arguments in conditions for argument in arguments]


def _split_scan(frame: pd.DataFrame, expectations: Sequence[Mapping[str, Any]]) -> _Scan:
    unexpected = tuple(
        int(frame[f"{_COUNT}{n}"].iloc[0]) if len(frame) else 0 for n in range(len(expectations))
    )
    sample = frame[[c for c in frame.columns if not str(c).startswith("_ikm_")]].copy()
    for column in sample.columns:
        # GE compares dates only in nanosecond columns; DuckDB hands over microseconds.
        if sample[column].dtype.kind == "M":
            sample[column] = sample[column].astype("datetime64[ns]")
    return _Scan(sample=sample.reset_index(drop=True), unexpected=unexpected)


def _unexpected_sql(
    expectation: Mapping[str, Any], parameters: Mapping[str, Any]
) -> tuple[str, list[Any]]:
    """The condition under which GE counts a row unexpected, with its arguments.

    ``{"type": "expect_column_values_to_be_between", "kwargs": {"column": "value",
    "min_value": 1.0}}`` gives ``('("value" is not null and ("value" < ?))', [1.0])``.
    """
    kind = str(expectation.get("type"))
    kwargs: Mapping[str, Any] = expectation.get("kwargs") or {}
    allowed = _TRANSLATABLE.get(kind)
    if allowed is None:
        raise QualityError(f"{kind} cannot be judged in SQL: add its translation to quality.py")
    extra = set(kwargs) - allowed
    if extra:
        raise QualityError(f"{kind}: cannot judge {', '.join(sorted(extra))} in SQL")
    if kwargs.get("condition_parser") not in (None, "great_expectations"):
        raise QualityError(f"{kind}: only structured row conditions are judged in SQL")
    arguments: list[Any] = []
    if kind == "expect_column_values_to_not_be_null":
        sql = f"{_quote(kwargs['column'])} is null"
    elif kind == "expect_column_values_to_be_between":
        column = _quote(kwargs["column"])
        outside = []
        for bound, strict, below in (
            ("min_value", "strict_min", "<"),
            ("max_value", "strict_max", ">"),
        ):
            value = _bound(kwargs.get(bound), parameters)
            if value is not None:
                outside.append(f"{column} {below}{'=' if kwargs.get(strict) else ''} ?")
                arguments.append(value)
        if not outside:
            raise QualityError(f"{kind} on {kwargs['column']}: neither bound is set")
        sql = f"({column} is not null and ({' or '.join(outside)}))"
    else:
        a, b = _quote(kwargs["column_A"]), _quote(kwargs["column_B"])
        if kind == "expect_column_pair_values_to_be_equal":
            failed = f"{a} is distinct from {b}"
        else:
            failed = f"not coalesce({a} >{'=' if kwargs.get('or_equal') else ''} {b}, false)"
        ignore = kwargs.get("ignore_row_if", "both_values_are_missing")
        if ignore == "either_value_is_missing":
            sql = f"({a} is not null and {b} is not null and {failed})"
        elif ignore == "both_values_are_missing":
            sql = f"(({a} is not null or {b} is not null) and {failed})"
        else:
            raise QualityError(f"{kind}: cannot judge ignore_row_if={ignore!r} in SQL")
    condition = kwargs.get("row_condition")
    if condition:
        where, where_arguments = _condition_sql(condition)
        return f"({where} and {sql})", where_arguments + arguments
    return sql, arguments


def _condition_sql(condition: Any) -> tuple[str, list[Any]]:
    """A GE 1.x row condition (the JSON form) as SQL: the rows the expectation looks at."""
    if not isinstance(condition, Mapping):
        raise QualityError(f"row condition {condition!r}: only structured conditions are judged")
    kind = condition.get("type")
    if kind in ("and", "or"):
        parts = [_condition_sql(part) for part in condition.get("conditions") or []]
        joined = f" {kind} ".join(sql for sql, _ in parts)
        return f"({joined})", [argument for _, arguments in parts for argument in arguments]
    column = _quote(condition["column"]["name"])
    if kind == "nullity":
        return f"({column} is {'' if condition.get('is_null') else 'not '}null)", []
    operator, parameter = condition.get("operator"), condition.get("parameter")
    if kind == "comparison" and operator in _COMPARISONS:
        return f"coalesce({column} {_COMPARISONS[operator]} ?, false)", [parameter]
    if kind == "comparison" and operator in ("IN", "NOT_IN"):
        values = list(parameter or [])
        marks = ", ".join("?" for _ in values) or "null"
        if operator == "IN":
            return f"coalesce({column} in ({marks}), false)", values
        return f"({column} is null or not coalesce({column} in ({marks}), false))", values
    raise QualityError(f"row condition {condition!r} cannot be judged in SQL")


def _bound(value: Any, parameters: Mapping[str, Any]) -> Any:
    """A bound as DuckDB compares it: a parameter resolved, ISO text as a timestamp."""
    if isinstance(value, Mapping) and "$PARAMETER" in value:
        value = parameters[str(value["$PARAMETER"])]
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _quote(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


# --- validating the samples ------------------------------------------------------------------


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
    spec: SuiteSpec,
    document: Mapping[str, Any],
    sample: pd.DataFrame,
    parameters: Mapping[str, Any],
) -> tuple[ExpectationSuite, ExpectationSuiteValidationResult]:
    import great_expectations as gx
    from great_expectations.core.expectation_suite import ExpectationSuiteSchema

    loaded = ExpectationSuiteSchema().load(document)
    suite = context.suites.add(gx.ExpectationSuite(**loaded))
    batch = source.add_dataframe_asset(name=spec.name).add_batch_definition_whole_dataframe(
        "unexpected_rows"
    )
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=spec.name, data=batch, suite=suite)
    )
    result = definition.run(
        batch_parameters={"dataframe": sample},
        expectation_parameters=dict(parameters),
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
    scan: _Scan,
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
        # The context gives the suite's expectations new ids, in the order of the JSON.
        position = order.get(config.id, -1)
        unexpected = scan.unexpected[position] if 0 <= position < len(scan.unexpected) else None
        if error is None and unexpected is None:
            error = "the scan in DuckDB did not judge this expectation"
        elif error is None and bool(item.success) != (unexpected == 0):
            # The SQL translation and GE must agree on the rows the scan handed over.
            error = (
                f"DuckDB counts {unexpected} unexpected rows, but GE "
                f"{'passes' if item.success else 'fails'} the rows it was given"
            )
        outcomes.append(
            ExpectationOutcome(
                suite=spec.name,
                expectation=str(meta.get("description") or config.type),
                severity="warning" if meta.get("severity") == "warning" else "critical",
                success=unexpected == 0 and error is None,
                unexpected_count=unexpected or 0,
                examples=_examples(
                    scan.sample, spec.row_key, details.get("partial_unexpected_index_list")
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


def _write_reports(report: QualityReport, warehouse: Path, run_id: str | None) -> None:
    assert report.results_path and report.summary_path and report.html_path
    generated = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    document = {
        "generated_at": generated,
        "run_id": run_id,
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
