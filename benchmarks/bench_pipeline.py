"""The whole pipeline at scale: `ikm run` fresh on N articles, then +10 articles, then nothing new.

    python benchmarks/bench_pipeline.py [N] [--added 10] [--jobs J] [--keep DIR]

Writes N synthetic articles (benchmarks/synthetic.py: about 3 KB each, one in six another
outlet's copy of an earlier story) as .txt files in folders of 1,000 under a temporary raw/,
and runs `ikm run` on them three times, each in its own process: fresh, after ``--added`` more
articles arrive, and with nothing new. For each run it prints wall and CPU seconds (the run's
process and its children, dbt among them, plus the extraction workers' own count), peak
memory (the largest of the run's process and the children it waited for), each phase's wall
seconds from the run's own summary (run_summary.json), and the warehouse's size; then the
rows of every table. CPU seconds are the figure to compare on a shared machine; the setup
printed says how busy it was. `--runs fresh` stops after the fresh run; `--runs again` skips
it and runs +added and nothing new on the folder `--keep` names (a fresh run kept there).

Exit 1 when a step of a run failed; critical checks failing on the synthetic figures (random
numbers, so some are implausible) do not count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from synthetic import SyntheticArticle, synthetic_corpus

FOLDER_SIZE = 1000


@dataclass(frozen=True)
class Measured:
    label: str
    exit_code: int
    wall: float
    cpu: float
    peak_mb: float
    phases: dict[str, float]
    step_failures: list[list[str]]
    size_mb: float
    output: str


def write(raw: Path, articles: list[SyntheticArticle], start: int) -> None:
    for number, article in enumerate(articles, start=start):
        folder = raw / f"batch-{number // FOLDER_SIZE:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / article.name).write_text(article.text, encoding="utf-8")


def ikm_run(label: str, raw: Path, warehouse: Path, jobs: int | None) -> Measured:
    command = [str(Path(sys.executable).with_name("ikm")), "run", "--raw", str(raw)]
    command += ["--warehouse", str(warehouse)]
    if jobs:
        command += ["--jobs", str(jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    summary_file = warehouse.parent / "reports" / "run_summary.json"
    summary = json.loads(summary_file.read_text("utf-8")) if summary_file.is_file() else {}
    return Measured(
        label=label,
        exit_code=process.returncode,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime + _worker_cpu(summary),
        peak_mb=usage.ru_maxrss / 1024,
        phases=summary.get("phase_seconds", {}),
        step_failures=summary.get("step_failures", [["ikm run", "no run_summary.json"]]),
        size_mb=warehouse.stat().st_size / 1e6 if warehouse.is_file() else 0.0,
        output=output,
    )


def _worker_cpu(summary: dict[str, Any]) -> float:
    """Extraction's CPU time in its worker processes, which the forkserver (not the run) waits
    for, so the run's own resource usage leaves it out."""
    extraction = summary.get("assets", {}).get("extracted_facts", {})
    if extraction.get("extraction_processes", 1) > 1:
        return float(extraction.get("extraction_cpu_seconds", 0.0))
    return 0.0


def table_rows(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('raw', 'main') and table_type = 'BASE TABLE' order by 1, 2"
        ).fetchall()
        return {
            f"{schema}.{name}": int(
                con.execute(f'select count(*) from "{schema}"."{name}"').fetchall()[0][0]
            )
            for schema, name in names
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=5000, metavar="N")
    parser.add_argument("--added", type=int, default=10)
    parser.add_argument("--jobs", type=int, help="extraction processes (default: every core)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--runs", choices=("all", "fresh", "again"), default="all")
    args = parser.parse_args(argv)
    if args.runs == "again" and not (args.keep and (args.keep / "warehouse").is_dir()):
        parser.error("--runs again needs --keep naming the folder of a kept fresh run")

    corpus = synthetic_corpus(args.count + args.added)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ikm-bench-"))
    raw, warehouse = folder / "raw", folder / "warehouse" / "ikm.duckdb"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print("setup:")
    print(f"  date      {dt.date.today().isoformat()}")
    print(f"  machine   {platform.machine()}, {os.cpu_count()} cores, {usable} usable here")
    print(f"  python    {platform.python_version()}")
    print(f"  corpus    {args.count} synthetic articles, then {args.added} more")
    print(f"  copies    {sum(a.copy_of is not None for a in corpus)} republished copies planted")
    print(f"  load      1-minute load average {os.getloadavg()[0]:.2f} before the runs")
    print(f"  folder    {folder}")
    try:
        runs = []
        if args.runs != "again":
            write(raw, corpus[: args.count], 0)
            runs.append(ikm_run("fresh", raw, warehouse, args.jobs))
        if args.runs != "fresh":
            write(raw, corpus[args.count :], args.count)
            runs.append(ikm_run(f"+{args.added} articles", raw, warehouse, args.jobs))
            runs.append(ikm_run("nothing new", raw, warehouse, args.jobs))
        print("runs:")
        phases = list(dict.fromkeys(p for run in runs for p in run.phases))
        header = (
            f"  {'run':<14} {'exit':>4} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'size MB':>8}"
        )
        print(header + "".join(f" {p + ' s':>10}" for p in phases))
        for run in runs:
            cells = "".join(f" {run.phases.get(p, 0.0):>10.1f}" for p in phases)
            print(
                f"  {run.label:<14} {run.exit_code:>4} {run.wall:>8.1f} {run.cpu:>8.1f} "
                f"{run.peak_mb:>8.0f} {run.size_mb:>8.1f}{cells}"
            )
        print("rows:")
        for name, count in table_rows(warehouse).items():
            print(f"  {name:<36} {count:>10}")
        # The synthetic figures are random: some plausibility checks fail on them, by design
        # (exit 1). A benchmark run fails only when a step of the pipeline failed.
        failed = [run for run in runs if run.step_failures]
        for run in failed:
            print(f"{run.label}: ikm run exited {run.exit_code}:\n{run.output[-3000:]}")
        return 1 if failed else 0
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
