"""Near-duplicate grouping in the warehouse: a full build of N articles, then +10, then nothing.

    python benchmarks/bench_syndication.py [N] [--added 10]

Makes N synthetic articles (benchmarks/synthetic.py: about 3 KB each, one in six another
outlet's copy of an earlier story), sketches them, writes them to a temporary warehouse as
extracted articles and groups them (``near_duplicates.update``), then adds ``--added`` more
articles and groups again, then groups with nothing new. Prints each phase's CPU and wall
seconds, the candidate pairs and links, the peak memory of this process, and how well the
planted copies were found. Sketching runs in the extraction workers in a pipeline run; here it
runs in this one process and is timed apart.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from synthetic import SyntheticArticle, synthetic_corpus

from ikm_facts import syndication
from ikm_warehouse import load, near_duplicates, raw_tables

T = TypeVar("T")


def timed(label: str, work: Callable[[], T]) -> T:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    print(
        f"  {label:<28} cpu {time.process_time() - cpu:7.2f} s   "
        f"wall {time.perf_counter() - wall:7.2f} s"
    )
    return result


def add(con: load.duckdb.DuckDBPyConnection, articles: list[SyntheticArticle]) -> list[str]:
    """The articles as extracted ones (clean text = text), with their sketches."""
    now = datetime.now()
    ids = [article.name for article in articles]
    sketches = timed(
        f"sketch {len(articles)}", lambda: [syndication.sketch(a.text) for a in articles]
    )
    raw_tables.insert_rows(
        con,
        raw_tables.EXTRACTIONS,
        (
            {
                "article_id": article.name,
                "extractor_version": "bench",
                "headline": None,
                "clean_text": article.text,
                "published": None,
                "syndication_group": article.name,
                "warnings": [],
                "extracted_at": now,
            }
            for article in articles
        ),
    )
    near_duplicates.write_sketches(con, list(zip(ids, sketches, strict=True)), now)
    return ids


def report(con: load.duckdb.DuckDBPyConnection, corpus: list[SyntheticArticle]) -> None:
    story = {a.name: a.copy_of or a.name for a in corpus}
    groups = dict(
        con.execute("select article_id, syndication_group from raw.extractions").fetchall()
    )
    links = con.execute("select article_id, linked_id from raw.syndication_links").fetchall()
    copies = [a for a in corpus if a.copy_of and a.name in groups]
    found = sum(groups[a.name] == groups[a.copy_of or ""] for a in copies)
    wrong = sum(story[left] != story[right] for left, right in links)
    print(f"  links                        {len(links)}  (between different stories: {wrong})")
    print(f"  planted copies grouped       {found} of {len(copies)}")
    print(f"  groups                       {len(set(groups.values()))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=20_000, metavar="N")
    parser.add_argument("--added", type=int, default=10)
    args = parser.parse_args(argv)
    corpus = synthetic_corpus(args.count + args.added)
    first, added = corpus[: args.count], corpus[args.count :]
    print("setup:")
    print(f"  machine   {platform.machine()}, {os.cpu_count()} cores")
    print(f"  python    {platform.python_version()}")
    print(f"  corpus    {args.count} synthetic articles, then {args.added} more")
    print(f"  copies    {sum(a.copy_of is not None for a in corpus)} planted")
    print(f"  lsh       {syndication.BANDS} bands of {syndication.ROWS} rows")
    with tempfile.TemporaryDirectory() as folder:
        con = load.connect(Path(folder) / "bench.duckdb")
        for label, articles in (("full", first), ("+added", added), ("nothing new", [])):
            print(f"{label}:")
            if articles:
                add(con, articles)
            stats = timed("link and regroup", lambda: near_duplicates.update(con))
            print(
                f"  compared                     {stats.compared} articles: "
                f"{stats.candidates} candidate pairs, {stats.links} links"
            )
            report(con, corpus)
        size = (Path(folder) / "bench.duckdb").stat().st_size
        rows = {
            table.name: con.execute(f"select count(*) from {table.qualified_name}").fetchall()[0][0]
            for table in raw_tables.SYNDICATION_TABLES
        }
        con.close()
    print("warehouse:")
    print(f"  file size    {size / 1e6:.1f} MB (extractions and syndication tables)")
    for name, count in rows.items():
        print(f"  {name:<24} {count} rows")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory  {peak:.0f} MB (this process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
