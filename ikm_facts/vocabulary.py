"""The one vocabulary: the facts contract's metrics and programs, and the phrases that name a
program, read from the package's ``data/vocabulary/*.csv``. Those files are the only place
they are written down: the library's metric units and program phrases come from here, and dbt
seeds the same files into ``dim_metric`` and ``dim_program``.

>>> vocabulary().metric("ikm_units").unit
'unit'
>>> [p.pattern for p in vocabulary().phrases if p.program_code == "dekonsentrasi"]
['dekonsentrasi']

A file that breaks the rules below raises ``VocabularyError`` naming the file and the row:
``metrics.csv, row 4: unknown unit 'kg' (expected one of unit, person, ...)``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import TypeGuard, get_args

from ikm_facts.model import Unit

METRICS_FILE = "metrics.csv"
PROGRAMS_FILE = "programs.csv"
PHRASES_FILE = "program_phrases.csv"

_METRIC_COLUMNS = (
    "metric_code",
    "metric_name",
    "description",
    "unit",
    "is_additive",
    "is_event",
    "is_program",
)
_PROGRAM_COLUMNS = ("program_code", "program_name", "description")
_PHRASE_COLUMNS = ("program_code", "pattern", "case_sensitive", "note")
# Lower-case words joined by "_": "UNKNOWN" is the marts' unknown member, never a code.
_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_UNITS: tuple[str, ...] = get_args(Unit)
_BOOLEANS = {"true": True, "false": False}  # as dbt reads a seed's booleans


class VocabularyError(ValueError):
    """A vocabulary file that cannot be used, with the file and row at fault."""


@dataclass(frozen=True, slots=True)
class MetricDefinition:
    code: str
    name: str
    description: str
    unit: Unit  # export_value is stated in IDR or USD; each figure carries its own
    is_additive: bool  # values add up across regions (counts and money do; rates do not)
    is_event: bool  # counts what happened at an event: its period falls back to the article's year
    is_program: bool  # belongs to a program even when the sentence names none


@dataclass(frozen=True, slots=True)
class ProgramDefinition:
    code: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class ProgramPhrase:
    program_code: str
    pattern: str  # a regular expression, matched case-insensitively unless case_sensitive
    case_sensitive: bool


@dataclass(frozen=True, slots=True)
class Vocabulary:
    metrics: tuple[MetricDefinition, ...]  # in the file's order
    programs: tuple[ProgramDefinition, ...]  # in the file's order
    phrases: tuple[ProgramPhrase, ...]  # in the file's order, which breaks ties between phrases

    def metric(self, code: str) -> MetricDefinition:
        for definition in self.metrics:
            if definition.code == code:
                return definition
        raise KeyError(code)

    def program_phrases(self) -> dict[str, tuple[str, ...]]:
        """Each program's phrase patterns, in the files' order (a program may have none)."""
        return {
            program.code: tuple(p.pattern for p in self.phrases if p.program_code == program.code)
            for program in self.programs
        }


def _is_unit(value: str) -> TypeGuard[Unit]:
    return value in _UNITS


class _Row:
    """One row of a vocabulary file, whose errors name the file and the row."""

    def __init__(self, file: str, number: int, values: dict[str, str]) -> None:
        self.file, self.number, self.values = file, number, values

    def error(self, message: str) -> VocabularyError:
        return VocabularyError(f"{self.file}, row {self.number}: {message}")

    def text(self, column: str, *, required: bool = True) -> str:
        value = self.values[column].strip()
        if required and not value:
            raise self.error(f"{column} is empty")
        return value

    def code(self, column: str) -> str:
        value = self.text(column)
        if not _CODE.fullmatch(value):
            raise self.error(f"{column} {value!r} is not a code (lower-case words joined by _)")
        return value

    def boolean(self, column: str) -> bool:
        value = self.text(column)
        if value not in _BOOLEANS:
            raise self.error(f"{column} is {value!r}, not true or false")
        return _BOOLEANS[value]


def _rows(directory: Traversable, name: str, columns: tuple[str, ...]) -> Iterator[_Row]:
    """The rows of ``directory/name``, after checking that its header has exactly ``columns``."""
    file = directory / name
    where = str(file)
    try:
        text = file.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise VocabularyError(f"{where}: cannot read ({error})") from error
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    unexpected = [c for c in header if c not in columns]
    if missing or unexpected:
        said = "; ".join(
            part
            for part in (
                f"missing column {', '.join(missing)}" if missing else "",
                f"unexpected column {', '.join(unexpected)}" if unexpected else "",
            )
            if part
        )
        raise VocabularyError(f"{where}, row 1 (the header): {said}")
    try:
        for values in reader:
            row = _Row(where, reader.line_num, values)
            if None in values or any(values[c] is None for c in columns):
                raise row.error(f"expected {len(columns)} fields ({', '.join(columns)})")
            yield row
    except csv.Error as error:
        raise VocabularyError(f"{where}, row {reader.line_num}: {error}") from error


def _unique(row: _Row, column: str, value: str, seen: dict[str, int]) -> None:
    if value in seen:
        raise row.error(f"duplicate {column} {value!r} (first on row {seen[value]})")
    seen[value] = row.number


def _read_metrics(directory: Traversable) -> tuple[MetricDefinition, ...]:
    metrics: list[MetricDefinition] = []
    seen: dict[str, int] = {}
    for row in _rows(directory, METRICS_FILE, _METRIC_COLUMNS):
        code = row.code("metric_code")
        _unique(row, "metric_code", code, seen)
        unit = row.text("unit")
        if not _is_unit(unit):
            raise row.error(f"unknown unit {unit!r} (expected one of {', '.join(_UNITS)})")
        metrics.append(
            MetricDefinition(
                code=code,
                name=row.text("metric_name"),
                description=row.text("description", required=False),
                unit=unit,
                is_additive=row.boolean("is_additive"),
                is_event=row.boolean("is_event"),
                is_program=row.boolean("is_program"),
            )
        )
    if not metrics:
        raise VocabularyError(f"{directory / METRICS_FILE}: no metrics")
    return tuple(metrics)


def _read_programs(directory: Traversable) -> tuple[ProgramDefinition, ...]:
    programs: list[ProgramDefinition] = []
    seen: dict[str, int] = {}
    for row in _rows(directory, PROGRAMS_FILE, _PROGRAM_COLUMNS):
        code = row.code("program_code")
        _unique(row, "program_code", code, seen)
        programs.append(
            ProgramDefinition(
                code, row.text("program_name"), row.text("description", required=False)
            )
        )
    if not programs:
        raise VocabularyError(f"{directory / PROGRAMS_FILE}: no programs")
    return tuple(programs)


def _read_phrases(directory: Traversable, programs: set[str]) -> tuple[ProgramPhrase, ...]:
    phrases: list[ProgramPhrase] = []
    seen: dict[str, int] = {}
    for row in _rows(directory, PHRASES_FILE, _PHRASE_COLUMNS):
        code = row.code("program_code")
        if code not in programs:
            raise row.error(f"program_code {code!r} is not in {PROGRAMS_FILE}")
        pattern = row.text("pattern")
        _unique(row, "pattern", pattern, seen)
        try:
            re.compile(pattern)
        except re.error as error:
            raise row.error(f"pattern {pattern!r} is not a regular expression ({error})") from None
        phrases.append(ProgramPhrase(code, pattern, row.boolean("case_sensitive")))
    return tuple(phrases)


def load(directory: Traversable | Path) -> Vocabulary:
    """The vocabulary in ``directory`` (its three files), checked; ``VocabularyError`` if not."""
    programs = _read_programs(directory)
    return Vocabulary(
        metrics=_read_metrics(directory),
        programs=programs,
        phrases=_read_phrases(directory, {p.code for p in programs}),
    )


def directory() -> Traversable:
    """The package's vocabulary folder (in a checkout, ikm_facts/data/vocabulary)."""
    return resources.files("ikm_facts").joinpath("data", "vocabulary")


@cache
def vocabulary() -> Vocabulary:
    """The package's vocabulary, read once."""
    return load(directory())
