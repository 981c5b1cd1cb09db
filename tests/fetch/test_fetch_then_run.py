"""``ikm fetch`` from the local sites into raw/, then ``ikm run`` extracts what it brought;
the failures are in the fetch's summary, its state's table, and the run's summary."""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import pytest
from fetch_site import BROKEN, WARTA, Site

from ikm_cli.main import main
from ikm_cli.run import run_pipeline
from ikm_warehouse import load
from ikm_warehouse.paths import resolve_paths

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def test_fetch_then_run_extracts_the_fetched_articles(
    site: Site,
    sources_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    env = {
        "IKM_ROOT": str(ROOT),
        "IKM_RAW_DIR": str(tmp_path / "raw"),
        "IKM_WAREHOUSE": str(tmp_path / "warehouse" / "ikm.duckdb"),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    paths = resolve_paths(env)

    assert main(["fetch", "--sources", str(sources_file)]) == 0
    fetched = capsys.readouterr().out
    assert "6 articles written" in fetched
    for path, reason in BROKEN.items():
        assert any(f"{WARTA}:{site.port}{path}: " in line and reason in line
                   for line in fetched.splitlines()), path  # fmt: skip
    assert "hilang.invalid/berita/apa-saja: DNS: cannot resolve hilang.invalid" in fetched
    assert paths.fetch_state.is_file()
    with duckdb.connect(str(paths.fetch_state), read_only=True) as con:
        (failures,) = con.execute("select count(*) from failures").fetchone() or (0,)
    assert failures == len(BROKEN) + 2  # and the unknown host, the English page

    out = io.StringIO()
    code = run_pipeline(paths, out=out)
    summary = out.getvalue()
    assert code == 0, summary
    assert "articles:  6 read, 6 new, 0 rejected" in summary
    assert f"{len(BROKEN) + 2} failed" in summary  # the last fetch, in the run's summary
    assert "fetch failed  http://hilang.invalid/berita/apa-saja: DNS" in summary
    # `ikm run` reads raw/ as it is: the fetch asset is no step of it.
    document = json.loads((paths.reports_dir / "run_summary.json").read_text(encoding="utf-8"))
    assert "raw_articles" in document["assets"]
    assert "fetched_articles" not in document["assets"]

    con = load.connect(paths.warehouse, read_only=True)
    try:
        outlets = dict(
            con.execute("select outlet, count(*) from raw.articles group by 1").fetchall()
        )
        batik = con.execute(
            "select f.value, f.metric_code, f.region_name from raw.figures f"
            " join raw.articles a using (article_id)"
            " where a.url like '%ikm-batik-sleman' and f.metric_code = 'ikm_units'"
        ).fetchall()
    finally:
        con.close()
    assert outlets == {"Warta Contoh": 5, "Kabar Contoh": 1}
    assert [(int(value), metric, region) for value, metric, region in batik] == [
        (312, "ikm_units", "Kabupaten Sleman")
    ]
