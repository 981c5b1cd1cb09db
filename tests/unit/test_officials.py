"""Officials: people named with an office, under their fullest name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ikm_facts.model import Official
from ikm_facts.officials import find_officials

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds.jsonl"


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("“IKM tumbuh,” kata Gati Wibawaningsih, Direktur Jenderal IKMA Kemenperin, Jakarta, "
         "Rabu (21/8).", "Gati Wibawaningsih", "Direktur Jenderal IKMA Kemenperin"),
        ("Dirjen IKM Kemenperin, Gati Wibawaningsih, menegaskan pihaknya fokus.",
         "Gati Wibawaningsih", "Dirjen IKM Kemenperin"),
        ("kata Direktur IKM Logam, Mesin, Elektronika dan Alat Angkut (LMEA) Kementerian "
         "Perindustrian Dini Hanggandari, dalam keterangan.", "Dini Hanggandari",
         "Direktur IKM Logam, Mesin, Elektronika dan Alat Angkut Kemenperin"),
        ("kata Direktur Jenderal Industri Kecil, Menengah, dan Aneka (IKMA) Kemenperin, Gati "
         "Wibawaningsih di Jakarta.", "Gati Wibawaningsih", "Direktur Jenderal IKMA Kemenperin"),
        ("Kepala Bidang IKM Disperindag Sultra, La Ode Muhammad Rusdin Jaya pembinaan "
         "dilakukan.", "La Ode Muhammad Rusdin Jaya",
         "Kepala Bidang IKM Disperindag Sulawesi Tenggara"),
        ("kerja sama dengan Anggota DPR RI Komisi VII dari Daerah Pemilihan Maluku Mercy "
         "Chriesty Barends, bersama dinas.", "Mercy Chriesty Barends", "Anggota DPR RI Komisi VII"),
        ("Menperin Agus Gumiwang Kartasasmita mengatakan IKM tumbuh.",
         "Agus Gumiwang Kartasasmita", "Menperin"),
        ("Bupati Sigi Mohamad Irwan Lapatta menyerahkan bantuan.", "Mohamad Irwan Lapatta",
         "Bupati Sigi"),
        ("Wali Kota Kendari Sulkarnain Kadir membuka pameran.", "Sulkarnain Kadir",
         "Wali Kota Kendari"),
        ("ujar Plt. Kepala Disperindag Sulteng Hj. Siti Aminah kepada wartawan.", "Siti Aminah",
         "Plt. Kepala Disperindag Sulawesi Tengah"),
        ("kata Kepala Dinas Perindustrian Kota Palu, Dr. Ir. H. Budi Santoso, M.Si, di Palu.",
         "Budi Santoso", "Kepala Dinas Perindustrian Kota Palu"),
        ("Menurut Kepala Bidang IKM, Ibu Ratna Dewi, peserta 20 orang.", "Ratna Dewi",
         "Kepala Bidang IKM"),
        ("Gubernur Sulawesi Tengah Rusdy Mastura, mengatakan", "Rusdy Mastura",
         "Gubernur Sulawesi Tengah"),
        ("melalui Kepala Dinas Perindustrian setempat, Yohanes Don Bosco Parera, menyebut",
         "Yohanes Don Bosco Parera", "Kepala Dinas Perindustrian setempat"),
        ("Bupati Gorontalo Nelson Pomalingo mengatakan", "Nelson Pomalingo", "Bupati Gorontalo"),
        ("Wakil Bupati Malang Didik Gatot Subroto hadir.", "Didik Gatot Subroto",
         "Wakil Bupati Malang"),
        ("kata Gubernur Sultra Ali Mazi di Kendari.", "Ali Mazi", "Gubernur Sulawesi Tenggara"),
    ],
)  # fmt: skip
def test_one_official(text: str, name: str, title: str) -> None:
    assert find_officials(text) == [Official(name, title)]


@pytest.mark.parametrize(
    "text",
    [
        "Dirjen IKMA berharap dapat mengakselerasi WUB.",  # an office with no name
        "para Kepala Dinas dari 34 provinsi hadir.",
        "kata Gati, Rabu (21/8).",  # a name with no office
        "di Provinsi Sulawesi Tengah, Dirjen IKMA berharap",  # a region is not a name
        "Kepala Bidang IKM Kemenperin Jakarta mengatakan",  # nor an organisation and a place
        "Redaktur : Muchamad Ismail",  # a byline is no office
        # a field of the office ("Kayu") is no name, even where no name follows the title
        "kata Direktur IKM Pangan, Barang dari Kayu, dan Furnitur Kemenperin di Jakarta.",
    ],
)
def test_no_official(text: str) -> None:
    assert find_officials(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "kata Direktur IKM Pangan, Barang dari Kayu, dan Furnitur Kemenperin Sudarto di Jakarta.",
        "Direktur IKM Pangan, Barang dari Kayu, dan Furnitur Kementerian Perindustrian, Sudarto, "
        "mengatakan",
        "kata Sudarto, Direktur IKM Pangan, Barang dari Kayu, dan Furnitur Kemenperin, di Jakarta.",
    ],
)
def test_title_listing_fields_runs_on_to_the_institution(text: str) -> None:
    # "Kayu" looks like a name but is a field of the directorate: the name follows Kemenperin.
    title = "Direktur IKM Pangan, Barang dari Kayu, dan Furnitur Kemenperin"
    assert find_officials(text) == [Official("Sudarto", title)]


def test_title_listing_fields_still_ends_at_its_name() -> None:
    text = (
        "Direktur IKM Kimia, Sandang, Kerajinan dan Industri Aneka Kemenperin E. Ratna "
        "Utarianingrum mengatakan IKM tumbuh."
    )
    title = "Direktur IKM Kimia, Sandang, Kerajinan dan Industri Aneka Kemenperin"
    assert find_officials(text) == [Official("E. Ratna Utarianingrum", title)]


def test_title_after_a_name_stops_before_another_office() -> None:
    text = "kata Sudarto, Direktur IKM Kemenperin, dan Bupati Sigi Mohamad Irwan hadir."
    assert find_officials(text)[0] == Official("Sudarto", "Direktur IKM Kemenperin")


def test_another_office_after_a_name_is_another_person() -> None:
    text = "Menperin Agus Gumiwang Kartasasmita, Dirjen IKMA Kemenperin Gati Wibawaningsih hadir."
    assert find_officials(text) == [
        Official("Agus Gumiwang Kartasasmita", "Menperin"),
        Official("Gati Wibawaningsih", "Dirjen IKMA Kemenperin"),
    ]


def test_short_names_merge_into_the_full_name() -> None:
    text = (
        "Kabid. IKM Sultra, La Ode Muh. Rusdin Jaya. Foto. "
        "Kepala Bidang IKM Disperindag Sultra, La Ode Muhammad Rusdin Jaya pembinaan dilakukan. "
        "kata Rusdin Jaya, Kepala Bidang IKM."
    )
    assert [o.name for o in find_officials(text)] == ["La Ode Muhammad Rusdin Jaya"]


def test_two_offices_joined_by_dan() -> None:
    text = "Kepala Dinas Perindustrian Kota Palu dan Kepala Dinas Koperasi Budi Santoso hadir."
    assert find_officials(text) == [Official("Budi Santoso", "Kepala Dinas Koperasi")]


def test_each_person_once_in_order() -> None:
    text = (
        "Menperin Agus Gumiwang Kartasasmita membuka acara. Dirjen IKMA Gati Wibawaningsih "
        "hadir. Dirjen IKMA Gati menyampaikan hal itu."
    )
    assert [o.name for o in find_officials(text)] == [
        "Agus Gumiwang Kartasasmita",
        "Gati Wibawaningsih",
    ]


@pytest.mark.skipif(not GOLD.is_file() or not SEEDS.is_dir(), reason="no shared seeds")
def test_seed_officials() -> None:
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["kind"] != "document":
            continue
        text = (SEEDS / record["doc"]).read_text(encoding="utf-8")
        found = {o.name for o in find_officials(text)}
        assert found == {o["name"] for o in record["officials"]}, record["doc"]
