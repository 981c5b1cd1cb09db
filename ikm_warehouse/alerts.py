"""Alerts: a failed run or a failed critical check, one JSON line each, in a local file.

The sink is a JSON Lines file (``ProjectPaths.alerts_path``: ``alerts.jsonl`` beside the
warehouse, or ``IKM_ALERTS_FILE``), appended to and never rewritten, so that a user can follow
it (``tail -F``) into mail or chat. One line per run that failed, whatever failed in it:

    {"at": "2026-12-04T06:00:12Z", "source": "ikm run", "job": "ikm_pipeline",
     "run_id": "3f0c...", "run_ids": ["9a1b...", "3f0c..."], "warehouse": ".../ikm.duckdb",
     "failed": [{"kind": "critical_check", "name": "dim_article:dim_article_plausibility",
                 "message": "an article is not published in the future"}]}

``kind`` is ``step`` (a step of the run failed), ``critical_check`` (a critical expectation
failed) or ``run`` (the run could not start).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

FailureKind = Literal["step", "critical_check", "run"]


@dataclass(frozen=True)
class Failed:
    kind: FailureKind
    name: str  # the step, the check ("dim_article:dim_article_plausibility"), or the run
    message: str = ""


@dataclass(frozen=True)
class Alert:
    at: datetime  # aware, UTC
    source: str  # "ikm run" or "dagster"
    job: str
    run_id: str | None  # the run where it failed (ikm run: its last Dagster run)
    run_ids: tuple[str, ...]
    warehouse: str
    failed: tuple[Failed, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source": self.source,
            "job": self.job,
            "run_id": self.run_id,
            "run_ids": list(self.run_ids),
            "warehouse": self.warehouse,
            "failed": [{"kind": f.kind, "name": f.name, "message": f.message} for f in self.failed],
        }


def record(path: Path, alert: Alert) -> None:
    """Append ``alert`` to the JSON Lines file at ``path`` as one line (one write)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(alert.as_json(), ensure_ascii=False, default=str) + "\n"
    with path.open("a", encoding="utf-8") as sink:
        sink.write(line)


def read(path: Path) -> list[dict[str, Any]]:
    """Every alert in the file at ``path``, oldest first; none when there is no file."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def now() -> datetime:
    return datetime.now(UTC)
