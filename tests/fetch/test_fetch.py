"""``ikm fetch``'s library against the local sites of ``fetch_site``: what it keeps, what it
records as failed and why, what it does not ask again, and how politely it asks."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from fetch_site import BROKEN, CHANGING, KABAR, PINDAH, WARTA, Site

from ikm_warehouse.fetch import FetchError, FetchReport, fetch_sources
from ikm_warehouse.ingest import read_inputs
from ikm_warehouse.sources import Politeness, load_sources
from ikm_warehouse.web import Client, Failure, Response

FIRST = datetime(2026, 11, 21, 12)  # after edition 1 of the changing page, before edition 2
LATER = datetime(2026, 11, 23, 12)
KEPT = {
    f"{WARTA}/berita/ikm-batik-sleman",
    f"{WARTA}/berita/sentra-rotan-cirebon",
    f"{WARTA}/berita/kopi-gayo",
    f"{WARTA}/berita/gerabah-kasongan",
    f"{WARTA}/berita/tenun-lama",  # moved (301) to /berita/pindah-tenun
    f"{KABAR}{CHANGING}",
}


def _without_port(url: str, site: Site) -> str:
    return url.replace("http://", "").replace(f":{site.port}", "")


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _fetch(sources_file: Path, tmp_path: Path, now: datetime = FIRST) -> FetchReport:
    sources = load_sources(sources_file)
    return fetch_sources(sources, tmp_path / "raw", tmp_path / "state.duckdb", now=now)


def test_articles_from_feeds_sitemaps_and_lists_land_in_raw_as_ingest_reads_them(
    site: Site, sources_file: Path, tmp_path: Path
) -> None:
    shown: list[tuple[int, int]] = []
    report = fetch_sources(
        load_sources(sources_file),
        tmp_path / "raw",
        tmp_path / "state.duckdb",
        now=FIRST,
        progress=lambda done, total: shown.append((done, total)),
    )

    assert report.raw_file == tmp_path / "raw" / "fetched" / "20261121T120000Z.jsonl"
    records = _records(report.raw_file)
    assert {_without_port(str(r["url"]), site) for r in records} == KEPT
    batik = next(r for r in records if str(r["url"]).endswith("ikm-batik-sleman"))
    assert batik["title"] == "Perajin batik Sleman ikut pelatihan pewarna alam"
    assert batik["published"] == "2026-11-20"
    assert batik["source"] == "Warta Contoh"
    assert batik["version"] == 1
    # The furniture stays behind: menu, counters, caption, share bar, "Baca juga", comments.
    text = str(batik["text"])
    assert "312 unit usaha IKM batik" in text
    for furniture in ("Beranda", "Dibaca", "Foto:", "Bagikan", "Baca juga", "Mantap", "Hak cipta"):
        assert furniture not in text
    moved = next(r for r in records if str(r["url"]).endswith("tenun-lama"))
    assert str(moved["final_url"]).endswith("/berita/pindah-tenun")
    # Ingest reads the file as it reads any .jsonl: url, title, published and outlet.
    read = read_inputs([tmp_path / "raw"], base=tmp_path / "raw")
    assert not read.problems
    assert {(a.outlet, a.published_metadata) for a in read.articles} >= {
        ("Warta Contoh", "2026-11-20"),
        ("Kabar Contoh", "2026-11-16"),
    }
    assert len(read.articles) == len(KEPT)
    # Every page asked for is counted: 17 URLs, less the one dated out of the window by its feed.
    assert shown == [(n, 17) for n in range(1, 18)]


def test_every_broken_case_is_recorded_with_its_reason_and_the_fetch_goes_on(
    site: Site, sources_file: Path, tmp_path: Path
) -> None:
    report = _fetch(sources_file, tmp_path)

    reasons = {_without_port(f.url, site): f.reason for f in report.failures}
    for path, reason in BROKEN.items():
        assert reason in reasons.pop(f"{WARTA}{path}"), path
    assert reasons.pop("hilang.invalid/berita/apa-saja") == "DNS: cannot resolve hilang.invalid"
    assert reasons.pop(f"{WARTA}/berita/english") == "not Indonesian (looks like English)"
    assert reasons == {}
    # Off-topic: downloaded, not kept, not a failure. Too old by its feed date: not downloaded.
    assert [_without_port(url, site) for url, _ in report.filtered] == [
        f"{WARTA}/berita/sepak-bola"
    ]
    assert report.outside_window == 1
    assert ("warta.example.com", "/berita/arsip-2015") not in {r[:2] for r in site.requests}
    # A server error is asked again (with back-off) before it is recorded; a 404 is not.
    attempts = {_without_port(f.url, site): f.attempts for f in report.failures}
    assert attempts[f"{WARTA}/berita/rusak"] == 2
    assert attempts[f"{WARTA}/berita/hilang"] == 1
    # The failures table holds the same rows.
    with duckdb.connect(str(tmp_path / "state.duckdb"), read_only=True) as con:
        rows = con.execute("select url, kind, reason from failures").fetchall()
    assert {(url, reason) for url, _, reason in rows} == {
        (f.url, f.reason) for f in report.failures
    }


def test_robots_txt_is_obeyed_and_every_request_says_who_it_is(
    site: Site, sources_file: Path, tmp_path: Path
) -> None:
    _fetch(sources_file, tmp_path)

    asked = [(host, path) for host, path, _ in site.requests]
    assert (WARTA, "/rahasia/rapat-internal") not in asked
    assert asked.index((WARTA, "/robots.txt")) < asked.index((WARTA, "/rss.xml"))
    assert asked.count((WARTA, "/robots.txt")) == 1  # once per host and run
    assert {agent for _, _, agent in site.requests} == {Politeness().user_agent}


def test_a_page_is_downloaded_once_and_a_changed_page_becomes_a_new_version(
    site: Site, sources_file: Path, tmp_path: Path
) -> None:
    _fetch(sources_file, tmp_path)
    first_requests = len(site.requests)
    site.edition = 2  # the page's text changes, and its feed entry says so

    again = _fetch(sources_file, tmp_path, now=LATER)

    asked_again = {path for _, path, _ in site.requests[first_requests:]}
    # Only the changed page, the feeds and sitemaps, and what may pass by itself (500, slow).
    assert asked_again == {
        "/robots.txt", "/rss.xml", "/sitemap.xml", "/sitemap-1.xml", "/atom.xml",
        CHANGING, "/berita/rusak", "/berita/lambat",
    }  # fmt: skip
    assert again.raw_file is not None
    (changed,) = _records(again.raw_file)
    assert changed["version"] == 2
    assert "64 orang" in str(changed["text"])
    assert again.new_versions == 1
    # For ingest both versions are articles of the same URL, neither a duplicate.
    read = read_inputs([tmp_path / "raw"], base=tmp_path / "raw")
    versions = [a for a in read.articles if a.url and a.url.endswith(CHANGING)]
    assert len(versions) == 2
    assert not [p for p in read.problems if "duplicate" in p.reason]

    # A third fetch, with --refresh: every kept page asked again; the same text is not written.
    third = fetch_sources(
        load_sources(sources_file),
        tmp_path / "raw",
        tmp_path / "state.duckdb",
        refresh=True,
        now=datetime(2026, 11, 24, 12),
    )
    assert third.articles_written == 0
    assert third.raw_file is None
    assert third.unchanged == len(KEPT)


def test_a_lost_state_is_made_again_from_raw_fetched(
    site: Site, sources_file: Path, tmp_path: Path
) -> None:
    _fetch(sources_file, tmp_path)
    (tmp_path / "state.duckdb").unlink()
    before = len(site.requests)

    again = _fetch(sources_file, tmp_path, now=LATER)

    assert again.articles_written == 0
    asked = {path for _, path, _ in site.requests[before:]}
    assert "/berita/ikm-batik-sleman" not in asked
    assert "/berita/hilang" in asked  # failures are not in raw/: asked again


def test_a_second_fetch_on_the_same_state_is_refused(
    site: Site, sources_file: Path, tmp_path: Path
) -> None:
    import fcntl

    state = tmp_path / "state.duckdb"
    with (tmp_path / "state.duckdb.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(FetchError, match="another ikm fetch is running"):
            fetch_sources(load_sources(sources_file), tmp_path / "raw", state)
    assert not state.exists()


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def test_one_host_is_asked_at_most_every_host_interval(site: Site) -> None:
    clock = FakeClock()
    client = Client(Politeness(host_interval=5, timeout=2), clock=clock, sleep=clock.sleep)
    warta = site.base(WARTA)

    for path in ("/berita/kopi-gayo", "/berita/gerabah-kasongan"):
        assert isinstance(client.get(warta + path), Response)
    assert isinstance(client.get(site.base(KABAR) + CHANGING), Response)

    # Warta: robots.txt, then a page five seconds later, then another. Kabar: its robots.txt
    # (404: everything may be fetched) waits for no other host, its page for it.
    assert clock.sleeps == [5.0, 5.0, 5.0]


def test_retries_back_off_and_then_succeed(site: Site) -> None:
    clock = FakeClock()
    client = Client(
        Politeness(retries=2, backoff=0.5, host_interval=0, timeout=2),
        clock=clock,
        sleep=clock.sleep,
    )

    answer = client.get(site.base(WARTA) + "/berita/goyah")  # 503, 503, then the page

    assert isinstance(answer, Response) and answer.status == 200
    assert clock.sleeps == [0.5, 1.0]


def test_retry_after_is_waited_for(site: Site) -> None:
    clock = FakeClock()
    client = Client(
        Politeness(retries=1, backoff=0.5, host_interval=0, timeout=2),
        clock=clock,
        sleep=clock.sleep,
    )

    answer = client.get(site.base(WARTA) + "/berita/antre")  # 429, Retry-After: 3, the page

    assert isinstance(answer, Response) and answer.status == 200
    assert clock.sleeps == [3.0]


def test_a_moved_robots_txt_is_followed_and_its_crawl_delay_kept(site: Site) -> None:
    clock = FakeClock()
    client = Client(Politeness(host_interval=1, timeout=2), clock=clock, sleep=clock.sleep)
    pindah = site.base(PINDAH)

    closed = client.get(pindah + "/tertutup/catatan")
    first = client.get(pindah + "/buka/satu")
    second = client.get(pindah + "/buka/dua")

    assert isinstance(closed, Failure) and closed.reason == "disallowed by robots.txt"
    assert isinstance(first, Response) and isinstance(second, Response)
    assert (PINDAH, "/tertutup/catatan") not in {r[:2] for r in site.requests}
    # /robots.txt, then (1 s later) /aturan/robots.txt, then each page 7 s after the last.
    assert clock.sleeps == [1.0, 7.0, 7.0]


def test_without_retries_a_503_is_recorded(site: Site) -> None:
    client = Client(Politeness(retries=0, host_interval=0, timeout=2))

    answer = client.get(site.base(WARTA) + "/berita/goyah")

    assert isinstance(answer, Failure)
    assert (answer.kind, answer.reason, answer.attempts) == (
        "http 5xx",
        "HTTP 503 Service Unavailable",
        1,
    )
    assert answer.transient


def test_a_huge_page_is_not_read_past_the_limit(site: Site) -> None:
    client = Client(Politeness(host_interval=0, timeout=2, max_bytes=1_000_000))

    answer = client.get(site.base(WARTA) + "/berita/raksasa")

    assert isinstance(answer, Failure) and answer.reason == "too large: over 1 MB"


def test_sources_pages_are_keyed_without_fragments(site: Site, tmp_path: Path) -> None:
    warta = site.base(WARTA)
    path = tmp_path / "sources.yml"
    path.write_text(
        "fetch: {host_interval: 0, timeout: 2}\n"
        "outlets:\n  - name: Warta Contoh\n"
        f"    urls: ['{warta}/berita/kopi-gayo#komentar', '{warta}/berita/kopi-gayo']\n",
        encoding="utf-8",
    )
    report = fetch_sources(load_sources(path), tmp_path / "raw", tmp_path / "state.duckdb")
    assert report.urls_found == 1
    assert report.articles_written == 1
