"""Near-duplicate groups kept in the warehouse, updated for the articles a run changed.

Each extracted article has a sketch (``raw.syndication_sketches``) and its band keys
(``raw.syndication_bands``, the LSH index). A run compares only the articles not yet linked
(those it (re-)extracted, or those an interrupted run left) with the index, in one SQL join,
confirms each candidate pair on the exact shingles and stores the links
(``raw.syndication_links``); the groups are then the connected sets of all links.
Since a candidate and a link depend only on the two articles, the stored links, and so the
groups, are those of :func:`ikm_facts.syndication.group_near_duplicates` over every article at
once, however the corpus arrived (``update(con, full=True)`` recomputes them from scratch).

The caller holds the transaction: these functions write nothing on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import duckdb
import numpy as np

from ikm_facts import syndication
from ikm_warehouse import raw_tables
from ikm_warehouse.raw_tables import delete_keys, insert_frame, insert_rows, registered

if TYPE_CHECKING:
    import pandas as pd

# Candidate pairs confirmed per round (their shingles are read for the round only).
CONFIRM_BATCH = 20_000
# Articles sketched per round when sketches are missing (a warehouse made before sketches).
SKETCH_BATCH = 1_000
_CANDIDATES = "ikm_syndication_candidates"


@dataclass(frozen=True)
class GroupingStats:
    compared: int  # articles compared with the index
    candidates: int  # pairs that shared a band key
    links: int  # of those, confirmed near-duplicates
    regrouped: int  # articles whose group changed


def write_sketches(
    con: duckdb.DuckDBPyConnection,
    sketches: Sequence[tuple[str, syndication.Sketch]],
    now: datetime,
) -> None:
    """Replace these articles' sketches and band keys: one statement per table."""
    import pandas as pd

    if not sketches:
        return
    ids = [article_id for article_id, _ in sketches]
    delete_keys(con, raw_tables.SYNDICATION_SKETCHES, "article_id", ids)
    delete_keys(con, raw_tables.SYNDICATION_BANDS, "article_id", ids)
    insert_rows(
        con,
        raw_tables.SYNDICATION_SKETCHES,
        (
            {
                "article_id": article_id,
                "shingle_count": int(sketch.shingles.size),
                "shingles": sketch.shingle_bytes(),
                "sketched_at": now,
                "linked_at": None,  # compared with the index by the next update
            }
            for article_id, sketch in sketches
        ),
    )
    counts = np.array([sketch.bands.size for _, sketch in sketches])
    bands = pd.DataFrame(
        {
            "article_id": np.repeat(np.array(ids, dtype=object), counts),
            "band": np.concatenate([np.arange(n, dtype=np.int16) for n in counts]),
            "band_key": np.concatenate([sketch.bands for _, sketch in sketches]),
        }
    )
    insert_frame(con, raw_tables.SYNDICATION_BANDS, bands)


def update(
    con: duckdb.DuckDBPyConnection, now: datetime | None = None, *, full: bool = False
) -> GroupingStats:
    """Link every article not yet linked (its sketch is new) anew, and regroup.

    Extracted articles without a sketch are sketched here (from their clean text) and linked
    too; sketches and links of articles no longer extracted are dropped. ``full`` drops every
    sketch and link first, so that everything is recomputed.
    """
    now = now or datetime.now()
    if full:
        for table in raw_tables.SYNDICATION_TABLES:
            con.execute(f"delete from {table.qualified_name}")
    _drop_orphans(con)
    _sketch_missing(con, now)
    relink = [
        row[0]
        for row in con.execute(
            "select article_id from raw.syndication_sketches where linked_at is null "
            "order by article_id"
        ).fetchall()
    ]
    candidates = links = 0
    if relink:
        candidates, links = _link(con, relink, now)
        con.execute(
            "update raw.syndication_sketches set linked_at = ? where linked_at is null", [now]
        )
    return GroupingStats(len(relink), candidates, links, _regroup(con))


def _drop_orphans(con: duckdb.DuckDBPyConnection) -> None:
    for table in (raw_tables.SYNDICATION_SKETCHES, raw_tables.SYNDICATION_BANDS):
        con.execute(
            f"delete from {table.qualified_name} where article_id not in "
            "(select article_id from raw.extractions)"
        )
    con.execute(
        "delete from raw.syndication_links where article_id not in "
        "(select article_id from raw.extractions) or linked_id not in "
        "(select article_id from raw.extractions)"
    )


