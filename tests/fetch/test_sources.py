"""``sources.yml``: what it may say, and the message for what it may not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ikm_warehouse.sources import Filters, Politeness, SourcesError, load_sources, parse_sources

ROOT = Path(__file__).resolve().parents[2]
ONE_OUTLET = {"outlets": [{"name": "Warta", "feeds": ["https://warta.example.com/rss"]}]}


def test_the_committed_example_loads() -> None:
    sources = load_sources(ROOT / "sources.example.yml", today=date(2026, 12, 4))
    assert sources.outlets
    assert all(o.feeds or o.sitemaps or o.urls for o in sources.outlets)
    assert "IKM" in sources.filters.keywords
    assert sources.politeness.user_agent.startswith("ikm-warehouse/")


def test_defaults_are_polite() -> None:
    sources = parse_sources(ONE_OUTLET)
    assert sources.politeness == Politeness()
    assert sources.filters == Filters()


def test_max_age_days_is_counted_from_today() -> None:
    document = {**ONE_OUTLET, "filters": {"since": "2026-01-01", "max_age_days": 30}}
    assert parse_sources(document, today=date(2026, 12, 4)).filters.since == date(2026, 11, 4)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Pelatihan bagi IKM batik", True),
        ("pelaku ikm di desa", True),
        ("Sentra Industri  Kecil rotan", True),  # any case, any spacing
        ("Kemenperin menyalurkan bantuan", True),
        ("Kata MIKMAK bukan singkatan", False),  # whole words only
        ("industri kecilnya", False),
        ("Tim sepak bola menang", False),
    ],
)
def test_keywords_match_whole_words_in_any_case(text: str, kept: bool) -> None:
    filters = Filters(keywords=("IKM", "industri kecil", "Kemenperin"))
    assert filters.keyword_in(text) is kept


def test_the_date_window_keeps_undated_articles() -> None:
    filters = Filters(since=date(2024, 1, 1), until=date(2024, 12, 31))
    assert filters.date_in_window(None)
    assert filters.date_in_window(date(2024, 6, 1))
    assert not filters.date_in_window(date(2023, 12, 31))
    assert not filters.date_in_window(date(2025, 1, 1))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({}, "outlets: a list of at least one outlet is needed"),
        ({"outlets": [{"name": "Warta"}]}, r"outlets\[0\]: no feeds, sitemaps or urls"),
        ({"outlets": [{"feeds": ["https://a.example/rss"]}]}, "name: the outlet's name is needed"),
        ({"outlets": [{"name": "W", "feeds": ["ftp://a.example/rss"]}]}, "is not an http"),
        ({**ONE_OUTLET, "filter": {}}, "unknown key 'filter'"),
        ({**ONE_OUTLET, "filters": {"since": "kemarin"}}, "'kemarin' is not a date"),
        ({**ONE_OUTLET, "filters": {"since": "2025-01-01", "until": "2024-01-01"}}, "is after"),
        ({**ONE_OUTLET, "fetch": {"timeout": "cepat"}}, "timeout: a number of at least 0"),
        ({**ONE_OUTLET, "fetch": {"retries": 1.5}}, "retries: a whole number"),
        ({"outlets": ONE_OUTLET["outlets"] * 2}, "the name 'Warta' is used twice"),
    ],
)
def test_a_file_that_cannot_be_used_says_where(document: object, message: str) -> None:
    with pytest.raises(SourcesError, match=message):
        parse_sources(document, "sources.yml")


def test_a_file_that_is_not_yaml_is_named(tmp_path: Path) -> None:
    path = tmp_path / "sources.yml"
    path.write_text("outlets: [\n", encoding="utf-8")
    with pytest.raises(SourcesError, match=r"sources\.yml: not YAML"):
        load_sources(path)
    with pytest.raises(SourcesError, match="cannot read"):
        load_sources(tmp_path / "missing.yml")
