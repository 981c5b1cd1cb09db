"""Reading raw inputs: every format, and every kind of bad input recorded with its reason."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ikm_warehouse import ingest
from ikm_warehouse.ingest import InputProblem, article_id, read_inputs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bad"

# Articles written for these tests.
ARTICLE = (
    "PALU - Kementerian Perindustrian menggelar bimbingan teknis bagi 80 penjahit di Kota Palu. "
    "Kegiatan ini diharapkan dapat meningkatkan mutu produk sandang yang dibuat oleh industri "
    "kecil dan menengah di Sulawesi Tengah, kata kepala dinas setempat pada Senin (9/11)."
)
OTHER_ARTICLE = (
    "Sebanyak 1.250 unit usaha industri kecil di Kabupaten Sigi telah mendapat bantuan "
    "peralatan dari pemerintah. Bantuan itu akan diteruskan tahun depan dengan anggaran "
    "yang lebih besar untuk sentra tenun dan anyaman."
)
ENGLISH = (
    "The Ministry of Industry held a technical training for 80 tailors in Palu. The event is "
    "part of a program that aims to improve the quality of garments made by small firms in "
    "the province, and it will be repeated next year."
)
PAGE = """<html><head><title>Penjahit Palu Ikut Bimtek | Kabar Sulteng</title>
<meta property="og:site_name" content="Kabar Sulteng">
<link rel="canonical" href="https://kabar.example/ekonomi/penjahit-palu">
<meta property="article:published_time" content="2020-11-09T08:00:00+08:00">
</head><body>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/ekonomi">Ekonomi</a></li></ul></nav>
<article><p>{body}</p><p>{more}</p></article>
<footer>Bagikan: Facebook Twitter WhatsApp</footer>
</body></html>"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def problems_by_path(problems: tuple[InputProblem, ...]) -> dict[str, list[InputProblem]]:
    found: dict[str, list[InputProblem]] = {}
    for problem in problems:
        found.setdefault(problem.source_path, []).append(problem)
    return found


def test_txt_article_is_read_with_its_file_name(tmp_path: Path) -> None:
    write(tmp_path, "2020/palu.txt", ARTICLE)
    result = read_inputs([tmp_path])
    assert result.problems == ()
    (article,) = result.articles
    assert article.doc == "palu.txt"
    assert article.source_path == "2020/palu.txt"
    assert article.source_format == "txt"
    assert article.source_line is None
    assert article.text == ARTICLE
    assert article.article_id == article_id(ARTICLE)


def test_article_id_ignores_spacing_and_case_only() -> None:
    assert article_id(ARTICLE) == article_id("  " + ARTICLE.upper().replace(" ", " \n "))
    assert article_id(ARTICLE) != article_id(OTHER_ARTICLE)
    assert article_id(ARTICLE) != article_id(ARTICLE.replace("80", "81"))
    assert len(article_id(ARTICLE)) == 16
    int(article_id(ARTICLE), 16)  # hexadecimal


def test_base_makes_paths_relative_to_it(tmp_path: Path) -> None:
    write(tmp_path, "raw/a/palu.txt", ARTICLE)
    result = read_inputs([tmp_path / "raw" / "a"], base=tmp_path)
    assert [a.source_path for a in result.articles] == ["raw/a/palu.txt"]
    alone = read_inputs([tmp_path / "raw" / "a" / "palu.txt"])
    assert [a.source_path for a in alone.articles] == ["palu.txt"]


def test_files_are_read_in_a_stable_order(tmp_path: Path) -> None:
    texts = {"b/2.txt": ARTICLE, "a.txt": OTHER_ARTICLE, "b/1.txt": ARTICLE + " Tambahan."}
    for name, text in texts.items():
        write(tmp_path, name, text)
    result = read_inputs([tmp_path])
    assert [a.source_path for a in result.articles] == ["a.txt", "b/1.txt", "b/2.txt"]


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    (article,) = read_inputs([tmp_path]).articles
    assert article.text == ARTICLE


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read_with_a_warning(
    tmp_path: Path, codec: str
) -> None:
    # Windows' Notepad saves "Unicode" as UTF-16 LE with a mark: NUL bytes, yet a readable text.
    write(tmp_path, "unicode.txt", "\ufeff".encode(codec) + ARTICLE.encode(codec))
    result = read_inputs([tmp_path])
    (article,) = result.articles
    assert article.text == ARTICLE
    name = codec[:6].upper()
    reason = f"not UTF-8; read as {name} (byte order mark)"
    assert result.problems == (InputProblem("unicode.txt", None, reason, False),)


