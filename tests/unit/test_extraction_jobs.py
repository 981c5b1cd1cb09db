"""Extraction on several cores gives what extraction in one process gives, in the same order."""

from __future__ import annotations

import dataclasses
import os
import pickle
import signal
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ikm_cli.main import main
from ikm_facts import extract_article, to_records
from ikm_facts.model import ArticleFacts
from ikm_warehouse.extraction import (
    CHUNKS_PER_PROCESS,
    ExtractionJob,
    ExtractionOutcome,
    default_jobs,
    extract_many,
)
from ikm_warehouse.ingest import read_inputs

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"

ARTICLE = (
    "PALU - Kementerian Perindustrian menggelar bimbingan teknis bagi 80 penjahit di Kota Palu. "
    "IKM di Sulawesi Tengah mencapai 6.779 unit usaha dengan 23.622 orang tenaga kerja."
)


def corpus_jobs(folder: Path) -> list[ExtractionJob]:
    articles = read_inputs([folder], base=folder).articles
    return [
        ExtractionJob(f"article-{n:03d}", a.text, a.doc, a.title, a.published_metadata)
        for n, a in enumerate(articles)
    ]


def short_jobs(count: int) -> list[ExtractionJob]:
    return [ExtractionJob(f"k{n}", f"{ARTICLE} Berita ke-{n}.", f"{n}.txt") for n in range(count)]


# Extractors for the workers to import (module level, so that they pickle by name).
def fail_on_gagal(
    text: str,
    doc: str,
    *,
    title: str | None = None,
    published: str | None = None,
    read_on: date | None = None,
) -> ArticleFacts:
    if "GAGAL" in text:
        raise ValueError(f"cannot read {doc} in process {os.getpid()}")
    return extract_article(text, doc, title=title, published=published, read_on=read_on)


def die_on_mati(
    text: str,
    doc: str,
    *,
    title: str | None = None,
    published: str | None = None,
    read_on: date | None = None,
) -> ArticleFacts:
    if "MATI" in text:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
    return extract_article(text, doc, title=title, published=published, read_on=read_on)


def run_with_timeout(
    outcomes: Iterator[ExtractionOutcome], seconds: float = 120
) -> tuple[list[ExtractionOutcome], Exception | None]:
    """The outcomes given, and the exception that stopped them; fails instead of hanging."""
    given: list[ExtractionOutcome] = []
    raised: list[Exception | None] = []

    def consume() -> None:
        try:
            given.extend(outcomes)
        except Exception as error:
            raised.append(error)
        else:
            raised.append(None)

    worker = threading.Thread(target=consume, daemon=True)
    worker.start()
    worker.join(seconds)
    assert raised, f"extract_many still running after {seconds} s"
    return given, raised[0]


@pytest.mark.parametrize(
    "folder",
    [
        CORPUS,
        pytest.param(
            SEEDS, marks=pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
        ),
    ],
    ids=["corpus", "seeds"],
)
def test_two_processes_give_the_outcomes_of_one(folder: Path) -> None:
    jobs = corpus_jobs(folder)
    in_process = list(extract_many(jobs, processes=1))
    # Chunks of 2, so that even the 5 seeds go through the workers.
    in_workers = list(extract_many(jobs, processes=2, chunk_size=2))
    assert in_workers == in_process
    # Byte for byte, but for the CPU time each took.
    timeless = [dataclasses.replace(o, cpu_seconds=0.0) for o in in_workers + in_process]
    pickled = [pickle.dumps(o) for o in timeless]
    assert pickled[: len(in_workers)] == pickled[len(in_workers) :]
    assert [to_records(o.facts) for o in in_workers if o.facts] == [
        to_records(o.facts) for o in in_process if o.facts
    ]
    assert all(o.error is None for o in in_process)


def test_outcomes_come_in_the_order_of_the_jobs() -> None:
    # The first article is long, so a worker finishes the short ones after it first; the keys
    # run backwards, so an order by key is not the input order either.
    long_article = ExtractionJob("z-long", " ".join([ARTICLE] * 150), "long.txt")
    jobs = [
        long_article,
        *[ExtractionJob(f"y{9 - n}", j.text, j.doc) for n, j in enumerate(short_jobs(9))],
    ]
    outcomes = list(extract_many(jobs, processes=2, chunk_size=1))
    assert [(o.key, o.doc) for o in outcomes] == [(j.key, j.doc) for j in jobs]
    assert all(o.facts is not None and o.facts.doc == o.doc for o in outcomes)


def test_an_article_that_fails_is_reported_alone() -> None:
    jobs = short_jobs(6)
    jobs[2] = ExtractionJob("k2", ARTICLE + " GAGAL", "gagal.txt")
    outcomes = list(extract_many(jobs, processes=2, chunk_size=1, _extract=fail_on_gagal))
    failed = outcomes[2]
    assert (failed.key, failed.doc, failed.facts) == ("k2", "gagal.txt", None)
    assert failed.error is not None
    assert failed.error.startswith("ValueError: cannot read gagal.txt in process ")
    # It was a worker that failed, not this process.
    assert not failed.error.endswith(f" {os.getpid()}")
    others = [o for n, o in enumerate(outcomes) if n != 2]
    assert [o.facts for o in others] == [
        extract_article(j.text, j.doc) for n, j in enumerate(jobs) if n != 2
    ]
    assert all(o.error is None for o in others)


