"""Great Expectations suites as asset checks on the marts they guard, and the quality report.

Each suite is one check, named after the suite, on the mart it guards
(``quality.guarded_asset("fct_figure_ranges") == "fct_figure"``).
A check fails with severity ERROR when a critical expectation failed, WARN when only warnings
did. The checks do not block downstream assets: the report is written either way, and
``run_pipeline`` turns a failed ERROR check into a non-zero exit.

Every suite is validated once per run: the ``quality_report`` asset validates them all and
writes ``quality_results.json`` with its run id; the checks come after it and take their
outcomes from there. A check run on its own (no report in its run) validates its suite itself.
"""

# No `from __future__ import annotations` here: Dagster reads the annotations of asset,
# check and sensor parameters at definition time to find the context and the resources.

import json
from collections.abc import Iterable, Sequence
from typing import Any

import dagster as dg

from ikm_warehouse import quality
from ikm_warehouse.quality import ExpectationOutcome
from orchestration.defs.resources import DuckDBWarehouse

QUALITY_GROUP = "quality"
QUALITY_REPORT = dg.AssetKey(["quality_report"])
_EXAMPLES_PER_EXPECTATION = 5


def _jsonable(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    # Example rows hold dates and decimals; the UI wants plain JSON.
    return [json.loads(json.dumps(row, default=str)) for row in rows]


def suite_result(outcomes: Sequence[ExpectationOutcome]) -> dg.AssetCheckResult:
    """One suite's outcomes as one check result: counts, the failures, and example rows."""
    failed = [o for o in outcomes if not o.success]
    critical = [o for o in failed if o.severity == "critical"]
    metadata: dict[str, Any] = {
        "expectations": len(outcomes),
        "passed": len(outcomes) - len(failed),
        "failed_critical": len(critical),
        "failed_warning": len(failed) - len(critical),
    }
    if failed:
        metadata["failures"] = dg.MetadataValue.md(
            "\n".join(
                ["| expectation | severity | unexpected rows |", "| --- | --- | --- |"]
                + [f"| {o.expectation} | {o.severity} | {o.unexpected_count} |" for o in failed]
            )
        )
        metadata["examples"] = dg.MetadataValue.json(
            {
                o.expectation: _jsonable(o.examples[:_EXAMPLES_PER_EXPECTATION])
                for o in failed
                if o.examples
            }
        )
    if not outcomes:
        # A suite that checks nothing guards nothing: say so rather than pass quietly.
        return dg.AssetCheckResult(
            passed=False,
            severity=dg.AssetCheckSeverity.WARN,
            description="the suite has no expectations",
            metadata=metadata,
        )
    return dg.AssetCheckResult(
        passed=not failed,
        severity=dg.AssetCheckSeverity.ERROR if critical else dg.AssetCheckSeverity.WARN,
        metadata=metadata,
    )


def build_suite_check(suite: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey([quality.guarded_asset(suite)]),
        name=suite,
        description=f"Great Expectations suite `{suite}` (in expectations/).",
        # After the report, which validates every suite once for the run.
        additional_deps=[QUALITY_REPORT],
    )
    def suite_check(
        context: dg.AssetCheckExecutionContext, warehouse: DuckDBWarehouse
    ) -> dg.AssetCheckResult:
        paths = warehouse.paths()
        stored = quality.load_results(paths.reports_dir)
        if stored is not None and stored.run_id == context.run.run_id:
            return suite_result([o for o in stored.outcomes if o.suite == suite])
        return suite_result(quality.run_suite(paths.warehouse, paths.expectations_dir, suite))

    return suite_check


def build_quality_report(marts: Iterable[dg.AssetKey]) -> dg.AssetsDefinition:
    @dg.asset(
        key=QUALITY_REPORT,
        group_name=QUALITY_GROUP,
        deps=sorted(set(marts)),
        kinds={"great_expectations"},
        description="Every expectation suite, then Data Docs (HTML) and a one-page summary "
        "under the reports folder.",
    )
    def quality_report(
        context: dg.AssetExecutionContext, warehouse: DuckDBWarehouse
    ) -> dg.MaterializeResult:
        paths = warehouse.paths()
        report = quality.run_all(
            paths.warehouse, paths.expectations_dir, paths.reports_dir, run_id=context.run.run_id
        )
        failed = [o for o in report.outcomes if not o.success]
        metadata: dict[str, Any] = {
            "headline": quality.summary_headline(report),
            "expectations": len(report.outcomes),
            "failed": len(failed),
            "failed_critical": len(report.critical_failures),
            "critical_failures": dg.MetadataValue.json(
                [f"{o.suite}: {o.expectation}" for o in report.critical_failures]
            ),
        }
        if report.html_path is not None:
            metadata["html_path"] = dg.MetadataValue.path(str(report.html_path))
        if report.summary_path is not None:
            metadata["summary_path"] = dg.MetadataValue.path(str(report.summary_path))
        if report.data_docs_path is not None:
            metadata["data_docs_path"] = dg.MetadataValue.path(str(report.data_docs_path))
        return dg.MaterializeResult(metadata=metadata)

    return quality_report


def defs(dbt_assets: dg.AssetsDefinition) -> dg.Definitions:
    """A check per suite in expectations/ on the dbt model it guards; the report after the marts."""
    suites = quality.suite_names()
    guarded = {dg.AssetKey([quality.guarded_asset(suite)]) for suite in suites}
    unknown = guarded - set(dbt_assets.keys)
    if unknown:
        # Dagster would invent an empty external asset for the check; better to say so.
        names = ", ".join(sorted(k.to_user_string() for k in unknown))
        raise ValueError(f"expectation suites guard assets that dbt does not build: {names}")
    marts = {key for key, group in dbt_assets.group_names_by_key.items() if group == "marts"}
    return dg.Definitions(
        assets=[build_quality_report(guarded | marts)],
        asset_checks=[build_suite_check(suite) for suite in suites],
    )
