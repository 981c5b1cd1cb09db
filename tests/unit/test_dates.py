"""Publication dates: metadata first, then datelines and weekday-pinned dates in the text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikm_facts.dates import (
    WEEKDAYS,
    fit_year,
    infer_published,
    latest_fit,
    mentioned_years,
    parse_date,
)

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


READ_ON = date(2026, 12, 4)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 7 December 2026 is a Monday, three days after the article was read: the latest
        # Monday 7 December before it is in 2020.
        ("Pada 2026 IKM tumbuh, kata Gati, Senin (7/12).", date(2020, 12, 7)),
        # The text speaks of 2026, and Wednesday 2 December fits 2026 itself: kept.
        ("Pada 2026 IKM tumbuh, kata Gati, Rabu (2/12).", date(2026, 12, 2)),
        # Fits only after the bound within reach (Friday 25 December is in 2026, then 2020).
        ("Tahun 2025 sulit, kata Gati, Jumat (25/12).", date(2020, 12, 25)),
        # A weekday no leap day within reach falls on (a typo): the latest 29 February.
        ("Pada 2026 IKM tumbuh, kata Gati, Jumat (29/2).", date(2024, 2, 29)),
        ("Pada 2026 IKM tumbuh, kata Gati, Senin (30/2).", None),  # no such day
        # A written date after the bound is passed over for the next date the text gives.
        ("Jakarta, 21 Agustus 2019 - kata Gati, Senin, 9/11/2027.", date(2019, 8, 21)),
        ("kata Gati, Senin, 9/11/2027.", None),
        ("Jakarta, 5 Desember 2026 - IKM tumbuh.", None),
        ("Jakarta, 4 Desember 2026 - IKM tumbuh.", READ_ON),
        # A year chosen only to fit before the reading gives way to any other date in the
        # text: "Jumat, 6-8 Maret" is read as Friday 6 August, which fits 2024 only in 2027.
        (
            "Pelatihan digelar Jumat, 6-8 Maret 2024, di Semarang. Acara ditutup Senin 11 Maret "
            "2024.",
            date(2024, 3, 11),
        ),
        (
            "Jakarta, 3 Desember 2026 - Pada 2026 IKM tumbuh, kata Gati, Senin (7/12).",
            date(2026, 12, 3),
        ),
    ],
)
def test_no_date_after_the_article_was_read(text: str, expected: date | None) -> None:
    assert infer_published(text, read_on=READ_ON) == expected


def test_without_read_on_a_range_of_days_is_no_weekday_date_either() -> None:
    # "Jumat, 6-8 Maret 2024" was read as 6 August 2027 without a read date
    text = "Pelatihan digelar Jumat, 6-8 Maret 2024. Acara ditutup Senin 11 Maret 2024."
    assert infer_published(text) == date(2024, 3, 11)


def test_metadata_is_not_bounded() -> None:
    # The source's own word, as given (a check on the marts judges it, not the extractor).
    assert infer_published("IKM tumbuh.", "2027-01-02", read_on=READ_ON) == date(2027, 1, 2)


def test_latest_fit() -> None:
    assert latest_fit(7, 12, 0, READ_ON) == date(2020, 12, 7)
    assert latest_fit(4, 12, 4, READ_ON) == READ_ON  # the day itself
    assert latest_fit(1, 1, 3, READ_ON) == date(2026, 1, 1)  # Thursday 1 January 2026
    assert latest_fit(29, 2, 5, READ_ON) == date(2020, 2, 29)  # Saturday
    assert latest_fit(29, 2, 4, READ_ON) == date(2024, 2, 29)  # no Friday within reach
    assert latest_fit(31, 11, 0, READ_ON) is None  # no such day
    assert latest_fit(25, 12, 6, READ_ON) == date(2022, 12, 25)  # Sunday


@given(
    day=st.integers(1, 31),
    month=st.integers(1, 12),
    weekday=st.sampled_from(sorted({name.capitalize() for name in WEEKDAYS})),
    year=st.integers(2000, 2030),
    read_on=st.dates(date(2000, 1, 1), date(2030, 12, 31)),
    written_year=st.booleans(),
)
def test_generated_weekday_datelines_are_never_after_reading(
    day: int, month: int, weekday: str, year: int, read_on: date, written_year: bool
) -> None:
    when = f"{day}/{month}/{year}" if written_year else f"{day}/{month}"
    text = f"Pada tahun {year} IKM tumbuh, kata Gati di Jakarta, {weekday} ({when})."
    found = infer_published(text, read_on=read_on)
    assert found is None or found <= read_on


@pytest.mark.skipif(not GOLD.is_file() or not SEEDS.is_dir(), reason="no shared seeds")
def test_seed_dates() -> None:
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["kind"] != "document":
            continue
        text = (SEEDS / record["doc"]).read_text(encoding="utf-8")
        found = infer_published(text)
        assert (found.isoformat() if found else None) == record["published"], record["doc"]


def test_a_range_of_days_before_a_month_is_no_day_and_month() -> None:
    # "Jumat, 6-8 Maret 2024": the days of an event, then their month; not 6 August
    text = "Pameran kerajinan digelar Jumat, 6-8 Maret 2024 di Kota Palu."
    assert infer_published(text, read_on=date(2026, 12, 4)) != date(2021, 8, 6)
    assert infer_published(text, read_on=date(2026, 12, 4)) is None
