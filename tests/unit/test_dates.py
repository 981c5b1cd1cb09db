"""Publication dates: metadata first, then datelines and weekday-pinned dates in the text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ikm_facts.dates import fit_year, infer_published, mentioned_years, parse_date

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds.jsonl"


@pytest.mark.parametrize(
    "metadata",
    [
        "2020-06-15",
        "2020-06-15T10:00:00+07:00",
        "15/06/2020",
        "15 Juni 2020",
        "Senin, 15 Juni 2020 10:00 WIB",
        "15 Jun 2020",
        "June 15, 2020",
    ],
)
def test_metadata_forms(metadata: str) -> None:
    assert parse_date(metadata) == date(2020, 6, 15)


def test_metadata_wins_over_text() -> None:
    text = "Jakarta, 21 Agustus 2019 - kata Gati, Rabu (21/8)."
    assert infer_published(text, metadata="2020-06-15") == date(2020, 6, 15)


@pytest.mark.parametrize("metadata", ["", "kemarin sore", "2020-13-45"])
def test_unreadable_metadata_falls_back_to_text(metadata: str) -> None:
    assert infer_published("Jakarta, 21 Agustus 2019 - IKM tumbuh.", metadata) == date(2019, 8, 21)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kata Rusdin, saat ditemui, Senin 9 November 2020.", date(2020, 11, 9)),
        ("ujarnya di Kendari, Senin, 9/11/2020.", date(2020, 11, 9)),
        ("kata Dini saat membuka bimtek, Rabu (2/6/2021).", date(2021, 6, 2)),
        ("Jakarta, 21 Agustus 2019 - Kemenperin terus mendorong IKM.", date(2019, 8, 21)),
        ("Kemenperin (21/8/2019) mendorong IKM.", date(2019, 8, 21)),
        # Day/month without a year: the year from the years the text speaks of.
        ("Pada tahun 2018 IKM tumbuh, kata Gati di Jakarta, Rabu (21/8).", date(2019, 8, 21)),
        ("Tahun 2020, pemerintah melakukan refocusing, kata Gati, Senin (15/6).",
         date(2020, 6, 15)),
        ("triwulan IV tahun 2017 terhadap triwulan IV tahun 2016, ungkap Gati, Selasa, (17/4).",
         date(2018, 4, 17)),
        ("Pada 2018 ... kata Gati, Selasa 17 April.", date(2018, 4, 17)),
        # A year in a sentence about a plan is not the present.
        ("Expo 2019 ditutup Rabu (23/10). Dinas berencana menggelar pameran serupa pada 2020.",
         date(2019, 10, 23)),
    ],
)  # fmt: skip
def test_dates_in_text(text: str, expected: date) -> None:
    assert infer_published(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ambon, 15/7/2021 - Kemenperin mendorong IKM.",
        "AMBON, 15-07-2021 - Kemenperin mendorong IKM.",
        "Kota Ambon, 15.07.2021 - Kemenperin mendorong IKM.",
    ],
)
def test_numeric_dateline_reads_day_first(text: str) -> None:
    assert infer_published(text) == date(2021, 7, 15)


@pytest.mark.parametrize(
    "text",
    [
        "Diposting pada 03 Februari 2022\nJakarta - IKM tumbuh.",
        "Dipublikasikan: 3 Feb 2022\nIKM tumbuh.",
        "Diterbitkan 3 Februari 2022, 10:15\nIKM tumbuh.",
        "Published: 2022-02-03\nIKM tumbuh.",
        "Terbit: 03/02/2022 09:15 WIB\nIKM tumbuh.",
        "Diposting pada Kamis, 03 Februari 2022 10:00\nIKM tumbuh.",
        "Kamis, 3 Februari 2022 | 10:15 WIB\nIKM tumbuh.",
        # The metadata line says when the article came out; the report is pinned to an event.
        "Terbit: 03/02/2022\nPameran dibuka Rabu (26/1/2022), kata Gati.",
        # Who posted it, then the date.
        "Diposting oleh admin pada 3 Februari 2022\nPelatihan dibuka Rabu (2/2/2022).",
        "Diposting oleh admin | 3 Februari 2022 | Dilihat: 418\nIKM tumbuh.",
        "Diposting oleh: Admin Diskominfo | 3 Februari 2022 | Dilihat: 1.247 kali\nIKM tumbuh.",
        "Tanggal Rilis: 3 Februari 2022\nIKM tumbuh.",
        # A line that is only the page's date, above a caption dated the day before.
        "Kamis 3 Feb 2022 16:45 WIB\nPerajin menjahit masker, Rabu (2/2/2022).",
        "Reporter : Fulan | Kamis, 3 Februari 2022 13:40\nIKM tumbuh, kata Gati, Rabu (2/2).",
    ],
)
def test_metadata_lines_in_the_text(text: str) -> None:
    assert infer_published(text) == date(2022, 2, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Ambon, 15/13/2021 - Kemenperin mendorong IKM.",  # no thirteenth month
        "Ambon, 15/7-2021 - Kemenperin mendorong IKM.",  # mixed separators: no date
        "kata Gati di Ambon, 15/7/2021.",  # no place name opens the line
        "Diterbitkannya Permenperin pada 3 Februari 2022 membantu IKM.",
        "Diterbitkan 12 sertifikat halal pada 3 Mei 2021.",  # no date right after the label
        "Terbit setiap bulan sejak 3 Februari 2022.",
        # Beyond the top of the text a metadata-like line is no metadata.
        "IKM tumbuh. " * 150 + "\nDiterbitkan 3 Februari 2022",
    ],
)
def test_what_is_no_dateline_or_metadata_line(text: str) -> None:
    assert infer_published(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "kata Dini di Ambon, Rabu.",  # a weekday alone
        "Sekitar Juli 2020 kami adakan pelatihan.",  # a month and year
        "kata Gati di Jakarta, Rabu (21/8).",  # day/month, and no year anywhere
        "Target 2024 tercapai, kata Gati, Rabu (21/8).",  # only a goal year
        "",
    ],
)
def test_no_date(text: str) -> None:
    assert infer_published(text) is None


def test_a_weekday_date_takes_a_year_near_the_ones_the_text_speaks_of() -> None:
    # 28 December is a Tuesday in 2021 and in 2027; the text's latest year, 2022, is a goal.
    text = "Ekspor 2021 naik. Pada 2022, dinas menargetkan 10 persen, kata Drajat, Selasa (28/12)."
    assert infer_published(text) == date(2021, 12, 28)


def test_goal_years_do_not_set_the_present() -> None:
    assert mentioned_years("pada 2018 tumbuh, dengan target 2024 dan Visi 2045") == [2018]
    assert mentioned_years("Tahun 2020 sulit. Kegiatan akan dilaksanakan Juli 2021.") == [2020]


def test_fit_year() -> None:
    assert fit_year(21, 8, 2, 2018) == date(2019, 8, 21)  # Wednesday
    assert fit_year(15, 6, 0, 2020) == date(2020, 6, 15)  # Monday, the year itself
    assert fit_year(29, 2, 3, 2021) == date(2024, 2, 29)  # a leap day waits for a leap year
    assert fit_year(29, 2, 5, 2021) is None  # the next Saturday 29 February is too far off
    assert fit_year(30, 2, 0, 2020) is None  # no such day


@pytest.mark.skipif(not GOLD.is_file() or not SEEDS.is_dir(), reason="no shared seeds")
def test_seed_dates() -> None:
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["kind"] != "document":
            continue
        text = (SEEDS / record["doc"]).read_text(encoding="utf-8")
        found = infer_published(text)
        assert (found.isoformat() if found else None) == record["published"], record["doc"]
