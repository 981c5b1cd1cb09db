"""Writing the raw layer of the DuckDB warehouse: articles, extractions, regions, input problems.

Every writer here is idempotent: running it twice on the same input leaves the same rows.
A caller holds one read-write connection at a time (DuckDB allows one writing process per file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ikm_warehouse import near_duplicates, raw_tables
from ikm_warehouse.extraction import ExtractionJob, ExtractionOutcome, extract_many
from ikm_warehouse.ingest import FileRecord, IngestResult, InputProblem, location, read_inputs
from ikm_warehouse.raw_tables import delete_keys, insert_rows

if TYPE_CHECKING:
    from ikm_facts.model import ArticleFacts, Figure

RAW_TABLES = tuple(table.name for table in raw_tables.TABLES)
# Articles extracted, and their rows written, per batch (one insert per table and batch).
EXTRACT_BATCH = 256
# A run's extractions are committed every this many articles: DuckDB keeps an open
# transaction's rows (and the frames they came from) in memory, so one transaction over 100,000
# articles would take gigabytes. A smaller run is one transaction.
COMMIT_EVERY = 10_240

ProgressCallback = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass(frozen=True)
class IngestStats:
    articles_read: int  # articles in the files read by this run
    articles_new: int  # of those, not yet in the warehouse
    rejected: int  # inputs (files or .jsonl lines) of the files read that could not be read
    warnings: int  # inputs read with a warning
    files_read: int = 0  # article files parsed by this run
    files_unchanged: int = 0  # article files not parsed: as when last read
    articles_unchanged: int = 0  # articles in those files, when last read
    files_removed: int = 0  # files recorded by an earlier run and gone now
    # The problems recorded by this run: the input's, and duplicates of unchanged files' articles.
    problems: tuple[InputProblem, ...] = ()


@dataclass(frozen=True)
class ExtractStats:
    extractor_version: str
    articles_extracted: int  # articles (re-)extracted by this call
    figures: int  # figures written by this call
    failures: tuple[tuple[str, str], ...]  # (doc, error) of articles the extractor failed on
    cpu_seconds: float = 0.0  # CPU time of extraction itself, in whichever processes it ran


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writer creates the file, its folder and the raw schema if missing."""
    if read_only:
        if not path.is_file():
            raise FileNotFoundError(f"no warehouse at {path}")
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    raw_tables.create_raw_schema(con)
    return con


def ingest_folder(
    con: duckdb.DuckDBPyConnection, raw_dir: Path, *, reread: bool = False
) -> IngestStats:
    """Read ``raw_dir`` into the warehouse: the files changed since the last read, or with
    ``reread`` every file."""
    previous = None if reread else input_files(con)
    return write_ingest(con, read_inputs([raw_dir], base=raw_dir, previous=previous))


def input_files(con: duckdb.DuckDBPyConnection) -> dict[str, FileRecord]:
    """The record of every input file as last read, by ``source_path`` (for ``read_inputs``)."""
    rows = con.execute(
        "select source_path, size_bytes, mtime_ns, sha256, read_at, articles, rejected "
        "from raw.input_files"
    ).fetchall()
    return {
        path: FileRecord(path, size, mtime_ns, sha256, read_at, articles, rejected)
        for path, size, mtime_ns, sha256, read_at, articles, rejected in rows
    }


