"""Two made-up news sites on one local HTTP server (127.0.0.1), for the ``ikm fetch`` tests.

The outlets, people, places' figures and every sentence were written for these tests; no real
article is copied. The sites answer under their host names (``warta.example.com``,
``kabar.example.org``, ``pindah.example.net``), which ``resolve_test_hosts`` sends to
127.0.0.1 (and every other name to a DNS failure), so a test never reaches outside the
machine.

``warta`` has an RSS feed, a sitemap index with one sitemap, a robots.txt that closes
``/rahasia/``, and every broken case: 404, 500, a page slower than the tests' timeout, a
redirect loop, a PNG, a NUL-filled "HTML" page, a 20 MB page, an English page, an
off-topic page, a page too old for the window. ``kabar`` has an Atom feed and no robots.txt
(404). ``pindah.example.net`` has a robots.txt moved by a 301 that asks for a Crawl-delay.
``Site.edition`` changes the text (and the feed date) of one ``kabar`` page.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

WARTA = "warta.example.com"
KABAR = "kabar.example.org"
PINDAH = "pindah.example.net"  # its robots.txt is moved (301), and asks for a Crawl-delay
SLOW_SECONDS = 1.5  # the slow page answers after this; the tests time out well before
BIG_BYTES = 20_000_000

NAV = """
<header><nav><ul><li><a href="/">Beranda</a></li><li><a href="/ekonomi">Ekonomi</a></li>
<li><a href="/daerah">Daerah</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav>
<div class="breadcrumb">Beranda &gt; Ekonomi &gt; Industri</div></header>
"""
FOOTER = """
<div class="share">Bagikan: Facebook Twitter WhatsApp Salin tautan</div>
<aside><h3>Baca juga</h3><ul><li><a href="/berita/lain-1">Harga cabai turun di pasar induk</a></li>
<li><a href="/berita/lain-2">Jadwal kapal pekan ini berubah</a></li></ul></aside>
<section class="comments"><h4>Komentar</h4><p>Mantap, semoga lancar terus usahanya.</p></section>
<footer><p>Tentang Kami | Redaksi | Pedoman Media Siber | Kontak</p>
<p>Hak cipta 2026 Warta Contoh. Seluruh hak dilindungi.</p></footer>
"""


def article_page(title: str, published: str, paragraphs: list[str]) -> bytes:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{title} | Warta Contoh</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}T08:30:00+07:00">
<meta name="author" content="Redaksi"></head>
<body>{NAV}
<main><article><h1>{title}</h1><div class="meta">Oleh Redaksi | Dibaca 1.204 kali</div>
<figure><img src="/foto.jpg"><figcaption>Foto: para perajin di lokasi (Dok. Warta)</figcaption>
</figure>
{body}
</article></main>{FOOTER}</body></html>""".encode()


