"""The real-news development set: register, restore and score real articles.

    python benchmarks/real_news.py add FILE --url URL --query Q --outlet O --year Y --batch N
    python benchmarks/real_news.py status
    python benchmarks/real_news.py restore ANSWER.json [ANSWER.json ...]
    python benchmarks/real_news.py score [--batch N] [--misses] [--json]   (the default)

The texts are other people's sentences, so only `devset/real_news/manifest.jsonl` (url, the
query that finds the page in the stored `pages` corpus, sha256 of the text, outlet, year, batch)
and the gold (`devset/real_news/gold/batch_N.jsonl`) are committed; the texts live in the
git-ignored `devset/real_news/cache/`. To restore the cache on a new checkout, run each
manifest query in the `pages` corpus of the search tool, save each answer (the JSON it returns)
to a file, and pass the files to `restore`: every excerpt whose normalized text has a manifest
hash is written back under its manifest name; `status` lists what is still missing.

`score` extracts every cached article with `ikm facts`, scores the export with the shared
scorer (`../shared/eval/score.py`) against the gold, and prints figures and values-only
precision/recall/F1, per-metric scores and, with `--misses`, every missed gold figure and
every false hit. It is not part of `make test` (CI has no cache); every extraction change is
judged by it.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "devset" / "real_news"
CACHE = DEVSET / "cache"
MANIFEST = DEVSET / "manifest.jsonl"
GOLD = DEVSET / "gold"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def normalized(text: str) -> str:
    """The form that is hashed and cached: LF line ends, no trailing spaces, one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip() + "\n"


def text_sha256(text: str) -> str:
    return hashlib.sha256(normalized(text).encode("utf-8")).hexdigest()


def doc_name(sha256: str) -> str:
    return f"rn_{sha256[:12]}.txt"


def read_manifest() -> list[dict[str, Any]]:
    if not MANIFEST.exists():
        return []
    return [json.loads(line) for line in MANIFEST.read_text("utf-8").splitlines() if line.strip()]


def _shared(name: str) -> ModuleType:
    path = SHARED_EVAL / f"{name}.py"
    if not path.exists():
        sys.exit(f"real_news: {path} not found: ../shared/eval must sit beside the checkout")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _normalize_url(url: str) -> str:
    """The form two URLs of one page share; the query stays ("?p=34756" names the page on many
    sites), tracking parameters go."""
    u = url.strip().lower().split("#")[0]
    base, _, query = u.partition("?")
    kept = [p for p in query.split("&") if p and not p.startswith(("utm_", "amp"))]
    u = base.rstrip("/") + ("?" + "&".join(kept) if kept else "")
    for prefix in ("https://", "http://", "www.", "m.", "amp."):
        u = u.removeprefix(prefix)
    return u


def _seed_overlap(text: str) -> str | None:
    """The seed file whose longer lines this text contains, if any."""
    seeds = SHARED_EVAL.parent / "seeds"
    flat = " ".join(text.split())
    for seed in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        lines = [" ".join(x.split()) for x in seed.read_text("utf-8", "replace").splitlines()]
        if any(len(line) > 60 and line in flat for line in lines):
            return seed.name
    return None


def add(args: argparse.Namespace) -> int:
    source = Path(args.file)
    text = normalized(source.read_text("utf-8"))
    if len(text) < 200:
        sys.exit(f"real_news: {source}: only {len(text)} characters, not an article")
    if _shared("held_out").is_held_out(args.url):
        sys.exit(f"real_news: {args.url}: held-out (a hidden evaluation article); not added")
    seed = _seed_overlap(text)
    if seed:
        sys.exit(f"real_news: {source}: shares its text with the seed {seed}; the seeds stay out")
    sha = text_sha256(text)
    entries = read_manifest()
    for entry in entries:
        if entry["sha256"] == sha or _normalize_url(entry["url"]) == _normalize_url(args.url):
            sys.exit(f"real_news: {args.url}: already in the manifest as {entry['doc']}")
    entry = {
        "doc": doc_name(sha),
        "url": args.url,
        "query": args.query,
        "sha256": sha,
        "outlet": args.outlet,
        "year": args.year,
        "province": args.province,
        "topic": args.topic,
        "batch": args.batch,
    }
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / entry["doc"]).write_text(text, "utf-8")
    with MANIFEST.open("a", encoding="utf-8") as out:
        out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    if args.remove_source and source.resolve() != (CACHE / entry["doc"]).resolve():
        source.unlink()
    print(f"added {entry['doc']} ({len(text)} characters) from {args.url}")
    return 0


