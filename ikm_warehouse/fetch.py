"""``ikm fetch``: new articles from the outlets of ``sources.yml`` into ``raw/fetched/``.

``fetch_sources(load_sources(Path("sources.yml")), raw_dir, state_path)`` finds article URLs
in each outlet's feeds (feedparser), sitemaps (trafilatura's sitemap reader) and listed URLs,
downloads each new page once through ``web.Client`` (robots.txt, pace, retries, limits), takes
its text and metadata out with trafilatura, keeps it when it passes the filters, and writes
the kept articles to one JSON Lines file per fetch, ``raw/fetched/<fetch id>.jsonl``, one
``{"url", "title", "published", "source", "text", ...}`` object per line, as ingest reads them
(``source`` is the outlet's name). Every failure is kept with its URL and reason, and none
stops the fetch.

What was fetched is remembered in the fetch state, a DuckDB file of its own
(``warehouse/fetch_state.duckdb``; tables ``pages``, ``failures`` and ``fetches``), not in the
warehouse: DuckDB lets one process write a file at a time, and a fetch spends minutes waiting
on the network, which would lock ``ikm run``, dbt and ``ikm query`` out of the warehouse all
along. The fetch reads the state at its start and writes it in one transaction at its end,
after the articles' file is in place, so the state file is free in between (``ikm query
--warehouse warehouse/fetch_state.duckdb "select * from failures"``). It is a cache of what
``raw/fetched/`` holds: made anew from those files when it is missing.

A page is downloaded again only when its feed entry was updated after it was fetched, or with
``refresh`` (a conditional request: 304 is an answer "unchanged"). When its text then differs,
it is written as the page's next ``version``: a new article for ingest (its id is the hash of
the text), not a duplicate of the last one; the same text is not written again.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import io
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from ikm_warehouse.ingest import MIN_HTML_WORDS, article_id, language_problem
from ikm_warehouse.sources import Outlet, Sources
from ikm_warehouse.web import Client, Failure, Response

FETCHED_FOLDER = "fetched"  # under raw/
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
GZIP_MAGIC = b"\x1f\x8b"
# Sitemaps read per outlet and run, an index's children included.
MAX_SITEMAPS = 20
# Pages downloaded per outlet and run: a sitemap of 50,000 pages is a crawl, not monitoring;
# the rest are found again next time.
MAX_PAGES_PER_OUTLET = 200

_SCHEMA = """
create table if not exists pages (
    url varchar primary key,         -- as found in a feed, sitemap or sources.yml
    outlet varchar not null,
    status varchar not null,         -- fetched | filtered | failed (not asked again)
    reason varchar,                  -- why filtered or failed
    version integer,                 -- of the text last written
    text_id varchar,                 -- ingest's article id of that text
    etag varchar,
    last_modified varchar,
    raw_file varchar,                -- under raw/, where that version was written
    fetched_at timestamp not null    -- UTC
);
create table if not exists failures (
    fetch_id varchar not null,
    url varchar not null,
    outlet varchar not null,
    found_in varchar not null,       -- the feed or sitemap, or sources.yml
    kind varchar not null,           -- dns, timeout, http 404, not html, too large, ...
    reason varchar not null,
    attempts integer not null,
    failed_at timestamp not null
);
create table if not exists fetches (
    fetch_id varchar primary key,
    started_at timestamp not null,
    finished_at timestamp not null,
    urls_found integer not null,
    pages_downloaded integer not null,
    articles_written integer not null,
    failures integer not null,
    raw_file varchar
);
"""


class FetchError(RuntimeError):
    """The fetch cannot run at all (its state is locked or unreadable); nothing was fetched."""


@dataclass(frozen=True)
class FetchFailure:
    url: str
    outlet: str
    found_in: str
    kind: str
    reason: str
    attempts: int = 1


@dataclass(frozen=True)
class Candidate:
    url: str
    outlet: str
    found_in: str
    updated: datetime | None = None  # naive UTC: the feed entry's last change, when it says
    published: date | None = None  # the feed entry's date, when it gives one


@dataclass(frozen=True)
class Page:
    """What trafilatura took out of a downloaded page."""

    text: str
    title: str | None
    published: str | None  # YYYY-MM-DD, from the page's metadata


@dataclass(frozen=True)
class PageState:
    url: str
    outlet: str
    status: str
    reason: str | None
    version: int | None
    text_id: str | None
    etag: str | None
    last_modified: str | None
    raw_file: str | None
    fetched_at: datetime


@dataclass(frozen=True)
class FetchReport:
    fetch_id: str
    outlets: int
    urls_found: int  # distinct article URLs in the sources
    urls_new: int  # of those, never asked for before
    pages_downloaded: int
    articles_written: int  # new articles and new versions
    new_versions: int  # of those, changed pages fetched before
    unchanged: int  # asked again, and the same text (or 304)
    outside_window: int  # feed entries dated outside the window, not downloaded
    left_for_next: int  # over the per-outlet cap this run
    filtered: tuple[tuple[str, str], ...]  # (url, reason): downloaded, not kept
    failures: tuple[FetchFailure, ...]
    raw_file: Path | None  # the JSON Lines written, None when nothing was kept
    state_path: Path


@dataclass
class _Run:
    """What a fetch has done so far; turned into a ``FetchReport`` at its end."""

    fetch_id: str
    started_at: datetime
    raw_dir: Path
    states: dict[str, PageState]
    lines: list[str] = field(default_factory=list)
    updates: dict[str, PageState] = field(default_factory=dict)
    failures: list[FetchFailure] = field(default_factory=list)
    filtered: list[tuple[str, str]] = field(default_factory=list)
    downloaded: int = 0
    new_versions: int = 0
    unchanged: int = 0
    outside_window: int = 0
    left_for_next: int = 0

    @property
    def raw_name(self) -> str:
        return f"{FETCHED_FOLDER}/{self.fetch_id}.jsonl"

    def fail(self, candidate: Candidate, failure: Failure) -> None:
        self.failures.append(
            FetchFailure(
                candidate.url,
                candidate.outlet,
                candidate.found_in,
                failure.kind,
                failure.reason,
                failure.attempts,
            )
        )
        if not failure.transient:  # the page's own answer: not asked again
            self.record(candidate, "failed", failure.reason)

    def record(self, candidate: Candidate, status: str, reason: str | None = None) -> None:
        before = self.states.get(candidate.url)
        if before is not None and before.status == "fetched" and status != "fetched":
            # A page kept before and now gone or off-topic keeps its articles; remember when.
            self.updates[candidate.url] = replace(before, fetched_at=self.started_at)
            return
        self.updates[candidate.url] = PageState(
            candidate.url,
            candidate.outlet,
            status,
            reason,
            None,
            None,
            None,
            None,
            None,
            self.started_at,
        )


def fetch_sources(
    sources: Sources,
    raw_dir: Path,
    state_path: Path,
    *,
    refresh: bool = False,
    client: Client | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> FetchReport:
    """Fetch what is new in ``sources`` into ``raw_dir``; raises FetchError only when the
    state cannot be had (another fetch holds it). ``progress(done, total)`` is called after
    each page asked for."""
    started = (now or datetime.now(UTC)).replace(tzinfo=None, microsecond=0)
    state_path.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(state_path):
        states = _read_state(state_path, raw_dir)
        fetch_id = _fetch_id(started, raw_dir)
        run = _Run(fetch_id, started, raw_dir, states)
        web = client or Client(sources.politeness)
        try:
            candidates = list(_candidates(sources, web, run))
            todo: list[Candidate] = []
            for outlet in sources.outlets:
                due = [
                    c
                    for c in candidates
                    if c.outlet == outlet.name and _due(c, run, sources, refresh=refresh)
                ]
                run.left_for_next += max(0, len(due) - MAX_PAGES_PER_OUTLET)
                todo += due[:MAX_PAGES_PER_OUTLET]
            for done, candidate in enumerate(todo, start=1):
                _fetch_page(candidate, sources, web, run)
                if progress is not None:
                    progress(done, len(todo))
        finally:
            if client is None:
                web.close()
        raw_file = _write_articles(run)
        _write_state(state_path, run, len(candidates), raw_file)
    return FetchReport(
        fetch_id=fetch_id,
        outlets=len(sources.outlets),
        urls_found=len(candidates),
        urls_new=sum(c.url not in states for c in candidates),
        pages_downloaded=run.downloaded,
        articles_written=len(run.lines),
        new_versions=run.new_versions,
        unchanged=run.unchanged,
        outside_window=run.outside_window,
        left_for_next=run.left_for_next,
        filtered=tuple(run.filtered),
        failures=tuple(run.failures),
        raw_file=raw_dir / run.raw_name if raw_file else None,
        state_path=state_path,
    )


def _due(candidate: Candidate, run: _Run, sources: Sources, *, refresh: bool) -> bool:
    """Whether the page is to be downloaded: never asked for, or changed since, or refreshed;
    and not dated by its feed outside the window."""
    if not sources.filters.date_in_window(candidate.published):
        run.outside_window += 1
        return False
    state = run.states.get(candidate.url)
    if state is None or refresh:
        return True
    updated = candidate.updated
    return state.status == "fetched" and updated is not None and updated > state.fetched_at


# --- finding article URLs ------------------------------------------------------------------


def _candidates(sources: Sources, web: Client, run: _Run) -> Iterator[Candidate]:
    """Every article URL of every outlet, each once (the first source that names it wins)."""
    seen: set[str] = set()
    for outlet in sources.outlets:
        found = [
            *(c for feed in outlet.feeds for c in _feed_entries(outlet, feed, web, run)),
            *(c for sitemap in outlet.sitemaps for c in _sitemap_urls(outlet, sitemap, web, run)),
            *(Candidate(url, outlet.name, "sources.yml") for url in outlet.urls),
        ]
        for candidate in found:
            url = candidate.url.split("#", 1)[0]
            if url not in seen:
                seen.add(url)
                yield replace(candidate, url=url)


def _feed_entries(outlet: Outlet, feed_url: str, web: Client, run: _Run) -> list[Candidate]:
    import feedparser  # type: ignore[import-untyped]  # here: only a fetch pays for it

    source = Candidate(feed_url, outlet.name, "sources.yml")
    answer = web.get(feed_url, accept=FEED_ACCEPT)
    if isinstance(answer, Failure):
        run.fail(source, answer)
        return []
    # A stream, never a string: feedparser would take a string for a URL and download it.
    parsed = feedparser.parse(
        io.BytesIO(_gunzipped(answer.body)),
        response_headers={"content-location": answer.url, "content-type": answer.content_type},
    )
    if not parsed.entries and (parsed.bozo or not parsed.version):
        problem = parsed.get("bozo_exception")
        detail = f": {type(problem).__name__}" if problem else ""
        run.fail(source, Failure(feed_url, "not a feed", f"not an RSS or Atom feed{detail}"))
        return []
    found = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not isinstance(link, str) or not link.startswith(("http://", "https://")):
            continue
        # dict.get, not the entry's own: that maps a missing "updated" to "published" with a
        # DeprecationWarning.
        published = _struct_time(dict.get(entry, "published_parsed"))
        updated = _struct_time(dict.get(entry, "updated_parsed")) or published
        found.append(
            Candidate(link, outlet.name, feed_url, updated, published.date() if published else None)
        )
    return found


def _struct_time(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime(*value[:6])  # feedparser gives UTC
    except (TypeError, ValueError):
        return None


def _sitemap_urls(outlet: Outlet, sitemap_url: str, web: Client, run: _Run) -> list[Candidate]:
    """The pages of a sitemap and of the sitemaps it names (an index), with trafilatura's
    reader; the downloads are ours (robots.txt, pace, limits), not trafilatura's."""
    from courlan import get_hostinfo
    from trafilatura.sitemaps import SitemapObject

    domain, base = get_hostinfo(sitemap_url)
    reader = SitemapObject(base, domain or "", [sitemap_url], external=domain is None)
    while reader.sitemap_urls and len(reader.seen) < MAX_SITEMAPS:
        reader.current_url = reader.sitemap_urls.pop()
        reader.seen.add(reader.current_url)
        answer = web.get(reader.current_url, accept="application/xml, text/xml, text/plain")
        if isinstance(answer, Failure):
            run.fail(Candidate(reader.current_url, outlet.name, sitemap_url), answer)
            continue
        reader.content = _gunzipped(answer.body).decode("utf-8", errors="replace")
        found_before = len(reader.urls) + len(reader.sitemap_urls)
        reader.process()
        if len(reader.urls) + len(reader.sitemap_urls) == found_before:
            failure = Failure(reader.current_url, "not a sitemap", "no page found in the sitemap")
            run.fail(Candidate(reader.current_url, outlet.name, sitemap_url), failure)
        reader.sitemap_urls = [s for s in reader.sitemap_urls if s not in reader.seen]
    return [Candidate(url, outlet.name, sitemap_url) for url in dict.fromkeys(reader.urls)]


