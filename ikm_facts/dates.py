"""The publication date of an article: metadata, a dateline, or a weekday with day/month.

STUB: the interface is fixed; the implementation is being written.
"""

from __future__ import annotations

from datetime import date


def infer_published(text: str, metadata: str | None = None) -> date | None:
    return None
