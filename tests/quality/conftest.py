"""Fixtures for the quality suites: a clean warehouse built by hand (see quality_marts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from quality_marts import build_clean_warehouse


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return build_clean_warehouse(tmp_path / "ikm.duckdb")
