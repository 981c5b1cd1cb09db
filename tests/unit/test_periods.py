"""Time expressions and their bounds."""

from __future__ import annotations

from datetime import date

import pytest

from ikm_facts.periods import find_periods, period_bounds

PUBLISHED = date(2020, 11, 9)


def periods(text: str, published: date | None = None) -> list[str]:
    return [p.period for p in find_periods(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IKM pada tahun 2018 mencapai", "2018"),
        ("tahun 2018", "2018"),
        ("tumbuh 3,69 persen di tahun 2021", "2021"),
        ("pada 2019 tumbuh", "2019"),
        ("sejak 2015", "2015"),
        ("triwulan IV tahun 2017", "2017-Q4"),
        ("kuartal I 2020", "2020-Q1"),
        ("Q3 2019", "2019-Q3"),
        ("TW II 2021", "2021-Q2"),
        ("triwulan ketiga 2019", "2019-Q3"),
        ("semester I 2020", "2020-H1"),
        ("semester pertama 2020", "2020-H1"),
        ("semester II tahun 2019", "2019-H2"),
        ("hingga November 2020", "2020-11"),
        ("per November 2020", "2020-11"),
        ("sampai Juni 2021", "2021-06"),
        ("November 2020", "2020-11"),
        ("bulan Juni sampai Juli 2020", "2020"),
        ("Agustus – September 2020", "2020"),
        ("2015-2019", "2015/2019"),
        ("2015 hingga 2019", "2015/2019"),
        ("periode 2015–2019", "2015/2019"),
        ("pada 2015-2019 jumlah IKM", "2015/2019"),
        ("hingga akhir 2023 jumlah IKM", "2023"),
        ("pada awal 2020", "2020"),
        ("pertengahan 2019", "2019"),
        ("akhir tahun 2022", "2022"),
        ("tahun 2015 sampai 2019", "2015/2019"),
        ("(2/6/2021)", "2021-06"),
        ("Rabu (2/6/2021)", "2021-06"),
        ("2 Juni 2021", "2021-06"),
        ("30 Mei - 2 Juni 2022", "2022"),
        ("1-3 Juni 2022", "2022-06"),
    ],
)
def test_absolute_periods(text: str, expected: str) -> None:
    assert periods(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("semester I/2021", "2021-H1"),
        ("semester II-2020", "2020-H2"),
        ("paruh pertama/2019", "2019-H1"),
        ("triwulan II/2020", "2020-Q2"),
        ("triwulan II-2022", "2022-Q2"),
        ("TW III 2019", "2019-Q3"),
        ("kuartal III/2019", "2019-Q3"),
    ],
)
def test_quarters_and_halves_with_slash_or_dash(text: str, expected: str) -> None:
    assert periods(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Untuk 2025, Kemenperin menargetkan", "2025"),
        ("anggaran disiapkan untuk 2025.", "2025"),
        ("Di 2021, IKM tumbuh", "2021"),
        ("Sepanjang 2019 IKM tumbuh", "2019"),
        ("Selama 2020 IKM terpukul", "2020"),
        ("hasil pendataan 2020 mencatat", "2020"),
        ("Data 2019 menunjukkan", "2019"),
        ("menurut sensus 2016", "2016"),
        ("hasil Sensus Ekonomi 2016", "2016"),
        ("survei 2018 BPS", "2018"),
    ],
)
def test_years_that_open_a_clause_or_date_a_source(text: str, expected: str) -> None:
    assert periods(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "bantuan untuk 2000 peserta",  # a count after "untuk"
        "Pasal 2020 ayat 1",
        "No. 2021 tentang",
        "data 2.019 unit usaha",  # a separator: a count
        "metadata2020",
    ],
)
def test_four_digits_that_are_no_year(text: str) -> None:
    assert periods(text, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tahun ini", "2020"),
        ("tahun lalu", "2019"),
        ("tahun sebelumnya", "2019"),
        ("tahun depan", "2021"),
        ("bulan lalu", "2020-10"),
        ("bulan ini", "2020-11"),
        ("pada Juni", "2020-06"),  # before November: this year's June
        ("Juni atau Juli", "2020"),
        ("Rabu (21/10)", "2020-10"),
    ],
)
def test_relative_periods(text: str, expected: str) -> None:
    assert periods(text, PUBLISHED) == [expected]
    assert periods(text) == []  # without a publication date they say nothing


def test_month_nearest_to_publication() -> None:
    assert periods("pada Desember", date(2021, 1, 10)) == ["2020-12"]
    assert periods("pada Februari", date(2021, 12, 20)) == ["2022-02"]


@pytest.mark.parametrize(
    "text",
    [
        "sebanyak 2019 unit usaha",  # a count, not a year
        "Rp2.019 juta",
        "nomor 2018123",
        "tahun-tahun mendatang",
        "mei",  # lowercase month names are not read
        "periode 2019-2015",  # a span that ends before it starts
    ],
)
def test_no_period(text: str) -> None:
    assert periods(text, PUBLISHED) == []


def test_longest_wins_and_offsets() -> None:
    text = "Pada triwulan IV tahun 2017 terhadap triwulan IV tahun 2016 tumbuh"
    found = find_periods(text)
    assert [p.period for p in found] == ["2017-Q4", "2016-Q4"]
    for p in found:
        assert text[p.start : p.end] == p.text


def test_several_in_order() -> None:
    text = "Pada tahun 2018 ada 6.779 unit; hingga November 2020 ada 13 ribu IKM."
    assert periods(text) == ["2018", "2020-11"]


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("2018", date(2018, 1, 1), date(2018, 12, 31)),
        ("2020-11", date(2020, 11, 1), date(2020, 11, 30)),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
        ("2017-Q4", date(2017, 10, 1), date(2017, 12, 31)),
        ("2019-Q1", date(2019, 1, 1), date(2019, 3, 31)),
        ("2020-H1", date(2020, 1, 1), date(2020, 6, 30)),
        ("2020-H2", date(2020, 7, 1), date(2020, 12, 31)),
        ("2015/2019", date(2015, 1, 1), date(2019, 12, 31)),
    ],
)
def test_period_bounds(period: str, first: date, last: date) -> None:
    assert period_bounds(period) == (first, last)


@pytest.mark.parametrize("period", ["", "18", "2020-13", "2020-Q5", "2020-H3", "2019/2015", "x"])
def test_period_bounds_rejects(period: str) -> None:
    with pytest.raises(ValueError, match="period"):
        period_bounds(period)


def test_every_found_period_has_bounds() -> None:
    text = "tahun 2018, triwulan IV 2017, semester I 2020, hingga November 2020, 2015-2019"
    for p in find_periods(text, PUBLISHED):
        first, last = period_bounds(p.period)
        assert first <= last