def _gunzipped(body: bytes) -> bytes:
    """A ``.xml.gz`` sitemap (or feed) served as a file, not as a content encoding."""
    if not body.startswith(GZIP_MAGIC):
        return body
    with (
        contextlib.suppress(OSError, EOFError),
        gzip.GzipFile(fileobj=io.BytesIO(body)) as unzipped,
    ):
        return unzipped.read(50_000_000)
    return body


# --- one page -------------------------------------------------------------------------------


def _fetch_page(candidate: Candidate, sources: Sources, web: Client, run: _Run) -> None:
    state = run.states.get(candidate.url)
    conditional = {}
    if state is not None and state.status == "fetched":
        if state.etag:
            conditional["If-None-Match"] = state.etag
        if state.last_modified:
            conditional["If-Modified-Since"] = state.last_modified
    answer = web.get(candidate.url, accept=PAGE_ACCEPT, headers=conditional)
    if isinstance(answer, Failure):
        run.fail(candidate, answer)
        return
    run.downloaded += 1
    if answer.status == 304 and state is not None:
        run.unchanged += 1
        run.updates[candidate.url] = replace(state, fetched_at=run.started_at)
        return
    page = _article(answer, candidate)
    if isinstance(page, Failure):
        run.fail(candidate, page)
        return
    published = _date(page.published)
    if not sources.filters.date_in_window(published):
        _filter(candidate, run, f"published {published}, outside the date window")
        return
    if not sources.filters.keyword_in(f"{page.title or ''}\n{page.text}"):
        _filter(candidate, run, "none of the keywords")
        return
    text_id = article_id(page.text)
    if state is not None and state.text_id == text_id:
        run.unchanged += 1
        run.updates[candidate.url] = replace(state, fetched_at=run.started_at)
        return
    version = (state.version or 0) + 1 if state is not None else 1
    if state is not None and state.status == "fetched":
        run.new_versions += 1
    record = {
        "url": candidate.url,
        "title": page.title,
        "published": page.published,
        "source": candidate.outlet,
        "text": page.text,
        "version": version,
        "fetched_at": run.started_at.isoformat() + "Z",
        "found_in": candidate.found_in,
    }
    if answer.url != candidate.url:
        record["final_url"] = answer.url
    run.lines.append(json.dumps(record, ensure_ascii=False))
    run.updates[candidate.url] = PageState(
        url=candidate.url,
        outlet=candidate.outlet,
        status="fetched",
        reason=None,
        version=version,
        text_id=text_id,
        etag=answer.headers.get("ETag"),
        last_modified=answer.headers.get("Last-Modified"),
        raw_file=run.raw_name,
        fetched_at=run.started_at,
    )


