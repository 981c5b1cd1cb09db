"""Great Expectations suites over the marts: run them, keep the results, write the report.

STUB: the interface is fixed; the implementation is being written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Severity = Literal["critical", "warning"]


@dataclass(frozen=True)
class ExpectationOutcome:
    suite: str
    expectation: str  # a readable name, e.g. "ikm_units at least 1"
    severity: Severity
    success: bool
    unexpected_count: int = 0
    examples: tuple[dict[str, Any], ...] = field(default=())


@dataclass(frozen=True)
class QualityReport:
    outcomes: tuple[ExpectationOutcome, ...]
    html_path: Path | None
    summary_path: Path | None

    @property
    def critical_failures(self) -> tuple[ExpectationOutcome, ...]:
        return tuple(o for o in self.outcomes if o.severity == "critical" and not o.success)


def suite_names() -> list[str]:
    """The suites in expectations/, e.g. ["fct_figure", "fct_region_metric", "dim_article"]."""
    return []


def run_suite(warehouse: Path, expectations_dir: Path, suite: str) -> tuple[ExpectationOutcome, ...]:
    """Validate one suite against the table it guards, read read-only from the warehouse."""
    return ()


def run_all(warehouse: Path, expectations_dir: Path, reports_dir: Path) -> QualityReport:
    """Every suite, then Data Docs (HTML) and a one-page summary under ``reports_dir``."""
    return QualityReport(outcomes=(), html_path=None, summary_path=None)