def _sketch_missing(con: duckdb.DuckDBPyConnection, now: datetime) -> None:
    missing = [
        row[0]
        for row in con.execute(
            "select article_id from raw.extractions where article_id not in "
            "(select article_id from raw.syndication_sketches) order by article_id"
        ).fetchall()
    ]
    for start in range(0, len(missing), SKETCH_BATCH):
        rows = con.execute(
            "select article_id, clean_text from raw.extractions "
            "where article_id in (select unnest(?))",
            [missing[start : start + SKETCH_BATCH]],
        ).fetchall()
        write_sketches(con, [(key, syndication.sketch(text)) for key, text in rows], now)


def _link(con: duckdb.DuckDBPyConnection, relink: list[str], now: datetime) -> tuple[int, int]:
    """Replace the links of ``relink``; returns the candidate pairs and the links made."""
    import pandas as pd

    con.execute(
        "delete from raw.syndication_links where article_id in (select unnest($ids)) "
        "or linked_id in (select unnest($ids))",
        {"ids": relink},
    )
    with registered(con, pd.DataFrame({"article_id": relink}, dtype="object")) as relinked:
        # Kept in a temporary table and confirmed a page at a time: there may be millions.
        con.execute(
            f"""
            create or replace temporary table {_CANDIDATES} as
            with changed as (
                select b.article_id, b.band, b.band_key
                from raw.syndication_bands as b
                where b.article_id in (select article_id::varchar from {relinked})
            ),

            pairs as (
                select distinct
                    least(c.article_id, o.article_id) as article_id,
                    greatest(c.article_id, o.article_id) as linked_id
                from changed as c
                inner join raw.syndication_bands as o
                    on
                        c.band = o.band
                        and c.band_key = o.band_key
                        and c.article_id <> o.article_id
            )

            select
                row_number() over (order by article_id, linked_id) as pair_number,
                article_id,
                linked_id
            from pairs
            """
        )
    linked = 0
    try:
        (total,) = con.execute(f"select count(*) from {_CANDIDATES}").fetchall()[0]
        for start in range(0, total, CONFIRM_BATCH):
            pairs = con.execute(
                f"select article_id, linked_id from {_CANDIDATES} "
                "where pair_number > ? and pair_number <= ? order by pair_number",
                [start, start + CONFIRM_BATCH],
            ).fetchall()
            linked += insert_frame(con, raw_tables.SYNDICATION_LINKS, _confirmed(con, pairs, now))
    finally:
        con.execute(f"drop table if exists {_CANDIDATES}")
    return int(total), linked


def _confirmed(
    con: duckdb.DuckDBPyConnection, pairs: list[tuple[str, str]], now: datetime
) -> pd.DataFrame:
    """The candidate pairs whose shingles overlap enough, as rows of raw.syndication_links."""
    import pandas as pd

    ids = sorted({key for pair in pairs for key in pair})
    shingles = {
        key: syndication.Sketch.shingles_from_bytes(data)
        for key, data in con.execute(
            "select article_id, shingles from raw.syndication_sketches "
            "where article_id in (select unnest(?))",
            [ids],
        ).fetchall()
    }
    kept = []
    for left, right in pairs:
        score = syndication.similarity(shingles[left], shingles[right])
        if score >= syndication.THRESHOLD:
            kept.append((left, right, score))
    return pd.DataFrame(
        {
            "article_id": pd.Series([row[0] for row in kept], dtype="object"),
            "linked_id": pd.Series([row[1] for row in kept], dtype="object"),
            "similarity": pd.Series([row[2] for row in kept], dtype="float64"),
            "linked_at": pd.Series([now] * len(kept), dtype="datetime64[us]"),
        }
    )


def _regroup(con: duckdb.DuckDBPyConnection) -> int:
    import pandas as pd

    rows = con.execute(
        "select article_id, published, syndication_group from raw.extractions"
    ).fetchall()
    links = con.execute("select article_id, linked_id from raw.syndication_links").fetchall()
    groups = syndication.group_ids(
        (row[0] for row in rows), links, {row[0]: row[1] for row in rows}
    )
    changed = [(row[0], groups[row[0]]) for row in rows if groups[row[0]] != row[2]]
    if changed:
        frame = pd.DataFrame(changed, columns=["article_id", "syndication_group"], dtype="object")
        with registered(con, frame) as regrouped:
            con.execute(
                f"""
                update raw.extractions as e
                set syndication_group = g.syndication_group::varchar
                from {regrouped} as g
                where e.article_id = g.article_id::varchar
                """
            )
    return len(changed)
