"""The raw layer of the warehouse (schema ``raw``): one spec per table, the only place its columns
are named and typed.

The pipeline writes these tables and dbt reads them as sources (all but the pipeline's own
bookkeeping, ``dbt_source=False``); the test fixtures write them through the same specs. Rows
go in by column name, a batch at a time: :func:`insert_rows` turns a batch into one DataFrame
and one ``insert ... select`` statement, whatever its size.

>>> FIGURES.column_names[:3]
('figure_id', 'article_id', 'metric_code')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    import pandas as pd

SCHEMA = "raw"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a DuckDB type
    nullable: bool = True
    doc: str = ""


@dataclass(frozen=True)
class RawTable:
    name: str
    doc: str
    columns: tuple[Column, ...]
    primary_key: str | None = None
    dbt_source: bool = True  # False: the pipeline's own bookkeeping, which no model reads

    @property
    def qualified_name(self) -> str:
        return f"{SCHEMA}.{self.name}"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"{self.qualified_name} has no column {name!r}")

    def ddl(self) -> str:
        """``create table if not exists``, each column with its doc as a comment."""
        lines = []
        for index, column in enumerate(self.columns):
            parts = [column.name, column.type]
            if column.name == self.primary_key:
                parts.append("primary key")
            elif not column.nullable:
                parts.append("not null")
            comma = "," if index < len(self.columns) - 1 else ""
            comment = f"  -- {column.doc}" if column.doc else ""
            lines.append(f"    {' '.join(parts)}{comma}{comment}")
        body = "\n".join(lines)
        return f"-- {self.doc}\ncreate table if not exists {self.qualified_name} (\n{body}\n);"


def _col(name: str, type_: str, doc: str = "", *, null: bool = False) -> Column:
    return Column(name, type_, nullable=null, doc=doc)


ARTICLES = RawTable(
    "articles",
    "One row per distinct article as received (same normalized content = same article_id). "
    "Written by ingestion; never rewritten for an article already present.",
    (
        _col("article_id", "varchar", "sha256 of the normalized text, first 16 hex chars"),
        _col("doc", "varchar", "FACTS.md `doc`: file name (.txt/.html) or url (.jsonl)"),
        _col("source_path", "varchar", "path relative to the raw directory"),
        _col("source_format", "varchar", "txt | jsonl | html"),
        _col("source_line", "integer", "line number within a .jsonl file, else null", null=True),
        _col("url", "varchar", null=True),
        _col("title", "varchar", "from metadata, where the source has it", null=True),
        _col("outlet", "varchar", "from metadata `source`, else the url's host", null=True),
        _col(
            "published_metadata",
            "varchar",
            "the date as the source's metadata gives it, unparsed",
            null=True,
        ),
        _col("raw_text", "varchar"),
        _col("text_length", "integer"),
        _col("ingested_at", "timestamp"),
    ),
    primary_key="article_id",
)

EXTRACTIONS = RawTable(
    "extractions",
    "One row per article: what the extractor made of it. Rewritten when the extractor "
    "version changes.",
    (
        _col("article_id", "varchar"),
        _col("extractor_version", "varchar"),
        _col("headline", "varchar", null=True),
        _col("clean_text", "varchar"),
        _col("published", "date", "metadata, dateline or inferred; null when unknown", null=True),
        _col(
            "syndication_group",
            "varchar",
            "article_id of the earliest article of its near-duplicate group",
        ),
        _col("warnings", "varchar[]"),
        _col("extracted_at", "timestamp"),
    ),
    primary_key="article_id",
)

FIGURES = RawTable(
    "figures",
    "One row per figure (FACTS.md `figure`).",
    (
        _col("figure_id", "varchar", "article_id + ':' + ordinal"),
        _col("article_id", "varchar"),
        _col("metric_code", "varchar"),
        _col("value", "decimal(38, 6)"),
        _col("unit", "varchar"),
        _col("qualifier", "varchar"),
        _col("region_code", "varchar"),
        _col("region_name", "varchar"),
        _col("region_level", "varchar"),
        _col("period", "varchar", null=True),
        _col("period_start", "date", null=True),
        _col("period_end", "date", null=True),
        _col("program_code", "varchar", null=True),
        _col("subject", "varchar", null=True),
        _col("mention", "varchar"),
        _col("sentence", "varchar"),
        _col("char_start", "integer"),
        _col("char_end", "integer"),
        _col("extracted_at", "timestamp"),
        # Added after the first warehouses were made: nullable, filled on re-extraction.
        _col("why", "varchar", "the rules that decided the metric and the region", null=True),
    ),
    primary_key="figure_id",
)

ARTICLE_REGIONS = RawTable(
    "article_regions",
    "The regions an article names, one row per article and region.",
    (
        _col("article_id", "varchar"),
        _col("region_code", "varchar"),
        _col("extracted_at", "timestamp"),
    ),
)

ARTICLE_PROGRAMS = RawTable(
    "article_programs",
    "The programs an article names, one row per article and program.",
    (
        _col("article_id", "varchar"),
        _col("program_code", "varchar"),
        _col("extracted_at", "timestamp"),
    ),
)

ARTICLE_OFFICIALS = RawTable(
    "article_officials",
    "The officials an article quotes or names, with the title it gives them.",
    (
        _col("article_id", "varchar"),
        _col("official_name", "varchar"),
        _col("official_title", "varchar"),
        _col("extracted_at", "timestamp"),
    ),
)

REGIONS = RawTable(
    "regions",
    "The gazetteer of ikm_facts, so that Python and SQL share one list of regions.",
    (
        _col("region_code", "varchar", "'ID' for Indonesia, '72', '72.71', ..."),
        _col("region_name", "varchar"),
        _col("region_level", "varchar", "country | province | regency | city"),
        _col("province_code", "varchar", null=True),
        _col("parent_code", "varchar", null=True),
        _col(
            "island_group",
            "varchar",
            "Sumatera, Jawa, Bali-Nusa Tenggara, Kalimantan, Sulawesi, Maluku, Papua; 'Indonesia'",
        ),
    ),
    primary_key="region_code",
)

REJECTED_INPUTS = RawTable(
    "rejected_inputs",
    "Inputs that could not be read, with the reason: one row per file (and .jsonl line).",
    (
        _col("source_path", "varchar"),
        _col("source_line", "integer", null=True),
        _col("reason", "varchar"),
        _col("rejected_at", "timestamp"),
    ),
)

INPUT_WARNINGS = RawTable(
    "input_warnings",
    "Inputs that were read, but not as they should be (e.g. cp1252 instead of UTF-8, cut at "
    "the size limit).",
    (
        _col("source_path", "varchar"),
        _col("source_line", "integer", null=True),
        _col("reason", "varchar"),
        _col("warned_at", "timestamp"),
    ),
)

INPUT_FILES = RawTable(
    "input_files",
    "One row per article file as it was when last read, so that a file unchanged since is not "
    "read again. Rewritten when the file is read; removed when the file is gone.",
    (
        _col("source_path", "varchar", "path relative to the raw directory"),
        _col("size_bytes", "bigint"),
        _col("mtime_ns", "bigint", "modification time, nanoseconds since 1970"),
        _col("sha256", "varchar", "of the file's bytes, hex"),
        _col("read_at", "timestamp", "when the file was last opened"),
        _col("articles", "integer", "articles found in it, copies of other files' included"),
        _col("rejected", "boolean", "the file as a whole was rejected (see rejected_inputs)"),
    ),
    primary_key="source_path",
    dbt_source=False,
)

SYNDICATION_SKETCHES = RawTable(
    "syndication_sketches",
    "What near-duplicate grouping keeps of each extracted article (ikm_facts.syndication): "
    "its shingles, compared exactly when a pair is a candidate.",
    (
        _col("article_id", "varchar"),
        _col("shingle_count", "integer"),
        _col("shingles", "blob", "sorted 32-bit shingle hashes, little-endian"),
        _col("sketched_at", "timestamp"),
        _col("linked_at", "timestamp", "compared with the index; null: not yet", null=True),
    ),
    primary_key="article_id",
    dbt_source=False,
)

SYNDICATION_BANDS = RawTable(
    "syndication_bands",
    "The LSH index: one row per article and band of its MinHash signature. Articles that "
    "share a (band, band_key) are compared.",
    (
        _col("article_id", "varchar"),
        _col("band", "smallint"),
        _col("band_key", "bigint"),
    ),
    dbt_source=False,
)

SYNDICATION_LINKS = RawTable(
    "syndication_links",
    "Pairs of articles confirmed as near-duplicates (smaller article_id first); a "
    "syndication group is a connected set of links.",
    (
        _col("article_id", "varchar"),
        _col("linked_id", "varchar"),
        _col("similarity", "double", "share of the shorter article's shingles in the other"),
        _col("linked_at", "timestamp"),
    ),
    dbt_source=False,
)

TABLES: tuple[RawTable, ...] = (
    ARTICLES,
    EXTRACTIONS,
    FIGURES,
    ARTICLE_REGIONS,
    ARTICLE_PROGRAMS,
    ARTICLE_OFFICIALS,
    REGIONS,
    REJECTED_INPUTS,
    INPUT_WARNINGS,
    INPUT_FILES,
    SYNDICATION_SKETCHES,
    SYNDICATION_BANDS,
    SYNDICATION_LINKS,
)
# What near-duplicate grouping keeps, recomputed together on a full refresh.
SYNDICATION_TABLES: tuple[RawTable, ...] = (
    SYNDICATION_SKETCHES,
    SYNDICATION_BANDS,
    SYNDICATION_LINKS,
)
# The rows of one article's extraction, rewritten together.
EXTRACTION_TABLES: tuple[RawTable, ...] = (
    EXTRACTIONS,
    FIGURES,
    ARTICLE_REGIONS,
    ARTICLE_PROGRAMS,
    ARTICLE_OFFICIALS,
)


class SchemaError(RuntimeError):
    """The warehouse's raw tables cannot be brought to this version's specs."""


def schema_ddl() -> str:
    """The raw schema as SQL, table by table (what :func:`create_raw_schema` runs)."""
    header = (
        "-- The raw layer the pipeline writes into the DuckDB warehouse; dbt reads it as "
        "sources.\n-- Generated from ikm_warehouse/raw_tables.py.\n"
    )
    statements = [f"create schema if not exists {SCHEMA};", *(t.ddl() for t in TABLES)]
    return header + "\n\n".join(statements) + "\n"


def create_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables that are missing; add the columns a later version introduced.

    A column added later must be nullable (rows already there get null); a missing column that
    may not be null is a :class:`SchemaError`, naming the table and the column.
    """
    con.execute(schema_ddl())
    present: dict[str, set[str]] = {}
    for table, column in con.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_catalog = current_database() and table_schema = ?",
        [SCHEMA],
    ).fetchall():
        present.setdefault(table, set()).add(column)
    for spec in TABLES:
        for column in spec.columns:
            if column.name in present.get(spec.name, ()):
                continue
            if not column.nullable:
                raise SchemaError(
                    f"{spec.qualified_name} lacks column {column.name} ({column.type} not null), "
                    "which this version cannot add to existing rows: rebuild the warehouse"
                )
            con.execute(f"alter table {spec.qualified_name} add column {column.name} {column.type}")


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: RawTable, rows: Iterable[Mapping[str, Any]]
) -> int:
    """Insert ``rows`` (mappings by column name) in one statement; returns how many.

    Every column of the spec must be given (None for null); an unknown name is an error, so a
    renamed column cannot be dropped silently.
    """
    import pandas as pd

    batch = list(rows)
    if not batch:
        return 0
    names = table.column_names
    expected = set(names)
    for row in batch:
        if row.keys() != expected:
            _mismatch(table, row.keys())
    columns = {name: pd.Series([row[name] for row in batch], dtype="object") for name in names}
    return insert_frame(con, table, pd.DataFrame(columns))