def status(_: argparse.Namespace) -> int:
    entries = read_manifest()
    missing = [e for e in entries if not (CACHE / e["doc"]).exists()]
    corrupt = [
        e
        for e in entries
        if (CACHE / e["doc"]).exists()
        and text_sha256((CACHE / e["doc"]).read_text("utf-8")) != e["sha256"]
    ]
    batches: dict[int, int] = {}
    for e in entries:
        batches[e["batch"]] = batches.get(e["batch"], 0) + 1
    print(f"manifest: {len(entries)} articles; batches: {dict(sorted(batches.items()))}")
    cached = len(entries) - len(missing)
    print(f"cached: {cached}; missing: {len(missing)}; changed since added: {len(corrupt)}")
    for e in missing:
        print(f"  missing {e['doc']}: query {e['query']!r} in the pages corpus, url {e['url']}")
    for e in corrupt:
        print(f"  changed {e['doc']}: its text no longer has the manifest's sha256")
    return 1 if missing or corrupt else 0


def restore(args: argparse.Namespace) -> int:
    by_sha = {e["sha256"]: e for e in read_manifest()}
    CACHE.mkdir(parents=True, exist_ok=True)
    restored = 0
    for answer_file in args.answers:
        answer = json.loads(Path(answer_file).read_text("utf-8"))
        for result in answer.get("results", []):
            excerpt = result.get("excerpt") or ""
            entry = by_sha.get(text_sha256(excerpt))
            if entry:
                (CACHE / entry["doc"]).write_text(normalized(excerpt), "utf-8")
                restored += 1
    print(f"restored {restored} articles into {CACHE}")
    return status(args)


def _gold_file(batches: list[int] | None) -> Path:
    files = sorted(GOLD.glob("batch_*.jsonl"))
    if batches:
        # batch_8.jsonl, or an annotator's part of a batch: batch_8a.jsonl
        files = [f for f in files if int(re.match(r"\d+", f.stem.split("_")[1])[0]) in batches]
    if not files:
        sys.exit(f"real_news: no gold files under {GOLD}")
    merged = Path(tempfile.mkdtemp(prefix="real_news_")) / "gold.jsonl"
    with merged.open("w", encoding="utf-8") as out:
        for f in files:
            out.write(f.read_text("utf-8").rstrip("\n") + "\n")
    return merged


