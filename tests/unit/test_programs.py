"""Programs: the phrases news write for each program, as FACTS.md program codes."""

from __future__ import annotations

import pytest

from ikm_facts.programs import find_programs


def codes(text: str) -> list[str]:
    return list(dict.fromkeys(m.code for m in find_programs(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pemberian mesin dan peralatan", ["bantuan_peralatan"]),
        ("menyerahkan bantuan 30 unit alat tenun", ["bantuan_peralatan"]),
        ("Bantuan berupa 24 unit mesin pemarut", ["bantuan_peralatan"]),
        ("menyalurkan bantuan sebanyak 126 unit mesin dan peralatan", ["bantuan_peralatan"]),
        ("bantuan 40 paket peralatan", ["bantuan_peralatan"]),
        ("menyerahkan 12 mesin jahit", ["bantuan_peralatan"]),
        ("menerima 1.250 unit mesin jahit", ["bantuan_peralatan"]),
        ("IKM diberi alat produksi", ["bantuan_peralatan"]),
        ("IKM yang kami dampingi", ["pendampingan"]),
        ("Dampingi IKM naik kelas", ["pendampingan"]),
        ("didampingi tenaga ahli", ["pendampingan"]),
        ("287 IKM terdaftar di e-katalog lokal", ["other"]),
        ("dana Pemulihan Ekonomi Nasional (PEN) untuk IKM", ["other"]),
        ("Gernas Bangga Buatan Indonesia", ["other"]),
    ],
)
def test_programs_named(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "IKM mdiberi alat",  # no word "diberi" here
        "bantuan 30 unit rumah",  # a count of something other than machines or tools
        "menyerahkan bantuan sebesar Rp30 juta",
        "bantuan sebanyak 30 orang peserta",
        "pendampingiku",  # never inside a longer word
        "Pena, pensil dan PENGUMUMAN lelang",  # "PEN" only as the whole word
        "katalog produk IKM",
    ],
)
def test_no_program(text: str) -> None:
    assert codes(text) == []


def test_aid_phrase_ends_before_its_count() -> None:
    # The count is a figure of its own: the program phrase stands before it, not around it.
    text = "Pemkab menyerahkan bantuan 30 unit alat tenun"
    (mention,) = find_programs(text)
    assert (mention.text, mention.code) == ("menyerahkan bantuan", "bantuan_peralatan")
    assert text[mention.start : mention.end] == mention.text
