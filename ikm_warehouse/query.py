"""Ad hoc SQL on the warehouse that cannot harm it, nor anything else on the machine.

The protection is DuckDB's own: the file is opened read-only, with external access off (no file
read or written but the warehouse, no ATTACH, no extension installed or loaded), extension
autoloading off, and the configuration locked, so that a query cannot ``SET`` any of it back.
Results are fetched a batch at a time, so memory stays bounded however many rows a query gives.

>>> with open_read_only(Path("warehouse/ikm.duckdb")) as con:  # doctest: +SKIP
...     result = execute(con, "select region_code from dim_region")
...     result.columns, next(result.batches)[:2]
(['region_code'], [('11',), ('11.01',)])
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import duckdb

# Read at connect time. Then `lock_configuration` makes every later SET or RESET fail.
SAFE_SETTINGS: Mapping[str, bool] = MappingProxyType(
    {
        "enable_external_access": False,
        "autoload_known_extensions": False,
        "autoinstall_known_extensions": False,
        "allow_community_extensions": False,
        "allow_persistent_secrets": False,
    }
)

BATCH_ROWS = 10_000


class QueryError(Exception):
    """The query could not run; the message is one line, fit for a terminal."""


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    batches: Iterator[list[tuple[Any, ...]]]  # lazily fetched; empty when there is no result


@contextmanager
def open_read_only(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse, read-only and locked down; closed on leaving the block."""
    try:
        con = duckdb.connect(str(path), read_only=True, config=dict(SAFE_SETTINGS))
    except duckdb.Error as error:
        raise QueryError(_cannot_open(path, error)) from None
    try:
        # A session setting, so not one of the config's: DuckDB's progress bar writes to
        # standard output, into the csv or json of a slow query.
        con.execute("set enable_progress_bar = false")
        con.execute("set lock_configuration = true")
        yield con
    finally:
        con.close()


def _cannot_open(path: Path, error: duckdb.Error) -> str:
    # DuckDB names the process that holds the file's lock: a writer, so most likely a run.
    if "Could not set lock" not in str(error):
        return f"cannot open {path} read-only: {one_line(error)}"
    holder = re.search(r"\(PID (\d+)\)", str(error))
    by = f" by process {holder.group(1)}" if holder else ""
    return f"{path} is locked{by}: a run may be writing it; try again when it has finished"


def execute(con: duckdb.DuckDBPyConnection, sql: str, batch_rows: int = BATCH_ROWS) -> QueryResult:
    """Run ``sql`` (one or more statements); the result is the last statement's.

    Raises :class:`QueryError` when there is no statement (empty, ``;``, comments only) and
    for any error of DuckDB's, now or while the batches are fetched.
    """
    try:
        if not con.extract_statements(sql):
            raise QueryError("no SQL statement given (the query is empty or only comments)")
        cursor = con.execute(sql)
    except duckdb.Error as error:
        raise QueryError(one_line(error)) from None
    columns = [d[0] for d in cursor.description or ()]
    return QueryResult(columns, _batches(cursor, batch_rows) if columns else iter(()))


def _batches(cursor: duckdb.DuckDBPyConnection, batch_rows: int) -> Iterator[list[tuple[Any, ...]]]:
    while True:
        try:
            rows = cursor.fetchmany(batch_rows)
        except duckdb.Error as error:
            raise QueryError(one_line(error)) from None
        if not rows:
            return
        yield rows


def one_line(error: BaseException) -> str:
    """DuckDB's message without the quoted SQL and caret that follow its first paragraph.

    >>> one_line(Exception('Parser Error: syntax error at or near "+"\\n\\nLINE 1: select 1 +'))
    'Parser Error: syntax error at or near "+"'
    """
    first, *_ = str(error).strip().split("\n\n")
    message = " ".join(first.split())
    if isinstance(error, duckdb.PermissionException):
        message += " (ikm query reads the warehouse only: no other file, ATTACH or extension)"
    return message
