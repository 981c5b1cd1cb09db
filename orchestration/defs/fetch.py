"""The fetch asset: new articles from the outlets of sources.yml into raw/fetched/.

Upstream of ``raw_articles``, and outside the pipeline job that ``ikm run`` and the raw/
sensor start (they read raw/ as it is, and must not go to the network); the daily schedule's
job runs it, then the rest. It writes raw/ and its own state file, never the warehouse.
"""

# No `from __future__ import annotations` here: Dagster reads the annotations of asset,
# check and sensor parameters at definition time to find the context and the resources.

from pathlib import Path
from typing import Any

import dagster as dg

from ikm_warehouse.fetch import FetchError, FetchReport, fetch_sources
from ikm_warehouse.sources import SourcesError, load_sources
from orchestration.defs.resources import DuckDBWarehouse, RunProgress

FETCH_GROUP = "fetch"
# Failures an asset's metadata lists; the rest are counted (all are in the state's table).
FAILURES_KEPT = 100


class FetchConfig(dg.Config):
    """``refresh``: ask every known page again (a conditional request), not only the new
    ones and those whose feed entry changed (``ikm fetch --refresh``). ``sources_file``:
    another sources file than the project's ``sources.yml`` (``ikm fetch --sources``)."""

    refresh: bool = False
    sources_file: str = ""


def report_metadata(report: FetchReport) -> dict[str, Any]:
    """What a fetch did, as the asset's metadata (and ``ikm fetch``'s JSON)."""
    failures = [
        {"url": f.url, "outlet": f.outlet, "kind": f.kind, "reason": f.reason}
        for f in report.failures[:FAILURES_KEPT]
    ]
    return {
        "fetch_id": report.fetch_id,
        "outlets": report.outlets,
        "urls_found": report.urls_found,
        "urls_new": report.urls_new,
        "pages_downloaded": report.pages_downloaded,
        "articles_written": report.articles_written,
        "new_versions": report.new_versions,
        "unchanged": report.unchanged,
        "filtered": len(report.filtered),
        "outside_window": report.outside_window,
        "left_for_next": report.left_for_next,
        "failed": len(report.failures),
        "raw_file": str(report.raw_file) if report.raw_file else "",
        "state": str(report.state_path),
        "failures": failures,
    }


@dg.asset(
    group_name=FETCH_GROUP,
    kinds={"python"},
    description="New articles from the feeds, sitemaps and URLs of sources.yml, downloaded "
    "politely (robots.txt, a per-host pace, retries) into raw/fetched/<fetch id>.jsonl; every "
    "page that failed, with its reason, in the fetch state's failures table.",
)
def fetched_articles(
    context: dg.AssetExecutionContext,
    config: FetchConfig,
    warehouse: DuckDBWarehouse,
    progress: RunProgress,
) -> dg.MaterializeResult:
    paths = warehouse.paths()
    sources_file = Path(config.sources_file) if config.sources_file else paths.sources_file
    if not sources_file.is_file():
        # Not an error: a checkout that follows no outlet still runs its pipeline daily.
        progress.note(context.log, f"no {sources_file}: nothing fetched")
        return dg.MaterializeResult(metadata={"sources": "none", "articles_written": 0})
    try:
        sources = load_sources(sources_file)
        report = fetch_sources(
            sources,
            paths.raw_dir,
            paths.fetch_state,
            refresh=config.refresh,
            progress=progress.reporter(context.log, "fetched", "pages"),
        )
    except (SourcesError, FetchError) as error:
        raise dg.Failure(description=str(error)) from None
    progress.note(
        context.log,
        f"fetched {report.pages_downloaded:,} pages: {report.articles_written:,} articles "
        f"written, {len(report.failures):,} failed",
    )
    metadata = report_metadata(report)
    table = ["| url | reason |", "| --- | --- |"] + [
        f"| {f['url']} | {f['reason'].replace('|', '/')} |" for f in metadata["failures"]
    ]
    return dg.MaterializeResult(
        metadata={
            "sources": str(sources_file),
            **{k: v for k, v in metadata.items() if k != "failures"},
            "failures": dg.MetadataValue.json(metadata["failures"]),
            "failures_table": dg.MetadataValue.md("\n".join(table)),
        }
    )


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[fetched_articles])
