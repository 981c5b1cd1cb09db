"""The quality step's time and memory over a warehouse of N synthetic figures.

    python benchmarks/bench_quality.py [N] [--keep DIR]

Builds a warehouse holding the marts the suites read (the tables of tests/quality/quality_marts,
filled by DuckDB from ``range(N)``): N figures in ``fct_figure``, one article per 36 figures in
``dim_article``, 34 provinces of 15 kabupaten/kota each in ``dim_region``, and
``fct_region_metric`` grouped from the figures. One figure in 10,000 is planted bad (ikm_units of
-5), so that some expectations fail and list examples, as on real data.

Then, each in a fresh process so that the peak memory is the step's own, it times:

- the run's quality step: the Dagster asset checks of every suite and the ``quality_report``
  asset, as ``ikm run`` executes them after dbt (here in a job of their own, the marts stubbed);
- ``ikm check``: ``quality.run_all``, every suite and the report.

For each: wall and CPU seconds, peak resident memory (``getrusage``, the whole process: Python,
pandas, DuckDB, GE) and, in a second process, the peak of Python's own allocations
(``tracemalloc``: pandas frames included, DuckDB's buffers not).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
FIGURES_PER_ARTICLE = 36
PROVINCES = 34
KABUPATEN_PER_PROVINCE = 15
PERIODS = 10
BAD_EVERY = 10_000

# metric, unit, lowest and highest plausible value at the kabupaten level; provinces get x100
# and Indonesia x10,000 of additive metrics, so that the hierarchy mostly holds.
METRICS = (
    ("ikm_units", "unit", 1, 5_000),
    ("ikm_workers", "person", 1_000, 50_000),
    ("participants", "person", 10, 400),
    ("budget", "IDR", 5_000_000, 2_000_000_000),
    ("export_value", "IDR", 10_000_000, 5_000_000_000),
    ("share", "percent", 0, 40),
    ("growth_rate", "percent", -20, 30),
)
PROGRAMS = ("UNKNOWN", "UNKNOWN", "bimtek", "wub", "dak")


def build_warehouse(path: Path, figures: int) -> dict[str, int]:
    """The marts of quality_marts.MARTS_DDL with ``figures`` rows; gives rows per table."""
    sys.path.insert(0, str(ROOT / "tests" / "quality"))
    from quality_marts import MARTS_DDL  # the test marts' own tables
    from quality_marts import METRICS as METRIC_ROWS

    metric_cases = "\n".join(f"when {n} then '{code}'" for n, (code, _, _, _) in enumerate(METRICS))
    unit_cases = "\n".join(f"when {n} then '{unit}'" for n, (_, unit, _, _) in enumerate(METRICS))
    value_cases = "\n".join(
        f"when {n} then {low} + (h % {max(high - low, 1)})"
        for n, (_, _, low, high) in enumerate(METRICS)
    )
    program_list = ", ".join(f"'{p}'" for p in PROGRAMS)
    regions = PROVINCES * (KABUPATEN_PER_PROVINCE + 1) + 1
    with duckdb.connect(str(path)) as con:
        con.execute(MARTS_DDL)
        con.executemany("insert into main.dim_metric values (?, ?, ?, ?, ?)", METRIC_ROWS)
        con.execute(
            f"""
            insert into main.dim_region
            select 'ID', null, null, 'Indonesia', 'country', null, 'Indonesia'
            union all
            select printf('P%02d', p), 'ID', printf('P%02d', p), printf('Provinsi %d', p),
                'province', printf('Provinsi %d', p), 'Nusantara'
            from range(1, {PROVINCES + 1}) as t(p)
            union all
            select printf('P%02d.%02d', p, k), printf('P%02d', p), printf('P%02d', p),
                printf('Kabupaten %d-%d', p, k), case when k % 4 = 0 then 'city' else 'regency'
                end, printf('Provinsi %d', p), 'Nusantara'
            from range(1, {PROVINCES + 1}) as t(p), range(1, {KABUPATEN_PER_PROVINCE + 1}) as u(k)
            union all
            select 'UNKNOWN', null, null, 'Unknown', 'unknown', null, 'Unknown'
            """
        )
        articles = max(1, figures // FIGURES_PER_ARTICLE)
        con.execute(
            f"""
            insert into main.dim_article
            select printf('b%06d', i), printf('b%06d', i), printf('b%06d.txt', i), null,
                'example.id', 'IKM', date '2015-01-01' + cast(i % 3650 as integer), 'txt',
                printf('b%06d.txt', i), 600 + cast(hash(i) % 9000 as integer)
            from range({articles}) as t(i)
            """
        )
        con.execute(
            f"""
            insert into main.fct_figure
            with numbered as (
                select i, hash(i) as h, cast(i % {len(METRICS)} as integer) as m,
                    -- region 0 is Indonesia, 1..34 provinces, the rest kabupaten/kota
                    cast(hash(i * 7 + 1) % {regions - 1} as integer) as r
                from range({figures}) as t(i)
            ),
            placed as (
                select *,
                    case
                        when r = 0 then 'ID'
                        when r <= {PROVINCES} then printf('P%02d', r)
                        else printf('P%02d.%02d', (r - {PROVINCES} - 1) // {KABUPATEN_PER_PROVINCE}
                            + 1, (r - {PROVINCES} - 1) % {KABUPATEN_PER_PROVINCE} + 1)
                    end as region_code,
                    case when r = 0 then 10000 when r <= {PROVINCES} then 100 else 1 end as scale
                from numbered
            )
            select
                printf('b%06d:%d', i // {FIGURES_PER_ARTICLE}, i % {FIGURES_PER_ARTICLE}),
                printf('b%06d', least(i // {FIGURES_PER_ARTICLE}, {articles - 1})),
                region_code,
                case m {metric_cases} end as metric_code,
                [{program_list}][1 + cast(h % {len(PROGRAMS)} as integer)],
                case
                    when i % {BAD_EVERY} = {BAD_EVERY - 1} and m = 0 then -5
                    when m in (5, 6) then case m {value_cases} end
                    else (case m {value_cases} end) * scale
                end,
                case m {unit_cases} end,
                'exact',
                cast(2015 + i % {PERIODS} as varchar),
                null, null, null,
                'a mention', 'a sentence', 0, 10
            from placed
            """
        )
        # As the dbt model does: per region, metric, period and unit, the stories' values.
        con.execute(
            """
            insert into main.fct_region_metric
            select region_code, metric_code, period, unit, min(figure_id), null, null,
                max(value), 'exact', null, count(distinct article_id), count(*), min(value),
                max(value), max(value) - min(value) > 0.1 * least(abs(min(value)), abs(max(value)))
            from main.fct_figure
            group by all
            """
        )
        tables = ("dim_region", "dim_metric", "dim_article", "fct_figure", "fct_region_metric")
        counts = {}
        for table in tables:
            row = con.execute(f"select count(*) from main.{table}").fetchall()
            counts[table] = int(row[0][0])
    return counts


# --- the steps, each run in a child process ---------------------------------------------------


def _run_step(step: str, warehouse: Path, reports: Path) -> str:
    if step == "check":
        from ikm_warehouse import quality

        report = quality.run_all(warehouse, ROOT / "expectations", reports)
        return quality.summary_headline(report)
    import dagster as dg

    from ikm_warehouse import quality
    from orchestration.defs import quality as quality_defs
    from orchestration.defs.resources import DuckDBWarehouse

    marts = [dg.AssetSpec(name) for name in ("fct_figure", "fct_region_metric", "dim_article")]
    resource_ = DuckDBWarehouse(
        root=str(ROOT),
        raw_dir=str(warehouse.parent / "raw"),
        duckdb_path=str(warehouse),
        reports_dir=str(reports),
    )
    defs = dg.Definitions(
        assets=[*marts, quality_defs.build_quality_report([m.key for m in marts])],
        asset_checks=[quality_defs.build_suite_check(s) for s in quality.suite_names()],
        resources={"warehouse": resource_},
        jobs=[
            dg.define_asset_job(
                "quality_step",
                selection=dg.AssetSelection.all() | dg.AssetSelection.all_asset_checks(),
            )
        ],
    )
    quiet = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}
    with dg.DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("quality_step").execute_in_process(
            instance=instance, run_config=quiet, raise_on_error=False
        )
    checks = result.get_asset_check_evaluations()
    failed = sum(not c.passed for c in checks)
    return f"run ok: {result.success}; {len(checks)} checks, {failed} failed"


def _child(step: str, warehouse: Path, reports: Path, heap: bool) -> None:
    # Imports first, so that the figures are the step's, not the import of Dagster and GE.
    import dagster  # noqa: F401
    import great_expectations  # noqa: F401

    import orchestration.defs.quality  # noqa: F401

    baseline_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if heap:
        tracemalloc.start()
    cpu, wall = time.process_time(), time.perf_counter()
    outcome = _run_step(step, warehouse, reports)
    figures = {
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "rss_before_mb": baseline_rss / 1024,
        "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "outcome": outcome,
    }
    if heap:
        figures["heap_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(figures))


def _measure(step: str, warehouse: Path, reports: Path, heap: bool) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", step, str(warehouse), str(reports)]
    output = subprocess.run(
        [*command, *(["--heap"] if heap else [])],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=200_000, metavar="N")
    parser.add_argument("--keep", type=Path, help="build the warehouse in DIR and keep it")
    parser.add_argument("--child", nargs=3, metavar=("STEP", "WAREHOUSE", "REPORTS"))
    parser.add_argument("--heap", action="store_true")
    args = parser.parse_args(argv)
    if args.child:
        step, warehouse, reports = args.child
        _child(step, Path(warehouse), Path(reports), args.heap)
        return 0

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-quality-"))
    folder.mkdir(parents=True, exist_ok=True)
    warehouse = folder / "ikm.duckdb"
    warehouse.unlink(missing_ok=True)
    started = time.perf_counter()
    counts = build_warehouse(warehouse, args.count)
    built = time.perf_counter() - started
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    print("setup:")
    print(f"  machine   {platform.machine()}, {os.cpu_count()} cores")
    print(f"  python    {platform.python_version()}, duckdb {duckdb.__version__}")
    print(f"  code      {commit or '?'}")
    size = warehouse.stat().st_size / 2**20
    print(f"  warehouse {warehouse} ({size:.0f} MB, built in {built:.1f} s)")
    for table, rows in counts.items():
        print(f"    {table:<18} {rows:>9,} rows")
    print("result (each step in a fresh process):")
    for step, label in (("run", "ikm run's quality step"), ("check", "ikm check")):
        timing = _measure(step, warehouse, folder / f"reports-{step}", heap=False)
        heap = _measure(step, warehouse, folder / f"reports-{step}", heap=True)
        print(
            f"  {label}: {timing['wall']:.2f} s wall, {timing['cpu']:.2f} s CPU; peak RSS "
            f"{timing['rss_peak_mb']:.0f} MB (after imports {timing['rss_before_mb']:.0f} MB); "
            f"Python heap peak {heap['heap_peak_mb']:.0f} MB"
        )
        print(f"    {timing['outcome']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
