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


def _build() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation over every phrase, longest first, with a named group per phrase."""
    parts = sorted(
        ((code, phrase) for code, phrases in _PHRASES.items() for phrase in phrases),
        key=lambda item: -len(item[1]),
    )
    alternatives = []
    for index, (_code, phrase) in enumerate(parts):
        body = phrase if phrase in _CASE_SENSITIVE else f"(?i:{phrase})"
        alternatives.append(f"(?P<p{index}>{body})")
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w])")
    return pattern, {f"p{index}": code for index, (code, _phrase) in enumerate(parts)}


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