def test_utf16_without_a_byte_order_mark_is_still_binary(tmp_path: Path) -> None:
    write(tmp_path, "tanpa_bom.txt", ARTICLE.encode("utf-16-le"))
    (problem,) = read_inputs([tmp_path]).problems
    assert (problem.reason, problem.rejected) == ("binary file (NUL bytes)", True)


def test_cp1252_is_read_with_a_warning(tmp_path: Path) -> None:
    text = ARTICLE.replace("Kementerian", "\u201cKementerian") + "\u201d"
    write(tmp_path, "lama.txt", text.encode("cp1252"))
    result = read_inputs([tmp_path])
    (article,) = result.articles
    assert article.text == text
    assert result.problems == (InputProblem("lama.txt", None, "not UTF-8; read as cp1252", False),)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16]) * 50, "binary file"),
        (ENGLISH.encode(), "not Indonesian (looks like English)"),
    ],
    ids=["empty", "whitespace", "png", "control-bytes", "english"],
)
def test_unreadable_txt_is_rejected(tmp_path: Path, content: bytes, reason: str) -> None:
    write(tmp_path, "bad.txt", content)
    write(tmp_path, "good.txt", ARTICLE)
    result = read_inputs([tmp_path])
    assert [a.doc for a in result.articles] == ["good.txt"]
    (problem,) = result.problems
    assert problem.source_path == "bad.txt"
    assert problem.rejected
    assert problem.reason.startswith(reason)


def test_indonesian_article_quoting_english_is_kept(tmp_path: Path) -> None:
    write(tmp_path, "kutipan.txt", ARTICLE + ' Ia menyebutnya "a good start for the year".')
    assert len(read_inputs([tmp_path]).articles) == 1


def test_huge_text_is_cut_with_a_warning(tmp_path: Path) -> None:
    paragraph = ARTICLE + "\n"
    repeats = ingest.MAX_TEXT_BYTES // len(paragraph.encode()) + 100
    write(tmp_path, "besar.txt", paragraph * repeats)
    result = read_inputs([tmp_path])
    (article,) = result.articles
    assert len(article.text.encode("utf-8")) <= ingest.MAX_TEXT_BYTES
    assert article.text.startswith(ARTICLE)
    assert result.problems == (
        InputProblem("besar.txt", None, "cut at 5 MB", False),
        InputProblem("besar.txt", None, "text cut at 200,000 characters for extraction", False),
    )