def write_ingest(con: duckdb.DuckDBPyConnection, result: IngestResult) -> IngestStats:
    """Insert the articles not yet present; replace the input problems of every file read;
    record every file as it is now, and forget the files no longer there.

    A file that was not parsed (unchanged) keeps its problems. One transaction, one statement
    per table.
    """
    now = _now()
    incoming = list(dict.fromkeys(a.article_id for a in result.articles))
    known: dict[str, tuple[str, int | None]] = {
        row[0]: (row[1], row[2])
        for row in con.execute(
            "select article_id, source_path, source_line from raw.articles "
            "where article_id in (select unnest(?))",
            [incoming],
        ).fetchall()
    }
    not_parsed = {f.record.source_path for f in result.files if f.status != "read"}
    new = []
    duplicates = []
    for article in result.articles:
        first = known.get(article.article_id)
        if first is None:
            known[article.article_id] = (article.source_path, article.source_line)
            new.append(article)
        elif first[0] in not_parsed:
            # What read_inputs says of a second copy in the files it reads, said of a copy of an
            # article in a file it did not read again.
            reason = f"duplicate of {location(*first)}"
            duplicates.append(InputProblem(article.source_path, article.source_line, reason, False))
    problems = (*result.problems, *duplicates)
    # A file read again replaces its earlier problems, also when it has none left (fixed).
    touched = sorted(
        {f.record.source_path for f in result.files if f.status == "read"}
        | {a.source_path for a in result.articles}
        | {p.source_path for p in problems}
    )
    rejected = [p for p in problems if p.rejected]
    warned = [p for p in problems if not p.rejected]
    restated = [f.record for f in result.files if f.status != "unchanged"]
    found = {f.record.source_path for f in result.files}
    with _transaction(con):
        # In the transaction of the articles: a record never outlives a failed write.
        gone = [
            row[0]
            for row in con.execute("select source_path from raw.input_files").fetchall()
            if row[0] not in found
        ]
        delete_keys(
            con,
            raw_tables.INPUT_FILES,
            "source_path",
            [*gone, *(record.source_path for record in restated)],
        )
        insert_rows(
            con,
            raw_tables.INPUT_FILES,
            (
                {
                    "source_path": r.source_path,
                    "size_bytes": r.size,
                    "mtime_ns": r.mtime_ns,
                    "sha256": r.sha256,
                    "read_at": r.read_at,
                    "articles": r.articles,
                    "rejected": r.rejected,
                }
                for r in restated
            ),
        )
        insert_rows(
            con,
            raw_tables.ARTICLES,
            (
                {
                    "article_id": a.article_id,
                    "doc": a.doc,
                    "source_path": a.source_path,
                    "source_format": a.source_format,
                    "source_line": a.source_line,
                    "url": a.url,
                    "title": a.title,
                    "outlet": a.outlet,
                    "published_metadata": a.published_metadata,
                    "raw_text": a.text,
                    "text_length": len(a.text),
                    "ingested_at": now,
                }
                for a in new
            ),
        )
        delete_keys(con, raw_tables.REJECTED_INPUTS, "source_path", touched)
        delete_keys(con, raw_tables.INPUT_WARNINGS, "source_path", touched)
        insert_rows(con, raw_tables.REJECTED_INPUTS, _problem_rows(rejected, "rejected_at", now))
        insert_rows(con, raw_tables.INPUT_WARNINGS, _problem_rows(warned, "warned_at", now))
    unchanged = [f.record for f in result.files if f.status != "read"]
    return IngestStats(
        articles_read=len(result.articles) - len(duplicates),
        articles_new=len(new),
        rejected=len(rejected),
        warnings=len(warned),
        files_read=len(result.files) - len(unchanged),
        files_unchanged=len(unchanged),
        articles_unchanged=sum(record.articles for record in unchanged),
        # An unreadable file loses its record too (to be tried again), but is not gone.
        files_removed=len(set(gone) - {p.source_path for p in problems}),
        problems=problems,
    )


