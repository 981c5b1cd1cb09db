"""A corpus with planted republished copies, built from the test corpora's own articles.

Each original is one of our corpus articles (distinct stories); some get a copy as another
outlet would run it: a wire copy under its own lead, a copy cut after its first half, or the
story inside another outlet's header and footer with a few words changed. ``expected_groups``
says which articles belong together.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
MIN_WORDS = 150


@dataclass(frozen=True)
class Planted:
    name: str  # file name
    text: str
    original: str  # the name of the article it copies (its own name for an original)


def planted_corpus(originals: int = 24) -> list[Planted]:
    sources = [
        path
        for path in sorted(CORPUS.glob("set_*/*.txt"))
        if len(path.read_text("utf-8").split()) >= MIN_WORDS
    ][:originals]
    corpus = []
    for index, path in enumerate(sources):
        text = path.read_text("utf-8")
        name = f"o{index:02d}_{path.name}"
        corpus.append(Planted(name, text, name))
        kinds = [_COPIES[index % len(_COPIES)]]
        if index % 4 == 0:  # some stories run in two other outlets
            kinds.append(_COPIES[(index + 1) % len(_COPIES)])
        for kind in kinds:
            corpus.append(Planted(f"c{index:02d}_{kind.__name__.strip('_')}.txt", kind(text), name))
    return corpus


def expected_groups(corpus: list[Planted]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article in corpus:
        groups.setdefault(article.original, set()).add(article.name)
    return {frozenset(group) for group in groups.values()}


def _wire_lead(text: str) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    lead = (
        "JAKARTA, (Kabar Nusantara) - Pemerintah kembali menyoroti peran pelaku usaha kecil "
        "dalam perekonomian daerah, seperti disampaikan dalam keterangan resmi yang diterima "
        "redaksi pada Selasa."
    )
    return "\n".join([lead, *paragraphs[1:]]) if len(paragraphs) > 2 else f"{lead}\n{text}"


def _cut_ending(text: str) -> str:
    words = text.split(" ")
    return " ".join(words[: len(words) * 55 // 100])


def _outlet_header(text: str) -> str:
    edited = text.replace(" yang ", " yang telah ", 2).replace(" ini ", " tersebut ", 2)
    return (
        "BERITADAERAH.ID | Ekonomi | Jumat, 12 Maret 2021 09:15 WIB\n"
        f"{edited}\n"
        "Baca juga: Harga cabai naik menjelang akhir pekan\n"
        "Editor: Redaksi | Ikuti kami di media sosial"
    )


_COPIES = (_wire_lead, _cut_ending, _outlet_header)
