"""Reading raw/: .txt, .jsonl and saved .html articles, with every problem recorded, never raised.

STUB: the interface is fixed; the implementation is being written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RawArticle:
    article_id: str  # sha256 of the normalized text, first 16 hex chars
    doc: str  # FACTS.md `doc`: file name for .txt/.html, url for a .jsonl record (else file:line)
    source_path: str  # relative to the folder that was read
    source_format: str  # txt | jsonl | html
    source_line: int | None
    url: str | None
    title: str | None
    outlet: str | None
    published_metadata: str | None
    text: str


@dataclass(frozen=True)
class InputProblem:
    source_path: str
    source_line: int | None
    reason: str
    rejected: bool  # True: nothing was read; False: read, with a warning (e.g. cp1252)


@dataclass(frozen=True)
class IngestResult:
    articles: tuple[RawArticle, ...]
    problems: tuple[InputProblem, ...]


def read_inputs(paths: list[Path], base: Path | None = None) -> IngestResult:
    """Read files and folders (recursively); ``source_path`` is relative to ``base``."""
    return IngestResult(articles=(), problems=())
