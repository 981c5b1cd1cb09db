"""Time expressions attached to figures: "pada tahun 2018", "triwulan IV tahun 2017", "hingga November 2020".

STUB: the interface is fixed; the implementation is being written.
"""

from __future__ import annotations

from datetime import date

from ikm_facts.model import PeriodMention


def find_periods(text: str, published: date | None = None) -> list[PeriodMention]:
    return []


def period_bounds(period: str) -> tuple[date, date]:
    """"2017-Q4" -> (2017-10-01, 2017-12-31); "2018" -> (2018-01-01, 2018-12-31)."""
    raise NotImplementedError
