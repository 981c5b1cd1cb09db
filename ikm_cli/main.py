"""The `ikm` command: run the pipeline, fetch articles, extract facts, query the warehouse, check
its quality.

Imports are made inside each command, so that `ikm facts` starts without loading Dagster,
dbt, Great Expectations or pandas.

Exit codes: 0 success; 1 the command ran and found a failure (a critical expectation failed,
no article could be read); 2 the command could not run (bad arguments, no warehouse, bad SQL).
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2

# The table format holds its rows in memory to size its columns; csv and json stream them.
TABLE_ROWS = 1000


class CommandError(Exception):
    """A problem the user can fix; printed without a traceback, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.command(args))
    except CommandError as error:
        print(f"ikm {args.name}: {error}", file=sys.stderr)
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ikm", description="Facts about Indonesian IKM, from news into a DuckDB warehouse."
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the whole pipeline (ingest, extract, dbt, checks)")
    run.add_argument("--raw", type=Path, help="folder of input articles (default: raw/)")
    run.add_argument(
        "--reread",
        action="store_true",
        help="read every input file again, also those unchanged since the last run",
    )
    run.add_argument(
        "--jobs",
        type=_at_least_one,
        metavar="N",
        help="extraction processes (default: one per usable core)",
    )
    run.add_argument(
        "--rebuild",
        action="store_true",
        help="run dbt (every model from scratch: --full-refresh) and the suites, even when "
        "nothing they read changed since the last build",
    )
    _warehouse_option(run)
    run.set_defaults(command=_run, name="run")

    facts = commands.add_parser("facts", help="extract facts to JSON Lines, without a warehouse")
    facts.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    facts.add_argument("--out", type=Path, help="output file (default: standard output)")
    facts.add_argument(
        "--jobs",
        type=_at_least_one,
        metavar="N",
        help="worker processes (default: one per usable core; 1 extracts in this process)",
    )
    facts.set_defaults(command=_facts, name="facts")

    query = commands.add_parser("query", help="run one SQL statement on the warehouse, read-only")
    query.add_argument("sql", metavar="SQL")
    _warehouse_option(query)
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    cap = query.add_mutually_exclusive_group()
    cap.add_argument(
        "--limit",
        type=_at_least_one,
        metavar="N",
        help=f"print at most N rows (default: {TABLE_ROWS} for the table format, all for csv/json)",
    )
    cap.add_argument("--no-limit", action="store_true", help="print every row, also as a table")
    query.set_defaults(command=_query, name="query")

    fetch = commands.add_parser(
        "fetch", help="download new articles from the outlets of sources.yml into raw/fetched/"
    )
    fetch.add_argument("--sources", type=Path, help="the sources file (default: sources.yml)")
    fetch.add_argument("--raw", type=Path, help="folder of input articles (default: raw/)")
    fetch.add_argument(
        "--state",
        type=Path,
        help="what was fetched before (default: fetch_state.duckdb beside the warehouse)",
    )
    fetch.add_argument(
        "--refresh",
        action="store_true",
        help="ask every known page again (conditional requests); changed text is a new version",
    )
    _warehouse_option(fetch)
    fetch.set_defaults(command=_fetch, name="fetch")

    check = commands.add_parser("check", help="run the expectation suites and write the report")
    _warehouse_option(check)
    check.set_defaults(command=_check, name="check")
    return parser


def _warehouse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse", type=Path, help="DuckDB file (default: warehouse/ikm.duckdb)"
    )


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _project_paths(args: argparse.Namespace) -> Any:
    from ikm_warehouse.paths import ProjectNotFoundError, resolve_paths

    try:
        paths = resolve_paths()
    except ProjectNotFoundError as error:
        raise CommandError(str(error)) from None
    return paths.with_overrides(raw_dir=getattr(args, "raw", None), warehouse=args.warehouse)


def _warehouse_file(args: argparse.Namespace) -> Path:
    # An explicit file needs no project around it: `ikm query` works from anywhere.
    path = args.warehouse.resolve() if args.warehouse else _project_paths(args).warehouse
    if not path.is_file():
        raise CommandError(f"no warehouse at {path}: run `ikm run` first")
    return Path(path)


def _run(args: argparse.Namespace) -> int:
    paths = _project_paths(args)
    try:
        from ikm_cli.run import run_pipeline
    except ImportError as error:
        raise CommandError(f"the pipeline cannot be loaded: {error}") from None
    return int(
        run_pipeline(
            paths, reread=args.reread, jobs=args.jobs or 0, progress=True, rebuild=args.rebuild
        )
    )


def _facts(args: argparse.Namespace) -> int:
    from ikm_cli.listing import capped
    from ikm_facts import to_records
    from ikm_warehouse.extraction import ExtractionJob, extract_many
    from ikm_warehouse.ingest import location, read_inputs

    result = read_inputs(list(args.paths))
    # Read now (UTC, as the warehouse's ingested_at): no publication date inferred after today.
    read_on = datetime.now(UTC).date()
    lines = [
        f"ikm facts: {'rejected' if p.rejected else 'warning'}: "
        f"{location(p.source_path, p.source_line)}: {p.reason}"
        for p in result.problems
    ]
    for line in capped(lines, "ikm facts: and {count} more problems with the inputs"):
        print(line, file=sys.stderr)
    # What the reading said of an article, its extraction need not say again (a text cut).
    reasons: dict[tuple[str, int | None], list[str]] = {}
    for problem in result.problems:
        reasons.setdefault((problem.source_path, problem.source_line), []).append(problem.reason)
    said = {
        f"{a.doc}: {reason}"
        for a in result.articles
        for reason in reasons.get((a.source_path, a.source_line), [])
    }
    written = 0
    out: TextIO
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        out = args.out.open("w", encoding="utf-8")
    else:
        out = sys.stdout
    try:
        jobs = (
            ExtractionJob(
                key=article.doc,
                text=article.text,
                doc=article.doc,
                title=article.title,
                published=article.published_metadata,
                read_on=read_on,
            )
            for article in result.articles
        )
        for outcome in extract_many(jobs, args.jobs):
            facts = outcome.facts
            if facts is None:  # report the article and go on with the others
                print(f"ikm facts: error: {outcome.doc}: {outcome.error}", file=sys.stderr)
                continue
            for warning in facts.warnings:
                if warning in said:
                    continue
                print(f"ikm facts: warning: {warning}", file=sys.stderr)
            for record in to_records(facts):
                out.write(_json(record) + "\n")
            written += 1
    finally:
        if out is not sys.stdout:
            out.close()
    print(
        f"ikm facts: articles extracted: {written}; inputs rejected: "
        f"{sum(p.rejected for p in result.problems)}",
        file=sys.stderr,
    )
    return EXIT_OK if written else EXIT_FAILED


