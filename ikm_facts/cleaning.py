"""Cleaning raw article text (menus, "Baca juga", captions, bylines) and splitting sentences.

STUB: the interface is fixed; the implementation is being written.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikm_facts.model import Sentence


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    headline: str | None
    text: str  # headline (if any) and body, boilerplate removed; offsets of facts refer to this


def clean_article(raw: str) -> CleanedArticle:
    return CleanedArticle(headline=None, text=raw.strip())


def split_sentences(text: str) -> list[Sentence]:
    return [Sentence(0, len(text), text)] if text else []
