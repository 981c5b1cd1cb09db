"""``make dev``: ``dagster dev`` in a process group of its own, stopped on SIGTERM or SIGINT.

Started in the background (``make dev &``, a service manager, nohup), ``dagster dev`` ignores
both signals: a shell without job control starts background commands with SIGINT ignored,
Python then installs no KeyboardInterrupt handler, and ``dagster dev`` maps SIGTERM to SIGINT's
handler, the ignoring one. So this launcher starts it with SIGINT's default restored, in a new
session (its own process group), prints the UI's address, and on SIGTERM, SIGINT or SIGHUP
sends SIGINT to ``dagster dev`` (which shuts its webserver and daemon down), waits up to
``STOP_SECONDS``, then kills whatever is left of the group. It exits with ``dagster dev``'s code
(0 when stopped by a signal). On Linux, a launcher killed outright (SIGKILL) still stops
``dagster dev``: the kernel sends it SIGINT when its parent dies.

    python -m orchestration.dev [--host 127.0.0.1] [--port 3000] [--home .dagster_home]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

STOP_SECONDS = 30.0  # for dagster dev to stop its services before the group is killed
_POLL_SECONDS = 0.5
_GONE_SECONDS = 10.0  # for the killed group's last processes to be reaped


_PR_SET_PDEATHSIG = 1  # prctl(2)


def _prepare_child() -> None:
    # In the child, before exec: SIGINT back to its default so Python raises KeyboardInterrupt,
    # and on Linux a SIGINT from the kernel when this launcher dies (even by SIGKILL).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform == "linux":
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGINT)


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=_POLL_SECONDS):
            return True
    except OSError:
        return False


def _kill_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # nothing left in it
        os.killpg(group, signal.SIGKILL)


def _stop(process: subprocess.Popen[bytes], seconds: float) -> bool:
    """SIGINT to ``dagster dev``, up to ``seconds`` for it to end, then SIGKILL to its group;
    whether it ended by itself."""
    ended = True
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            ended = False
    _kill_group(process.pid)  # its webserver, daemon and code servers too, if any outlived it
    process.wait()
    # Until the last of them is gone (reaped by init once dagster dev is), so that none
    # outlives this launcher.
    deadline = time.monotonic() + _GONE_SECONDS
    while group_exists(process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return ended


def group_exists(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration.dev", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument("--home", type=Path, default=None, help="DAGSTER_HOME (default: as set, "
                        "else .dagster_home)")  # fmt: skip
    args = parser.parse_args(argv)
    home = (args.home or Path(os.environ.get("DAGSTER_HOME") or ".dagster_home")).resolve()
    home.mkdir(parents=True, exist_ok=True)
    settings = home / "dagster.yaml"
    if not settings.exists():  # a settings file of the user's own is kept
        shutil.copyfile(Path(__file__).with_name("dagster.yaml"), settings)
    command = [sys.executable, "-m", "dagster", "dev", "-h", args.host, "-p", str(args.port)]
    url = f"http://{args.host}:{args.port}"

    stopping: list[int] = []

    def on_signal(number: int, _frame: FrameType | None) -> None:
        stopping.append(number)

    for number in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(number, on_signal)
    process = subprocess.Popen(
        command,
        env={**os.environ, "DAGSTER_HOME": str(home)},
        start_new_session=True,
        preexec_fn=_prepare_child,  # signal and prctl calls only: safe before exec
    )
    print(f"make dev: starting Dagster at {url} (process group {process.pid}; "
          "stop with Ctrl-C or SIGTERM)", flush=True)  # fmt: skip
    ready = False
    try:
        while not stopping and process.poll() is None:
            if not ready and _listening(args.host, args.port):
                ready = True
                print(f"make dev: Dagster UI ready at {url}", flush=True)
            time.sleep(_POLL_SECONDS)
    finally:
        ended = _stop(process, STOP_SECONDS)
    if not ended:
        print(f"make dev: dagster dev did not stop within {STOP_SECONDS:.0f} s: its process "
              "group was killed", flush=True)  # fmt: skip
    if stopping:
        print(f"make dev: stopped ({signal.Signals(stopping[0]).name})", flush=True)
        return 0
    return process.returncode


if __name__ == "__main__":
    sys.exit(main())