def extract_pending(
    con: duckdb.DuckDBPyConnection,
    extractor_version: str | None = None,
    *,
    processes: int = 1,
    progress: ProgressCallback | None = None,
) -> ExtractStats:
    """Extract every article that has no extraction of ``extractor_version`` (default: current).

    Articles are extracted over ``processes`` processes (1: in this process) and written a batch
    at a time, in one transaction with the syndication groups they change, so that readers see
    the run's extractions at once or not at all; a run of more than ``COMMIT_EVERY`` articles
    commits after every ``COMMIT_EVERY``, and a run stopped in between leaves the rest pending
    for the next (grouping, at the end, takes every article not yet linked). An article the
    extractor fails on is left pending (retried by the next call) and reported in
    ``failures``. ``progress`` is called after each batch with the articles done and the
    articles pending.
    """
    import ikm_facts

    version = extractor_version or ikm_facts.EXTRACTOR_VERSION
    now = _now()
    pending = [
        row[0]
        for row in con.execute(
            """
            select a.article_id
            from raw.articles as a
            left join raw.extractions as e on a.article_id = e.article_id
            where e.article_id is null or e.extractor_version <> ?
            order by a.article_id
            """,
            [version],
        ).fetchall()
    ]
    extracted = figures = done = uncommitted = 0
    cpu = 0.0
    failures: list[tuple[str, str]] = []
    # The texts are read through a second cursor, a batch at a time, while this one writes.
    reader = con.cursor()
    try:
        with _transaction(con):
            outcomes = extract_many(_pending_articles(reader, pending), processes)
            for batch in _batches(outcomes, EXTRACT_BATCH):
                written = []
                sketches = []
                for outcome in batch:
                    cpu += outcome.cpu_seconds
                    if outcome.facts is None:  # one bad article must not stop the others
                        failures.append((outcome.doc, outcome.error or "failed"))
                        continue
                    written.append((outcome.key, outcome.facts))
                    if outcome.sketch is not None:
                        sketches.append((outcome.key, outcome.sketch))
                _write_extractions(con, written, version, now)
                near_duplicates.write_sketches(con, sketches, now)
                extracted += len(written)
                figures += sum(len(facts.figures) for _, facts in written)
                done += len(batch)
                uncommitted += len(batch)
                if uncommitted >= COMMIT_EVERY and done < len(pending):
                    con.commit()
                    con.begin()
                    uncommitted = 0
                if progress is not None:
                    progress(done, len(pending))
            if extracted:
                _update_syndication_groups(con, now)
    finally:
        reader.close()
    return ExtractStats(
        extractor_version=version,
        articles_extracted=extracted,
        figures=figures,
        failures=tuple(failures),
        cpu_seconds=cpu,
    )


def _pending_articles(reader: duckdb.DuckDBPyConnection, ids: list[str]) -> Iterator[ExtractionJob]:
    for start in range(0, len(ids), EXTRACT_BATCH):
        rows = reader.execute(
            """
            select article_id, doc, title, published_metadata, raw_text, ingested_at
            from raw.articles
            where article_id in (select unnest(?))
            order by article_id
            """,
            [ids[start : start + EXTRACT_BATCH]],
        ).fetchall()
        for article_id, doc, title, published, text, ingested_at in rows:
            # Read (ingested) then: no publication date inferred after that day.
            yield ExtractionJob(
                article_id,
                text,
                doc,
                title=title,
                published=published,
                read_on=ingested_at.date() if ingested_at else None,
                sketch=True,
            )


def _batches(items: Iterator[ExtractionOutcome], size: int) -> Iterator[list[ExtractionOutcome]]:
    batch: list[ExtractionOutcome] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def update_syndication_groups(con: duckdb.DuckDBPyConnection, *, full: bool = False) -> int:
    """Bring the near-duplicate groups up to date; returns how many articles changed group.

    Articles not yet sketched are sketched and linked; ``full`` recomputes every sketch and
    link (the result is the same, only slower).
    """
    with _transaction(con):
        return near_duplicates.update(con, now=_now(), full=full).regrouped


def _update_syndication_groups(con: duckdb.DuckDBPyConnection, now: datetime) -> int:
    return near_duplicates.update(con, now=now).regrouped