def test_text_cut_for_extraction_is_a_warning(tmp_path: Path) -> None:
    write(
        tmp_path,
        "panjang.txt",
        " ".join([ARTICLE] * (ingest.MAX_EXTRACT_CHARS // len(ARTICLE) + 1)),
    )
    write(tmp_path, "pendek.txt", OTHER_ARTICLE)
    result = read_inputs([tmp_path])
    assert len(result.articles) == 2  # read whole: only extraction reads the first 200,000
    assert result.problems == (
        InputProblem("panjang.txt", None, "text cut at 200,000 characters for extraction", False),
    )


def test_jsonl_reads_good_lines_and_rejects_bad_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "url": "https://kabar.example/a",
                "title": "Penjahit Palu",
                "published": "2020-11-09",
                "source": "Kabar Sulteng",
                "text": ARTICLE,
            }
        ),
        "{not json",
        "",  # blank lines are not articles and not problems
        json.dumps([ARTICLE]),
        json.dumps({"url": "https://kabar.example/b"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": OTHER_ARTICLE, "url": "https://news.example/sigi?id=3"}),
        json.dumps({"text": ARTICLE + " Diperbarui."}),
    ]
    write(tmp_path, "feed/kabar.jsonl", "\n".join(lines) + "\n")
    result = read_inputs([tmp_path])
    first, second, third = result.articles
    assert (first.doc, first.source_line, first.source_format) == (
        "https://kabar.example/a",
        1,
        "jsonl",
    )
    assert (first.title, first.published_metadata, first.outlet) == (
        "Penjahit Palu",
        "2020-11-09",
        "Kabar Sulteng",
    )
    assert second.outlet == "news.example"  # the url's host when there is no `source`
    assert third.doc == "kabar.jsonl:8"
    assert third.url is None
    rejected = {(p.source_line, p.reason.split(" (")[0]) for p in result.problems}
    assert rejected == {(2, "not JSON"), (4, "not a JSON object"), (5, "no text"), (6, "no text")}
    assert all(p.rejected and p.source_path == "feed/kabar.jsonl" for p in result.problems)


def test_jsonl_english_line_is_rejected_alone(tmp_path: Path) -> None:
    lines = [json.dumps({"text": ENGLISH}), json.dumps({"text": ARTICLE})]
    write(tmp_path, "campur.jsonl", "\n".join(lines))
    result = read_inputs([tmp_path])
    assert [a.source_line for a in result.articles] == [2]
    assert result.problems == (
        InputProblem("campur.jsonl", 1, "not Indonesian (looks like English)", True),
    )


def test_html_gives_main_text_and_metadata(tmp_path: Path) -> None:
    write(tmp_path, "halaman.html", PAGE.format(body=ARTICLE, more=OTHER_ARTICLE))
    result = read_inputs([tmp_path])
    assert result.problems == ()
    (article,) = result.articles
    assert article.doc == "halaman.html"
    assert article.source_format == "html"
    assert article.url == "https://kabar.example/ekonomi/penjahit-palu"
    assert article.outlet == "Kabar Sulteng"
    assert article.published_metadata == "2020-11-09"
    assert article.title == "Penjahit Palu Ikut Bimtek"
    # The headline first (the page body had none), then the body without menus and widgets.
    assert article.text.split("\n")[0] == "Penjahit Palu Ikut Bimtek"
    assert ARTICLE in article.text
    assert OTHER_ARTICLE in article.text
    assert "Beranda" not in article.text
    assert "WhatsApp" not in article.text


def test_html_headline_is_not_repeated(tmp_path: Path) -> None:
    page = PAGE.replace("<article>", "<article><h1>Penjahit Palu Ikut Bimtek</h1>")
    write(tmp_path, "h1.htm", page.format(body=ARTICLE, more=OTHER_ARTICLE))
    (article,) = read_inputs([tmp_path]).articles
    assert article.text.count("Penjahit Palu Ikut Bimtek") == 1


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Beranda</title></head><body><nav>Menu</nav></body></html>",
        "<html><body>   </body></html>",
    ],
    ids=["menu-only", "blank-body"],
)
def test_html_without_article_is_rejected(tmp_path: Path, page: str) -> None:
    write(tmp_path, "kosong.html", page)
    result = read_inputs([tmp_path])
    assert result.articles == ()
    assert result.problems == (InputProblem("kosong.html", None, "no article text found", True),)


def test_same_article_twice_is_kept_once(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", ARTICLE.replace(" ", "  ") + "\n")
    write(tmp_path, "c.jsonl", json.dumps({"text": ARTICLE.lower()}))
    result = read_inputs([tmp_path])
    assert [a.doc for a in result.articles] == ["a.txt"]
    assert result.problems == (
        InputProblem("b.txt", None, "duplicate of a.txt", False),
        InputProblem("c.jsonl", 1, "duplicate of a.txt", False),
    )


def test_other_files_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "README.md", "# Artikel")
    write(tmp_path, ".gitkeep", "")
    write(tmp_path, "catatan.docx", b"PK\x03\x04")
    write(tmp_path, ".git/objects/x.txt", ARTICLE)  # hidden folders are not inputs
    write(tmp_path, "palu.txt", ARTICLE)
    result = read_inputs([tmp_path])
    assert [a.doc for a in result.articles] == ["palu.txt"]
    assert result.problems == (InputProblem("catatan.docx", None, "unsupported file type", False),)


def test_missing_path_is_reported(tmp_path: Path) -> None:
    result = read_inputs([tmp_path / "tidak_ada"], base=tmp_path)
    assert result.articles == ()
    assert result.problems == (InputProblem("tidak_ada", None, "no such file or folder", True),)


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="no tests/fixtures/bad folder")
@pytest.mark.parametrize(
    ("name", "reason", "rejected"),
    [
        ("binary.txt", "binary file", True),
        ("empty.txt", "empty", True),
        ("cp1252.txt", "not UTF-8; read as cp1252", False),
        ("english.txt", "not Indonesian", True),
        ("whitespace.html", "", True),
    ],
)
def test_bad_fixture_files(name: str, reason: str, rejected: bool) -> None:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"fixture {name} not written yet")
    result = read_inputs([path])
    problem = next(p for p in result.problems if p.source_path == name)
    assert problem.reason.startswith(reason)
    assert problem.rejected is rejected
    assert bool(result.articles) is not rejected


