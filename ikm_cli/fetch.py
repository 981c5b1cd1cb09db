"""``ikm fetch``: the fetch of ``ikm_warehouse.fetch``, and its summary in words.

``format_report(report)`` gives lines such as ``  failures:  2, each with its reason
(table failures of ...)`` followed by one line per failure (the first 20, then a count).
"""

from __future__ import annotations

from pathlib import Path

from ikm_cli.listing import capped
from ikm_warehouse.fetch import FetchReport


def format_report(report: FetchReport, sources_file: Path) -> list[str]:
    lines = [f"ikm fetch: ok ({report.fetch_id})"]
    lines.append(
        f"  sources:   {report.outlets} outlets in {sources_file}: {report.urls_found:,} "
        f"article URLs, {report.urls_new:,} not fetched before; {report.outside_window:,} "
        f"dated outside the window by their feed; {report.left_for_next:,} left for the next "
        "fetch (over the per-outlet limit)"
    )
    lines.append(
        f"  pages:     {report.pages_downloaded:,} downloaded: {report.articles_written:,} "
        f"articles written ({report.new_versions:,} new versions of changed pages), "
        f"{report.unchanged:,} unchanged, {len(report.filtered):,} not kept by the filters"
    )
    lines += capped(
        [f"    not kept  {url}: {reason}" for url, reason in report.filtered],
        "    and {count} more not kept, see the fetch state's pages table",
    )
    if report.raw_file is not None:
        lines.append(f"  written:   {report.raw_file} (`ikm run` reads it)")
    else:
        lines.append("  written:   nothing new")
    lines.append(
        f"  failures:  {len(report.failures):,}, each with its reason (table failures of the "
        "fetch state; timeouts, lost connections and 5xx are tried again next time)"
    )
    lines += capped(
        [f"    failed    {f.url}: {f.reason}" for f in report.failures],
        "    and {count} more failures, see the fetch state's failures table",
    )
    lines.append(f"  state:     {report.state_path}")
    return lines


def last_fetch_lines(state_path: Path) -> list[str]:
    """The last fetch and its failures, for ``ikm run``'s summary; nothing when there was
    none (no state file)."""
    if not state_path.is_file():
        return []
    import duckdb

    try:
        with duckdb.connect(str(state_path), read_only=True) as con:
            last = con.execute(
                "select fetch_id, finished_at, articles_written, failures, raw_file"
                " from fetches order by started_at desc, fetch_id desc limit 1"
            ).fetchone()
            failures = (
                con.execute(
                    "select url, reason from failures where fetch_id = ? order by url",
                    [last[0]],
                ).fetchall()
                if last
                else []
            )
    except duckdb.Error as error:  # a fetch writing it right now, or not a state file
        return [f"  fetch:     the fetch state cannot be read now ({type(error).__name__})"]
    if last is None:
        return []
    fetch_id, finished, written, failed, raw_file = last
    lines = [
        f"  fetch:     last {fetch_id} (finished {finished:%Y-%m-%d %H:%M} UTC): {written:,} "
        f"articles written{f' to {raw_file}' if raw_file else ''}, {failed:,} failed"
    ]
    lines += capped(
        [f"    fetch failed  {url}: {reason}" for url, reason in failures],
        "    and {count} more fetch failures, see the fetch state's failures table",
        total=failed,
    )
    return lines
