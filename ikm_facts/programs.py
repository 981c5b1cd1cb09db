"""Programs named in the text, as FACTS.md program codes.

>>> [m.code for m in find_programs("Bimtek dan pemberian mesin bagi WUB")]
['bimtek', 'bantuan_peralatan', 'wub']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Each program's phrases as news write them. Order matters only for overlapping phrases:
# the regex alternation is built longest phrase first, so "restrukturisasi mesin" wins over
# "mesin"-based phrases.
_PHRASES: dict[str, tuple[str, ...]] = {
    "bimtek": (
        r"bimbingan\s+teknis",
        r"bimtek",
        r"pelatihan",
        r"melatih",
        r"latih",
        r"dilatih",
        r"diklat",
        r"training",
        r"kursus",
    ),
    "wub": (
        r"wira\s*usaha(?:\s+industri)?\s+baru",
        r"WUB",
        r"penumbuhan\s+wirausaha",
        r"menumbuhkan\s+wirausaha",
    ),
    "e_smart_ikm": (r"e-?\s?smart(?:\s+IKM)?",),
    "revitalisasi_sentra": (r"revitalisasi", r"merevitalisasi"),
    "dak": (r"dana\s+alokasi\s+khusus", r"DAK(?:\s+fisik)?"),
    "dekonsentrasi": (r"dekonsentrasi",),
    "restrukturisasi_mesin": (
        r"restrukturisasi\s+(?:mesin|peralatan)",
        r"program\s+restrukturisasi",
        r"potongan\s+harga\s+(?:pembelian\s+)?mesin",
    ),
    "bantuan_peralatan": (
        r"(?:pemberian|bantuan|hibah|penyerahan|menyerahkan|memberikan|menyalurkan|penyaluran)"
        r"\s+(?:bantuan\s+)?(?:berupa\s+)?(?:mesin|peralatan|alat)",
        r"bantuan\s+(?:mesin|peralatan|alat)",
        r"(?:menerima|mendapat(?:kan)?|diberi|pengadaan)\s+(?:paket\s+)?(?:mesin|peralatan|alat)",
        r"paket\s+(?:mesin|peralatan|alat)",
        r"startup\s+capital",
        r"start-?up\s+kit",
    ),
    "pendampingan": (r"pendampingan", r"mendampingi", r"didampingi"),
    "pameran": (r"pameran", r"expo", r"trade\s+fair", r"bazar", r"inacraft"),
    "sertifikasi": (
        r"sertifikasi",
        r"sertifikat\s+halal",
        r"SNI",
        r"HKI",
        r"hak\s+kekayaan\s+intelektual",
    ),
}

# Short upper-case codes must match as written ("DAK", not "dak" inside a word; "SNI", "WUB").
_CASE_SENSITIVE = {r"WUB", r"DAK(?:\s+fisik)?", r"SNI", r"HKI"}


# Letters that (?i:) also matches beyond their two ASCII cases (Unicode case folding).
_FOLDED_EXTRA = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _by_initial(phrase: str) -> list[tuple[str, str]]:
    """(first letter, the rest of the phrase) for each letter the phrase can start with:
    "(?:pemberian|bantuan)\\s+alat" gives ("p", "(?:emberian)\\s+alat") and ("b", ...)."""
    if not phrase.startswith("(?:"):
        return [(phrase[0], phrase[1:])]
    close = phrase.index(")")
    rests: dict[str, list[str]] = {}
    for word in phrase[3:close].split("|"):
        rests.setdefault(word[0], []).append(word[1:])
    return [(initial, f"(?:{'|'.join(r)}){phrase[close + 1 :]}") for initial, r in rests.items()]


def _build() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation over every phrase, longest first, with a named group per phrase.

    For speed the phrases are grouped by their first letter, written as a character class that
    opens each group: the engine rejects a position on one character check instead of trying
    every phrase there. Within a letter the phrases keep their order, so the matches are those
    of the flat alternation.
    """
    parts = sorted(
        ((code, phrase) for code, phrases in _PHRASES.items() for phrase in phrases),
        key=lambda item: -len(item[1]),
    )
    by_letter: dict[str, list[str]] = {}
    group_code: dict[str, str] = {}
    for index, (code, phrase) in enumerate(parts):
        for initial, rest in _by_initial(phrase):
            # A case-sensitive code ("WUB") keeps its exact first letter.
            body = f"(?<={initial}){rest}" if phrase in _CASE_SENSITIVE else f"(?i:{rest})"
            name = f"p{index}{initial.lower()}"
            by_letter.setdefault(initial.lower(), []).append(f"(?P<{name}>{body})")
            group_code[name] = code
    alternatives = [
        f"[{letter}{letter.upper()}{_FOLDED_EXTRA.get(letter, '')}](?:{'|'.join(items)})"
        for letter, items in by_letter.items()
    ]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w])")
    return pattern, group_code


_PATTERN, _GROUP_CODE = _build()

PROGRAM_CODES: tuple[str, ...] = (*_PHRASES.keys(), "other")


@dataclass(frozen=True, slots=True)
class ProgramMention:
    start: int
    end: int
    text: str
    code: str


# "program Jaring Pengaman Sosial (JPS) Gemilang": a named program that is none of the above.
_NAMED_PROGRAM = re.compile(
    r"\b[Pp]rogram\s+(?P<name>[A-Z][\w-]*(?:\s+(?:\([A-Z]+\)|[A-Z][\w-]*))*)"
)


def find_programs(text: str) -> list[ProgramMention]:
    """Every program phrase in ``text``, in order of appearance."""
    found = []
    for match in _PATTERN.finditer(text):
        group = match.lastgroup
        if group is None:
            continue
        found.append(ProgramMention(match.start(), match.end(), match.group(), _GROUP_CODE[group]))
    known = [(m.start, m.end) for m in found]
    for match in _NAMED_PROGRAM.finditer(text):
        start, end = match.span("name")
        if not any(a < end and start < b for a, b in known):
            found.append(ProgramMention(match.start(), match.end(), match.group(), "other"))
    return sorted(found, key=lambda m: m.start)