@pytest.mark.skipif(not (FIXTURES / "broken.jsonl").is_file(), reason="no broken.jsonl fixture")
def test_broken_jsonl_fixture() -> None:
    result = read_inputs([FIXTURES / "broken.jsonl"])
    rejected = [p for p in result.problems if p.rejected]
    assert rejected, "broken.jsonl should hold at least one bad line"
    assert all(p.source_line is not None and p.source_path == "broken.jsonl" for p in rejected)


# --- reading again: files as recorded by the last read --------------------------------------------

LONG_AGO_NS = 1_600_000_000_000_000_000  # 2020-09-13: long before any read


def records_of(result: ingest.IngestResult) -> dict[str, ingest.FileRecord]:
    return {f.record.source_path: f.record for f in result.files}


def statuses(result: ingest.IngestResult) -> dict[str, str]:
    return {f.record.source_path: f.status for f in result.files}


def test_files_are_recorded_as_read(tmp_path: Path) -> None:
    palu = write(tmp_path, "palu.txt", ARTICLE)
    write(tmp_path, "kosong.txt", "\n")
    write(tmp_path, "catatan.docx", b"PK\x03\x04")  # not an article file: no record
    result = read_inputs([tmp_path])
    assert statuses(result) == {"kosong.txt": "read", "palu.txt": "read"}
    record = records_of(result)["palu.txt"]
    assert (record.size, record.mtime_ns) == (palu.stat().st_size, palu.stat().st_mtime_ns)
    assert (record.articles, record.rejected) == (1, False)
    assert records_of(result)["kosong.txt"].rejected is True


def test_a_file_as_recorded_is_not_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    palu = write(tmp_path, "palu.txt", ARTICLE)
    os.utime(palu, ns=(LONG_AGO_NS, LONG_AGO_NS))
    previous = records_of(read_inputs([tmp_path]))

    def unreadable(self: Path) -> bytes:
        raise AssertionError(f"{self} was opened")

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    result = read_inputs([tmp_path], previous=previous)
    assert (result.articles, result.problems) == ((), ())
    assert statuses(result) == {"palu.txt": "unchanged"}
    assert records_of(result) == previous


def test_a_file_modified_just_before_its_read_is_hashed_next_time(tmp_path: Path) -> None:
    # Written and read within the same mtime tick, a file can change again without its size or
    # mtime changing: only its bytes tell.
    palu = write(tmp_path, "palu.txt", ARTICLE)
    previous = records_of(read_inputs([tmp_path]))
    mtime = palu.stat().st_mtime_ns
    palu.write_text(ARTICLE.replace("80", "95"), encoding="utf-8")
    os.utime(palu, ns=(mtime, mtime))
    result = read_inputs([tmp_path], previous=previous)
    assert statuses(result) == {"palu.txt": "read"}
    assert [a.text for a in result.articles] == [ARTICLE.replace("80", "95")]


def test_a_file_with_the_recorded_bytes_is_not_parsed(tmp_path: Path) -> None:
    palu = write(tmp_path, "palu.txt", ARTICLE)
    previous = records_of(read_inputs([tmp_path]))
    later = palu.stat().st_mtime_ns + 10**9
    os.utime(palu, ns=(later, later))
    result = read_inputs([tmp_path], previous=previous)
    assert (result.articles, result.problems) == ((), ())
    assert statuses(result) == {"palu.txt": "same content"}
    record = records_of(result)["palu.txt"]
    assert (record.mtime_ns, record.sha256, record.articles) == (
        later,
        previous["palu.txt"].sha256,
        1,
    )
    assert record.read_at > previous["palu.txt"].read_at


# --- entries that cannot be read: each rejected with its reason, the run goes on ---------------


def test_a_symlink_loop_is_rejected_and_the_rest_read(tmp_path: Path) -> None:
    write(tmp_path, "palu.txt", ARTICLE)
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").symlink_to("b.txt")
    (tmp_path / "sub" / "b.txt").symlink_to("a.txt")
    result = read_inputs([tmp_path])
    assert [a.doc for a in result.articles] == ["palu.txt"]
    assert result.problems == (
        InputProblem("loop.txt", None, "symlink loop", True),
        InputProblem("sub/a.txt", None, "symlink loop", True),
        InputProblem("sub/b.txt", None, "symlink loop", True),
    )


