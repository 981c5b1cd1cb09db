"""Programs named in the text, as FACTS.md program codes.

>>> [m.code for m in find_programs("Bimtek dan pemberian mesin bagi WUB")]
['bimtek', 'bantuan_peralatan', 'wub']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ikm_facts.vocabulary import vocabulary

# Each program's phrases as news write them, from the vocabulary
# (ikm_facts/data/vocabulary/program_phrases.csv). Order matters only for overlapping phrases:
# the regex alternation is built longest phrase first, so "restrukturisasi mesin" wins over
# "mesin"-based phrases.
_PHRASES: dict[str, tuple[str, ...]] = vocabulary().program_phrases()

# Short upper-case codes must match as written ("DAK", not "dak" inside a word; "SNI", "WUB").
_CASE_SENSITIVE = {p.pattern for p in vocabulary().phrases if p.case_sensitive}


# Letters that (?i:) also matches beyond their two ASCII cases (Unicode case folding).
_FOLDED_EXTRA = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _case_forms(letter: str) -> str:
    """Every character that ``letter`` matches case-insensitively: "k" -> "kK" and "\u212a"."""
    return letter.lower() + letter.upper() + _FOLDED_EXTRA.get(letter.lower(), "")


def _spelled_out_case(phrase: str) -> str:
    """A phrase pattern with each letter written as the class of its cases: "bazar" ->
    "[bB][aA][zZ][aA][rR]". It matches what "(?i:bazar)" matches, but the regex engine can
    reject an alternative that opens with a plain class on one character check, without
    entering it; a case-insensitive literal or a named group gets no such shortcut."""
    out: list[str] = []
    escaped = False
    for char in phrase:
        if escaped:
            out.append(char)  # the letter of an escape ("\\s") is no letter of the text
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char.isascii() and char.isalpha():
            out.append(f"[{_case_forms(char)}]")
        else:
            out.append(char)
    return "".join(out)


def _opening_group(phrase: str) -> tuple[list[str], int]:
    """The alternatives of the group that opens ``phrase`` and where the group ends:
    "(?:diberi|mendapat(?:kan)?)\\s+alat" gives (["diberi", "mendapat(?:kan)?"], 27). Only the
    "|" outside inner groups separate alternatives."""
    alternatives: list[str] = []
    depth, start = 0, 3
    for at in range(3, len(phrase)):
        char = phrase[at]
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char == ")":
            alternatives.append(phrase[start:at])
            return alternatives, at + 1
        elif char == "|" and not depth:
            alternatives.append(phrase[start:at])
            start = at + 1
    raise ValueError(f"unclosed group in program phrase {phrase!r}")


def _by_initial(phrase: str) -> list[tuple[str, str]]:
    """(first letter, the rest of the phrase) for each letter the phrase can start with:
    "(?:pemberian|bantuan)\\s+alat" gives ("p", "(?:emberian)\\s+alat") and ("b", ...)."""
    if not phrase.startswith("(?:"):
        return [(phrase[0], phrase[1:])]
    alternatives, close = _opening_group(phrase)
    rests: dict[str, list[str]] = {}
    for word in alternatives:
        rests.setdefault(word[0], []).append(word[1:])
    return [(initial, f"(?:{'|'.join(r)}){phrase[close:]}") for initial, r in rests.items()]


def _ordered_phrases() -> list[tuple[str, str]]:
    """(code, phrase) for every phrase, longest first: the order in which phrases compete."""
    return sorted(
        ((code, phrase) for code, phrases in _PHRASES.items() for phrase in phrases),
        key=lambda item: -len(item[1]),
    )


def _letter_groups() -> dict[str, list[tuple[str, str, str]]]:
    """The phrases by their first letter (lowercase), longest phrase first within a letter:
    (letter as written, rest of the phrase, program code)."""
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for code, phrase in _ordered_phrases():
        for initial, rest in _by_initial(phrase):
            groups.setdefault(initial.lower(), []).append((initial, rest, code))
    return groups


def _cases_of(initial: str, rest: str) -> str:
    """The characters a phrase may start with; a case-sensitive code ("WUB") only its own."""
    return initial if initial + rest in _CASE_SENSITIVE else _case_forms(initial)


# A character that may stand before a phrase: r"[^\w-]", widened for speed to every character
# beyond Latin-1. The class then holds no Unicode category, only a bitmap and a range, which the
# regex engine tests much faster; ``find_programs`` rejects the few word characters it lets in.
_BOUNDARY = "[{}\u0100-\U0010ffff]".format(
    "".join(f"\\x{code:02x}" for code in range(256) if not re.match(r"[\w-]", chr(code)))
)
_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def _build() -> tuple[re.Pattern[str], dict[str, tuple[tuple[re.Pattern[str], str], ...]]]:
    """One alternation over every phrase that finds where a phrase stands, and, for each first
    character, the phrases that start with it (each alone, with its program code).

    For speed the alternation opens with any character that is not a letter, digit, "_" or
    "-" (the word boundary before a phrase; ``find_programs`` puts a space before the text so
    that the first word has one): the regex engine skips in C to the next such character. Then
    one branch per case of a first letter follows, and the engine picks the branch on one
    character check. Within a letter the phrases keep the order of the flat alternation,
    longest first, so the matches are the same. The alternation has no groups (they would slow
    every branch down); the phrases by first character tell which one matched.
    """
    alternatives: list[str] = []
    by_case: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for letter, items in _letter_groups().items():
        for case in _case_forms(letter):
            fitting = [
                (rest, code) for initial, rest, code in items if case in _cases_of(initial, rest)
            ]
            if not fitting:
                continue
            bodies = [
                rest if case + rest in _CASE_SENSITIVE else _spelled_out_case(rest)
                for rest, _ in fitting
            ]
            alternatives.append(f"{case}(?:{'|'.join(bodies)})")
            by_case[case] = [
                (re.compile(f"{body}(?![\\w])"), code)
                for body, (_, code) in zip(bodies, fitting, strict=True)
            ]
    pattern = re.compile(f"{_BOUNDARY}(?:" + "|".join(alternatives) + r")(?![\w])")
    return pattern, {case: tuple(phrases) for case, phrases in by_case.items()}


_PATTERN, _PHRASES_BY_FIRST = _build()


def _code_at(text: str, start: int, end: int) -> str:
    """The program of the phrase that ``_PATTERN`` found at ``start``..``end``: the first of the
    phrases with that first character to match there, as the alternation tries them."""
    for pattern, code in _PHRASES_BY_FIRST[text[start]]:
        found = pattern.match(text, start + 1)
        if found is not None and found.end() == end:
            return code
    raise AssertionError(f"no program phrase matches {text[start:end]!r}")


PROGRAM_CODES: tuple[str, ...] = tuple(_PHRASES.keys())


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


def _named_programs(text: str) -> list[re.Match[str]]:
    """What ``_NAMED_PROGRAM.finditer(text)`` finds, faster: every match starts one character
    before "rogram", so the pattern is only tried there (found by a plain substring search)."""
    matches: list[re.Match[str]] = []
    resume = 0
    at = text.find("rogram", 1)
    while at >= 0:
        if at - 1 >= resume and (match := _NAMED_PROGRAM.match(text, at - 1)) is not None:
            matches.append(match)
            resume = match.end()
        at = text.find("rogram", at + 1)
    return matches


def find_programs(text: str) -> list[ProgramMention]:
    """Every program phrase in ``text``, in order of appearance."""
    # The space stands for the start of the text: a phrase may open it. Offsets in ``padded``
    # are one more than in ``text``.
    padded = " " + text
    found: list[ProgramMention] = []
    pos = 0
    while (m := _PATTERN.search(padded, pos)) is not None:
        start, end = m.span()
        if padded[start] >= "\u0100" and _WORD_OR_HYPHEN.match(padded[start]):
            pos = start + 1  # a word character after all (see _BOUNDARY): no boundary here
            continue
        found.append(
            ProgramMention(start, end - 1, text[start : end - 1], _code_at(padded, start + 1, end))
        )
        pos = end
    known = [(m.start, m.end) for m in found]
    for match in _named_programs(text):
        start, end = match.span("name")
        if not any(a < end and start < b for a, b in known):
            found.append(ProgramMention(match.start(), match.end(), match.group(), "other"))
    return sorted(found, key=lambda m: m.start)
