"""One run at a time: a lock file beside the warehouse that names the process holding it.

DuckDB lets one process write a file. A second run started while one writes would fail deep in
its first step with DuckDB's lock error; a run started while a notebook holds the file open
would fail the same way. Both are told here, before anything starts, in one line each:

- ``<warehouse>.run.lock`` holds the pid, host and start time of the run that writes. It is
  created atomically and removed when that run ends; a lock whose process is gone (a run killed
  with SIGKILL) is taken over, with a note.
- the warehouse file is opened for writing once, to learn whether another process holds it.
"""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ikm_warehouse.query import one_line

LOCK_SUFFIX = ".run.lock"
_STARTING_SECONDS = 10.0  # an unreadable lock this young is being written


class RunNotStartedError(Exception):
    """The run cannot start; the message is one line, fit for a terminal."""


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}, started {self.started}"


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + LOCK_SUFFIX)


@contextmanager
def run_lock(warehouse: Path, notes: list[str] | None = None) -> Iterator[Path]:
    """Hold the warehouse's run lock for the block; raise :class:`RunNotStartedError` when a live
    process holds it. A stale lock (its process gone) is taken over and said in ``notes``."""
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    me = Holder(os.getpid(), socket.gethostname(), datetime.now(UTC).isoformat(timespec="seconds"))
    while not _create(path, me):
        holder = _read(path)
        if holder is None and _age_seconds(path) < _STARTING_SECONDS:
            # written this very moment by a run that is starting: not stale
            raise RunNotStartedError(f"another run is starting on {warehouse} (lock file {path})")
        if holder is not None and _alive(holder):
            raise RunNotStartedError(
                f"another run is writing {warehouse}: {holder.describe()} (lock file {path}); "
                "wait for it to finish"
            )
        what = holder.describe() if holder is not None else "an unreadable lock"
        if notes is not None:
            notes.append(f"took over the run lock of {what}, which is no longer running")
        path.unlink(missing_ok=True)
    try:
        yield path
    finally:
        if _read(path) == me:
            path.unlink(missing_ok=True)


def check_writable(warehouse: Path) -> None:
    """Raise :class:`RunNotStartedError` when another process holds the warehouse file open (a
    notebook, a BI tool, a shell): DuckDB would refuse the run's writes."""
    if not warehouse.exists():
        return
    try:
        duckdb.connect(str(warehouse)).close()
    except duckdb.Error as error:
        message = str(error)
        if "lock" not in message.lower():
            raise RunNotStartedError(
                f"cannot open {warehouse} for writing: {one_line(error)}"
            ) from None
        pid = re.search(r"\(PID (\d+)\)", message)
        by = f"process {pid.group(1)}" if pid else "another process"
        raise RunNotStartedError(
            f"{warehouse} is open in {by} (a notebook, a BI tool or `ikm query`?): close that "
            "connection and run again"
        ) from None


def _create(path: Path, me: Holder) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"pid": me.pid, "host": me.host, "started": me.started}, out)
    return True


def _read(path: Path) -> Holder | None:
    try:
        data = json.loads(path.read_text("utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), str(data["started"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _age_seconds(path: Path) -> float:
    try:
        return datetime.now(UTC).timestamp() - path.stat().st_mtime
    except OSError:
        return _STARTING_SECONDS  # gone meanwhile: nothing to wait for


def _alive(holder: Holder) -> bool:
    if holder.host != socket.gethostname():
        return True  # another machine's process cannot be asked: assume it runs
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True
