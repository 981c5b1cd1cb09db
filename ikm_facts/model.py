"""Values the extraction library passes around: small, frozen, and independent of any database."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

RegionLevel = Literal["country", "province", "regency", "city"]
Unit = Literal["unit", "person", "IDR", "USD", "sentra", "piece", "percent"]
Qualifier = Literal["exact", "approx", "more_than", "less_than", "target"]
# What a number is written as: money, a percentage, or a plain count.
QuantityKind = Literal["IDR", "USD", "percent", "count"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in an article's cleaned text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Region:
    """One region of the gazetteer: Indonesia, a province, or a kabupaten/kota.

    >>> Region("72.71", "Kota Palu", "city", "72")
    """

    code: str  # Kemendagri code: "72" (province), "72.71" (kota); "ID" for Indonesia
    name: str  # canonical name: "Provinsi Sulawesi Tengah", "Kota Palu", "Kabupaten Sigi"
    level: RegionLevel
    province_code: str | None  # the province's code; None for Indonesia


@dataclass(frozen=True, slots=True)
class RegionMention:
    """A place in the text that names a region ("Sultra", "Kabupaten SBB", "di Tanah Air")."""

    start: int
    end: int
    text: str
    region: Region
    # True where the text itself said which kind it is ("Kota Malang", "Provinsi Maluku"),
    # False for a bare name resolved by rules ("Malang" -> Kabupaten Malang).
    explicit: bool


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written in the text, normalized.

    "Rp2,8 triliun" -> Quantity(value=Decimal("2800000000000"), kind="IDR", ...)
    """

    start: int
    end: int
    text: str  # the number as written, with its currency and scale words: "Rp2,8 triliun"
    value: Decimal
    kind: QuantityKind
    qualifier: Qualifier = "exact"
    # For a range ("8-10"), the upper end; value holds the lower end.
    upper: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """A time expression: "pada tahun 2018" -> "2018", "triwulan IV tahun 2017" -> "2017-Q4"."""

    start: int
    end: int
    text: str
    period: str  # FACTS.md form: "2018", "2020-11", "2017-Q4", "2020-H1", "2015/2019"


@dataclass(frozen=True, slots=True)
class Official:
    name: str
    title: str


@dataclass(frozen=True, slots=True)
class Figure:
    """One number the article states about the economy or a program (FACTS.md `figure`)."""

    metric: str
    value: Decimal
    unit: Unit
    qualifier: Qualifier
    region: Region
    period: str | None
    program: str | None
    subject: str | None
    mention: str
    sentence: str
    char_start: int
    char_end: int
    # Which rules decided the metric and the region ("metric=count_noun;region=before"), so a
    # wrong figure can be traced to one rule.
    why: str = ""


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Everything extracted from one article (FACTS.md `document` plus its figures)."""

    doc: str
    published: str | None  # "YYYY-MM-DD"
    regions: tuple[Region, ...]
    programs: tuple[str, ...]
    officials: tuple[Official, ...]
    figures: tuple[Figure, ...]
    headline: str | None = None
    clean_text: str = ""
    warnings: tuple[str, ...] = field(default=())
