"""The `ikm` command, run in-process through ``main(argv)``: outputs, messages and exit codes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
import types
from pathlib import Path

import duckdb
import pytest

from ikm_cli.main import format_table, main
from ikm_warehouse import load, quality
from ikm_warehouse.paths import ProjectPaths
from ikm_warehouse.quality import ExpectationOutcome, QualityReport

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

# An article written for these tests.
ARTICLE = (
    "PALU - Kementerian Perindustrian menggelar bimbingan teknis bagi 80 penjahit di Kota Palu. "
    "Kegiatan ini diharapkan dapat meningkatkan mutu produk sandang yang dibuat oleh industri "
    "kecil dan menengah di Sulawesi Tengah, kata kepala dinas setempat."
)


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def small_warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "ikm.duckdb"
    con = load.connect(path)
    con.execute("create table main.dim_metric (metric_code varchar, unit varchar, note varchar)")
    con.execute(
        "insert into main.dim_metric values"
        " ('ikm_units', 'unit', 'unit usaha'), ('budget', 'IDR', null)"
    )
    con.close()
    return path


# --- ikm facts ---------------------------------------------------------------------------------


def test_facts_writes_one_document_per_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "palu.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "kosong.txt").write_text("", encoding="utf-8")
    (raw / "umpan.jsonl").write_text(
        json.dumps({"url": "https://kabar.example/palu-2", "text": ARTICLE + " Lagi."})
        + "\n{rusak\n",
        encoding="utf-8",
    )
    out = tmp_path / "hasil" / "facts.jsonl"
    assert main(["facts", str(raw), "--out", str(out)]) == 0
    records = read_jsonl(out)
    documents = [r["doc"] for r in records if r["kind"] == "document"]
    assert documents == ["palu.txt", "https://kabar.example/palu-2"]
    assert all(r["kind"] in {"document", "figure"} for r in records)
    errors = capsys.readouterr().err
    assert "kosong.txt: empty" in errors
    assert "umpan.jsonl:2: not JSON" in errors


def test_facts_writes_to_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "palu.txt").write_text(ARTICLE, encoding="utf-8")
    assert main(["facts", str(tmp_path / "palu.txt")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert json.loads(lines[0])["doc"] == "palu.txt"


def test_facts_fails_when_nothing_could_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kosong.txt").write_text(" ", encoding="utf-8")
    assert main(["facts", str(tmp_path), str(tmp_path / "tidak_ada.txt")]) == 1
    errors = capsys.readouterr().err
    assert "kosong.txt: empty" in errors
    assert "tidak_ada.txt: no such file or folder" in errors


def test_facts_goes_on_past_a_symlink_loop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "palu.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    assert main(["facts", str(tmp_path), str(tmp_path / "loop.txt")]) == 0
    captured = capsys.readouterr()
    assert [json.loads(line)["doc"] for line in captured.out.splitlines()][:1] == ["palu.txt"]
    assert captured.err.count("loop.txt: symlink loop") == 2


def test_facts_lists_the_first_problems_and_counts_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "palu.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "rusak.jsonl").write_text("{rusak\n" * 5000, encoding="utf-8")
    assert main(["facts", str(tmp_path)]) == 0
    errors = capsys.readouterr().err.splitlines()
    assert errors[0].startswith("ikm facts: rejected: rusak.jsonl:1: not JSON")
    assert errors[19].startswith("ikm facts: rejected: rusak.jsonl:20: not JSON")
    assert errors[20] == "ikm facts: and 4,980 more problems with the inputs"
    assert errors[-1] == "ikm facts: articles extracted: 1; inputs rejected: 5000"
    assert len(errors) < 30


def test_facts_says_a_cut_text_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "panjang.txt").write_text(" ".join([ARTICLE] * 1000), encoding="utf-8")
    assert main(["facts", str(tmp_path)]) == 0
    errors = capsys.readouterr().err
    warning = "warning: panjang.txt: text cut at 200,000 characters for extraction"
    assert errors.count(warning) == 1


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is absent")
def test_facts_on_the_seeds_is_accepted_by_the_scorer(tmp_path: Path) -> None:
    out = tmp_path / "seeds.jsonl"
    assert main(["facts", str(SHARED / "seeds"), "--out", str(out)]) == 0
    seeds = sorted(p.name for p in (SHARED / "seeds").glob("*.txt"))
    documents = [r["doc"] for r in read_jsonl(out) if r["kind"] == "document"]
    assert documents == seeds
    scored = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--gold",
            str(SHARED / "eval" / "gold" / "seeds.jsonl"),
            "--pred",
            str(out),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert scored.returncode == 0, scored.stderr


def test_facts_loads_no_pipeline_module(tmp_path: Path) -> None:
    (tmp_path / "palu.txt").write_text(ARTICLE, encoding="utf-8")
    script = (
        "import sys\n"
        "from ikm_cli.main import main\n"
        f"code = main(['facts', {str(tmp_path)!r}, '--out', {str(tmp_path / 'x.jsonl')!r}])\n"
        "heavy = {'dagster', 'dbt', 'great_expectations', 'pandas', 'duckdb', 'orchestration'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy), code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.split() == ["[]", "0"]


# --- ikm query ---------------------------------------------------------------------------------


def test_query_prints_a_table(small_warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "select metric_code, unit, note from dim_metric order by metric_code"
    assert main(["query", sql, "--warehouse", str(small_warehouse)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(" | ") == ["metric_code", "unit", "note"]
    assert lines[2].split() == ["budget", "|", "IDR", "|", "NULL"]
    assert lines[-1] == "(2 rows)"


def test_query_as_csv_and_json(small_warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "select metric_code, 2.5::decimal(10, 2) as x from dim_metric order by 1"
    assert main(["query", sql, "--warehouse", str(small_warehouse), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["metric_code", "x"], ["budget", "2.5"], ["ikm_units", "2.5"]]
    assert main(["query", sql, "--warehouse", str(small_warehouse), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"metric_code": "budget", "x": 2.5},
        {"metric_code": "ikm_units", "x": 2.5},
    ]


def test_query_reports_sql_errors(
    small_warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "select * from tidak_ada", "--warehouse", str(small_warehouse)]) == 2
    assert "tidak_ada" in capsys.readouterr().err


def test_query_cannot_write(small_warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["query", "delete from dim_metric", "--warehouse", str(small_warehouse)])
    assert code == 2
    assert "read-only" in capsys.readouterr().err.lower()
    assert (
        main(["query", "select count(*) from dim_metric", "--warehouse", str(small_warehouse)]) == 0
    )
    assert "2" in capsys.readouterr().out


def test_query_without_a_warehouse_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "tidak_ada.duckdb"
    assert main(["query", "select 1", "--warehouse", str(missing)]) == 2
    error = capsys.readouterr().err
    assert str(missing) in error
    assert "run `ikm run` first" in error
    assert not missing.exists()


# --- ikm query: nothing it runs can harm ------------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): digest(p) for p in folder.rglob("*") if p.is_file()}


# Each statement, and what DuckDB's refusal says: the protection is DuckDB's own configuration.
HARMFUL_SQL = {
    "overwrite the warehouse": ("COPY (select 1 as a) TO '{warehouse}'", "disabled by config"),
    "write a file": ("COPY dim_metric TO '{folder}/keluar.csv'", "disabled by config"),
    "export the database": ("EXPORT DATABASE '{folder}/ekspor'", "disabled by config"),
    "read a file": ("select * from read_text('{folder}/rahasia.txt')", "disabled by config"),
    "read a csv file": ("select * from read_csv('{folder}/rahasia.csv')", "disabled by config"),
    "list files": ("select * from glob('{folder}/*')", "disabled by config"),
    "change another database": (
        "ATTACH '{folder}/lain.duckdb' AS lain (READ_WRITE); drop table lain.catatan",
        "disabled by config",
    ),
    "install an extension": ("INSTALL httpfs", "disabled by config"),
    "load an extension": ("LOAD httpfs", "disabled through config"),
    "harm in a later statement": (
        "select 1; COPY dim_metric TO '{folder}/keluar.csv'",
        "disabled by config",
    ),
    "turn external access back on": ("SET enable_external_access = true", "has been locked"),
    "reset external access": ("RESET enable_external_access", "has been locked"),
    "turn extension autoloading on": ("SET autoload_known_extensions = true", "has been locked"),
    "lift the memory limit": ("SET memory_limit = '1TB'", "has been locked"),
    "delete rows": ("delete from dim_metric", "read-only mode"),
}


@pytest.mark.parametrize(("sql", "refusal"), HARMFUL_SQL.values(), ids=HARMFUL_SQL.keys())
def test_query_refuses_what_could_harm(
    small_warehouse: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    sql: str,
    refusal: str,
) -> None:
    (tmp_path / "rahasia.txt").write_text("kata sandi: rahasia\n", encoding="utf-8")
    (tmp_path / "rahasia.csv").write_text("kata_sandi\nrahasia\n", encoding="utf-8")
    with duckdb.connect(str(tmp_path / "lain.duckdb")) as other:
        other.execute("create table catatan as select 1 as nomor")
    before = files_under(tmp_path)
    statement = sql.format(warehouse=small_warehouse, folder=tmp_path)
    assert main(["query", statement, "--warehouse", str(small_warehouse)]) == 2
    out, err = capsys.readouterr()
    assert "rahasia" not in out
    assert err.startswith("ikm query: ")
    assert refusal in err
    assert err.count("\n") == 1  # one line, no traceback
    assert files_under(tmp_path) == before  # the warehouse and every file beside it, unchanged
    # The warehouse still answers.
    assert query_lines(small_warehouse, capsys, "select count(*) from dim_metric")[2] == "2"


@pytest.mark.parametrize("sql", ["", "   \n", ";", "-- komentar", "/* komentar */ ;"])
def test_query_without_a_statement_says_so(
    small_warehouse: Path, capsys: pytest.CaptureFixture[str], sql: str
) -> None:
    assert main(["query", sql, "--warehouse", str(small_warehouse)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "ikm query: no SQL statement given (the query is empty or only comments)\n"


def test_query_reports_a_syntax_error_on_one_line(
    small_warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "select 1 +", "--warehouse", str(small_warehouse)]) == 2
    assert capsys.readouterr().err == 'ikm query: Parser Error: syntax error at or near "+"\n'


def test_query_of_a_warehouse_being_written_says_a_run_may_be_writing(
    small_warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb\n"
            f"con = duckdb.connect({str(small_warehouse)!r})\n"
            "print('open', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "open\n"
        assert main(["query", "select 1", "--warehouse", str(small_warehouse)]) == 2
    finally:
        writer.communicate("")
    err = capsys.readouterr().err
    assert err == (
        f"ikm query: {small_warehouse} is locked by process {writer.pid}: a run may be writing "
        "it; try again when it has finished\n"
    )


# --- ikm query: row caps and streaming ----------------------------------------------------------


def query_lines(warehouse: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["query", *args, "--warehouse", str(warehouse)]) == 0
    return capsys.readouterr().out.splitlines()


def test_query_table_shows_the_first_thousand_rows(
    small_warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = query_lines(small_warehouse, capsys, "select * from range(100000)")
    assert len(lines) == 2 + 1000 + 1
    assert lines[-2] == "999"
    assert lines[-1] == "(showing first 1000 rows; use --limit/--no-limit)"
    # Exactly as many rows as the cap: nothing is left out, and the table says so.
    assert query_lines(small_warehouse, capsys, "select * from range(1000)")[-1] == "(1000 rows)"


def test_query_limit_and_no_limit(
    small_warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = query_lines(small_warehouse, capsys, "select * from range(1500)", "--limit", "3")
    assert lines[2:] == ["0", "1", "2", "(showing first 3 rows; use --limit/--no-limit)"]
    lines = query_lines(small_warehouse, capsys, "select * from range(1500)", "--no-limit")
    assert (len(lines), lines[-1]) == (2 + 1500 + 1, "(1500 rows)")
    # csv and json print every row unless told otherwise; a cap is said on stderr.
    lines = query_lines(small_warehouse, capsys, "select * from range(1500)", "--format", "csv")
    assert len(lines) == 1 + 1500
    args = ("select * from range(1500) t(n)", "--format", "json", "--limit", "2")
    assert main(["query", *args, "--warehouse", str(small_warehouse)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == [{"n": 0}, {"n": 1}]
    assert err == "ikm query: showing first 2 rows (--limit)\n"


def test_query_limit_and_no_limit_are_exclusive(
    small_warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["query", "select 1", "--limit", "5", "--no-limit"])
    assert exit_info.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


@pytest.mark.parametrize("style", ["csv", "json"])
def test_query_streams_a_large_result_in_bounded_memory(
    small_warehouse: Path, tmp_path: Path, style: str
) -> None:
    rows = 2_000_000  # ~280 MB when fetched at once; some 20-40 MB, whatever the count, in chunks
    out = tmp_path / f"hasil.{style}"
    # The same query on a few rows first, so that DuckDB's own working memory is not counted.
    script = (
        "import io, resource, sys\n"
        "from ikm_cli.main import main\n"
        "def query(rows):\n"
        "    sql = f'select i, i * 2 as j from range({rows}) t(i)'\n"
        f"    args = ['--warehouse', {str(small_warehouse)!r}, '--format', {style!r}]\n"
        "    assert main(['query', sql, *args]) == 0\n"
        "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "sys.stdout = io.StringIO()\n"
        "before = query(1000)\n"
        "sys.stdout = sys.__stdout__\n"
        f"print((query({rows}) - before) // 1024, file=sys.stderr)\n"
    )
    with out.open("w", encoding="utf-8") as stdout:
        done = subprocess.run(
            [sys.executable, "-c", script], stdout=stdout, stderr=subprocess.PIPE, check=True
        )
    growth_mb = int(done.stderr)
    assert growth_mb < 100, f"peak memory grew by {growth_mb} MB"
    with out.open(encoding="utf-8") as written:
        if style == "csv":
            assert sum(1 for _ in written) == 1 + rows
        else:
            records = json.load(written)
            assert (len(records), records[-1]) == (rows, {"i": rows - 1, "j": 2 * (rows - 1)})


def test_format_table_cuts_long_cells() -> None:
    table = format_table(["teks"], [("kata " * 40,)], max_width=20)
    assert table.splitlines()[2] == "kata kata kata kata…"
    assert format_table([], []) == "(no result)\n"


# --- ikm check ---------------------------------------------------------------------------------


def fake_report(*outcomes: ExpectationOutcome) -> QualityReport:
    return QualityReport(
        outcomes=outcomes, html_path=Path("/laporan/index.html"), summary_path=None
    )


@pytest.mark.parametrize(
    ("severity", "success", "code"),
    [("critical", False, 1), ("warning", False, 0), ("critical", True, 0)],
)
def test_check_exit_code_follows_critical_failures(
    small_warehouse: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    severity: str,
    success: bool,
    code: int,
) -> None:
    outcome = ExpectationOutcome(
        suite="fct_figure",
        expectation="ikm_workers at most 10 million",
        severity=severity,  # type: ignore[arg-type]
        success=success,
        unexpected_count=1,
        examples=({"figure_id": "abc:1", "value": 99000000},),
    )
    seen: list[tuple[Path, ...]] = []

    def run_all(warehouse: Path, expectations_dir: Path, reports_dir: Path) -> QualityReport:
        seen.append((warehouse, expectations_dir, reports_dir))
        return fake_report(outcome)

    monkeypatch.setattr(quality, "run_all", run_all)
    monkeypatch.setenv("IKM_ROOT", str(ROOT))
    assert main(["check", "--warehouse", str(small_warehouse)]) == code
    assert seen == [(small_warehouse, ROOT / "expectations", small_warehouse.parent / "reports")]
    out = capsys.readouterr().out
    assert "/laporan/index.html" in out
    if not success:
        assert "ikm_workers at most 10 million" in out
        assert "abc:1" in out


def test_check_without_a_warehouse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IKM_ROOT", str(ROOT))
    assert main(["check", "--warehouse", str(tmp_path / "tidak_ada.duckdb")]) == 2
    assert "run `ikm run` first" in capsys.readouterr().err


# --- ikm run -----------------------------------------------------------------------------------


def test_run_hands_the_overridden_paths_to_the_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    received: list[tuple[ProjectPaths, bool, int]] = []

    def run_pipeline(
        paths: ProjectPaths, *, reread: bool, jobs: int, progress: bool, rebuild: bool
    ) -> int:
        assert progress
        assert not rebuild
        received.append((paths, reread, jobs))
        return 3

    # A stand-in for ikm_cli.run, so the test needs no Dagster run.
    runner = types.ModuleType("ikm_cli.run")
    runner.run_pipeline = run_pipeline  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ikm_cli.run", runner)
    monkeypatch.setenv("IKM_ROOT", str(ROOT))
    code = main(["run", "--raw", str(tmp_path / "raw"), "--warehouse", str(tmp_path / "w.duckdb")])
    assert code == 3
    assert main(["run", "--reread", "--jobs", "2"]) == 3
    (paths, reread, jobs), (_, forced, two) = received
    assert (paths.raw_dir, paths.warehouse) == (tmp_path / "raw", tmp_path / "w.duckdb")
    assert paths.root == ROOT
    assert (reread, forced) == (False, True)
    assert (jobs, two) == (0, 2)  # 0: every core


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["hapus"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# --- the run summary ---------------------------------------------------------------------------


def test_run_summary_lists_the_first_problems_and_counts_the_rest(tmp_path: Path) -> None:
    from ikm_cli.run import format_summary
    from orchestration.runner import RunSummary

    # A dump with 50,000 broken lines once printed 100,009 lines, the summary buried among them.
    broken = [
        {"source_path": "rusak.jsonl", "source_line": n, "reason": "not JSON", "rejected": True}
        for n in range(1, 50_001)
    ]
    cut = [
        {"source_path": f"p{n}.txt", "source_line": None, "reason": "text cut", "rejected": False}
        for n in range(25)
    ]
    summary = RunSummary(
        succeeded=True,
        metadata={"raw_articles": {"articles_read": 33}},
        dbt_models=1,
        checks_passed=(),
        checks_failed=(),
        step_failures=(),
        problems=(*broken, *cut),
    )
    paths = ProjectPaths(tmp_path, tmp_path / "raw", tmp_path / "ikm.duckdb", tmp_path / "reports")
    lines = format_summary(summary, paths)
    assert len(lines) < 60
    assert "50000 rejected, 25 read with a warning" in lines[2]
    assert lines[3] == "    rejected  rusak.jsonl:1: not JSON"
    assert lines[23] == "    and 49,980 more rejected, see raw.rejected_inputs"
    assert lines[24] == "    warning   p0.txt: text cut"
    assert lines[44] == "    and 5 more warnings, see raw.input_warnings"


def test_run_summary_counts_problems_the_ingest_did_not_list(tmp_path: Path) -> None:
    from ikm_cli.run import format_summary
    from orchestration.runner import RunSummary

    # The ingest's metadata lists the first 100 of each kind, with the counts of all.
    listed = [
        {"source_path": "rusak.jsonl", "source_line": n, "reason": "not JSON", "rejected": True}
        for n in range(1, 101)
    ]
    summary = RunSummary(
        succeeded=True,
        metadata={"raw_articles": {"articles_read": 33, "rejected": 50_000, "warnings": 0}},
        dbt_models=1,
        checks_passed=(),
        checks_failed=(),
        step_failures=(),
        problems=tuple(listed),
    )
    paths = ProjectPaths(tmp_path, tmp_path / "raw", tmp_path / "ikm.duckdb", tmp_path / "reports")
    lines = format_summary(summary, paths)
    assert "50000 rejected, 0 read with a warning" in lines[2]
    assert lines[23] == "    and 49,980 more rejected, see raw.rejected_inputs"