def _extract(inputs: Path, pred: Path, extractor: Path | None) -> None:
    """``ikm facts`` over ``inputs``; with ``extractor``, the ikm_facts of that checkout (a git
    worktree of an earlier commit, to score what an earlier version got)."""
    env = dict(os.environ)
    if extractor is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(extractor), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "ikm_cli", "facts", str(inputs), "--out", str(pred)]
    # `python -m` puts the working folder first on the path: run from the checkout scored.
    cwd = extractor if extractor is not None else ROOT
    done = subprocess.run(command, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    # An article that fails to extract would be scored as all misses: stop and say why instead.
    failures = [line for line in done.stderr.splitlines() if ": error: " in line]
    if done.returncode != 0 or failures:
        print("\n".join(failures or done.stderr.splitlines()[-5:]), file=sys.stderr)
        sys.exit(f"real_news: {len(failures)} articles failed to extract; no score")


def _by_rule(predicted: list[dict[str, Any]], false_hits: list[dict[str, Any]]) -> list[str]:
    """Right and wrong figures per rule that decided their metric, and per region rule: every
    predicted figure is right but the false hits."""

    def rule_of(record: dict[str, Any], part: str) -> str:
        why = dict(x.split("=", 1) for x in (record.get("why") or "").split(";") if "=" in x)
        return why.get(part, "?")

    lines = []
    for part in ("metric", "region"):
        counts: dict[str, list[int]] = {}
        for record in predicted:
            counts.setdefault(rule_of(record, part), [0, 0])[0] += 1
        for record in false_hits:
            counts[rule_of(record, part)][0] -= 1
            counts[rule_of(record, part)][1] += 1
        lines.append(f"\nby {part} rule (right / wrong):")
        for rule, (right, wrong) in sorted(counts.items(), key=lambda kv: -sum(kv[1])):
            lines.append(
                f"  {rule:<26} {right:>4} / {wrong:<4} precision {right / (right + wrong):.2f}"
            )
    return lines


def score(args: argparse.Namespace) -> int:
    gold = _gold_file(args.batch)
    gold_records = [
        json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()
    ]
    gold_docs = {record["doc"] for record in gold_records}
    cached = [CACHE / d for d in sorted(gold_docs) if (CACHE / d).exists()]
    absent = sorted(gold_docs - {p.name for p in cached})
    if absent:
        print(f"real_news: {len(absent)} gold articles not cached (see `status`); scoring the rest")
    if not cached:
        sys.exit("real_news: nothing cached to score")
    work = gold.parent
    inputs = work / "articles"
    inputs.mkdir()
    for path in cached:
        shutil.copy(path, inputs / path.name)
    pred = work / "pred.jsonl"
    _extract(inputs, pred, args.extractor)
    if absent:  # score only what was extracted
        kept = [json.dumps(r, ensure_ascii=False) for r in gold_records if r["doc"] not in absent]
        gold.write_text("\n".join(kept) + "\n", "utf-8")
    scorer = _shared("score")
    summary, misses, false_hits = scorer.score(str(gold), str(pred))
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        batches = ", ".join(str(b) for b in args.batch) if args.batch else "all"
        print(f"real-news development set: {len(cached)} articles, batches: {batches}")
        if args.extractor:
            print(f"extractor: {args.extractor}")
        print(scorer.show(summary))
        pred_figs, _ = scorer.load(str(pred))
        print("\n".join(_by_rule([p for p in pred_figs if p["doc"] in gold_docs], false_hits)))
    if args.misses:
        fields = ("doc", "metric", "value", "region", "period", "mention")
        print("\nmissed:")
        for g in sorted(misses, key=lambda r: (r["doc"], str(r.get("metric")))):
            print("  ", {k: g.get(k) for k in fields})
        print("\nfalse hits:")
        for p in sorted(false_hits, key=lambda r: (r["doc"], str(r.get("metric")))):
            print("  ", {k: p.get(k) for k in (*fields, "why")})
    if args.keep:
        print(f"\nexport and gold kept in {work}")
    else:
        shutil.rmtree(work)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True)
    p = commands.add_parser("add", help="register one article text (checks the hidden sets)")
    p.add_argument("file")
    p.add_argument("--url", required=True)
    p.add_argument("--query", required=True, help="the pages-corpus query that returns it")
    p.add_argument("--outlet", required=True)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--province", default=None, help="the province it is about, or 'nasional'")
    p.add_argument(
        "--topic",
        default=None,
        help="statistics, bimtek, aid, budget, program, exhibition, export, ...",
    )
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--remove-source", action="store_true", help="delete FILE once cached")
    p.set_defaults(func=add)
    p = commands.add_parser("status", help="which manifest articles are cached")
    p.set_defaults(func=status)
    p = commands.add_parser(
        "restore", help="write cache files back from saved pages-corpus answers"
    )
    p.add_argument("answers", nargs="+")
    p.set_defaults(func=restore)
    p = commands.add_parser("score", help="extract the cached set and score it against the gold")
    p.add_argument("--batch", type=int, action="append", help="only these batches (repeatable)")
    p.add_argument("--misses", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument("--keep", action="store_true", help="keep the export and merged gold")
    p.add_argument(
        "--extractor",
        type=Path,
        help="a checkout whose ikm_facts to score instead (git worktree add /tmp/v070 <commit>)",
    )
    p.set_defaults(func=score)
    # Bare, it does what it is for: score the cached set.
    args = parser.parse_args((sys.argv[1:] if argv is None else argv) or ["score"])
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
