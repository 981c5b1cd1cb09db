"""The gazetteer: canonical regions, names as written, and region mentions in text."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from ikm_facts.gazetteer import INDONESIA, Gazetteer, load_gazetteer, resolve_region

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds.jsonl"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def names(gaz: Gazetteer, text: str) -> list[str]:
    return [m.region.name for m in gaz.find_mentions(text)]


def test_counts_and_levels(gaz: Gazetteer) -> None:
    regions = gaz.regions()
    assert regions[0] == INDONESIA
    levels = [r.level for r in regions]
    assert levels.count("province") == 38
    assert levels.count("regency") + levels.count("city") == 514
    assert len({r.name for r in regions}) == len(regions)  # canonical names are unique


@pytest.mark.parametrize(
    ("code", "name", "level"),
    [
        ("72", "Provinsi Sulawesi Tengah", "province"),
        ("34", "Provinsi Daerah Istimewa Yogyakarta", "province"),
        ("31", "Provinsi Daerah Khusus Ibukota Jakarta", "province"),
        ("72.71", "Kota Palu", "city"),
        ("72.10", "Kabupaten Sigi", "regency"),
        ("31.74", "Kota Administrasi Jakarta Selatan", "city"),
        ("71.09", "Kabupaten Kepulauan Siau Tagulandang Biaro", "regency"),
        ("ID", "Indonesia", "country"),
    ],
)
def test_canonical_names(gaz: Gazetteer, code: str, name: str, level: str) -> None:
    region = gaz.by_code(code)
    assert region is not None
    assert (region.name, region.level) == (name, level)


def test_province_code_parent_and_island_group(gaz: Gazetteer) -> None:
    palu = gaz.by_code("72.71")
    assert palu is not None
    assert palu.province_code == "72"
    province = gaz.parent(palu)
    assert province is not None and province.name == "Provinsi Sulawesi Tengah"
    assert gaz.parent(province) == INDONESIA
    assert gaz.parent(INDONESIA) is None
    assert gaz.island_group(palu) == "Sulawesi"
    assert gaz.island_group(INDONESIA) == "Indonesia"


@pytest.mark.parametrize(
    ("code", "group"),
    [("11", "Sumatera"), ("21", "Sumatera"), ("19", "Sumatera"), ("36", "Jawa"),
     ("53", "Bali-Nusa Tenggara"), ("65", "Kalimantan"), ("76", "Sulawesi"),
     ("82", "Maluku"), ("96", "Papua"), ("81.08", "Maluku")],
)  # fmt: skip
def test_island_groups(gaz: Gazetteer, code: str, group: str) -> None:
    region = gaz.by_code(code)
    assert region is not None
    assert gaz.island_group(region) == group


def test_every_province_has_an_island_group(gaz: Gazetteer) -> None:
    for region in gaz.regions():
        assert gaz.island_group(region)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Kab. Sigi", "Kabupaten Sigi"),
        ("Kabupaten Sigi", "Kabupaten Sigi"),
        ("kab sigi", "Kabupaten Sigi"),
        ("Kota Palu", "Kota Palu"),
        ("Prov. Sulteng", "Provinsi Sulawesi Tengah"),
        ("Provinsi Sulawesi Tengah", "Provinsi Sulawesi Tengah"),
        ("Sulawesi Tengah", "Provinsi Sulawesi Tengah"),
        ("Sultra", "Provinsi Sulawesi Tenggara"),
        ("DIY", "Provinsi Daerah Istimewa Yogyakarta"),
        ("Yogyakarta", "Provinsi Daerah Istimewa Yogyakarta"),
        ("Kota Yogyakarta", "Kota Yogyakarta"),
        ("DKI Jakarta", "Provinsi Daerah Khusus Ibukota Jakarta"),
        ("Jaksel", "Kota Administrasi Jakarta Selatan"),
        ("Kepulauan Aru", "Kabupaten Kepulauan Aru"),
        ("SBB", "Kabupaten Seram Bagian Barat"),
        ("Maluku Tenggara Barat", "Kabupaten Kepulauan Tanimbar"),
        ("Sumatra Utara", "Provinsi Sumatera Utara"),
        ("Konsel", "Kabupaten Konawe Selatan"),
        ("Makasar", "Kota Makassar"),
        ("Baubau", "Kota Bau Bau"),
        ("Tolitoli", "Kabupaten Toli-Toli"),
        ("Pemkab Sigi", "Kabupaten Sigi"),
        ("Indonesia", "Indonesia"),
        ("Bekasi", "Kota Bekasi"),
        ("Kabupaten Bekasi", "Kabupaten Bekasi"),
        ("Banjar", "Kabupaten Banjar"),
        ("Kota Banjar", "Kota Banjar"),
        ("Gorontalo", "Provinsi Gorontalo"),
        ("Kabupaten Gorontalo", "Kabupaten Gorontalo"),
    ],
)
def test_resolve(written: str, canonical: str) -> None:
    region = resolve_region(written)
    assert region is not None, written
    assert region.name == canonical


@pytest.mark.parametrize("written", ["", "Atlantis", "Kota Sigi", "Provinsi Palu", "Kabupaten"])
def test_resolve_unknown(written: str) -> None:
    assert resolve_region(written) is None


def test_all_aliases_point_to_known_regions() -> None:
    with pytest.raises(ValueError, match="unknown region"):
        Gazetteer({"72": "Sulawesi Tengah"}, [("Sulteng", "Provinsi Sulawesi Tenggah")])


def test_twin_names_are_computed_from_the_data(gaz: Gazetteer) -> None:
    twins = gaz.twin_names()
    assert {"Bekasi", "Bogor", "Malang", "Banjar", "Kupang", "Sorong", "Solok"} <= set(twins)
    assert "Sigi" not in twins
    for regions in twins.values():
        assert {r.level for r in regions} == {"regency", "city"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IKM di Kota Palu, Kabupaten Sigi dan Donggala", ["Kota Palu", "Kabupaten Sigi",
                                                           "Kabupaten Donggala"]),
        ("Kab. Sigi dan Kab Donggala", ["Kabupaten Sigi", "Kabupaten Donggala"]),
        ("Prov. Sulteng", ["Provinsi Sulawesi Tengah"]),
        ("Pemprov Sultra dan Pemkot Kendari", ["Provinsi Sulawesi Tenggara", "Kota Kendari"]),
        ("Kota Administrasi Jakarta Timur", ["Kota Administrasi Jakarta Timur"]),
        ("KENDARI – Disperindag", ["Kota Kendari"]),
        ("di Maluku Tenggara", ["Kabupaten Maluku Tenggara"]),
        ("di Aceh Besar dan Papua Barat", ["Kabupaten Aceh Besar", "Provinsi Papua Barat"]),
        ("Provinsi Maluku", ["Provinsi Maluku"]),
        ("di Sumatra Barat", ["Provinsi Sumatera Barat"]),
        ("Kabupaten SBB", ["Kabupaten Seram Bagian Barat"]),
        ("perajin Jogja", ["Provinsi Daerah Istimewa Yogyakarta"]),
        ("di Bau-Bau", ["Kota Bau Bau"]),
        ("di Kolaka Timur dan Buteng", ["Kabupaten Kolaka Timur", "Kabupaten Buton Tengah"]),
        ("Bupati Sigi Mohamad Irwan", ["Kabupaten Sigi"]),
    ],
)  # fmt: skip
def test_mentions(gaz: Gazetteer, text: str, expected: list[str]) -> None:
    assert names(gaz, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "kabupaten/kota di seluruh daerah",  # "Kabupaten/Kota" names no region
        "batu bata dan padang rumput",  # lowercase: words, not Kota Batu or Kota Padang
        "Batu bata dibuat di sini",  # a common word opening a sentence
        "banjar di desa itu",
        "dibimbing Mirna Bima Arya Wahyu",  # a person's name
        "produk sbb dan diy",  # abbreviations must be in capitals
        "Pembinaan Mamujuan Palurejo",  # never inside a longer word
        "wisatawan Danau Toba",  # a lake, not Kabupaten Toba
    ],
)
def test_no_mentions(gaz: Gazetteer, text: str) -> None:
    assert names(gaz, text) == []


def test_dateline_with_common_word_name(gaz: Gazetteer) -> None:
    assert names(gaz, "Batu (ANTARA) - IKM") == ["Kota Batu"]


def test_mentions_carry_offsets_and_explicitness(gaz: Gazetteer) -> None:
    text = "Bimtek di Kabupaten Sigi, lalu di Sigi lagi"
    first, second = gaz.find_mentions(text)
    assert text[first.start : first.end] == first.text == "Kabupaten Sigi"
    assert first.explicit and not second.explicit
    assert text[second.start : second.end] == "Sigi"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IKM di Malang tumbuh", "Kota Malang"),  # no other clue: the kota
        ("Kabupaten Malang punya sentra. Di Malang ada 20 IKM", "Kabupaten Malang"),
        ("Kota Malang dan Kabupaten Malang. Di Malang ada IKM", "Kota Malang"),
        ("sentra di Banjar", "Kabupaten Banjar"),
        ("di Jawa Barat, tepatnya di Banjar", "Kota Banjar"),
        ("di Gorontalo", "Provinsi Gorontalo"),
        ("di Yogyakarta", "Provinsi Daerah Istimewa Yogyakarta"),
    ],
)
def test_ambiguous_bare_names(gaz: Gazetteer, text: str, expected: str) -> None:
    assert names(gaz, text)[-1] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bupati Malang Sanusi membuka pameran", ["Kabupaten Malang"]),
        ("Wakil Bupati Malang Didik Gatot Subroto", ["Kabupaten Malang"]),
        ("Bupati Gorontalo Nelson Pomalingo", ["Kabupaten Gorontalo"]),
        ("Gubernur Gorontalo Rusli Habibie", ["Provinsi Gorontalo"]),
        ("Wali Kota Bogor Bima Arya", ["Kota Bogor"]),
        ("Walikota Bogor", ["Kota Bogor"]),
        ("Wakil Wali Kota Malang", ["Kota Malang"]),
        ("Bupati Bogor dan Wali Kota Bogor", ["Kabupaten Bogor", "Kota Bogor"]),
        # The title tells the level of the same name elsewhere in the text too.
        ("Bupati Malang hadir. IKM di Malang tumbuh", ["Kabupaten Malang", "Kabupaten Malang"]),
        # No region of the title's level has the name: read as if no title stood before it.
        ("kata Gubernur Bank Indonesia", []),
        ("kata Bupati Sigi dan Gubernur", ["Kabupaten Sigi"]),
        ("Bupati mengatakan", []),
        ("ujar Bupati. Malang tumbuh", ["Kota Malang"]),  # the title ends the sentence
    ],
)
def test_title_of_a_regions_head_gives_its_level(
    gaz: Gazetteer, text: str, expected: list[str]
) -> None:
    assert names(gaz, text) == expected


def test_title_is_not_part_of_the_mention(gaz: Gazetteer) -> None:
    text = "Wakil Bupati Malang Didik"
    (mention,) = gaz.find_mentions(text)
    assert (mention.text, mention.region.name) == ("Malang", "Kabupaten Malang")
    assert text[mention.start : mention.end] == "Malang"
    assert not mention.explicit  # the title names a person: the region stays a bare name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dari 22 kabupaten/kota se-NTT", ["Provinsi Nusa Tenggara Timur"]),
        ("IKM se-Jawa Timur", ["Provinsi Jawa Timur"]),
        ("SENTRA SE-JAWA TIMUR", ["Provinsi Jawa Timur"]),
        ("se-Provinsi Riau", ["Provinsi Riau"]),
        ("perajin se-Indonesia", ["Indonesia"]),
        ("se-Kabupaten Sigi", ["Kabupaten Sigi"]),
        ("se-kabupaten/kota", []),
        ("Bau-Bau", ["Kota Bau Bau"]),  # other hyphens still join one name
    ],
)
def test_names_after_se(gaz: Gazetteer, text: str, expected: list[str]) -> None:
    assert names(gaz, text) == expected


@pytest.mark.parametrize(
    ("text", "national"),
    [
        ("pertumbuhan nasional", True),
        ("IKM di dalam negeri", True),
        ("industri di Tanah Air", True),
        ("industri di tanah air", True),
        ("produk Indonesia", True),
        ("di seluruh Indonesia", True),
        ("kata Gubernur Bank Indonesia", False),
        ("Badan Standardisasi Nasional", False),
        ("Kementerian Dalam Negeri", False),
    ],
)
def test_national_phrases(gaz: Gazetteer, text: str, national: bool) -> None:
    mentions = gaz.find_mentions(text)
    assert any(m.region == INDONESIA and not m.explicit for m in mentions) is national


def test_mentions_sorted_and_disjoint(gaz: Gazetteer) -> None:
    text = "Sulawesi Tengah, Kota Palu, Sultra, DIY, Maluku Tenggara Barat, NTB, nasional"
    mentions = gaz.find_mentions(text)
    assert len(mentions) == 7
    for before, after in itertools.pairwise(mentions):
        assert before.end <= after.start


@pytest.mark.skipif(not GOLD.is_file() or not SEEDS.is_dir(), reason="no shared seeds")
def test_seed_regions_are_all_found(gaz: Gazetteer) -> None:
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["kind"] != "document":
            continue
        text = (SEEDS / record["doc"]).read_text(encoding="utf-8")
        found = {m.region.name for m in gaz.find_mentions(text)}
        assert set(record["regions"]) <= found, record["doc"]
