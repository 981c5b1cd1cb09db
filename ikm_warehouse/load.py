"""Writing the raw layer of the DuckDB warehouse: articles, extractions, regions, input problems.

Every writer here is idempotent: running it twice on the same input leaves the same rows.
A caller holds one read-write connection at a time (DuckDB allows one writing process per file).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ikm_warehouse.ingest import IngestResult, InputProblem

if TYPE_CHECKING:
    from ikm_facts.model import ArticleFacts

RAW_TABLES = (
    "articles",
    "extractions",
    "figures",
    "article_regions",
    "article_programs",
    "article_officials",
    "regions",
    "rejected_inputs",
    "input_warnings",
)
# The rows of one article's extraction, rewritten together.
_EXTRACTION_TABLES = (
    "extractions",
    "figures",
    "article_regions",
    "article_programs",
    "article_officials",
)


@dataclass(frozen=True)
class IngestStats:
    articles_read: int  # articles in this run's input
    articles_new: int  # of those, not yet in the warehouse
    rejected: int  # inputs (files or .jsonl lines) that could not be read
    warnings: int  # inputs read with a warning


@dataclass(frozen=True)
class ExtractStats:
    extractor_version: str
    articles_extracted: int  # articles (re-)extracted by this call
    figures: int  # figures written by this call
    failures: tuple[tuple[str, str], ...]  # (doc, error) of articles the extractor failed on


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writer creates the file, its folder and the raw schema if missing."""
    if read_only:
        if not path.is_file():
            raise FileNotFoundError(f"no warehouse at {path}")
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute(schema_sql())
    return con


def schema_sql() -> str:
    return files("ikm_warehouse").joinpath("schema.sql").read_text(encoding="utf-8")


def write_ingest(con: duckdb.DuckDBPyConnection, result: IngestResult) -> IngestStats:
    """Insert the articles not yet present; replace the input problems of every file read."""
    now = _now()
    known = {row[0] for row in con.execute("select article_id from raw.articles").fetchall()}
    new = []
    for article in result.articles:
        if article.article_id not in known:
            known.add(article.article_id)
            new.append(article)
    # A file read again replaces its earlier problems, also when it has none left (fixed).
    touched = sorted(
        {a.source_path for a in result.articles} | {p.source_path for p in result.problems}
    )
    rejected = [p for p in result.problems if p.rejected]
    warned = [p for p in result.problems if not p.rejected]
    con.begin()
    try:
        _executemany(
            con,
            "insert into raw.articles values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    a.article_id,
                    a.doc,
                    a.source_path,
                    a.source_format,
                    a.source_line,
                    a.url,
                    a.title,
                    a.outlet,
                    a.published_metadata,
                    a.text,
                    len(a.text),
                    now,
                )
                for a in new
            ],
        )
        for table in ("rejected_inputs", "input_warnings"):
            _executemany(
                con, f"delete from raw.{table} where source_path = ?", [(p,) for p in touched]
            )
        _executemany(
            con, "insert into raw.rejected_inputs values (?, ?, ?, ?)", _rows(rejected, now)
        )
        _executemany(con, "insert into raw.input_warnings values (?, ?, ?, ?)", _rows(warned, now))
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return IngestStats(
        articles_read=len(result.articles),
        articles_new=len(new),
        rejected=len(rejected),
        warnings=len(warned),
    )


def extract_pending(
    con: duckdb.DuckDBPyConnection, extractor_version: str | None = None
) -> ExtractStats:
    """Extract every article that has no extraction of ``extractor_version`` (default: current).

    Each article's rows are replaced in one transaction; then the syndication groups of all
    articles are recomputed. An article the extractor fails on is left pending (retried by the
    next call) and reported in ``failures``.
    """
    import ikm_facts

    version = extractor_version or ikm_facts.EXTRACTOR_VERSION
    now = _now()
    pending = con.execute(
        """
        select a.article_id, a.doc, a.title, a.published_metadata, a.raw_text
        from raw.articles as a
        left join raw.extractions as e on a.article_id = e.article_id
        where e.article_id is null or e.extractor_version <> ?
        order by a.article_id
        """,
        [version],
    ).fetchall()
    extracted = figures = 0
    failures: list[tuple[str, str]] = []
    for article_id, doc, title, published, text in pending:
        try:
            facts = ikm_facts.extract_article(text, doc, title=title, published=published)
        except Exception as error:  # one bad article must not stop the others
            failures.append((doc, f"{type(error).__name__}: {error}"))
            continue
        _replace_extraction(con, article_id, facts, version, now)
        extracted += 1
        figures += len(facts.figures)
    if extracted:
        update_syndication_groups(con)
    return ExtractStats(
        extractor_version=version,
        articles_extracted=extracted,
        figures=figures,
        failures=tuple(failures),
    )


