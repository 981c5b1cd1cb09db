"""Cleaning + extraction speed on one core, over 3-4 KB articles made from the bundled sample.

    python benchmarks/bench_extraction.py [--raw DIR] [--seconds N] [--target 470]

The sample articles are 1.5-4 KB; shorter ones are joined with the next article's paragraphs
until they reach 3 KB (and cut at a paragraph boundary below 4 KB), the size the target speaks
of. Prints its setup (machine, Python, corpus, article sizes) and articles per CPU second (process
time, so that other load on the machine does not decide the figure). Exits 1 when
the figure is below the target, so it can gate a release, but it is not part of `make test`:
speed depends on the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from ikm_facts import extract_article
from ikm_facts.gazetteer import load_gazetteer
from ikm_warehouse.ingest import read_inputs


def sized_articles(texts: list[str], low: int = 3 * 1024, high: int = 4 * 1024) -> list[str]:
    """Each text, padded with later texts' paragraphs to between ``low`` and ``high`` bytes."""
    paragraphs = [p for text in texts for p in text.split("\n") if p.strip()]
    sized = []
    for index, text in enumerate(texts):
        article = text
        following = iter(paragraphs[index * 7 :] + paragraphs[: index * 7])
        while len(article.encode()) < low:
            paragraph = next(following)
            if len((article + "\n" + paragraph).encode()) > high:
                continue
            article += "\n" + paragraph
        sized.append(article)
    return sized


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=Path(__file__).resolve().parent.parent / "raw")
    parser.add_argument("--seconds", type=float, default=5.0, help="CPU seconds to keep extracting")
    parser.add_argument(
        "--target", type=float, default=470.0, help="articles per CPU second to reach"
    )
    args = parser.parse_args(argv)

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    sample = read_inputs([args.raw], base=args.raw).articles
    if not sample:
        print(f"no articles under {args.raw}", file=sys.stderr)
        return 2
    articles = sized_articles([a.text for a in sample])
    sizes = [len(text.encode()) for text in articles]
    load_gazetteer()  # loaded once per process; not part of the per-article cost

    print("setup:")
    print(f"  machine   {platform.machine()}, {platform.processor() or 'cpu'}, pinned to one core")
    print(f"  python    {platform.python_version()}")
    print(f"  corpus    {len(articles)} articles made from the {len(sample)} in {args.raw}")
    print(
        f"  sizes     median {statistics.median(sizes) / 1024:.1f} KB, "
        f"min {min(sizes) / 1024:.1f} KB, max {max(sizes) / 1024:.1f} KB"
    )
    print(f"  duration  {args.seconds:.0f} s of repeated passes over the corpus")

    # CPU seconds of this process decide the figure, so that a busy machine does not.
    done = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while time.process_time() - cpu_started < args.seconds:
        for number, text in enumerate(articles):
            extract_article(text, f"bench-{number}.txt")
        done += len(articles)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    rate = done / cpu
    kb_rate = sum(sizes) * (done / len(articles)) / 1024 / cpu
    print("result:")
    print(
        f"  {done} articles in {cpu:.2f} CPU s ({elapsed:.2f} s wall): "
        f"{rate:.0f} articles per CPU second ({kb_rate:.0f} KB per CPU second)"
    )
    verdict = "met" if rate >= args.target else "NOT met"
    print(f"  target {args.target:.0f} articles per CPU second: {verdict}")
    return 0 if rate >= args.target else 1


if __name__ == "__main__":
    raise SystemExit(main())
