"""ArticleFacts -> the JSON records of the facts contract (shared/eval/FACTS.md)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ikm_facts.model import ArticleFacts


def json_number(value: Decimal) -> int | float:
    """Whole numbers as int (6779), others as float (3.69): what a JSON reader expects."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def to_records(facts: ArticleFacts) -> list[dict[str, Any]]:
    document: dict[str, Any] = {
        "doc": facts.doc,
        "kind": "document",
        "published": facts.published,
        "regions": [r.name for r in facts.regions],
        "programs": list(facts.programs),
        "officials": [{"name": o.name, "title": o.title} for o in facts.officials],
    }
    figures = [
        {
            "doc": facts.doc,
            "kind": "figure",
            "metric": f.metric,
            "value": json_number(f.value),
            "unit": f.unit,
            "qualifier": f.qualifier,
            "region": f.region.name,
            "region_level": f.region.level,
            "period": f.period,
            "program": f.program,
            "subject": f.subject,
            "mention": f.mention,
            "sentence": f.sentence,
            "char_start": f.char_start,
            "char_end": f.char_end,
            "why": f.why,
        }
        for f in facts.figures
    ]
    return [document, *figures]