def update_syndication_groups(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute every article's near-duplicate group; returns how many groups changed."""
    from ikm_facts.syndication import group_near_duplicates

    rows = con.execute(
        "select article_id, clean_text, published, syndication_group from raw.extractions"
    ).fetchall()
    texts = {row[0]: row[1] for row in rows}
    published = {row[0]: row[2] for row in rows}
    groups = group_near_duplicates(texts, published=published)
    changed = [(groups[row[0]], row[0]) for row in rows if groups[row[0]] != row[3]]
    con.begin()
    try:
        _executemany(
            con, "update raw.extractions set syndication_group = ? where article_id = ?", changed
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return len(changed)


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
            (
                region.code,
                region.name,
                region.level,
                region.province_code,
                parent.code if parent else None,
                gazetteer.island_group(region),
            )
        )
    con.begin()
    try:
        con.execute("delete from raw.regions")
        _executemany(con, "insert into raw.regions values (?, ?, ?, ?, ?, ?)", rows)
        con.commit()
    except BaseException:
        con.rollback()
        raise
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


def _replace_extraction(
    con: duckdb.DuckDBPyConnection,
    article_id: str,
    facts: ArticleFacts,
    version: str,
    now: datetime,
) -> None:
    figure_rows = [
        (
            f"{article_id}:{ordinal}",
            article_id,
            f.metric,
            f.value,
            f.unit,
            f.qualifier,
            f.region.code,
            f.region.name,
            f.region.level,
            f.period,
            *_bounds(f.period),
            f.program,
            f.subject,
            f.mention,
            f.sentence,
            f.char_start,
            f.char_end,
            now,
            f.why,
        )
        for ordinal, f in enumerate(facts.figures, start=1)
    ]
    con.begin()
    try:
        for table in _EXTRACTION_TABLES:
            con.execute(f"delete from raw.{table} where article_id = ?", [article_id])
        con.execute(
            "insert into raw.extractions values (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article_id,
                version,
                facts.headline,
                facts.clean_text,
                facts.published,
                article_id,  # its own group until update_syndication_groups runs
                list(facts.warnings),
                now,
            ],
        )
        _executemany(
            con,
            "insert into raw.figures values "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            figure_rows,
        )
        _executemany(
            con,
            "insert into raw.article_regions values (?, ?, ?)",
            [(article_id, code, now) for code in dict.fromkeys(r.code for r in facts.regions)],
        )
        _executemany(
            con,
            "insert into raw.article_programs values (?, ?, ?)",
            [(article_id, code, now) for code in dict.fromkeys(facts.programs)],
        )
        _executemany(
            con,
            "insert into raw.article_officials values (?, ?, ?, ?)",
            [(article_id, o.name, o.title, now) for o in dict.fromkeys(facts.officials)],
        )
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _bounds(period: str | None) -> tuple[date | None, date | None]:
    if not period:
        return None, None
    from ikm_facts.periods import period_bounds

    try:
        return period_bounds(period)
    except (NotImplementedError, ValueError):
        return None, None


def _rows(problems: Sequence[InputProblem], now: datetime) -> list[tuple[Any, ...]]:
    return [(p.source_path, p.source_line, p.reason, now) for p in problems]


def _executemany(con: duckdb.DuckDBPyConnection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    if rows:  # DuckDB rejects executemany with no parameter sets
        con.executemany(sql, list(rows))


def _now() -> datetime:
    # Naive UTC: the schema's `timestamp` columns carry no zone.
    return datetime.now(UTC).replace(tzinfo=None)
