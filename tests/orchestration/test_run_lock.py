"""One run at a time, and a run that cannot write says so in one line before it starts."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ikm_cli.run import run_pipeline
from ikm_warehouse.paths import ProjectPaths
from ikm_warehouse.run_lock import RunNotStartedError, check_writable, lock_path, run_lock

ROOT = Path(__file__).resolve().parents[2]


def _write_lock(path: Path, pid: int) -> None:
    host = os.uname().nodename
    path.write_text(json.dumps({"pid": pid, "host": host, "started": "2026-01-01T00:00:00+00:00"}))
    old = time.time() - 60
    os.utime(path, (old, old))


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    return int(done.stdout)


def test_the_lock_names_its_process_and_goes_with_the_run(tmp_path: Path) -> None:
    warehouse = tmp_path / "ikm.duckdb"
    with run_lock(warehouse) as path:
        holder = json.loads(path.read_text())
        assert holder["pid"] == os.getpid()
        assert path == lock_path(warehouse)
    assert not path.exists()


def test_a_second_run_is_refused_while_a_live_process_holds_the_lock(tmp_path: Path) -> None:
    warehouse = tmp_path / "ikm.duckdb"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        _write_lock(lock_path(warehouse), sleeper.pid)
        with pytest.raises(RunNotStartedError, match=f"process {sleeper.pid}"), run_lock(warehouse):
            pass
        assert lock_path(warehouse).exists()  # the other run's lock is left alone
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_lock_whose_process_is_gone_is_taken_over(tmp_path: Path) -> None:
    warehouse = tmp_path / "ikm.duckdb"
    _write_lock(lock_path(warehouse), _dead_pid())
    notes: list[str] = []
    with run_lock(warehouse, notes) as path:
        assert json.loads(path.read_text())["pid"] == os.getpid()
    assert notes and "no longer running" in notes[0]


_HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("open", flush=True)
time.sleep(30)
"""


def test_a_reader_in_another_process_stops_the_run_with_one_line(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "raw").mkdir(parents=True)
    (root / "raw" / "a.txt").write_text("Sebanyak 20 IKM di Kota Palu mengikuti pelatihan.\n")
    paths = ProjectPaths(
        root=ROOT,
        raw_dir=root / "raw",
        warehouse=root / "warehouse" / "ikm.duckdb",
        reports_dir=root / "warehouse" / "reports",
    )
    paths.warehouse.parent.mkdir(parents=True)
    duckdb.connect(str(paths.warehouse)).close()
    before = paths.warehouse.read_bytes()
    reader = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(paths.warehouse)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
        with pytest.raises(RunNotStartedError, match=f"process {reader.pid}"):
            check_writable(paths.warehouse)
        out = io.StringIO()
        code = run_pipeline(paths, out=out)
        lines = out.getvalue().splitlines()
        assert code == 2
        assert len(lines) == 1 and lines[0].startswith("ikm run: FAILED:"), lines
        assert "open in process" in lines[0]
        assert paths.warehouse.read_bytes() == before
        assert not lock_path(paths.warehouse).exists()
    finally:
        reader.kill()
        reader.wait()
        if reader.stdout is not None:
            reader.stdout.close()