def _query(args: argparse.Namespace) -> int:
    from ikm_warehouse import query

    path = _warehouse_file(args)
    limit = args.limit or (TABLE_ROWS if args.format == "table" and not args.no_limit else None)
    try:
        with query.open_read_only(path) as con:
            result = query.execute(con, args.sql)
            rows = itertools.chain.from_iterable(result.batches)
            shown = rows if limit is None else itertools.islice(rows, limit)
            if args.format == "table":
                table = list(shown)
                more = next(rows, None) is not None
                sys.stdout.write(format_table(result.columns, table, more=more))
            else:
                _stream_rows(result.columns, shown, args.format, sys.stdout)
                if limit is not None and next(rows, None) is not None:
                    print(f"ikm query: showing first {limit} rows (--limit)", file=sys.stderr)
    except query.QueryError as error:
        raise CommandError(str(error)) from None
    except BrokenPipeError:  # the reader stopped early, as `| head` does: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that Python's exit does not flush into it
    return EXIT_OK


def _fetch(args: argparse.Namespace) -> int:
    from ikm_cli.fetch import format_report
    from ikm_warehouse.fetch import FetchError, fetch_sources
    from ikm_warehouse.progress import Progress
    from ikm_warehouse.sources import SourcesError, load_sources

    paths = _project_paths(args)
    sources_file = args.sources.resolve() if args.sources else paths.sources_file
    if not sources_file.is_file():
        raise CommandError(
            f"no sources file at {sources_file}: copy sources.example.yml to sources.yml "
            "and name the outlets to follow"
        )
    try:
        sources = load_sources(sources_file)
        report = fetch_sources(
            sources,
            paths.raw_dir,
            args.state.resolve() if args.state else paths.fetch_state,
            refresh=args.refresh,
            progress=Progress(sys.stderr, "fetched", "pages"),
        )
    except (SourcesError, FetchError) as error:
        raise CommandError(str(error)) from None
    print("\n".join(format_report(report, sources_file)))
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from ikm_warehouse import quality

    paths = _project_paths(args)
    if not paths.warehouse.is_file():
        raise CommandError(f"no warehouse at {paths.warehouse}: run `ikm run` first")
    report = quality.run_all(paths.warehouse, paths.expectations_dir, paths.reports_dir)
    print(quality.summary_headline(report))  # counts, and the HTML report's path
    for outcome in report.outcomes:
        if outcome.success:
            continue
        print(
            f"  FAILED [{outcome.severity}] {outcome.suite}: {outcome.expectation} "
            f"({outcome.unexpected_count} unexpected)"
        )
        for example in outcome.examples[:5]:
            print(f"      {_json(example)}")
    if report.summary_path is not None:
        print(f"summary: {report.summary_path}")
    return EXIT_FAILED if report.critical_failures else EXIT_OK


def _stream_rows(
    columns: list[str], rows: Iterable[tuple[Any, ...]], style: str, out: TextIO
) -> None:
    """Write rows as they come, a chunk at a time: csv with a header, or one JSON array."""
    rows = iter(rows)
    chunks = iter(lambda: list(itertools.islice(rows, 1000)), [])
    if style == "csv":
        import csv

        buffer = io.StringIO()  # one write per chunk, not one per row
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for chunk in chunks:
            writer.writerows([_cell(v, width=None) for v in row] for row in chunk)
            out.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
        out.write(buffer.getvalue())
        return
    import json

    # The text of json.dumps(records, indent=1): each chunk is dumped as an array whose
    # brackets are cut off.
    separator = "[\n"
    for chunk in chunks:
        records = [dict(zip(columns, row, strict=True)) for row in chunk]
        text = json.dumps(records, ensure_ascii=False, default=_json_default, indent=1)
        out.write(separator + text[2:-2])
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


def format_table(
    columns: list[str], rows: list[tuple[Any, ...]], max_width: int = 60, more: bool = False
) -> str:
    """A plain text table; long cells are cut to ``max_width`` characters.

    ``more`` says that the query gave rows beyond these, left out by the row cap.
    """
    if not columns:
        return "(no result)\n"
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(columns), "-+-".join("-" * w for w in widths)]
    lines += [line(r) for r in cells]
    if more:
        lines.append(f"(showing first {len(rows)} rows; use --limit/--no-limit)")
    else:
        lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _cell(value: Any, width: int | None) -> str:
    if value is None:
        return "" if width is None else "NULL"
    text = value if isinstance(value, str) else str(_json_default(value))
    if width is not None:
        text = " ".join(text.split())
        if len(text) > width:
            text = text[: width - 1] + "…"
    return text


def _json(record: Any) -> str:
    import json

    return json.dumps(record, ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bool | int | float):
        return value
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