# Each article gives figures that ikm_facts finds (a count with its unit, in a named place).
ARTICLES: dict[str, tuple[str, str, list[str]]] = {
    "/berita/ikm-batik-sleman": (
        "Perajin batik Sleman ikut pelatihan pewarna alam",
        "2026-11-20",
        [
            "SLEMAN - Dinas Perindustrian Kabupaten Sleman mencatat sebanyak 312 unit usaha "
            "IKM batik kini aktif berproduksi di wilayah itu, kata kepala dinas setempat, "
            "Jumat (20/11/2026).",
            "Menurut dia, pelatihan pewarna alam yang digelar bersama Kemenperin diikuti oleh "
            "45 perajin dari sejumlah kecamatan. Para peserta belajar mengolah daun indigo dan "
            "kulit kayu menjadi warna yang tahan lama.",
            "Ia berharap para perajin dapat menembus pasar ekspor dalam dua tahun ke depan.",
        ],
    ),
    "/berita/sentra-rotan-cirebon": (
        "Sentra rotan Cirebon serap ribuan pekerja",
        "2026-11-18",
        [
            "CIREBON - Sentra industri kecil rotan di Kabupaten Cirebon menyerap 2.150 orang "
            "tenaga kerja pada tahun ini, ujar pejabat dinas setempat, Rabu (18/11/2026).",
            "Ia menyebut permintaan kursi dan keranjang rotan dari luar negeri terus naik, "
            "sehingga para pengusaha menambah jam kerja di bengkel mereka.",
        ],
    ),
    "/berita/kopi-gayo": (
        "IKM kopi Gayo dapat bantuan mesin sangrai",
        "2026-11-15",
        [
            "TAKENGON - Kemenperin menyalurkan 12 unit mesin sangrai kepada kelompok IKM kopi "
            "di Kabupaten Aceh Tengah, kata seorang pejabat kementerian, Minggu (15/11/2026).",
            "Bantuan itu diharapkan dapat menaikkan mutu kopi yang dijual oleh para petani dan "
            "pengolah di dataran tinggi tersebut.",
        ],
    ),
    "/berita/pindah-tenun": (
        "Tenun ikat Sikka tampil di pameran",
        "2026-11-12",
        [
            "MAUMERE - Sebanyak 30 perajin tenun ikat dari Kabupaten Sikka ikut pameran "
            "produk IKM yang digelar di ibu kota provinsi, kata panitia, Kamis (12/11/2026).",
            "Menurut panitia, kain yang dibawa para perajin habis terjual pada hari kedua.",
        ],
    ),
    "/berita/gerabah-kasongan": (
        "Gerabah Kasongan bidik pasar hotel",
        "2026-11-10",
        [
            "BANTUL - Sebanyak 85 unit usaha IKM gerabah di Kabupaten Bantul mulai memasok "
            "pot dan hiasan untuk hotel di sejumlah kota, ujar ketua paguyuban perajin, "
            "Selasa (10/11/2026).",
            "Ia mengatakan pesanan dari hotel datang hampir setiap pekan sejak awal tahun.",
        ],
    ),
    "/rahasia/rapat-internal": (
        "Catatan rapat redaksi IKM",
        "2026-11-09",
        ["Halaman ini tidak boleh diambil oleh perayap karena robots.txt menutupnya untuk IKM."],
    ),
}
# Kept out by the filters, though they download fine.
OFF_TOPIC = (
    "/berita/sepak-bola",
    article_page(
        "Tim sepak bola kota menang tipis",
        "2026-11-19",
        [
            "Tim sepak bola kebanggaan kota itu menang tipis pada laga kandang semalam, dan para "
            "pendukung bernyanyi hingga larut malam di sekitar stadion yang penuh sesak.",
            "Pelatih mengatakan timnya masih harus memperbaiki lini belakang sebelum laga berikut.",
        ],
    ),
)
OLD_PAGE = (
    "/berita/arsip-2015",
    article_page(
        "IKM mebel dapat pelatihan desain",
        "2015-03-02",
        [
            "Sebanyak 20 perajin mebel IKM ikut pelatihan desain yang diadakan oleh dinas pada "
            "waktu itu, dan mereka belajar membuat gambar kerja yang rapi untuk pembeli.",
        ],
    ),
)
ENGLISH_PAGE = (
    "/berita/english",
    article_page(
        "Small industry in the spotlight",
        "2026-11-17",
        [
            "The ministry said that the number of small firms in the province has grown, and "
            "that it will keep training the owners of these firms in the coming years as it "
            "was promised by the officials who were there.",
        ],
    ),
)
# The page of kabar whose text changes between editions.
CHANGING = "/berita/anyaman-pandan"


