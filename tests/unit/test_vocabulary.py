"""The one vocabulary (ikm_facts/data/vocabulary): the library's metrics and programs are
exactly its rows, the package ships its files, and a broken file says which file and row."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from ikm_facts import figures, programs
from ikm_facts.vocabulary import VocabularyError, directory, load, vocabulary

ROOT = Path(__file__).resolve().parents[2]
VOCABULARY = ROOT / "ikm_facts" / "data" / "vocabulary"


def test_the_package_reads_the_checkouts_files() -> None:
    assert Path(str(directory())).resolve() == VOCABULARY


def test_the_library_metrics_are_the_vocabularys() -> None:
    metrics = vocabulary().metrics
    assert {m.code: m.unit for m in metrics} == figures.METRIC_UNITS
    assert {m.code for m in metrics if m.is_event} == figures.EVENT_METRICS
    assert {m.code for m in metrics if m.is_program} == figures.PROGRAM_METRICS


def test_the_library_programs_are_the_vocabularys() -> None:
    vocab = vocabulary()
    assert tuple(p.code for p in vocab.programs) == programs.PROGRAM_CODES
    assert {p.code for p in vocab.programs} == figures.PARTICIPATION_PROGRAMS
    in_order = [(code, phrase) for code, phrases in programs._PHRASES.items() for phrase in phrases]
    assert [(p.program_code, p.pattern) for p in vocab.phrases] == in_order
    assert {p.pattern for p in vocab.phrases if p.case_sensitive} == programs._CASE_SENSITIVE


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bimtek bagi 30 perajin", "bimtek"),
        ("penyerahan bantuan 30 unit alat tenun", "bantuan_peralatan"),
        ("Dana DAK fisik", "dak"),
        ("sertifikasi halal", "sertifikasi"),
    ],
)
def test_program_phrases_from_the_file_find_programs(text: str, code: str) -> None:
    assert code in [m.code for m in programs.find_programs(text)]


def test_a_short_code_is_case_sensitive_as_the_file_says() -> None:
    # "dak" inside ordinary text is no DAK: the file marks "DAK(?:\s+fisik)?" case_sensitive.
    assert [m.code for m in programs.find_programs("dak fisik")] == []


def test_the_package_data_ships_the_vocabulary() -> None:
    # The package-data patterns name the vocabulary's files, so that a wheel holds them
    # (setuptools' build_py copies what the patterns match under the package).
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["ikm_facts"]
    shipped = {p.resolve() for pattern in patterns for p in (ROOT / "ikm_facts").glob(pattern)}
    files = sorted(VOCABULARY.glob("*.csv"))
    assert [f.name for f in files] == ["metrics.csv", "program_phrases.csv", "programs.csv"]
    assert set(files) <= shipped


# A malformed copy of the vocabulary: (file, line to change, its new text or None to drop it,
# the error expected, naming the file and the row).
BROKEN = [
    pytest.param(
        "metrics.csv",
        1,
        "metric_code,metric_name,description,is_additive,is_event,is_program",
        r"metrics\.csv, row 1 \(the header\): missing column unit",
        id="missing column",
    ),
    pytest.param(
        "metrics.csv",
        1,
        "metric_code,metric_name,description,unit,is_additive,is_event,is_program,colour",
        r"metrics\.csv, row 1 \(the header\): unexpected column colour",
        id="unexpected column",
    ),
    pytest.param(
        "metrics.csv",
        4,
        "investment_value,Nilai investasi,Investment value,kg,true,false,false",
        r"metrics\.csv, row 4: unknown unit 'kg' \(expected one of unit, person, IDR, USD",
        id="unknown unit",
    ),
    pytest.param(
        "metrics.csv",
        5,
        "ikm_units,Unit usaha IKM,again,unit,true,false,false",
        r"metrics\.csv, row 5: duplicate metric_code 'ikm_units' \(first on row 2\)",
        id="duplicate metric",
    ),
    pytest.param(
        "metrics.csv",
        3,
        "ikm_workers,Tenaga kerja IKM,Workers,person,yes,false,false",
        r"metrics\.csv, row 3: is_additive is 'yes', not true or false",
        id="not a boolean",
    ),
    pytest.param(
        "metrics.csv",
        3,
        "ikm_workers,Tenaga kerja IKM,Workers,person,true",
        r"metrics\.csv, row 3: expected 7 fields",
        id="short row",
    ),
    pytest.param(
        "metrics.csv",
        3,
        "Ikm Workers,Tenaga kerja IKM,Workers,person,true,false,false",
        r"metrics\.csv, row 3: metric_code 'Ikm Workers' is not a code",
        id="not a code",
    ),
    pytest.param(
        "programs.csv",
        3,
        "bimtek,Bimbingan teknis,again",
        r"programs\.csv, row 3: duplicate program_code 'bimtek' \(first on row 2\)",
        id="duplicate program",
    ),
    pytest.param(
        "programs.csv",
        2,
        "bimtek,,Technical training",
        r"programs\.csv, row 2: program_name is empty",
        id="empty name",
    ),
    pytest.param(
        "program_phrases.csv",
        2,
        "kursus_online,bimbingan\\s+teknis,false,",
        r"program_phrases\.csv, row 2: program_code 'kursus_online' is not in programs\.csv",
        id="phrase of an unknown program",
    ),
    pytest.param(
        "program_phrases.csv",
        2,
        "bimtek,bimbingan(\\s+teknis,false,",
        r"program_phrases\.csv, row 2: pattern 'bimbingan\(\\\\s\+teknis' is not a regular",
        id="bad pattern",
    ),
    pytest.param(
        "program_phrases.csv",
        3,
        "wub,bimbingan\\s+teknis,false,",
        r"program_phrases\.csv, row 3: duplicate pattern",
        id="duplicate pattern",
    ),
    pytest.param("programs.csv", 1, None, r"programs\.csv, row 1 \(the header\)", id="no header"),
]


@pytest.mark.parametrize(("name", "line", "text", "message"), BROKEN)
def test_a_malformed_vocabulary_names_the_file_and_the_row(
    tmp_path: Path, name: str, line: int, text: str | None, message: str
) -> None:
    copy = shutil.copytree(VOCABULARY, tmp_path / "vocabulary")
    lines = (copy / name).read_text("utf-8").splitlines()
    if text is None:
        del lines[line - 1]
    else:
        lines[line - 1] = text
    (copy / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=message) as raised:
        load(copy)
    assert str(copy / name) in str(raised.value)


def test_a_missing_vocabulary_file_is_named(tmp_path: Path) -> None:
    copy = shutil.copytree(VOCABULARY, tmp_path / "vocabulary")
    (copy / "metrics.csv").unlink()
    with pytest.raises(VocabularyError, match=re.escape(f"{copy / 'metrics.csv'}: cannot read")):
        load(copy)


def test_the_shipped_vocabulary_loads_as_is() -> None:
    assert load(VOCABULARY) == vocabulary()