def test_one_process_extracts_here_and_reports_the_same_failure() -> None:
    jobs = [
        ExtractionJob("k0", ARTICLE, "0.txt"),
        ExtractionJob("k1", ARTICLE + " GAGAL", "gagal.txt"),
    ]
    outcomes = list(extract_many(jobs, processes=1, _extract=fail_on_gagal))
    assert outcomes[0].facts == extract_article(ARTICLE, "0.txt")
    assert outcomes[1].error == f"ValueError: cannot read gagal.txt in process {os.getpid()}"


def test_fewer_articles_than_a_chunk_start_no_workers() -> None:
    jobs = [ExtractionJob("k1", ARTICLE + " GAGAL", "gagal.txt")]
    [outcome] = extract_many(jobs, processes=2, chunk_size=4, _extract=fail_on_gagal)
    assert outcome.error == f"ValueError: cannot read gagal.txt in process {os.getpid()}"


def test_a_dead_worker_stops_the_run_naming_the_lost_articles() -> None:
    jobs = short_jobs(8)
    jobs[5] = ExtractionJob("k5", ARTICLE + " MATI", "mati.txt")
    outcomes = extract_many(jobs, processes=2, chunk_size=2, _extract=die_on_mati)
    given, raised = run_with_timeout(outcomes)
    assert isinstance(raised, RuntimeError)
    assert "worker process died" in str(raised)
    named = str(raised).rsplit(": ", 1)[1].split(", ")
    assert "mati.txt" in named
    # No article is lost silently: each has an outcome or is named, never both.
    given_docs = [o.doc for o in given]
    assert given_docs == [j.doc for j in jobs[: len(given)]]
    assert sorted(given_docs + named) == sorted(j.doc for j in jobs)


@pytest.mark.parametrize("processes", [0, -1])
def test_fewer_than_one_process_is_refused(processes: int) -> None:
    with pytest.raises(ValueError, match=f"processes must be at least 1, not {processes}"):
        extract_many(short_jobs(1), processes=processes)


def test_a_chunk_of_no_articles_is_refused() -> None:
    with pytest.raises(ValueError, match="chunk_size must be at least 1, not 0"):
        extract_many(short_jobs(1), processes=2, chunk_size=0)


@pytest.mark.parametrize(("processes", "chunk_size"), [(1, 1), (2, 2), (2, 5)])
def test_the_input_is_read_as_the_outcomes_are_taken(processes: int, chunk_size: int) -> None:
    total = 60
    taken = 0

    def jobs() -> Iterator[ExtractionJob]:
        nonlocal taken
        for job in short_jobs(total):
            taken += 1
            yield job

    # In-process there is no read-ahead; with workers, a few chunks per worker.
    ahead = 1 if processes == 1 else CHUNKS_PER_PROCESS * processes * chunk_size
    outcomes = extract_many(jobs(), processes=processes, chunk_size=chunk_size)
    assert taken == 0  # nothing is read before the first outcome is asked for
    most_ahead = 0
    for given, outcome in enumerate(outcomes, start=1):
        assert outcome.key == f"k{given - 1}"
        most_ahead = max(most_ahead, taken - given + 1)
    assert taken == total
    assert 1 <= most_ahead <= ahead


def test_default_jobs_is_the_usable_cores() -> None:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert default_jobs() == max(1, usable or 1)


def test_ikm_facts_prints_the_same_with_two_jobs_as_with_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A text too long to extract whole gives a warning, which must come out in its place too.
    (tmp_path / "panjang.txt").write_text(" ".join([ARTICLE] * 1300), encoding="utf-8")
    printed = []
    for jobs in ("1", "2"):
        assert main(["facts", str(CORPUS), str(tmp_path), "--jobs", jobs]) == 0
        printed.append(capsys.readouterr())
    assert printed[1].out == printed[0].out
    assert printed[1].err == printed[0].err
    assert "panjang.txt: text cut at" in printed[0].err
    assert printed[0].out.count('"kind": "document"') == len(corpus_jobs(CORPUS)) + 1


@pytest.mark.parametrize("jobs", ["0", "-2", "dua"])
def test_ikm_facts_refuses_a_bad_jobs_count(jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["facts", str(CORPUS), "--jobs", jobs])
    assert exited.value.code == 2
    assert "argument --jobs:" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "processes"), [([], None), (["--jobs", "3"], 3)])
def test_ikm_facts_hands_its_jobs_count_to_the_extraction(
    argv: list[str], processes: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int | None] = []

    def recording(jobs: Iterator[ExtractionJob], count: int | None) -> Iterator[ExtractionOutcome]:
        asked.append(count)
        return extract_many(jobs, processes=1)

    monkeypatch.setattr("ikm_warehouse.extraction.extract_many", recording)
    assert main(["facts", str(CORPUS / "set_a"), "--out", os.devnull, *argv]) == 0
    assert asked == [processes]  # None: extract_many uses every usable core