def test_a_symlink_loop_given_by_name_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    result = read_inputs([tmp_path / "loop.txt"])
    assert result.problems == (InputProblem("loop.txt", None, "symlink loop", True),)


def test_unreadable_entries_are_rejected_each_with_its_reason(tmp_path: Path) -> None:
    write(tmp_path, "palu.txt", ARTICLE)
    (tmp_path / "hilang.txt").symlink_to("tidak_ada.txt")
    (tmp_path / "folder.txt").symlink_to(tmp_path / "sub", target_is_directory=True)
    write(tmp_path, "sub/sigi.txt", OTHER_ARTICLE)
    os.mkfifo(tmp_path / "pipa.txt")  # opening it would wait for a writer for ever
    result = read_inputs([tmp_path])
    assert [a.doc for a in result.articles] == ["palu.txt", "sigi.txt"]
    assert result.problems == (
        InputProblem("folder.txt", None, "link to a folder: not followed", True),
        InputProblem("hilang.txt", None, "dangling symlink (no tidak_ada.txt)", True),
        InputProblem("pipa.txt", None, "not a regular file (a named pipe)", True),
    )
    assert [f.record.source_path for f in result.files] == ["palu.txt", "sub/sigi.txt"]


def test_a_file_that_cannot_be_opened_is_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Permissions do not stop root, who runs CI: the refusal is made by hand.
    write(tmp_path, "palu.txt", ARTICLE)
    write(tmp_path, "rahasia.txt", OTHER_ARTICLE)
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "rahasia.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = read_inputs([tmp_path])
    assert [a.doc for a in result.articles] == ["palu.txt"]
    reason = "cannot read: Permission denied"
    assert result.problems == (InputProblem("rahasia.txt", None, reason, True),)


def test_a_folder_that_cannot_be_listed_is_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "palu.txt", ARTICLE)
    write(tmp_path, "tertutup/sigi.txt", OTHER_ARTICLE)
    scandir = os.scandir

    def refuse(path: str) -> object:
        if Path(path).name == "tertutup":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = read_inputs([tmp_path])
    assert [a.doc for a in result.articles] == ["palu.txt"]
    reason = "cannot list folder: Permission denied"
    assert result.problems == (InputProblem("tertutup", None, reason, True),)


# --- gzip: read decompressed, whatever the name ------------------------------------------------


def test_gzip_files_are_read_decompressed(tmp_path: Path) -> None:
    import gzip

    line = json.dumps({"url": "https://kabar.example/sigi", "text": OTHER_ARTICLE})
    write(tmp_path, "umpan.jsonl.gz", gzip.compress((line + "\n").encode()))
    write(tmp_path, "palu.txt.gz", gzip.compress(ARTICLE.encode()))
    result = read_inputs([tmp_path])
    assert [a.doc for a in result.articles] == ["palu.txt.gz", "https://kabar.example/sigi"]
    assert result.problems == ()


def test_gzip_bytes_in_a_txt_are_read_with_a_warning(tmp_path: Path) -> None:
    import gzip

    write(tmp_path, "palu.txt", gzip.compress(ARTICLE.encode()))
    result = read_inputs([tmp_path])
    assert [a.text for a in result.articles] == [ARTICLE]
    reason = "compressed (gzip) but not named .gz; read decompressed"
    assert result.problems == (InputProblem("palu.txt", None, reason, False),)


def test_bad_gzip_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    monkeypatch.setattr(ingest, "MAX_DECOMPRESSED_BYTES", 10_000)
    write(tmp_path, "rusak.txt.gz", gzip.compress(ARTICLE.encode())[:30])
    write(tmp_path, "bom.txt.gz", gzip.compress(b" " * 20_000))
    write(tmp_path, "arsip.gz", gzip.compress(ARTICLE.encode()))
    result = read_inputs([tmp_path])
    assert result.articles == ()
    assert [(p.source_path, p.reason, p.rejected) for p in result.problems] == [
        (
            "arsip.gz",
            "unsupported file type (compressed: gzip of neither .txt, .jsonl nor .html)",
            False,
        ),
        ("bom.txt.gz", "compressed (gzip): over 0 MB decompressed", True),
        ("rusak.txt.gz", "compressed (gzip) and damaged: cannot be decompressed", True),
    ]
