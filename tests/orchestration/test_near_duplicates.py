"""Near-duplicate groups in the warehouse: planted copies found, incremental equals full."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from planted_copies import Planted, expected_groups, planted_corpus

import ikm_facts
from ikm_facts.model import ArticleFacts
from ikm_facts.syndication import group_near_duplicates
from ikm_warehouse import load
from ikm_warehouse.ingest import read_inputs

CORPUS = planted_corpus()


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = load.connect(tmp_path / "ikm.duckdb")
    yield con
    con.close()


def run(con: duckdb.DuckDBPyConnection, raw: Path, articles: list[Planted]) -> None:
    """One pipeline run after ``articles`` arrived in raw/."""
    raw.mkdir(exist_ok=True)
    for article in articles:
        (raw / article.name).write_text(article.text, encoding="utf-8")
    load.write_ingest(con, read_inputs([raw], base=raw))
    load.extract_pending(con)


def groups_by_doc(con: duckdb.DuckDBPyConnection) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for doc, group in con.execute(
        "select a.doc, e.syndication_group from raw.articles as a"
        " join raw.extractions as e using (article_id)"
    ).fetchall():
        groups.setdefault(group, set()).add(doc)
    return {frozenset(group) for group in groups.values()}


def state(con: duckdb.DuckDBPyConnection) -> tuple[list[tuple[object, ...]], ...]:
    """Everything grouping decides: links and groups (not when they were written)."""
    links = con.execute(
        "select article_id, linked_id, similarity from raw.syndication_links order by all"
    ).fetchall()
    groups = con.execute(
        "select article_id, syndication_group from raw.extractions order by all"
    ).fetchall()
    bands = con.execute(
        "select article_id, band, band_key from raw.syndication_bands order by all"
    ).fetchall()
    return links, groups, bands


def test_planted_copies_are_grouped_with_their_original_and_nothing_else() -> None:
    groups = group_near_duplicates({article.name: article.text for article in CORPUS})
    found: dict[str, set[str]] = {}
    for name, group in groups.items():
        found.setdefault(group, set()).add(name)
    assert {frozenset(group) for group in found.values()} == expected_groups(CORPUS)
    # The corpus holds each kind of copy, and stories with two copies.
    kinds = {article.name.split("_", 1)[1] for article in CORPUS if article.name.startswith("c")}
    assert kinds == {"wire_lead.txt", "cut_ending.txt", "outlet_header.txt"}
    assert max(len(group) for group in found.values()) == 3


def test_groups_built_over_several_runs_equal_a_full_recomputation(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    raw = tmp_path / "raw"
    copies = [a for a in CORPUS if a.name != a.original]
    originals = [a for a in CORPUS if a.name == a.original]
    # Copies of some stories arrive before their originals; the rest one or two at a time.
    run(warehouse, raw, copies[::2])
    run(warehouse, raw, originals[: len(originals) // 2])
    run(warehouse, raw, copies[1::2][:3])
    run(warehouse, raw, [a for a in CORPUS if not (raw / a.name).exists()])
    incremental = state(warehouse)
    assert groups_by_doc(warehouse) == expected_groups(CORPUS)

    load.update_syndication_groups(warehouse, full=True)
    assert state(warehouse) == incremental

    # And the same as grouping every clean text at once, group ids included.
    rows = warehouse.execute(
        "select article_id, clean_text, published, syndication_group from raw.extractions"
    ).fetchall()
    at_once = group_near_duplicates(
        {row[0]: row[1] for row in rows}, published={row[0]: row[2] for row in rows}
    )
    assert {row[0]: row[3] for row in rows} == at_once


def test_only_the_new_articles_are_compared(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    run(warehouse, raw, CORPUS[:-3])
    compared: list[list[str]] = []
    original_link = load.near_duplicates._link

    def spy(con: duckdb.DuckDBPyConnection, relink: list[str], now: object) -> tuple[int, int]:
        compared.append(list(relink))
        return original_link(con, relink, now)  # type: ignore[arg-type]

    monkeypatch.setattr(load.near_duplicates, "_link", spy)
    run(warehouse, raw, CORPUS[-3:])
    new_ids = {
        row[0]
        for row in warehouse.execute(
            "select article_id from raw.articles where doc in (select unnest(?))",
            [[a.name for a in CORPUS[-3:]]],
        ).fetchall()
    }
    assert [set(ids) for ids in compared] == [new_ids]
    assert groups_by_doc(warehouse) == expected_groups(CORPUS)
    # Nothing new: nothing compared, nothing regrouped.
    run(warehouse, raw, [])
    assert len(compared) == 1


def test_a_reextraction_that_changes_a_copy_splits_its_group(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    run(warehouse, raw, CORPUS)
    (copy,) = [a for a in CORPUS if a.name.startswith("c01_")]
    assert frozenset({copy.name, copy.original}) in groups_by_doc(warehouse)
    extract = ikm_facts.extract_article

    def rewritten(text: str, doc: str, **kwargs: object) -> ArticleFacts:
        facts = extract(text, doc, **kwargs)  # type: ignore[arg-type]
        if doc == copy.name:  # the next version's cleaning drops the copied story
            return dataclasses.replace(facts, clean_text="Berita lain sama sekali.")
        return facts

    monkeypatch.setattr(ikm_facts, "extract_article", rewritten)
    load.extract_pending(warehouse, "next-version")
    groups = groups_by_doc(warehouse)
    assert frozenset({copy.name}) in groups
    assert frozenset({copy.original}) in groups
    split = state(warehouse)
    load.update_syndication_groups(warehouse, full=True)
    assert state(warehouse) == split


def test_a_warehouse_without_sketches_gets_them_and_the_same_groups(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    raw = tmp_path / "raw"
    run(warehouse, raw, CORPUS)
    before = state(warehouse)
    # As a warehouse made before sketches were stored: extractions and groups only.
    for table in ("syndication_sketches", "syndication_bands", "syndication_links"):
        warehouse.execute(f"delete from raw.{table}")
    warehouse.execute("update raw.extractions set syndication_group = article_id")
    assert load.update_syndication_groups(warehouse) > 0
    assert state(warehouse) == before


def test_sketches_and_links_of_articles_gone_are_dropped(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection
) -> None:
    raw = tmp_path / "raw"
    run(warehouse, raw, CORPUS)
    (gone,) = warehouse.execute(
        "select article_id from raw.syndication_links order by all limit 1"
    ).fetchall()[0]
    warehouse.execute("delete from raw.extractions where article_id = ?", [gone])
    load.update_syndication_groups(warehouse)
    for table, column in [
        ("syndication_sketches", "article_id"),
        ("syndication_bands", "article_id"),
        ("syndication_links", "article_id"),
        ("syndication_links", "linked_id"),
    ]:
        (count,) = warehouse.execute(
            f"select count(*) from raw.{table} where {column} = ?", [gone]
        ).fetchall()[0]
        assert count == 0, table


def test_a_run_stopped_between_commits_is_finished_by_the_next(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for article in CORPUS:
        (raw / article.name).write_text(article.text, encoding="utf-8")
    load.write_ingest(warehouse, read_inputs([raw], base=raw))
    monkeypatch.setattr(load, "EXTRACT_BATCH", 4)
    monkeypatch.setattr(load, "COMMIT_EVERY", 8)

    def stop(done: int, total: int) -> None:
        if done >= 20:
            raise KeyboardInterrupt  # as a user stopping the run

    with pytest.raises(KeyboardInterrupt):
        load.extract_pending(warehouse, progress=stop)
    # The first 16 articles were committed, sketched but not yet linked or grouped.
    assert warehouse.execute("select count(*) from raw.extractions").fetchall() == [(16,)]
    assert warehouse.execute(
        "select count(*) from raw.syndication_sketches where linked_at is null"
    ).fetchall() == [(16,)]
    assert load.extract_pending(warehouse).articles_extracted == len(CORPUS) - 16
    assert groups_by_doc(warehouse) == expected_groups(CORPUS)
    finished = state(warehouse)
    load.update_syndication_groups(warehouse, full=True)
    assert state(warehouse) == finished
