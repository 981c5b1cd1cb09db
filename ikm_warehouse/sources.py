"""``sources.yml``: the outlets ``ikm fetch`` follows, what it keeps, and how politely it asks.

``load_sources(Path("sources.yml"))`` gives a ``Sources``; a file that cannot be used raises
``SourcesError`` naming the file and the entry, e.g. ``sources.yml: outlets[1]: no feeds,
sitemaps or urls``. ``sources.example.yml`` at the project root documents every key.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

USER_AGENT = "ikm-warehouse/0.1 (Indonesian IKM news monitoring; +https://github.com/ikm-warehouse)"


class SourcesError(ValueError):
    """The sources file is missing, not YAML, or holds an entry that cannot be used."""


@dataclass(frozen=True)
class Outlet:
    name: str  # written as the article's outlet (`source` in the JSON Lines ingest reads)
    feeds: tuple[str, ...] = ()  # RSS or Atom
    sitemaps: tuple[str, ...] = ()  # sitemap or sitemap index (XML or plain text)
    urls: tuple[str, ...] = ()  # article pages, listed by hand


@dataclass(frozen=True)
class Filters:
    """What an article must be to be kept: a keyword in its title or text (none listed: any
    article), and a publication date in the window (an article with no date is kept)."""

    keywords: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def keyword_in(self, text: str) -> bool:
        return not self.keywords or _keyword_pattern(self.keywords).search(text) is not None

    def date_in_window(self, published: date | None) -> bool:
        if published is None:
            return True
        if self.since is not None and published < self.since:
            return False
        return self.until is None or published <= self.until


@dataclass(frozen=True)
class Politeness:
    """How pages are asked for: one host is sent a request at most every ``host_interval``
    seconds (or its robots.txt's Crawl-delay, up to ``MAX_CRAWL_DELAY``)."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds to connect, and between two reads of a response
    download_seconds: float = 60.0  # a whole response, however slowly it trickles
    retries: int = 2  # more tries after a timeout, a lost connection, HTTP 429 or 5xx
    backoff: float = 2.0  # seconds before the first retry, doubled each time
    host_interval: float = 2.0
    max_bytes: int = 5_000_000  # a bigger page is not a news article (ingest's limit too)
    max_redirects: int = 5


@dataclass(frozen=True)
class Sources:
    outlets: tuple[Outlet, ...]
    filters: Filters = field(default_factory=Filters)
    politeness: Politeness = field(default_factory=Politeness)


# Crawl-delay beyond this is not waited for: a daily run would never end.
MAX_CRAWL_DELAY = 30.0


def load_sources(path: Path, today: date | None = None) -> Sources:
    """The sources in ``path``; ``today`` anchors ``max_age_days`` (default: today, UTC)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SourcesError(f"{path}: cannot read ({error.strerror or error})") from None
    try:
        document = YAML(typ="safe", pure=True).load(text)
    except YAMLError as error:
        raise SourcesError(f"{path}: not YAML ({str(error).splitlines()[0]})") from None
    return parse_sources(document, str(path.name), today=today)


def parse_sources(document: Any, name: str = "sources", today: date | None = None) -> Sources:
    """The sources in a loaded YAML document (see ``load_sources``)."""
    top = _mapping(document, name, {"outlets", "filters", "fetch"})
    outlets_value = top.get("outlets")
    if not isinstance(outlets_value, list) or not outlets_value:
        raise SourcesError(f"{name}: outlets: a list of at least one outlet is needed")
    outlets = tuple(
        _outlet(entry, f"{name}: outlets[{index}]") for index, entry in enumerate(outlets_value)
    )
    names = [outlet.name for outlet in outlets]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise SourcesError(f"{name}: outlets: the name {repeated[0]!r} is used twice")
    today = today or datetime.now(UTC).date()
    return Sources(
        outlets=outlets,
        filters=_filters(top.get("filters"), f"{name}: filters", today),
        politeness=_politeness(top.get("fetch"), f"{name}: fetch"),
    )


def _mapping(value: Any, where: str, keys: set[str]) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SourcesError(f"{where}: a mapping is needed, not {type(value).__name__}")
    unknown = sorted(set(map(str, value)) - keys)
    if unknown:
        raise SourcesError(
            f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(keys))})"
        )
    return value


def _outlet(entry: Any, where: str) -> Outlet:
    values = _mapping(entry, where, {"name", "feeds", "sitemaps", "urls"})
    name = values.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SourcesError(f"{where}: name: the outlet's name is needed")
    outlet = Outlet(
        name=name.strip(),
        feeds=_urls(values.get("feeds"), f"{where}: feeds"),
        sitemaps=_urls(values.get("sitemaps"), f"{where}: sitemaps"),
        urls=_urls(values.get("urls"), f"{where}: urls"),
    )
    if not (outlet.feeds or outlet.sitemaps or outlet.urls):
        raise SourcesError(f"{where}: no feeds, sitemaps or urls")
    return outlet


def _urls(value: Any, where: str) -> tuple[str, ...]:
    items = _strings(value, where)
    for url in items:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourcesError(f"{where}: {url!r} is not an http(s) URL")
    return items


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SourcesError(f"{where}: a list of strings is needed")
    return tuple(v.strip() for v in value)


def _filters(value: Any, where: str, today: date) -> Filters:
    values = _mapping(value, where, {"keywords", "since", "until", "max_age_days"})
    since = _date(values.get("since"), f"{where}: since")
    age = values.get("max_age_days")
    if age is not None:
        if not isinstance(age, int) or isinstance(age, bool) or age < 0:
            raise SourcesError(f"{where}: max_age_days: a whole number of days is needed")
        oldest = today - timedelta(days=age)
        since = max(since, oldest) if since else oldest
    until = _date(values.get("until"), f"{where}: until")
    if since and until and since > until:
        raise SourcesError(f"{where}: since ({since}) is after until ({until})")
    return Filters(
        keywords=_strings(values.get("keywords"), f"{where}: keywords"), since=since, until=until
    )


def _date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise SourcesError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _politeness(value: Any, where: str) -> Politeness:
    defaults = Politeness()
    keys = set(Politeness.__dataclass_fields__)
    values = _mapping(value, where, keys)
    settings: dict[str, Any] = {}
    for key, given in values.items():
        default = getattr(defaults, key)
        if isinstance(default, str):
            if not isinstance(given, str) or not given.strip():
                raise SourcesError(f"{where}: {key}: a string is needed")
            settings[key] = given.strip()
            continue
        whole = isinstance(default, int)
        if (
            isinstance(given, bool)
            or not isinstance(given, int | float)
            or (whole and not isinstance(given, int))
            or given < 0
        ):
            kind = "whole number" if whole else "number"
            raise SourcesError(f"{where}: {key}: a {kind} of at least 0 is needed")
        settings[key] = type(default)(given)
    return Politeness(**settings)


@functools.lru_cache(maxsize=16)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words, any case, any spacing: "industri kecil" matches "Industri  Kecil"."""
    alternatives = (r"\s+".join(map(re.escape, k.split())) for k in keywords)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