def _filter(candidate: Candidate, run: _Run, reason: str) -> None:
    run.filtered.append((candidate.url, reason))
    run.record(candidate, "filtered", reason)


def _article(answer: Response, candidate: Candidate) -> Page | Failure:
    """The page's text, title and date, or why there is none to keep."""
    url = candidate.url
    if answer.content_type and answer.content_type not in HTML_TYPES:
        return Failure(url, "not html", f"not HTML ({answer.content_type})")
    if b"\x00" in answer.body[:8192]:
        return Failure(url, "not html", "binary content (NUL bytes), not HTML")
    import trafilatura  # here: only a fetch pays for it

    try:
        document = trafilatura.bare_extraction(
            answer.body,
            url=answer.url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # As ingest reads saved pages: the page's own date, no guess from free text.
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as error:  # a third-party parser: whatever breaks it, the fetch goes on
        return Failure(url, "no article", f"HTML could not be parsed ({type(error).__name__})")
    text = "" if document is None or isinstance(document, dict) else (document.text or "").strip()
    if len(text.split()) < MIN_HTML_WORDS or document is None or isinstance(document, dict):
        return Failure(url, "no article", "no article text found")
    language = language_problem(text)
    if language:
        return Failure(url, "not indonesian", language)
    return Page(text, document.title or None, document.date or None)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# --- the state and the articles' file --------------------------------------------------------


@contextlib.contextmanager
def _exclusive(state_path: Path) -> Iterator[None]:
    """One fetch at a time per state: a second one would download and write the same pages."""
    lock_path = state_path.with_name(state_path.name + ".lock")
    with lock_path.open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FetchError(f"another ikm fetch is running (it holds {lock_path})") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _connect(state_path: Path) -> duckdb.DuckDBPyConnection:
    try:
        con = duckdb.connect(str(state_path))
    except duckdb.Error as error:
        raise FetchError(f"the fetch state {state_path} cannot be opened: {error}") from None
    con.execute(_SCHEMA)
    return con


def _read_state(state_path: Path, raw_dir: Path) -> dict[str, PageState]:
    new = not state_path.exists()
    con = _connect(state_path)
    try:
        if new:
            _rebuild_from_raw(con, raw_dir)
        rows = con.execute(
            "select url, outlet, status, reason, version, text_id, etag, last_modified,"
            " raw_file, fetched_at from pages"
        ).fetchall()
    finally:
        con.close()
    return {row[0]: PageState(*row) for row in rows}


def _rebuild_from_raw(con: duckdb.DuckDBPyConnection, raw_dir: Path) -> None:
    """The pages of earlier fetches, from their files: a lost state does not fetch them all
    again (their failures are lost, and are tried again)."""
    folder = raw_dir / FETCHED_FOLDER
    pages: dict[str, tuple[Any, ...]] = {}
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
                record = json.loads(line)
                fetched = datetime.fromisoformat(str(record["fetched_at"]).rstrip("Z"))
                version = int(record.get("version") or 1)
                url = str(record["url"])
                if url not in pages or pages[url][4] <= version:
                    pages[url] = (
                        url,
                        str(record.get("source") or ""),
                        "fetched",
                        None,
                        version,
                        article_id(str(record["text"])),
                        None,
                        None,
                        f"{FETCHED_FOLDER}/{path.name}",
                        fetched,
                    )
    if pages:
        con.executemany(
            "insert or replace into pages values (?,?,?,?,?,?,?,?,?,?)", list(pages.values())
        )


def _fetch_id(started: datetime, raw_dir: Path) -> str:
    base = started.strftime("%Y%m%dT%H%M%SZ")
    fetch_id, n = base, 1
    while (raw_dir / FETCHED_FOLDER / f"{fetch_id}.jsonl").exists():
        n += 1
        fetch_id = f"{base}-{n}"
    return fetch_id


def _write_articles(run: _Run) -> bool:
    """The kept articles in ``raw/fetched/<fetch id>.jsonl``, whole or not at all: written
    under a hidden name (ingest skips it), then renamed."""
    if not run.lines:
        return False
    target = run.raw_dir / run.raw_name
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    with partial.open("w", encoding="utf-8") as out:
        out.write("\n".join(run.lines) + "\n")
        out.flush()
        os.fsync(out.fileno())
    partial.replace(target)
    return True


def _write_state(state_path: Path, run: _Run, urls_found: int, raw_file: bool) -> None:
    finished = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    con = _connect(state_path)
    try:
        con.execute("begin")
        if run.updates:
            con.executemany(
                "insert or replace into pages values (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        s.url,
                        s.outlet,
                        s.status,
                        s.reason,
                        s.version,
                        s.text_id,
                        s.etag,
                        s.last_modified,
                        s.raw_file,
                        s.fetched_at,
                    )
                    for s in run.updates.values()
                ],
            )
        if run.failures:
            con.executemany(
                "insert into failures values (?,?,?,?,?,?,?,?)",
                [
                    (
                        run.fetch_id,
                        f.url,
                        f.outlet,
                        f.found_in,
                        f.kind,
                        f.reason,
                        f.attempts,
                        run.started_at,
                    )
                    for f in run.failures
                ],
            )
        con.execute(
            "insert or replace into fetches values (?,?,?,?,?,?,?,?)",
            [
                run.fetch_id,
                run.started_at,
                finished,
                urls_found,
                run.downloaded,
                len(run.lines),
                len(run.failures),
                run.raw_name if raw_file else None,
            ],
        )
        con.execute("commit")
    finally:
        con.close()
