"""Loading the raw layer of a temporary DuckDB warehouse: idempotent, versioned, problems kept."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

import ikm_facts
from ikm_facts.model import ArticleFacts
from ikm_warehouse import ingest, load, raw_tables
from ikm_warehouse.ingest import read_inputs

# Articles written for these tests.
PALU = (
    "PALU - Kementerian Perindustrian menggelar bimbingan teknis bagi 80 penjahit di Kota Palu "
    "pada Senin (9/11/2020). Kegiatan ini diharapkan meningkatkan mutu produk sandang yang "
    "dibuat oleh industri kecil dan menengah di Sulawesi Tengah, kata kepala dinas setempat."
)
SIGI = (
    "Sebanyak 1.250 unit usaha industri kecil di Kabupaten Sigi telah mendapat bantuan "
    "peralatan dari pemerintah pada tahun 2019. Bantuan itu akan diteruskan tahun depan dengan "
    "anggaran Rp2,5 miliar untuk sentra tenun dan anyaman."
)
RELEASE = (
    "Direktorat Jenderal Industri Kecil, Menengah dan Aneka menggelar pameran produk kerajinan "
    "di Jakarta yang diikuti oleh 45 pelaku usaha dari berbagai daerah. Pameran yang "
    "berlangsung selama lima hari ini mencatat transaksi yang lebih besar dibandingkan tahun "
    "sebelumnya, terutama untuk produk tenun, anyaman rotan dan perhiasan perak. Panitia "
    "berharap para perajin dapat memperluas pasar ke luar negeri melalui kerja sama dengan "
    "perwakilan dagang yang hadir pada hari terakhir pameran."
)
REPUBLISHED = "JAKARTA - Pameran kerajinan kembali digelar pekan ini.\n" + RELEASE.replace(
    "lima hari ini", "lima hari tersebut"
)


def write_raw(raw: Path) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "palu.txt").write_text(PALU, encoding="utf-8")
    (raw / "lama.txt").write_bytes(("\u201c" + SIGI + "\u201d").encode("cp1252"))
    (raw / "kosong.txt").write_text("  \n", encoding="utf-8")
    (raw / "gambar.txt").write_bytes(b"\x00\x01\x02binary")
    lines = [
        json.dumps({"url": "https://kabar.example/pameran", "text": RELEASE}),
        "{rusak",
        json.dumps({"url": "https://lain.example/pameran", "text": REPUBLISHED}),
    ]
    (raw / "umpan.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def load_raw(
    con: duckdb.DuckDBPyConnection, raw: Path
) -> tuple[load.IngestStats, load.ExtractStats]:
    ingest_stats = load.write_ingest(con, read_inputs([raw], base=raw))
    return ingest_stats, load.extract_pending(con)


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = load.connect(tmp_path / "gudang" / "ikm.duckdb")
    yield con
    con.close()


def test_connect_creates_the_file_and_the_raw_tables(tmp_path: Path) -> None:
    path = tmp_path / "baru" / "ikm.duckdb"
    con = load.connect(path)
    counts = load.table_counts(con)
    con.close()
    assert path.is_file()
    assert counts == {f"raw.{table}": 0 for table in load.RAW_TABLES}


def test_read_only_connect_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no warehouse at"):
        load.connect(tmp_path / "tidak_ada.duckdb", read_only=True)
    assert not (tmp_path / "tidak_ada.duckdb").exists()


def test_loading_twice_leaves_the_same_rows(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    raw = tmp_path / "raw"
    write_raw(raw)
    first_ingest, first_extract = load_raw(warehouse, raw)
    load.write_regions(warehouse)
    first = load.table_counts(warehouse)

    second_ingest, second_extract = load_raw(warehouse, raw)
    load.write_regions(warehouse)
    assert load.table_counts(warehouse) == first

    assert (first_ingest.articles_read, first_ingest.articles_new) == (4, 4)
    assert (second_ingest.articles_read, second_ingest.articles_new) == (4, 0)
    assert first_extract.articles_extracted == 4
    assert second_extract.articles_extracted == 0
    assert first["raw.articles"] == first["raw.extractions"] == 4
    assert first["raw.figures"] == first_extract.figures
    assert first["raw.regions"] > 500  # Indonesia, 38 provinces, 514 kabupaten/kota


def test_rejected_and_warned_inputs_are_recorded_with_reasons(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    raw = tmp_path / "raw"
    write_raw(raw)
    stats, _ = load_raw(warehouse, raw)
    rejected = warehouse.execute(
        "select source_path, source_line, reason from raw.rejected_inputs order by all"
    ).fetchall()
    assert [(path, line) for path, line, _ in rejected] == [
        ("gambar.txt", None),
        ("kosong.txt", None),
        ("umpan.jsonl", 2),
    ]
    reasons = [reason for _, _, reason in rejected]
    assert reasons[0].startswith("binary file")
    assert reasons[1] == "empty"
    assert reasons[2].startswith("not JSON")
    warnings = warehouse.execute("select source_path, reason from raw.input_warnings").fetchall()
    assert warnings == [("lama.txt", "not UTF-8; read as cp1252")]
    assert (stats.rejected, stats.warnings) == (3, 1)


def test_a_fixed_file_loses_its_old_problem(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    raw = tmp_path / "raw"
    write_raw(raw)
    load_raw(warehouse, raw)
    (raw / "kosong.txt").write_text(PALU.replace("80", "95"), encoding="utf-8")
    stats, extract_stats = load_raw(warehouse, raw)
    paths = warehouse.execute("select source_path from raw.rejected_inputs order by 1").fetchall()
    assert paths == [("gambar.txt",), ("umpan.jsonl",)]
    assert (stats.articles_new, extract_stats.articles_extracted) == (1, 1)


def test_articles_are_stored_as_read(tmp_path: Path, warehouse: duckdb.DuckDBPyConnection) -> None:
    raw = tmp_path / "raw"
    write_raw(raw)
    load_raw(warehouse, raw)
    rows = warehouse.execute(
        "select doc, source_path, source_format, source_line, outlet,"
        " text_length = length(raw_text) from raw.articles order by source_path, source_line"
    ).fetchall()
    assert rows == [
        ("lama.txt", "lama.txt", "txt", None, None, True),
        ("palu.txt", "palu.txt", "txt", None, None, True),
        ("https://kabar.example/pameran", "umpan.jsonl", "jsonl", 1, "kabar.example", True),
        ("https://lain.example/pameran", "umpan.jsonl", "jsonl", 3, "lain.example", True),
    ]


def test_a_new_extractor_version_re_extracts(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    raw = tmp_path / "raw"
    write_raw(raw)
    load_raw(warehouse, raw)
    before = load.table_counts(warehouse)
    stats = load.extract_pending(warehouse, "versi-uji")
    assert stats.articles_extracted == 4
    versions = warehouse.execute(
        "select distinct extractor_version from raw.extractions"
    ).fetchall()
    assert versions == [("versi-uji",)]
    assert load.table_counts(warehouse) == before  # rows replaced, not added
    # And back to the current version: everything again, once.
    assert load.extract_pending(warehouse).articles_extracted == 4
    assert load.extract_pending(warehouse).articles_extracted == 0


def test_figures_are_numbered_per_article(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    raw = tmp_path / "raw"
    write_raw(raw)
    load_raw(warehouse, raw)
    rows = warehouse.execute("select figure_id, article_id from raw.figures").fetchall()
    for figure_id, article_id in rows:
        prefix, ordinal = figure_id.rsplit(":", 1)
        assert prefix == article_id
        assert int(ordinal) >= 1
    assert len({figure_id for figure_id, _ in rows}) == len(rows)


def test_republished_release_shares_a_syndication_group(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    raw = tmp_path / "raw"
    write_raw(raw)
    load_raw(warehouse, raw)
    groups = dict(
        warehouse.execute(
            "select a.doc, e.syndication_group from raw.articles as a"
            " join raw.extractions as e using (article_id)"
        ).fetchall()
    )
    assert groups["https://kabar.example/pameran"] == groups["https://lain.example/pameran"]
    assert groups["palu.txt"] != groups["https://kabar.example/pameran"]
    assert groups["palu.txt"] != groups["lama.txt"]
    ids = dict(warehouse.execute("select doc, article_id from raw.articles").fetchall())
    assert groups["palu.txt"] == ids["palu.txt"]


def test_an_article_the_extractor_fails_on_stays_pending(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    write_raw(raw)
    load.write_ingest(warehouse, read_inputs([raw], base=raw))
    real = ikm_facts.extract_article

    def failing(text: str, doc: str, **kwargs: Any) -> ArticleFacts:
        if doc == "palu.txt":
            raise RuntimeError("aturan rusak")
        return real(text, doc, **kwargs)

    monkeypatch.setattr(ikm_facts, "extract_article", failing)
    stats = load.extract_pending(warehouse)
    assert stats.articles_extracted == 3
    assert stats.failures == (("palu.txt", "RuntimeError: aturan rusak"),)
    monkeypatch.setattr(ikm_facts, "extract_article", real)
    retry = load.extract_pending(warehouse)
    assert (retry.articles_extracted, retry.failures) == (1, ())


def test_period_bounds_fall_back_to_null(monkeypatch: pytest.MonkeyPatch) -> None:
    from ikm_facts import periods

    def unknown(period: str) -> tuple[date, date]:
        raise ValueError(period)

    monkeypatch.setattr(periods, "period_bounds", unknown)
    assert load._bounds("2018") == (None, None)
    assert load._bounds(None) == (None, None)
    monkeypatch.setattr(periods, "period_bounds", lambda p: (date(2018, 1, 1), date(2018, 12, 31)))
    assert load._bounds("2018") == (date(2018, 1, 1), date(2018, 12, 31))


def test_regions_have_parents_and_island_groups(warehouse: duckdb.DuckDBPyConnection) -> None:
    count = load.write_regions(warehouse)
    assert load.write_regions(warehouse) == count
    rows = warehouse.execute(
        "select region_code, region_level, parent_code, island_group from raw.regions"
    ).fetchall()
    assert len(rows) == count
    by_code = {code: (level, parent, island) for code, level, parent, island in rows}
    assert by_code["ID"] == ("country", None, "Indonesia")
    orphans = [c for c, (level, parent, _) in by_code.items() if level != "country" and not parent]
    assert orphans == []
    assert all(parent in by_code for _, parent, _ in by_code.values() if parent)


def _raw_rows(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[object, ...]]]:
    # Every raw table but the load times, which differ between runs.
    tables = {
        "extractions": "article_id, extractor_version, headline, clean_text, published, "
        "syndication_group, warnings",
        "figures": "* exclude (extracted_at)",
        "article_regions": "article_id, region_code",
        "article_programs": "article_id, program_code",
        "article_officials": "article_id, official_name, official_title",
    }
    return {
        table: sorted(con.execute(f"select {columns} from raw.{table}").fetchall(), key=repr)
        for table, columns in tables.items()
    }


def test_batches_of_any_size_write_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    write_raw(raw)
    results = []
    seen: list[tuple[int, int]] = []

    def record(done: int, total: int) -> None:
        seen.append((done, total))

    for size in (1, 2, load.EXTRACT_BATCH):
        monkeypatch.setattr(load, "EXTRACT_BATCH", size)
        con = load.connect(tmp_path / f"batch{size}.duckdb")
        seen.clear()
        load.write_ingest(con, read_inputs([raw], base=raw))
        load.extract_pending(con, progress=record)
        results.append(_raw_rows(con))
        con.close()
        # Progress is reported after each batch, up to every pending article.
        assert seen[-1] == (4, 4)
        assert len(seen) == -(-4 // size)
    assert results[0]["figures"]
    assert results[0] == results[1] == results[2]


def test_an_extraction_that_fails_to_finish_writes_nothing(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    write_raw(raw)
    load.write_ingest(warehouse, read_inputs([raw], base=raw))
    monkeypatch.setattr(load, "EXTRACT_BATCH", 1)

    def broken(con: duckdb.DuckDBPyConnection, *args: object) -> int:
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(load, "_update_syndication_groups", broken)
    with pytest.raises(RuntimeError, match="disk penuh"):
        load.extract_pending(warehouse)
    # Batches were written before the failure; none of them is visible after it.
    counts = load.table_counts(warehouse)
    assert counts["raw.extractions"] == counts["raw.figures"] == 0
    monkeypatch.undo()
    assert load.extract_pending(warehouse).articles_extracted == 4


def test_extraction_on_two_processes_writes_the_rows_of_one(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    # Enough articles for several chunks of work, so that both workers take some.
    for n in range(40):
        text = PALU.replace("80 penjahit", f"{80 + n} penjahit") if n % 2 else SIGI
        text = text.replace("2,5 miliar", f"{n},5 miliar").replace("1.250", f"1.{250 + n}")
        (raw / f"berita{n:02}.txt").write_text(text, encoding="utf-8")
    results = []
    for processes in (1, 2):
        con = load.connect(tmp_path / f"proses{processes}.duckdb")
        load.write_ingest(con, read_inputs([raw], base=raw))
        stats = load.extract_pending(con, processes=processes)
        assert (stats.articles_extracted, stats.failures) == (40, ())
        results.append(_raw_rows(con))
        con.close()
    assert len(results[0]["extractions"]) == 40
    assert results[0] == results[1]


# --- files unchanged since the last run ----------------------------------------------------------

# 2020-09-13 in nanoseconds: an mtime long before any read, so a read trusts it (ingest's
# MTIME_GRANULARITY); files written by a test are seconds old, and would be hashed instead.
LONG_AGO_NS = 1_600_000_000_000_000_000


def backdate(raw: Path, ns: int = LONG_AGO_NS) -> None:
    for file in raw.rglob("*"):
        os.utime(file, ns=(ns, ns))


def problem_rows(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "select 'rejected', source_path, source_line, reason from raw.rejected_inputs "
        "union all select 'warning', source_path, source_line, reason from raw.input_warnings "
        "order by all"
    ).fetchall()


def records(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[object, ...]]:
    rows = con.execute(
        "select source_path, size_bytes, mtime_ns, articles, rejected from raw.input_files"
    ).fetchall()
    return {row[0]: row[1:] for row in rows}


@pytest.fixture
def loaded(tmp_path: Path, warehouse: duckdb.DuckDBPyConnection) -> Path:
    """raw/ as write_raw makes it, read once into the warehouse, with settled mtimes."""
    raw = tmp_path / "raw"
    write_raw(raw)
    backdate(raw)
    first = load.ingest_folder(warehouse, raw)
    assert (first.files_read, first.files_unchanged, first.articles_new) == (5, 0, 4)
    return raw


def test_each_file_read_is_recorded_with_what_it_gave(
    loaded: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    size = (loaded / "palu.txt").stat().st_size
    assert records(warehouse) == {
        "gambar.txt": (9, LONG_AGO_NS, 0, True),
        "kosong.txt": (3, LONG_AGO_NS, 0, True),
        "lama.txt": ((loaded / "lama.txt").stat().st_size, LONG_AGO_NS, 1, False),
        "palu.txt": (size, LONG_AGO_NS, 1, False),
        "umpan.jsonl": ((loaded / "umpan.jsonl").stat().st_size, LONG_AGO_NS, 2, False),
    }
    (sha256,) = warehouse.execute(
        "select sha256 from raw.input_files where source_path = 'palu.txt'"
    ).fetchone()
    assert sha256 == hashlib.sha256((loaded / "palu.txt").read_bytes()).hexdigest()


def test_an_unchanged_file_is_not_read_again(
    loaded: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    problems = problem_rows(warehouse)
    # Bytes that would be rejected if they were read, behind the size and mtime of the article.
    palu = loaded / "palu.txt"
    palu.write_bytes(b"\x00" * palu.stat().st_size)
    backdate(loaded)

    stats = load.ingest_folder(warehouse, loaded)

    assert (stats.files_read, stats.files_unchanged, stats.articles_read) == (0, 5, 0)
    assert stats.articles_unchanged == 4
    assert problem_rows(warehouse) == problems  # palu.txt not rejected; the others kept
    docs = warehouse.execute("select doc from raw.articles where doc = 'palu.txt'").fetchall()
    assert docs == [("palu.txt",)]


def test_a_touched_file_is_hashed_not_parsed(
    loaded: Path, warehouse: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = LONG_AGO_NS + 86_400 * 10**9
    os.utime(loaded / "palu.txt", ns=(later, later))  # `touch`: same bytes, another mtime

    def no_parsing(*args: object) -> None:
        raise AssertionError("a file with the recorded content was parsed")

    monkeypatch.setattr(ingest, "_parse", no_parsing)
    stats = load.ingest_folder(warehouse, loaded)

    assert (stats.files_read, stats.files_unchanged) == (0, 5)
    # The record follows the file, so the next run need not hash it again.
    assert records(warehouse)["palu.txt"][1:] == (later, 1, False)


def test_an_edited_file_is_read_again(loaded: Path, warehouse: duckdb.DuckDBPyConnection) -> None:
    problems = problem_rows(warehouse)
    (loaded / "palu.txt").write_text(PALU.replace("80", "95"), encoding="utf-8")

    stats = load.ingest_folder(warehouse, loaded)

    assert (stats.files_read, stats.files_unchanged) == (1, 4)
    assert (stats.articles_read, stats.articles_new) == (1, 1)
    assert problem_rows(warehouse) == problems  # the unchanged files keep theirs
    texts = warehouse.execute("select raw_text from raw.articles where doc = 'palu.txt'").fetchall()
    assert sorted(texts) == sorted([(PALU,), (PALU.replace("80", "95"),)])  # facts: issue #9


def test_an_unchanged_rejected_file_keeps_its_rejection(
    loaded: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    before = problem_rows(warehouse)
    assert ("rejected", "gambar.txt", None) in [row[:3] for row in before]

    stats = load.ingest_folder(warehouse, loaded)

    assert (stats.files_read, stats.rejected, stats.warnings) == (0, 0, 0)
    assert problem_rows(warehouse) == before


def test_a_fixed_rejected_file_is_read_and_loses_its_rejection(
    loaded: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    (loaded / "kosong.txt").write_text(SIGI.replace("1.250", "1.300"), encoding="utf-8")

    stats = load.ingest_folder(warehouse, loaded)

    assert (stats.files_read, stats.articles_new) == (1, 1)
    rejected = warehouse.execute("select source_path from raw.rejected_inputs order by 1")
    assert rejected.fetchall() == [("gambar.txt",), ("umpan.jsonl",)]
    assert records(warehouse)["kosong.txt"][2:] == (1, False)


def test_reread_reads_every_file(loaded: Path, warehouse: duckdb.DuckDBPyConnection) -> None:
    counts = load.table_counts(warehouse)
    problems = problem_rows(warehouse)

    stats = load.ingest_folder(warehouse, loaded, reread=True)

    assert (stats.files_read, stats.files_unchanged, stats.articles_read) == (5, 0, 4)
    assert (stats.rejected, stats.warnings) == (3, 1)
    assert load.table_counts(warehouse) == counts
    assert problem_rows(warehouse) == problems


def test_a_gone_file_loses_its_record_not_its_article(
    loaded: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    (loaded / "palu.txt").unlink()
    (loaded / "gambar.txt").unlink()

    stats = load.ingest_folder(warehouse, loaded)

    assert (stats.files_read, stats.files_unchanged, stats.files_removed) == (0, 3, 2)
    assert sorted(records(warehouse)) == ["kosong.txt", "lama.txt", "umpan.jsonl"]
    # What follows from a file gone (its articles and facts, its problems) is issue #9's.
    assert load.table_counts(warehouse)["raw.articles"] == 4


def test_a_copy_of_an_article_in_an_unchanged_file_is_a_duplicate(
    loaded: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    (loaded / "salinan.txt").write_text(PALU, encoding="utf-8")

    stats = load.ingest_folder(warehouse, loaded)

    assert (stats.files_read, stats.articles_read, stats.warnings) == (1, 0, 1)
    warned = warehouse.execute(
        "select reason from raw.input_warnings where source_path = 'salinan.txt'"
    ).fetchall()
    assert warned == [("duplicate of palu.txt",)]  # as when both files are read together
    assert records(warehouse)["salinan.txt"][2:] == (1, False)


def test_a_crash_during_the_ingest_leaves_the_files_to_be_read_again(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    write_raw(raw)
    backdate(raw)
    real = load.insert_rows

    def crash_on_the_last_table(
        con: duckdb.DuckDBPyConnection, table: raw_tables.RawTable, rows: Any
    ) -> int:
        if table is raw_tables.INPUT_WARNINGS:
            raise RuntimeError("listrik padam")
        return real(con, table, rows)

    monkeypatch.setattr(load, "insert_rows", crash_on_the_last_table)
    with pytest.raises(RuntimeError, match="listrik padam"):
        load.ingest_folder(warehouse, raw)
    counts = load.table_counts(warehouse)
    assert counts["raw.input_files"] == counts["raw.articles"] == 0
    monkeypatch.undo()

    stats = load.ingest_folder(warehouse, raw)

    assert (stats.files_read, stats.articles_new) == (5, 4)
    assert len(problem_rows(warehouse)) == 4


def test_bad_entries_are_recorded_and_the_good_read_again_incrementally(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    # One symlink loop once made the whole run fail, with none of the good articles ingested.
    raw = tmp_path / "raw"
    write_raw(raw)
    notepad = "\ufeff" + PALU.replace("80 penjahit", "85 penjahit")
    (raw / "unicode.txt").write_bytes(notepad.encode("utf-16-le"))
    (raw / "panjang.txt").write_text(" ".join([SIGI] * 1000), encoding="utf-8")
    backdate(raw)
    (raw / "loop.txt").symlink_to("loop.txt")
    (raw / "hilang.txt").symlink_to("tidak_ada.txt")

    first = load.ingest_folder(warehouse, raw)

    assert first.articles_new == 6
    rows = set(problem_rows(warehouse))
    assert {
        ("rejected", "hilang.txt", None, "dangling symlink (no tidak_ada.txt)"),
        ("rejected", "loop.txt", None, "symlink loop"),
        ("warning", "panjang.txt", None, "text cut at 200,000 characters for extraction"),
        ("warning", "unicode.txt", None, "not UTF-8; read as UTF-16 (byte order mark)"),
    } <= rows
    assert "loop.txt" not in records(warehouse)  # tried again by the next run

    again = load.ingest_folder(warehouse, raw)

    assert (again.files_read, again.files_unchanged) == (0, 7)
    assert set(problem_rows(warehouse)) == rows


def test_no_publication_date_after_the_article_was_read(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read on Friday 4 December 2026; "Senin (7/12)" in a story of 2026 would be three days on.
    monkeypatch.setattr(load, "_now", lambda: datetime(2026, 12, 4, 10, 0))
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "palu.txt").write_text(
        PALU.replace("pada Senin (9/11/2020)", "pada 2026")
        + " Bimtek ditutup Senin (7/12), kata Arief.",
        encoding="utf-8",
    )
    load_raw(warehouse, raw)
    rows = warehouse.execute(
        "select e.published, a.ingested_at from raw.extractions as e"
        " join raw.articles as a using (article_id)"
    ).fetchall()
    assert rows == [(date(2020, 12, 7), datetime(2026, 12, 4, 10, 0))]
