"""Python assets that fill the raw layer: articles from raw/, the regions, the extracted facts."""

# No `from __future__ import annotations` here: Dagster reads the annotations of asset,
# check and sensor parameters at definition time to find the context and the resources.

from typing import Any

import dagster as dg
import duckdb

from ikm_facts import EXTRACTOR_VERSION
from ikm_warehouse import load
from ikm_warehouse.extraction import default_jobs
from orchestration.defs.fetch import fetched_articles
from orchestration.defs.resources import DuckDBWarehouse, RunProgress

RAW_GROUP = "raw"
# The raw layer's writers are tried again on a failure: the usual causes pass (another process
# holding the DuckDB file's lock, "Could not set lock on file"; an extraction worker killed for
# memory). 5 s, then 10 s. A failure that cannot pass (nothing to read) says allow_retries=False.
TRANSIENT_RETRY = dg.RetryPolicy(max_retries=2, delay=5, backoff=dg.Backoff.EXPONENTIAL)
# Problems of each kind (rejected, warned) an ingest's metadata lists; the rest are counted.
PROBLEMS_KEPT = 100


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"select count(*) from {table}").fetchone()
    return int(row[0]) if row else 0


def _problems_table(problems: list[dict[str, Any]]) -> dg.MetadataValue:
    lines = ["| file | line | reason |", "| --- | --- | --- |"]
    lines += [
        f"| {p['source_path']} | {p['source_line'] or ''} | {p['reason'].replace('|', '/')} |"
        for p in problems
    ]
    return dg.MetadataValue.md("\n".join(lines))


class IngestConfig(dg.Config):
    """``reread``: read every file under raw/ again, also those unchanged since they were last
    read (``ikm run --reread``; in the launchpad, ``ops: raw_articles: config: reread: true``)."""

    reread: bool = False


@dg.asset(
    group_name=RAW_GROUP,
    kinds={"python", "duckdb"},
    # What a fetch writes into raw/fetched/ is read here (in the daily job, right after it).
    deps=[fetched_articles],
    retry_policy=TRANSIENT_RETRY,
    description="Every article under raw/ (txt, jsonl, html) in raw.articles; unreadable "
    "inputs in raw.rejected_inputs, inputs read with a problem in raw.input_warnings. Files "
    "unchanged since they were last read (raw.input_files) are not read again.",
)
def raw_articles(
    context: dg.AssetExecutionContext,
    config: IngestConfig,
    warehouse: DuckDBWarehouse,
    progress: RunProgress,
) -> dg.MaterializeResult:
    paths = warehouse.paths()
    with warehouse.connect() as con:
        stats = load.ingest_folder(con, paths.raw_dir, reread=config.reread)
        total = _count(con, "raw.articles")
    progress.note(
        context.log,
        f"read {stats.files_read:,} files ({stats.files_unchanged:,} unchanged, not read): "
        f"{stats.articles_read:,} articles, {stats.articles_new:,} new",
    )

    # The first of each kind only: a broken dump can bring 50,000, and all are in the tables.
    rejected = [p for p in stats.problems if p.rejected][:PROBLEMS_KEPT]
    warned = [p for p in stats.problems if not p.rejected][:PROBLEMS_KEPT]
    problems = [
        {
            "source_path": p.source_path,
            "source_line": p.source_line,
            "reason": p.reason,
            "rejected": p.rejected,
        }
        for p in rejected + warned
    ]
    metadata: dict[str, Any] = {
        "raw_dir": dg.MetadataValue.path(str(paths.raw_dir)),
        "files_read": stats.files_read,
        # Not parsed: as when last read (their problems stay recorded from that read).
        "files_unchanged": stats.files_unchanged,
        "files_removed": stats.files_removed,
        "reread": config.reread,
        "articles_read": stats.articles_read,
        "articles_unchanged": stats.articles_unchanged,
        "articles_new": stats.articles_new,
        "articles_total": total,
        "rejected": stats.rejected,
        "warnings": stats.warnings,
        # The runner prints these; the table is for people in the UI.
        "problems": dg.MetadataValue.json(problems),
        "problems_table": _problems_table(problems),
    }
    if not stats.articles_read and not stats.articles_unchanged:
        # The rejections are recorded above; a run with nothing to read is still a failed run.
        raise dg.Failure(
            description=f"no article could be read from {paths.raw_dir}",
            metadata=metadata,
            allow_retries=False,  # reading again finds the same
        )
    return dg.MaterializeResult(metadata=metadata)


