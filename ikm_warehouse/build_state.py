"""Whether the marts and the quality report are up to date with the raw tables they come from.

``current(con, paths)`` fingerprints what a build reads: every row of the raw tables dbt reads
(a hash per row, combined in DuckDB: about a second at 100,000 articles), the files dbt reads
(the library's vocabulary among its seeds), the expectation suites' files, and the extractor's
version. A run records it after a build that went through (``record``); a later run that finds
the same fingerprint (``unchanged``) has nothing to rebuild: dbt and the suites would give the
same tables and the same results.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import yaml

from ikm_warehouse import raw_tables
from ikm_warehouse.paths import ProjectPaths

STATE_FILE = "last_build.json"  # in dbt's target folder, beside the warehouse
# The folders dbt reads, by their key in dbt_project.yml and dbt's default, and its files.
_DBT_FOLDERS = {
    "model-paths": ["models"],
    "seed-paths": ["seeds"],
    "macro-paths": ["macros"],
    "test-paths": ["tests"],
    "snapshot-paths": ["snapshots"],
    "analysis-paths": ["analyses"],
}
_DBT_FILES = ("dbt_project.yml", "profiles.yml", "packages.yml", "dependencies.yml")


def dbt_input_files(project: Path) -> list[Path]:
    """Every file dbt reads from the project: its own files and those under the folders
    dbt_project.yml names (the seeds include the extraction library's vocabulary, outside the
    project), so that a change to any of them is seen."""
    try:
        config = yaml.safe_load((project / "dbt_project.yml").read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        config = None
    config = config if isinstance(config, dict) else {}
    files = [project / name for name in _DBT_FILES]
    for key, default in _DBT_FOLDERS.items():
        for folder in config.get(key) or default:
            files += (project / folder).rglob("*")
    return sorted({f.resolve() for f in files if f.is_file()})


def current(con: duckdb.DuckDBPyConnection, paths: ProjectPaths) -> str:
    """The fingerprint of everything the next build would read."""
    import ikm_facts

    digest = hashlib.sha256(f"extractor {ikm_facts.EXTRACTOR_VERSION}\n".encode())
    for table in raw_tables.TABLES:
        if not table.dbt_source:
            continue
        count, combined = con.execute(
            f"select count(*), bit_xor(hash(t)) from {table.qualified_name} as t"
        ).fetchall()[0]
        digest.update(f"{table.name} {count} {combined}\n".encode())
    files = dbt_input_files(paths.dbt_project_dir)
    files += paths.expectations_dir.rglob("*")
    root = paths.root.resolve()
    for file in sorted(f for f in files if f.is_file() and "uncommitted" not in f.parts):
        name = file.resolve()
        digest.update(f"{name.relative_to(root) if name.is_relative_to(root) else name}\n".encode())
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def unchanged(paths: ProjectPaths, fingerprint: str) -> bool:
    """True when the last build recorded beside this warehouse had this fingerprint."""
    try:
        recorded = json.loads((paths.dbt_target_dir / STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(recorded, dict) and recorded.get("fingerprint") == fingerprint


def record(paths: ProjectPaths, fingerprint: str) -> None:
    """Note that the marts and the report were built from this fingerprint."""
    paths.dbt_target_dir.mkdir(parents=True, exist_ok=True)
    state = json.dumps({"fingerprint": fingerprint}) + "\n"
    (paths.dbt_target_dir / STATE_FILE).write_text(state, encoding="utf-8")


def forget(paths: ProjectPaths) -> None:
    """Make the next run build, whatever it finds (e.g. after a failed build)."""
    (paths.dbt_target_dir / STATE_FILE).unlink(missing_ok=True)
