"""The local news sites of ``fetch_site``, and no name resolved outside them."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fetch_site import KABAR, WARTA, Site, resolve_test_hosts, serve

# Short limits, so that the slow page and the retries cost well under a second.
POLITENESS = """
fetch:
  timeout: 0.3
  download_seconds: 5
  retries: 1
  backoff: 0.01
  host_interval: 0
"""


@pytest.fixture(autouse=True)
def only_test_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", resolve_test_hosts)


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as running:
        yield running


def sources_yml(site: Site) -> str:
    warta, kabar = site.base(WARTA), site.base(KABAR)
    return f"""
filters:
  keywords: [IKM, industri kecil, Kemenperin]
  since: 2020-01-01
{POLITENESS}
outlets:
  - name: Warta Contoh
    feeds: [{warta}/rss.xml]
    sitemaps: [{warta}/sitemap.xml]
    urls:
      - {warta}/berita/tenun-lama
      - http://hilang.invalid/berita/apa-saja
      - {warta}/berita/ikm-batik-sleman
  - name: Kabar Contoh
    feeds: [{kabar}/atom.xml]
"""


@pytest.fixture
def sources_file(site: Site, tmp_path: Path) -> Path:
    path = tmp_path / "sources.yml"
    path.write_text(sources_yml(site), encoding="utf-8")
    return path
