"""Extraction on every core: many articles through ``ikm_facts.extract_article``, in order.

>>> text = "IKM di Sulawesi Tengah mencapai 6.779 unit usaha."
>>> jobs = [ExtractionJob(key="a1", text=text, doc="a.txt")]
>>> [outcome.facts.figures[0].value for outcome in extract_many(jobs, processes=1)]
[Decimal('6779')]

Workers are started with "forkserver" (or "spawn" where there is none), never "fork": the
caller may hold DuckDB connections or Dagster threads that a forked child must not inherit.
Articles travel in chunks, so that one round trip carries several articles, and only a few
chunks per worker are in flight, so that memory stays bounded however long the input is.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from multiprocessing.context import BaseContext
from typing import Protocol

import ikm_facts
from ikm_facts import syndication
from ikm_facts.model import ArticleFacts

DEFAULT_CHUNK_SIZE = 16  # about 30 ms of work per round trip on a 3 KB article
CHUNKS_PER_PROCESS = 2  # one being extracted, one waiting, so no worker idles between chunks
_DOCS_NAMED = 10  # how many of a lost chunk's articles an error message names


@dataclass(frozen=True)
class ExtractionJob:
    """One article to extract; ``key`` is the caller's own id for it (an article_id)."""

    key: str
    text: str
    doc: str
    title: str | None = None
    published: str | None = None
    read_on: date | None = None  # when it was read: no publication date inferred after it
    sketch: bool = False  # also make the near-duplicate sketch of its clean text (the load does)


@dataclass(frozen=True)
class ExtractionOutcome:
    """The facts of one article, or why it has none ("ValueError: ..."): exactly one is set.

    With the facts comes, when the job asks for it, the near-duplicate sketch of their clean
    text, made in the worker too.
    """

    key: str
    doc: str
    facts: ArticleFacts | None
    error: str | None
    sketch: syndication.Sketch | None = None
    cpu_seconds: float = field(default=0.0, compare=False)  # the article's CPU time


class _Extract(Protocol):
    def __call__(
        self,
        text: str,
        doc: str,
        *,
        title: str | None = ...,
        published: str | None = ...,
        read_on: date | None = ...,
    ) -> ArticleFacts: ...


def default_jobs() -> int:
    """The number of cores this process may run on (its affinity, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def extract_many(
    jobs: Iterable[ExtractionJob],
    processes: int | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    _extract: _Extract | None = None,
) -> Iterator[ExtractionOutcome]:
    """One outcome per job, in the jobs' order, extracted by ``processes`` worker processes.

    ``processes=None`` uses every core (``default_jobs()``); ``processes=1`` extracts in this
    process, one article at a time. The input is read lazily: at most
    ``CHUNKS_PER_PROCESS * processes * chunk_size`` articles are read ahead of the outcomes.
    An article whose extraction raises gets an outcome with ``error``; the others go on. A
    worker that dies (killed, or crashed in native code) stops the run with a RuntimeError
    naming the articles that got no outcome. ``_extract`` replaces ``extract_article`` in
    tests; it must be a module-level function, so that workers can import it.
    """
    if processes is None:
        processes = default_jobs()
    if processes < 1:
        raise ValueError(f"processes must be at least 1, not {processes}")
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be at least 1, not {chunk_size}")
    # Looked up at call time, so that a replaced ikm_facts.extract_article is the one called.
    extract = _extract or ikm_facts.extract_article
    if processes == 1:
        return (_extract_one(job, extract) for job in jobs)
    return _extract_in_pool(iter(jobs), processes, chunk_size, extract)


def _extract_one(job: ExtractionJob, extract: _Extract) -> ExtractionOutcome:
    started = time.process_time()
    try:
        facts = extract(
            job.text, job.doc, title=job.title, published=job.published, read_on=job.read_on
        )
        sketch = syndication.sketch(facts.clean_text) if job.sketch else None
    except Exception as error:  # one bad article must not stop the others
        message = f"{type(error).__name__}: {error}"
        return ExtractionOutcome(
            job.key, job.doc, None, message, cpu_seconds=time.process_time() - started
        )
    return ExtractionOutcome(job.key, job.doc, facts, None, sketch, time.process_time() - started)


def _extract_chunk(chunk: Sequence[ExtractionJob], extract: _Extract) -> list[ExtractionOutcome]:
    """What a worker runs: one chunk of articles, one outcome each."""
    return [_extract_one(job, extract) for job in chunk]


def _extract_in_pool(
    jobs: Iterator[ExtractionJob], processes: int, chunk_size: int, extract: _Extract
) -> Iterator[ExtractionOutcome]:
    first = list(islice(jobs, chunk_size))
    if len(first) < chunk_size:
        # Starting workers costs about half a second: more than one short chunk takes.
        yield from _extract_chunk(first, extract)
        return
    chunks = chain([first], _chunks(jobs, chunk_size))
    limit = CHUNKS_PER_PROCESS * processes
    in_flight: deque[tuple[list[ExtractionJob], Future[list[ExtractionOutcome]]]] = deque()
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=_start_context())
    try:
        while True:
            # islice reads only the chunks there is room for: the input is not read ahead.
            for chunk in islice(chunks, limit - len(in_flight)):
                in_flight.append((chunk, _submit(pool, chunk, extract)))
            if not in_flight:
                return
            try:
                outcomes = in_flight[0][1].result()
            except BrokenProcessPool as error:
                raise RuntimeError(_lost_message([chunk for chunk, _ in in_flight])) from error
            in_flight.popleft()
            yield from outcomes
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chunks(jobs: Iterator[ExtractionJob], size: int) -> Iterator[list[ExtractionJob]]:
    while chunk := list(islice(jobs, size)):
        yield chunk


def _submit(
    pool: ProcessPoolExecutor, chunk: list[ExtractionJob], extract: _Extract
) -> Future[list[ExtractionOutcome]]:
    try:
        return pool.submit(_extract_chunk, chunk, extract)
    except BrokenProcessPool as error:  # the pool broke before this chunk could be sent
        failed: Future[list[ExtractionOutcome]] = Future()
        failed.set_exception(error)
        return failed


def _start_context() -> BaseContext:
    # Not "fork": a forked child would inherit the caller's locks, threads and connections.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _lost_message(chunks: list[list[ExtractionJob]]) -> str:
    docs = [job.doc for chunk in chunks for job in chunk]
    named = ", ".join(docs[:_DOCS_NAMED])
    more = f" and {len(docs) - _DOCS_NAMED} more" if len(docs) > _DOCS_NAMED else ""
    return (
        "an extraction worker process died (killed, or crashed in native code); "
        f"{len(docs)} articles got no outcome: {named}{more}"
    )
