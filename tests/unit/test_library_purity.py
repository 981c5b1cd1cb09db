"""ikm_facts stays a plain library: importing it (all of it) loads no pipeline framework."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("dagster", "dbt", "great_expectations", "pandas")


def loaded_top_level_modules(code: str) -> set[str]:
    """The top-level modules loaded by a fresh interpreter after running ``code``."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return {name.split(".")[0] for name in done.stdout.split()}


def test_importing_ikm_facts_loads_no_framework() -> None:
    # Every module of the package, not only what __init__ happens to import.
    code = (
        "import importlib, pkgutil, ikm_facts\n"
        "for m in pkgutil.iter_modules(ikm_facts.__path__):\n"
        "    importlib.import_module(f'ikm_facts.{m.name}')\n"
    )
    loaded = loaded_top_level_modules(code)
    assert "ikm_facts" in loaded
    assert sorted(loaded & set(FORBIDDEN)) == []


@pytest.mark.parametrize("framework", ["pandas"])
def test_the_check_sees_a_loaded_framework(framework: str) -> None:
    # Proof that the test above can fail: the same probe notices a framework when one is loaded.
    assert framework in loaded_top_level_modules(f"import {framework}")


def test_the_warehouse_library_does_not_reach_up_into_the_pipeline_or_the_command() -> None:
    # Layers point one way: ikm_cli -> orchestration -> ikm_warehouse -> ikm_facts.
    code = (
        "import importlib, pkgutil, ikm_warehouse\n"
        "for m in pkgutil.iter_modules(ikm_warehouse.__path__):\n"
        "    importlib.import_module(f'ikm_warehouse.{m.name}')\n"
    )
    loaded = loaded_top_level_modules(code)
    assert "ikm_warehouse" in loaded
    assert sorted(loaded & {"orchestration", "ikm_cli", "dagster"}) == []


def test_the_pipeline_does_not_reach_up_into_the_command() -> None:
    code = (
        "import importlib, pkgutil, orchestration, orchestration.defs\n"
        "for package in (orchestration, orchestration.defs):\n"
        "    for m in pkgutil.iter_modules(package.__path__):\n"
        "        importlib.import_module(f'{package.__name__}.{m.name}')\n"
    )
    loaded = loaded_top_level_modules(code)
    assert "dagster" in loaded
    assert "ikm_cli" not in loaded
