"""One article in, its facts out.

STUB wiring: the figure rules are being written.
"""

from __future__ import annotations

from ikm_facts.cleaning import clean_article
from ikm_facts.dates import infer_published
from ikm_facts.model import ArticleFacts

EXTRACTOR_VERSION = "0.1.0"


def extract_article(
    text: str, doc: str, *, title: str | None = None, published: str | None = None
) -> ArticleFacts:
    """Extract the facts of one article.

    ``published`` is a date from metadata (ISO or any common form) when the source has one.
    """
    cleaned = clean_article(text)
    day = infer_published(cleaned.text, metadata=published)
    return ArticleFacts(
        doc=doc,
        published=day.isoformat() if day else None,
        regions=(),
        programs=(),
        officials=(),
        figures=(),
        headline=title or cleaned.headline,
        clean_text=cleaned.text,
    )
