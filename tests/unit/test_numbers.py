"""Indonesian numbers: parsing, finding quantities in text, writing them back."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikm_facts.model import Quantity
from ikm_facts.numbers import find_quantities, format_indonesian, is_year_like, parse_number

D = Decimal


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("6.779", D(6779)),
        ("100.000", D(100000)),
        ("1.250.000", D(1250000)),
        ("3,69", D("3.69")),
        ("2,8", D("2.8")),
        ("32,02", D("32.02")),
        ("0,5", D("0.5")),
        ("1.5", D("1.5")),  # a dot before one or two digits is an English decimal point
        ("12.25", D("12.25")),
        ("1.234,56", D("1234.56")),
        ("1.500.000,00", D(1500000)),
        ("1,250,000", D(1250000)),  # thousands grouped the English way
        ("1,234.5", D("1234.5")),
        ("2018", D(2018)),
        ("-2,5", D("-2.5")),
    ],
)
def test_parse_number(written: str, value: Decimal) -> None:
    parsed = parse_number(written)
    assert parsed == value
    assert isinstance(parsed, Decimal)


def test_parse_number_keeps_exact_decimals() -> None:
    # 0.1 + 0.2 is not 0.3 in binary floating point; here it must be.
    assert parse_number("0,1") + parse_number("0,2") == D("0.3")
    assert str(parse_number("2,8")) == "2.8"
    assert str(parse_number("1.250.000")) == "1250000"


@pytest.mark.parametrize("written", ["", "abc", "1.2.3", "12,34,5", "1..2", "Rp5", "5 juta"])
def test_parse_number_rejects_what_is_not_one_number(written: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(written)


def _only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("phrase", "mention", "value", "kind"),
    [
        ("mencatat 6.779 unit usaha", "6.779", D(6779), "count"),
        ("investasi Rp297 miliar", "Rp297 miliar", D(297_000_000_000), "IDR"),
        ("produksi Rp2,8 triliun", "Rp2,8 triliun", D(2_800_000_000_000), "IDR"),
        ("unit usaha 4,4 juta", "4,4 juta", D(4_400_000), "count"),
        ("membina 13 ribu IKM", "13 ribu", D(13000), "count"),
        ("Bina 13 Ribu IKM", "13 Ribu", D(13000), "count"),
        ("modal Rp 1,2 jt per orang", "Rp 1,2 jt", D(1_200_000), "IDR"),
        ("sebanyak 5 rb masker", "5 rb", D(5000), "count"),
        ("dana Rp1,5 M untuk sentra", "Rp1,5 M", D(1_500_000_000), "IDR"),
        ("dana Rp 3 T untuk IKM", "Rp 3 T", D(3_000_000_000_000), "IDR"),
        ("senilai Rp297.000.000 diserahkan", "Rp297.000.000", D(297_000_000), "IDR"),
        ("bantuan Rp 297.000.000,- diserahkan", "Rp 297.000.000,-", D(297_000_000), "IDR"),
        ("sebesar Rp. 1.500.000,00 per bulan", "Rp. 1.500.000,00", D(1_500_000), "IDR"),
        ("senilai IDR 25 juta", "IDR 25 juta", D(25_000_000), "IDR"),
        ("omzet 750 juta rupiah", "750 juta rupiah", D(750_000_000), "IDR"),
        ("ekspor US$ 1,2 juta", "US$ 1,2 juta", D(1_200_000), "USD"),
        ("ekspor USD 5 juta", "USD 5 juta", D(5_000_000), "USD"),
        ("ekspor $300 ribu", "$300 ribu", D(300_000), "USD"),
        ("ekspor 2,5 juta dolar AS", "2,5 juta dolar AS", D(2_500_000), "USD"),
        ("ekspor 7 juta dollar AS", "7 juta dollar AS", D(7_000_000), "USD"),
        ("ekspor 3 miliar dolar Amerika", "3 miliar dolar Amerika", D(3_000_000_000), "USD"),
        ("tumbuh 3,69 persen", "3,69 persen", D("3.69"), "percent"),
        ("tumbuh 17,28% pada", "17,28%", D("17.28"), "percent"),
        ("tumbuh 5 % saja", "5 %", D(5), "percent"),
        ("turun -2,5 persen", "-2,5 persen", D("-2.5"), "percent"),
        ("menyerap 10,5 juta tenaga kerja.", "10,5 juta", D(10_500_000), "count"),
        ("omzet 1.5 juta", "1.5 juta", D(1_500_000), "count"),
        ("dihadiri 220 pelaku usaha", "220", D(220), "count"),
        ("ada 0,5 persen", "0,5 persen", D("0.5"), "percent"),
    ],
)
def test_find_quantities_values_and_kinds(
    phrase: str, mention: str, value: Decimal, kind: str
) -> None:
    quantity = _only(phrase)
    assert (quantity.text, quantity.value, quantity.kind) == (mention, value, kind)
    assert phrase[quantity.start : quantity.end] == mention
    assert quantity.upper is None


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("satu", 1),
        ("dua", 2),
        ("tiga", 3),
        ("empat", 4),
        ("lima", 5),
        ("enam", 6),
        ("tujuh", 7),
        ("delapan", 8),
        ("sembilan", 9),
        ("sepuluh", 10),
        ("sebelas", 11),
        ("dua belas", 12),
        ("dua puluh", 20),
        ("dua puluh lima", 25),
        ("seratus", 100),
        ("seratus sepuluh", 110),
        ("tiga ratus", 300),
        ("tiga ratus lima puluh", 350),
        ("seribu", 1000),
        ("dua ribu", 2000),
        ("sejuta", 1_000_000),
        ("dua juta", 2_000_000),
        ("dua juta tiga ratus ribu", 2_300_000),
        ("Tiga", 3),
    ],
)
def test_numbers_in_words(phrase: str, value: int) -> None:
    quantity = _only(f"kelompok itu punya {phrase} sentra")
    assert quantity.value == value
    assert quantity.text == phrase
    assert quantity.kind == "count"


@pytest.mark.parametrize(
    ("phrase", "values"),
    [
        ("dua tiga", [2, 3]),  # two numbers in a row, not one
        ("dua belas lima", [12, 5]),
        ("seribu dua ribu", [1000, 2000]),  # scales must fall
        ("dua lapis dan tiga hari di tiga wilayah", [2, 3, 3]),
        ("lima persen", [5]),
    ],
)
def test_word_sequences_stop_where_the_number_stops(phrase: str, values: list[int]) -> None:
    assert [q.value for q in find_quantities(phrase)] == values


@pytest.mark.parametrize(
    "phrase",
    [
        "satu-satunya sentra",
        "salah satu sentra",
        "kedua pihak",
        "pertama kali",
        "Kabupaten Lima Puluh Kota",
        "Kepulauan Seribu",
        "satu sama lain",
        "dua-duanya hadir",
        "ratusan IKM dan ribuan pekerja",
    ],
)
def test_number_words_in_fixed_phrases_are_not_quantities(phrase: str) -> None:
    assert find_quantities(phrase) == []


@pytest.mark.parametrize(
    ("phrase", "mention", "low", "high"),
    [
        ("ada 8-10 IKM berkumpul", "8-10", 8, 10),
        ("ada 8 - 10 IKM berkumpul", "8 - 10", 8, 10),
        ("ada 8 hingga 10 IKM berkumpul", "8 hingga 10", 8, 10),
        ("ada 8 sampai 10 IKM", "8 sampai 10", 8, 10),
        ("biaya Rp5-10 juta", "Rp5-10 juta", 5_000_000, 10_000_000),
        ("biaya Rp5 juta hingga Rp10 juta", "Rp5 juta hingga Rp10 juta", 5_000_000, 10_000_000),
        ("naik 5 persen hingga 10 persen", "5 persen hingga 10 persen", 5, 10),
        ("naik 5-7%", "5-7%", 5, 7),
        ("selama dua hingga tiga hari", "dua hingga tiga", 2, 3),
        ("periode 2015-2019", "2015-2019", 2015, 2019),
    ],
)
def test_ranges_give_lower_value_and_upper(phrase: str, mention: str, low: int, high: int) -> None:
    quantity = _only(phrase)
    assert (quantity.text, quantity.value, quantity.upper) == (mention, low, high)
    assert quantity.qualifier == "exact"  # the figure logic decides what a range means


@pytest.mark.parametrize(
    ("phrase", "values"),
    [
        ("dari 10 hingga 5 orang", [10, 5]),  # falling: not a range
        ("anggaran Rp5 juta hingga 2021", [5_000_000, 2021]),
    ],
)
def test_what_is_not_a_range(phrase: str, values: list[int]) -> None:
    found = find_quantities(phrase)
    assert [q.value for q in found] == values
    assert all(q.upper is None for q in found)


@pytest.mark.parametrize(
    ("phrase", "qualifier"),
    [
        ("sekitar 7.000 sentra", "approx"),
        ("Sekitar 7.000 sentra", "approx"),
        ("kurang lebih 50 IKM", "approx"),
        ("kira-kira 30 orang", "approx"),
        ("±200 orang", "approx"),
        ("hampir 90 persen", "less_than"),
        ("nyaris 2.000 IKM", "less_than"),
        ("nyaris Rp1 triliun", "less_than"),
        ("lebih dari 100 IKM", "more_than"),
        ("di atas 5 persen", "more_than"),
        ("melampaui 4,4 juta unit", "more_than"),
        ("melebihi 200 unit", "more_than"),
        ("menembus hingga Rp2,8 triliun", "more_than"),
        ("sedikitnya 20 orang", "more_than"),
        ("setidaknya 20 orang", "more_than"),
        ("minimal 10 peserta", "more_than"),
        ("paling sedikit 10 peserta", "more_than"),
        ("tak kurang dari 30 IKM", "more_than"),
        ("> 40 IKM", "more_than"),
        ("kurang dari 10 IKM", "less_than"),
        ("di bawah 5 persen", "less_than"),
        ("maksimal 3 orang", "less_than"),
        ("paling banyak 4 orang", "less_than"),
        ("tidak lebih dari 7 orang", "less_than"),
        ("< 8 orang", "less_than"),
        ("target 500 IKM", "target"),
        ("ditargetkan mencapai 600 IKM", "target"),
        ("sasaran 70 peserta", "target"),
        ("menargetkan sebanyak 1.000 WUB", "target"),
        ("lebih dari sekitar 50 IKM", "approx"),  # the nearest qualifier wins
        ("sebanyak 50 IKM", "exact"),
        ("menyerap hingga 10,5 juta tenaga kerja", "exact"),
        ("sekitar Juli, 50 IKM", "exact"),  # the qualifier belongs to another phrase
        ("lebih dari sentra dengan 50 IKM", "exact"),
    ],
)
def test_qualifiers(phrase: str, qualifier: str) -> None:
    assert _only(phrase).qualifier == qualifier


@pytest.mark.parametrize(
    ("phrase", "mention", "value", "rest"),
    [
        ("sebanyak 500 lebih penenun", "500 lebih", D(500), " penenun"),
        ("omzetnya Rp1,5 triliun lebih", "Rp1,5 triliun lebih", D(1_500_000_000_000), ""),
        ("dana Rp 4,3 miliar lebih.", "Rp 4,3 miliar lebih", D(4_300_000_000), "."),
        ("naik 5 persen lebih, kata Gati", "5 persen lebih", D(5), ", kata Gati"),
        ("seratus lebih perajin", "seratus lebih", D(100), " perajin"),
    ],
)
def test_lebih_after_a_number_means_more_than(
    phrase: str, mention: str, value: Decimal, rest: str
) -> None:
    quantity = _only(phrase)
    assert (quantity.text, quantity.value, quantity.qualifier) == (mention, value, "more_than")
    assert phrase[quantity.end :] == rest  # what follows is what the number counts


@pytest.mark.parametrize(
    ("phrase", "mention"),
    [
        ("naik 5 persen lebih tinggi dari tahun lalu", "5 persen"),  # a comparison
        ("capai 500 lebih dari target", "500"),  # ambiguous: left exact
        ("selesai dua hari lebih awal", "dua"),
        ("butuh 500 lebih lagi", "500"),  # more of them, not more than
        ("pada 2020 lebih baik", "2020"),
        ("hingga 2021 lebih, kata Gati", "2021"),  # a year stays a bare year
        ("500 lebih-lebih", "500"),
    ],
)
def test_lebih_that_is_not_about_the_number(phrase: str, mention: str) -> None:
    quantity = find_quantities(phrase)[0]
    assert (quantity.text, quantity.qualifier) == (mention, "exact")


def test_lebih_after_keeps_a_qualifier_written_before() -> None:
    assert _only("target 500 lebih peserta").qualifier == "target"
    assert _only("sekitar 500 lebih peserta").qualifier == "approx"


@pytest.mark.parametrize(
    ("phrase", "mention", "value", "kind"),
    [
        ("ada 1.500-an IKM", "1.500-an", D(1500), "count"),
        ("diikuti 20-an peserta", "20-an", D(20), "count"),
        ("sekitar 300an orang", "300an", D(300), "count"),
        ("omzet Rp2 miliaran per tahun", "Rp2 miliaran", D(2_000_000_000), "IDR"),
        ("omzet Rp 3 jutaan sehari", "Rp 3 jutaan", D(3_000_000), "IDR"),
        ("dua ribuan pekerja", "dua ribuan", D(2000), "count"),
        ("Rp 500-an ribu per hari", "Rp 500-an ribu", D(500_000), "IDR"),
        ("naik 20-an persen", "20-an persen", D(20), "percent"),
    ],
)
def test_an_suffix_makes_an_approximation(
    phrase: str, mention: str, value: Decimal, kind: str
) -> None:
    quantity = _only(phrase)
    assert (quantity.text, quantity.value, quantity.qualifier) == (mention, value, "approx")
    assert quantity.kind == kind
    assert phrase[quantity.start : quantity.end] == mention


@pytest.mark.parametrize(
    "phrase",
    [
        "ratusan IKM",  # no numeral: no value
        "puluhan ribu pekerja",
        "sejak tahun 90-an",  # decades
        "era 80-an",
        "tahun 1980-an termasuk",
        "sejak 2000-an",
    ],
)
def test_an_suffix_without_a_numeral_or_on_a_decade_gives_nothing(phrase: str) -> None:
    assert find_quantities(phrase) == []


@pytest.mark.parametrize(
    "phrase",
    [
        "kata Gati di Jakarta, Rabu (21/8).",
        "Senin 9 November 2020",
        "Rabu (2/6/2021)",
        "pameran 30 Mei - 2 Juni 2022",
        "acara 1-3 Juni di Palu",
        "dibuka pukul 14.00 WIB",
        "pukul 09.00 - 12.00 di aula",
        "mulai 14:30",
        "hubungi 0812-3456-7890 segera",
        "telepon (021) 5255509",
        "nomor +62 812 3456 7890",
        "Telp. 5255509",
        "pandemi COVID-19 dan Covid-19",
        "Kode E-10 dan LMEA2 serta G20",
        "sesuai No. 12/2020 dan PP 29/2018",
        "Permenperin Nomor 7 Tahun 2020",
        "lihat https://www.kemenperin.go.id/artikel/21810/IKM-2020",
        "tanggal 17 lalu",
        "standar ISO 9001 dan SNI 7617",
        "tahun 90-an dan teknologi 4G",
        "tanggal 2021-06-02",
    ],
)
def test_dates_times_phones_and_codes_are_not_quantities(phrase: str) -> None:
    assert find_quantities(phrase) == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("pada tahun 2018", True),
        ("pada 2021 lalu", True),
        ("periode 2015-2019", True),
        ("sebanyak 2.018 unit", False),  # a separator: a count, not a year
        ("sebanyak 2018 persen", False),
        ("Rp2018", False),
        ("sebanyak 1500 unit", False),  # out of the year range
        ("sebanyak 3000 unit", False),
        ("2018 ribu", False),
    ],
)
def test_is_year_like(phrase: str, expected: bool) -> None:
    assert is_year_like(_only(phrase)) is expected


def test_quantities_come_in_text_order_with_true_offsets() -> None:
    text = (
        "Pada tahun 2018 tercatat 6.779 unit usaha dengan 23.622 orang tenaga kerja, "
        "investasi Rp297 miliar dan produksi Rp2,8 triliun, tumbuh 3,69 persen."
    )
    found = find_quantities(text)
    assert [q.text for q in found] == [
        "2018",
        "6.779",
        "23.622",
        "Rp297 miliar",
        "Rp2,8 triliun",
        "3,69 persen",
    ]
    for q in found:
        assert text[q.start : q.end] == q.text
    assert [q.start for q in found] == sorted(q.start for q in found)


def test_a_number_does_not_run_across_lines() -> None:
    found = find_quantities("omzet Rp5\njuta orang")
    assert [(q.text, q.value) for q in found] == [("Rp5", 5)]


@pytest.mark.parametrize(
    ("value", "decimals", "written"),
    [
        (D(6779), None, "6.779"),
        (D("3.69"), None, "3,69"),
        (D(1250000), None, "1.250.000"),
        (D("1250000.5"), None, "1.250.000,5"),
        (D("0.5"), None, "0,5"),
        (D(0), None, "0"),
        (D(999), None, "999"),
        (D(-1234), None, "-1.234"),
        (D("3.695"), 2, "3,70"),
        (D("2800000000000"), None, "2.800.000.000.000"),
        (D("1E+3"), None, "1.000"),
        (D("17.2"), 0, "17"),
    ],
)
def test_format_indonesian(value: Decimal, decimals: int | None, written: str) -> None:
    assert format_indonesian(value, decimals=decimals) == written


# Properties: writing a number the Indonesian way and reading it back gives it back. -----------

_amounts = st.decimals(
    min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False
)
_SCALES = {"": 0, " ribu": 3, " juta": 6, " miliar": 9, " triliun": 12}


@given(_amounts)
def test_format_then_parse_round_trips(value: Decimal) -> None:
    assert parse_number(format_indonesian(value)) == value


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_round_trip(value: int) -> None:
    assert parse_number(format_indonesian(Decimal(value))) == value


@given(
    st.decimals(min_value=0, max_value=999, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(sorted(_SCALES)),
    st.sampled_from(["Rp", "Rp ", "Rp. ", ""]),
)
def test_written_amounts_are_found_with_their_value(
    value: Decimal, scale: str, currency: str
) -> None:
    written = f"{currency}{format_indonesian(value)}{scale}"
    quantity = _only(f"Nilai produksinya mencapai {written} pada periode itu.")
    assert quantity.value == value.scaleb(_SCALES[scale])
    assert quantity.kind == ("IDR" if currency else "count")
    assert quantity.text == written


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False))
def test_written_percentages_are_found(value: Decimal) -> None:
    quantity = _only(f"tumbuh sebesar {format_indonesian(value)} persen.")
    assert (quantity.value, quantity.kind) == (value, "percent")


_UNITS = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def _spell_below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += ["seratus"] if hundreds == 1 else [_UNITS[hundreds], "ratus"]
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif 12 <= rest <= 19:
        words += [_UNITS[rest - 10], "belas"]
    else:
        tens, units = divmod(rest, 10)
        if tens:
            words += [_UNITS[tens], "puluh"]
        if units:
            words.append(_UNITS[units])
    return words


def _spell(n: int) -> str:
    """Spell 1..999999999 in Indonesian words, the test's own independent writer."""
    words: list[str] = []
    for scale, name, single in ((10**6, "juta", "sejuta"), (10**3, "ribu", "seribu")):
        count, n = divmod(n, scale)
        if count == 1:
            words.append(single)
        elif count:
            words += [*_spell_below_thousand(count), name]
    return " ".join(words + _spell_below_thousand(n))


@given(st.integers(min_value=1, max_value=999_999_999))
def test_numbers_spelled_in_words_are_read_back(value: int) -> None:
    spelled = _spell(value)
    quantity = _only(f"Mereka membina {spelled} pengrajin.")
    assert (quantity.value, quantity.text) == (value, spelled)


@given(st.text(max_size=300))
def test_any_text_gives_consistent_quantities(text: str) -> None:
    found = find_quantities(text)
    previous_end = 0
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.start >= previous_end
        previous_end = q.end


def test_long_text_is_read_in_linear_time() -> None:
    chunk = "Sebanyak 6.779 unit usaha menyerap Rp2,8 triliun, naik 3,69 persen (21/8). " * 10
    small, large = chunk * 20, chunk * 200
    started = time.process_time()
    assert len(find_quantities(small)) == 3 * 200
    small_time = time.process_time() - started
    started = time.process_time()
    assert len(find_quantities(large)) == 3 * 2000
    large_time = time.process_time() - started
    assert large_time < 30 * small_time + 0.5


def test_digits_run_without_end_are_skipped() -> None:
    assert find_quantities("9" * 100_000) == []
    assert find_quantities("1." * 50_000) == []
