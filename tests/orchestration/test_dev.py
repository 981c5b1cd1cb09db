"""``make dev``'s launcher: it prints its address and stops, children and all, on SIGTERM.

The launcher is started as ``make dev &`` would start it (SIGINT ignored, as a shell without job
control does for a background command), against a temporary warehouse and an empty raw/
folder so that the raw/ sensor starts nothing.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orchestration.dev import group_exists

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 180  # dagster dev loads the definitions (dbt parse) on a shared 2-core machine
STOP_BOUND = 45  # the launcher's STOP_SECONDS and a margin


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _group_members(group: int) -> list[str]:
    found = subprocess.run(
        ["ps", "-eo", "pid=,pgid=,stat=,args="], capture_output=True, text=True, check=False
    )
    return [line for line in found.stdout.splitlines() if line.split()[1:2] == [str(group)]]


def test_makefile_dev_runs_the_launcher() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndev:", 1)[1].split("\n\n", 1)[0]
    assert "-m orchestration.dev" in recipe
    assert "dagster dev" not in recipe


@pytest.mark.parametrize(
    ("via_make", "stop"),
    [(True, signal.SIGTERM), (False, signal.SIGINT)],
    ids=["make dev, SIGTERM", "launcher, SIGINT"],
)
def test_a_signal_stops_dagster_dev_and_its_children(
    tmp_path: Path, via_make: bool, stop: signal.Signals
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    port = _free_port()
    env = {
        **os.environ,
        "IKM_ROOT": str(ROOT),
        "IKM_RAW_DIR": str(raw),
        "IKM_WAREHOUSE": str(tmp_path / "warehouse" / "ikm.duckdb"),
    }
    home = tmp_path / "dagster_home"
    command = (
        ["make", "-s", "dev", f"DEV_PORT={port}", f"DEV_HOME={home}"]
        if via_make
        else [sys.executable, "-m", "orchestration.dev", "--port", str(port), "--home", str(home)]
    )
    log = tmp_path / "dev.log"
    with log.open("wb") as out:
        launcher = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the test's own group, to clean up whatever happens
            preexec_fn=_ignore_sigint,  # as `make dev &` from a script
        )
    try:
        deadline = time.monotonic() + START_SECONDS
        while "Dagster UI ready" not in log.read_text(errors="replace"):
            if launcher.poll() is not None or time.monotonic() > deadline:
                text = log.read_text(errors="replace")
                # The launcher must have started; dagster dev itself may be unable to here.
                assert "make dev: starting Dagster at" in text, text[-2000:]
                pytest.skip(
                    f"dagster dev did not start here within {START_SECONDS} s: {text[-2000:]}"
                )
            time.sleep(1)
        text = log.read_text(errors="replace")
        assert f"http://127.0.0.1:{port}" in text
        found = re.search(r"process group (\d+)", text)
        assert found is not None
        group = int(found[1])
        assert group_exists(group)
        started = time.monotonic()
        launcher.send_signal(stop)
        code = launcher.wait(timeout=STOP_BOUND)
        assert time.monotonic() - started < STOP_BOUND
        assert code == (-stop if via_make else 0), code  # make ends by the signal it got
        text = log.read_text(errors="replace")
        assert f"make dev: stopped ({stop.name})" in text
        assert (home / "dagster.yaml").is_file()
        assert "did not stop" not in text  # dagster dev shut down by itself, not killed
        # Nothing of dagster dev's group is left: webserver, daemon, code server.
        assert not group_exists(group), _group_members(group)
    finally:
        # Whatever happened, leave nothing running: the launcher's group, then dagster dev's.
        found = re.search(r"process group (\d+)", log.read_text(errors="replace"))
        for group in (launcher.pid, *([int(found[1])] if found else [])):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
        launcher.wait()