class ExtractConfig(dg.Config):
    """``processes``: worker processes for extraction; 0, the default, uses every core the run
    may use (``ikm run --jobs N``)."""

    processes: int = 0


@dg.asset(
    group_name=RAW_GROUP,
    kinds={"python", "duckdb"},
    retry_policy=TRANSIENT_RETRY,
    description="The gazetteer of ikm_facts in raw.regions, so Python and SQL share one list.",
)
def region_gazetteer(warehouse: DuckDBWarehouse) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        load.write_regions(con)
        by_level = dict(
            con.execute(
                "select region_level, count(*) from raw.regions group by 1 order by 1"
            ).fetchall()
        )
    return dg.MaterializeResult(
        metadata={
            "regions": sum(by_level.values()),
            **{f"regions/{level}": int(n) for level, n in by_level.items()},
        }
    )


@dg.asset(
    group_name=RAW_GROUP,
    kinds={"python", "duckdb"},
    retry_policy=TRANSIENT_RETRY,
    deps=[raw_articles],
    # A new extractor version marks this asset changed and re-extracts every article.
    code_version=EXTRACTOR_VERSION,
    description="ikm_facts run over the articles not yet extracted by this extractor version: "
    "raw.extractions, raw.figures and the article_* link tables.",
)
def extracted_facts(
    context: dg.AssetExecutionContext,
    config: ExtractConfig,
    warehouse: DuckDBWarehouse,
    progress: RunProgress,
) -> dg.MaterializeResult:
    processes = config.processes or default_jobs()
    report = progress.reporter(context.log, "extracted and loaded", "articles")
    with warehouse.connect() as con:
        stats = load.extract_pending(con, EXTRACTOR_VERSION, processes=processes, progress=report)
        by_metric = con.execute(
            "select metric_code, count(*) from raw.figures group by 1 order by 2 desc, 1"
        ).fetchall()
        metadata: dict[str, Any] = {
            "extractor_version": stats.extractor_version,
            "extraction_processes": processes,
            # In the workers when there are several: not in this process's CPU time.
            "extraction_cpu_seconds": round(stats.cpu_seconds, 2),
            # This run re-extracts only what the current extractor has not seen yet.
            "articles_extracted_now": stats.articles_extracted,
            "figures_extracted_now": stats.figures,
            "articles_extracted": _count(con, "raw.extractions"),
            "figures": _count(con, "raw.figures"),
            "article_regions": _count(con, "raw.article_regions"),
            "regions_with_figures": con.execute(
                "select count(distinct region_code) from raw.figures"
            ).fetchone()[0],
            "article_programs": _count(con, "raw.article_programs"),
            "article_officials": _count(con, "raw.article_officials"),
        }
    metadata["figures_by_metric"] = dg.MetadataValue.md(
        "\n".join(
            ["| metric | figures |", "| --- | --- |"]
            + [f"| {metric} | {n} |" for metric, n in by_metric]
        )
    )
    # An article the extractor fails on is kept, unextracted, and named here.
    metadata["extraction_failures"] = dg.MetadataValue.json(
        [{"doc": doc, "error": error} for doc, error in stats.failures]
    )
    return dg.MaterializeResult(metadata=metadata)


# Which Python asset writes each raw table: dbt sources over these tables depend on it.
WRITER_OF_RAW_TABLE: dict[str, dg.AssetKey] = {
    **dict.fromkeys(
        ("articles", "rejected_inputs", "input_warnings", "input_files"), raw_articles.key
    ),
    **dict.fromkeys(
        ("extractions", "figures", "article_regions", "article_programs", "article_officials"),
        extracted_facts.key,
    ),
    "regions": region_gazetteer.key,
}


# The raw layer: what a run does before the build (dbt, the suites).
RAW_LAYER_ASSETS = (raw_articles, region_gazetteer, extracted_facts)


def defs() -> dg.Definitions:
    return dg.Definitions(assets=list(RAW_LAYER_ASSETS))