def write_regions(con: duckdb.DuckDBPyConnection) -> int:
    """Replace raw.regions with the gazetteer: Indonesia, provinces, kabupaten and kota."""
    from ikm_facts.gazetteer import INDONESIA, load_gazetteer

    gazetteer = load_gazetteer()
    regions = gazetteer.regions()
    if all(r.code != INDONESIA.code for r in regions):
        regions = [INDONESIA, *regions]
    rows = []
    for region in regions:
        parent = gazetteer.parent(region)
        rows.append(
            {
                "region_code": region.code,
                "region_name": region.name,
                "region_level": region.level,
                "province_code": region.province_code,
                "parent_code": parent.code if parent else None,
                "island_group": gazetteer.island_group(region),
            }
        )
    with _transaction(con):
        con.execute("delete from raw.regions")
        insert_rows(con, raw_tables.REGIONS, rows)
    return len(rows)


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of every table and view in the warehouse, by ``schema.name``."""
    names = con.execute(
        """
        select table_schema, table_name
        from information_schema.tables
        where table_catalog = current_database()
          and table_schema not in ('information_schema', 'pg_catalog')
        order by table_schema, table_name
        """
    ).fetchall()
    counts = {}
    for schema, name in names:
        row = con.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
        counts[f"{schema}.{name}"] = int(row[0]) if row else 0
    return counts


def _write_extractions(
    con: duckdb.DuckDBPyConnection,
    extractions: Sequence[tuple[str, ArticleFacts]],
    version: str,
    now: datetime,
) -> None:
    """Replace the rows of these articles' extractions: one delete and one insert per table."""
    if not extractions:
        return
    for table in raw_tables.EXTRACTION_TABLES:
        delete_keys(con, table, "article_id", (article_id for article_id, _ in extractions))
    insert_rows(
        con,
        raw_tables.EXTRACTIONS,
        (
            {
                "article_id": article_id,
                "extractor_version": version,
                "headline": facts.headline,
                "clean_text": facts.clean_text,
                "published": facts.published,
                "syndication_group": article_id,  # its own group until the groups are updated
                "warnings": list(facts.warnings),
                "extracted_at": now,
            }
            for article_id, facts in extractions
        ),
    )
    insert_rows(
        con,
        raw_tables.FIGURES,
        (
            _figure_row(article_id, ordinal, figure, now)
            for article_id, facts in extractions
            for ordinal, figure in enumerate(facts.figures, start=1)
        ),
    )
    insert_rows(
        con,
        raw_tables.ARTICLE_REGIONS,
        (
            {"article_id": article_id, "region_code": code, "extracted_at": now}
            for article_id, facts in extractions
            for code in dict.fromkeys(r.code for r in facts.regions)
        ),
    )
    insert_rows(
        con,
        raw_tables.ARTICLE_PROGRAMS,
        (
            {"article_id": article_id, "program_code": code, "extracted_at": now}
            for article_id, facts in extractions
            for code in dict.fromkeys(facts.programs)
        ),
    )
    insert_rows(
        con,
        raw_tables.ARTICLE_OFFICIALS,
        (
            {
                "article_id": article_id,
                "official_name": official.name,
                "official_title": official.title,
                "extracted_at": now,
            }
            for article_id, facts in extractions
            for official in dict.fromkeys(facts.officials)
        ),
    )


def _figure_row(article_id: str, ordinal: int, figure: Figure, now: datetime) -> dict[str, Any]:
    start, end = _bounds(figure.period)
    return {
        "figure_id": f"{article_id}:{ordinal}",
        "article_id": article_id,
        "metric_code": figure.metric,
        "value": figure.value,
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "region_code": figure.region.code,
        "region_name": figure.region.name,
        "region_level": figure.region.level,
        "period": figure.period,
        "period_start": start,
        "period_end": end,
        "program_code": figure.program,
        "subject": figure.subject,
        "mention": figure.mention,
        "sentence": figure.sentence,
        "char_start": figure.char_start,
        "char_end": figure.char_end,
        "extracted_at": now,
        "why": figure.why,
    }


def _bounds(period: str | None) -> tuple[date | None, date | None]:
    if not period:
        return None, None
    from ikm_facts.periods import period_bounds

    try:
        return period_bounds(period)
    except (NotImplementedError, ValueError):
        return None, None


def _problem_rows(
    problems: Sequence[InputProblem], at_column: str, now: datetime
) -> list[dict[str, Any]]:
    return [
        {
            "source_path": p.source_path,
            "source_line": p.source_line,
            "reason": p.reason,
            at_column: now,
        }
        for p in problems
    ]


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()


def _now() -> datetime:
    # Naive UTC: the schema's `timestamp` columns carry no zone.
    return datetime.now(UTC).replace(tzinfo=None)