def insert_frame(con: duckdb.DuckDBPyConnection, table: RawTable, frame: pd.DataFrame) -> int:
    """Insert a DataFrame whose columns are the spec's (any order), in one statement.

    For large batches of plain values: typed columns (numpy arrays) go in without a Python
    object per value.
    """
    if set(frame.columns) != set(table.column_names) or len(frame.columns) != len(table.columns):
        _mismatch(table, set(frame.columns))
    if frame.empty:
        return 0
    names = table.column_names
    casts = ", ".join(f"{c.name}::{c.type}" for c in table.columns)
    with registered(con, frame) as view:
        con.execute(
            f"insert into {table.qualified_name} ({', '.join(names)}) select {casts} from {view}"
        )
    return len(frame)


def _mismatch(table: RawTable, given: Iterable[str]) -> None:
    expected, names = set(table.column_names), set(given)
    raise ValueError(
        f"a row for {table.qualified_name} does not match its columns "
        f"(missing: {sorted(expected - names)}, unknown: {sorted(names - expected)})"
    )


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> Iterator[str]:
    """``frame`` as a view of ``con`` for the ``with`` block; yields the view's unique name."""
    view = f"_ikm_frame_{next(_views)}"
    con.register(view, frame)
    try:
        yield view
    finally:
        con.unregister(view)


def delete_keys(
    con: duckdb.DuckDBPyConnection, table: RawTable, column: str, keys: Iterable[Any]
) -> None:
    """Delete the rows whose ``column`` is one of ``keys``, in one statement."""
    values = list(dict.fromkeys(keys))
    if values:
        table.column(column)  # a name not in the spec is an error, not a no-op
        con.execute(
            f"delete from {table.qualified_name} where {column} in (select unnest(?))", [values]
        )


_views = itertools.count(1)