def changing_page(edition: int) -> bytes:
    extra = (
        [
            "Pembaruan: jumlah perajin yang ikut program itu kini menjadi 64 orang, kata "
            "panitia kepada wartawan."
        ]
        if edition > 1
        else []
    )
    return article_page(
        "Anyaman pandan Tasikmalaya naik kelas",
        "2026-11-16",
        [
            "TASIKMALAYA - Sebanyak 58 perajin anyaman pandan dari Kabupaten Tasikmalaya ikut "
            "program pendampingan IKM tahun ini, kata panitia, Senin (16/11/2026).",
            "Para perajin belajar membuat tas dan dompet yang disukai pembeli di kota besar.",
            *extra,
        ],
    )


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><pubDate>{date}</pubDate>"
        f"<description>Ringkasan: {title}</description></item>"
        for path, title, date in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Warta Contoh</title><link>{base}/</link><description>Berita</description>"
        f"{entries}</channel></rss>"
    ).encode()


def atom(base: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f'<entry><title>{title}</title><link href="{base}{path}"/><id>{base}{path}</id>'
        f"<updated>{updated}</updated><published>2026-11-16T01:00:00Z</published></entry>"
        for path, title, updated in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Kabar Contoh</title><id>{base}/</id><updated>2026-11-21T00:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


def sitemap(urls: list[str]) -> bytes:
    locs = "".join(f"<url><loc>{u}</loc><lastmod>2026-11-20</lastmod></url>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    ).encode()


def sitemap_index(urls: list[str]) -> bytes:
    locs = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>'
    ).encode()


# The broken pages of warta, listed in its sitemap, and the reason each must get.
BROKEN = {
    "/berita/hilang": "HTTP 404 Not Found",
    "/berita/rusak": "HTTP 500 Internal Server Error",
    "/berita/lambat": "timeout",
    "/putar/satu": "redirect loop",
    "/foto/grafik.png": "not HTML (image/png)",
    "/berita/biner": "binary content",
    "/berita/raksasa": "too large",
    "/rahasia/rapat-internal": "disallowed by robots.txt",
}


@dataclass
class Site:
    """What the server answers, and what it was asked (path, host, user agent)."""

    port: int = 0
    edition: int = 1
    requests: list[tuple[str, str, str]] = field(default_factory=list)
    flaky_left: int = 2  # /berita/goyah answers 503 this many times, then the page

    def base(self, host: str) -> str:
        return f"http://{host}:{self.port}"

    def answer(self, host: str, path: str) -> tuple[int, dict[str, str], bytes | Callable[[], Any]]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if host == KABAR:
            return self._kabar(path, html)
        if host == PINDAH:
            return self._pindah(path, html)
        w = self.base(WARTA)
        if path == "/robots.txt":
            text = f"User-agent: *\nDisallow: /rahasia/\nSitemap: {w}/sitemap.xml\n"
            return 200, {"Content-Type": "text/plain"}, text.encode()
        if path == "/rss.xml":
            items = [
                ("/berita/ikm-batik-sleman", "Batik Sleman", "Fri, 20 Nov 2026 01:30:00 GMT"),
                ("/berita/sentra-rotan-cirebon", "Rotan", "Wed, 18 Nov 2026 02:00:00 GMT"),
                (OFF_TOPIC[0], "Sepak bola", "Thu, 19 Nov 2026 13:00:00 GMT"),
                (ENGLISH_PAGE[0], "English", "Tue, 17 Nov 2026 03:00:00 GMT"),
                (OLD_PAGE[0], "Arsip", "Mon, 02 Mar 2015 03:00:00 GMT"),
            ]
            return 200, {"Content-Type": "application/rss+xml"}, rss(w, items)
        if path == "/sitemap.xml":
            return 200, {"Content-Type": "application/xml"}, sitemap_index([f"{w}/sitemap-1.xml"])
        if path == "/sitemap-1.xml":
            urls = [f"{w}/berita/kopi-gayo", f"{w}/berita/gerabah-kasongan", f"{w}{OLD_PAGE[0]}"]
            urls += [f"{w}{p}" for p in BROKEN]
            return 200, {"Content-Type": "application/xml"}, sitemap(urls)
        if path in ARTICLES:
            return 200, html, article_page(*ARTICLES[path])
        for special in (OFF_TOPIC, OLD_PAGE, ENGLISH_PAGE):
            if path == special[0]:
                return 200, html, special[1]
        if path == "/berita/tenun-lama":
            return 301, {"Location": "/berita/pindah-tenun"}, b""
        if path == "/putar/satu":
            return 302, {"Location": f"{w}/putar/dua"}, b""
        if path == "/putar/dua":
            return 302, {"Location": "/putar/satu"}, b""
        if path == "/berita/rusak":
            return 500, html, b"<html><body>Galat server</body></html>"
        if path == "/berita/lambat":
            time.sleep(SLOW_SECONDS)
            return 200, html, article_page(*ARTICLES["/berita/kopi-gayo"])
        if path == "/foto/grafik.png":
            return 200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
        if path == "/berita/biner":
            return 200, html, b"\x00\x01\x02" * 3000
        if path == "/berita/raksasa":
            return 200, html, _big_page
        if path == "/berita/antre":  # too many requests: come back in 3 s, once
            if self.flaky_left > 0:
                self.flaky_left = 0
                return 429, {**html, "Retry-After": "3"}, b"<html><body>Antre</body></html>"
            return 200, html, article_page(*ARTICLES["/berita/kopi-gayo"])
        if path == "/berita/goyah":
            if self.flaky_left > 0:
                self.flaky_left -= 1
                return 503, html, b"<html><body>Sibuk</body></html>"
            return 200, html, article_page(*ARTICLES["/berita/kopi-gayo"])
        return 404, html, b"<html><body>Halaman tidak ditemukan</body></html>"

    def _pindah(self, path: str, html: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if path == "/robots.txt":
            return 301, {"Location": "/aturan/robots.txt"}, b""
        if path == "/aturan/robots.txt":
            text = "User-agent: *\nCrawl-delay: 7\nDisallow: /tertutup/\n"
            return 200, {"Content-Type": "text/plain"}, text.encode()
        if path.startswith("/buka/"):
            return 200, html, article_page(*ARTICLES["/berita/kopi-gayo"])
        return 404, html, b"<html><body>Tidak ada</body></html>"

    def _kabar(self, path: str, html: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        k = self.base(KABAR)
        if path == "/atom.xml":
            items = [(CHANGING, "Anyaman pandan", f"2026-11-{20 + self.edition}T05:00:00Z")]
            return 200, {"Content-Type": "application/atom+xml"}, atom(k, items)
        if path == CHANGING:
            return 200, html, changing_page(self.edition)
        return 404, html, b"<html><body>Tidak ada</body></html>"


def _big_page() -> Iterator[bytes]:
    """20 MB of a page, streamed without a length: the client must stop reading by itself."""
    yield b"<html><body><article>"
    chunk = b"<p>" + b"Kata demi kata mengisi halaman yang tidak ada habisnya. " * 1000 + b"</p>"
    for _ in range(BIG_BYTES // len(chunk)):
        yield chunk
    yield b"</article></body></html>"


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            host = (self.headers.get("Host") or "").split(":")[0]
            site.requests.append((host, self.path, self.headers.get("User-Agent") or ""))
            status, headers, body = site.answer(host, self.path.split("?")[0])
            # A client that gave up (timeout, size limit) closes the socket under us.
            with contextlib.suppress(ConnectionError, TimeoutError, OSError):
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if isinstance(body, bytes):
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for part in [body] if isinstance(body, bytes) else body():
                    self.wfile.write(part)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextlib.contextmanager
def serve() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


_real_getaddrinfo = socket.getaddrinfo


def resolve_test_hosts(host: Any, *args: Any, **kwargs: Any) -> Any:
    """``socket.getaddrinfo`` for the tests: the sites' names are 127.0.0.1, every other name
    (but 127.0.0.1 and localhost) fails as an unknown name would, without asking any DNS."""
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name in (WARTA, KABAR, PINDAH, "127.0.0.1", "localhost"):
        return _real_getaddrinfo("127.0.0.1", *args, **kwargs)
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
