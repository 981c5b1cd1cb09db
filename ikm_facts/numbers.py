"""Indonesian numbers: "6.779", "3,69", "Rp2,8 triliun", "4,4 juta", "13 ribu", "tiga ratus".

Indonesian writes "." between thousands and "," before decimals: "1.250.000" is 1250000 and
"3,69" is 3.69. ``find_quantities`` scans a text once and returns every number with its
currency, scale word, percent sign, range and qualifier, leaving out dates, clock times, phone
numbers and numbers that are part of codes ("COVID-19", "PP 29/2018"). A qualifier may also be
written after the number: "500 lebih penenun" (more than), "1.500-an IKM" and "Rp2 miliaran"
(about).

>>> find_quantities("nilai produksinya menembus hingga Rp2,8 triliun")[0].value
Decimal('2800000000000')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from ikm_facts.model import Qualifier, Quantity, QuantityKind

__all__ = ["find_quantities", "format_indonesian", "is_year_like", "parse_number"]

# Longer digit strings are not quantities (IDs, garbage) and would exceed Decimal's precision.
_MAX_DIGITS = 24
_WINDOW = 60  # how far back the qualifier and skip-word patterns look

_SP = r"[^\S\r\n]{0,2}"  # spaces within a line: a number never continues on the next line
_SP1 = r"[^\S\r\n]{1,2}"
_DIGITS = r"[0-9]+(?:[.,][0-9]+)*"
_NUMBER = re.compile(_DIGITS)
_NOT_LETTER = r"(?![^\W\d_])"

# fmt: off
_UNIT_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9,
}
# "se-" words stand for "one ...": seratus = 100, seribu = 1000.
_SE_WORDS = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
_SE_SCALES = {"seribu": 3, "sejuta": 6, "semiliar": 9, "semilyar": 9, "setriliun": 12}
# Powers of ten; "M" and "T" ("Rp1,5 M") count only after a currency, where they cannot be
# the initial of a name.
_SCALE_WORDS = {
    "ribu": 3, "rb": 3, "thousand": 3, "juta": 6, "jt": 6, "million": 6, "miliar": 9,
    "milyar": 9, "milliar": 9, "billion": 9, "triliun": 12, "trilyun": 12, "trillion": 12,
    "M": 9, "T": 12,
}
_GROUP_WORDS = ("puluh", "belas", "ratus", "ribu", "juta", "miliar", "milyar", "triliun")
_MONTHS = (
    "januari", "februari", "pebruari", "maret", "april", "mei", "juni", "juli", "agustus",
    "september", "oktober", "november", "desember", "jan", "feb", "mar", "apr", "jun", "jul",
    "agu", "agt", "ags", "agust", "sep", "sept", "okt", "nov", "des",
)
# Words and signs before a number. They are matched on the reversed text just before the
# number, so one anchored match finds the nearest, and the longest phrase wins ("tidak lebih
# dari" over "lebih dari").
_QUALIFIERS: dict[Qualifier, tuple[str, ...]] = {
    "approx": (
        "sekitar", "sekira", "kurang lebih", "lebih kurang", "kira-kira", "±", "+/-", "~",
    ),
    "more_than": (
        "lebih dari", "di atas", "diatas", "melampaui", "melebihi", "menembus", "tembus",
        "sedikitnya", "setidaknya", "minimal", "minimum", "paling sedikit", "tak kurang dari",
        "tidak kurang dari", "sekurang-kurangnya", "sekurangnya", ">", "≥", ">=",
    ),
    "less_than": (
        "kurang dari", "di bawah", "dibawah", "maksimal", "maksimum", "paling banyak",
        "tidak lebih dari", "tak lebih dari", "tidak sampai", "sebanyak-banyaknya", "<", "≤",
        "<=",
        # "hampir 48 ribu orang": almost, so just under the number
        "hampir", "nyaris", "mendekati",
    ),
    "target": (
        "target", "targetnya", "ditargetkan", "menargetkan", "sasaran", "sasarannya",
        "menyasar", "disasar",
    ),
}
# Words that may stand between a qualifier and its number: "lebih dari sebanyak 500".
_FILLERS = (
    "sebanyak", "sejumlah", "sebesar", "senilai", "mencapai", "hingga", "sampai", "berjumlah",
    "total", "angka", "yakni", "yaitu", "adalah", "ada", "tercatat", "di", "pada", "dengan",
    "jumlah", "jumlahnya", "nilai", "nilainya", "yang", "akan", "baru", "telah", "sudah",
)
# Words after which a number is a code, a clock time, a date part or a phone number.
_CODE_WORDS = (
    "no", "no.", "nomor", "nomer", "nmr", "pasal", "ayat", "iso", "sni", "kode", "rt", "rw",
    "nip", "nik", "npwp",
)
_TIME_WORDS = ("pukul", "pkl", "pkl.", "jam")
_DATE_WORDS = ("tanggal", "tgl", "tgl.", *_MONTHS)
_PHONE_WORDS = (
    "telp", "telp.", "tlp", "tlp.", "telepon", "telpon", "hp", "hp.", "wa", "whatsapp", "fax",
    "faks", "ponsel",
)
# Words after "lebih" that make it open a comparison rather than close a number: "5 persen lebih
# tinggi", "500 lebih dari target" (ambiguous, so left exact), "dua hari lebih awal".
_COMPARED_AFTER_LEBIH = (
    "dari", "daripada", "dibanding", "dibandingkan", "ketimbang", "kurang", "lagi", "tinggi",
    "rendah", "besar", "kecil", "banyak", "sedikit", "baik", "buruk", "cepat", "lambat", "murah",
    "mahal", "luas", "sempit", "panjang", "pendek", "lama", "awal", "dulu", "dahulu", "jauh",
    "dekat", "kuat", "lemah", "mudah", "sulit", "berat", "ringan", "maju", "unggul", "tua",
    "muda", "baru", "penting", "kompetitif", "efisien", "produktif", "optimal",
)
# Words before "90-an" that make it a decade ("tahun 90-an", "era 80-an"), not a count.
_DECADE_WORDS = ("tahun", "thn", "era", "dekade", "medio", "pertengahan", "awal", "akhir")
# Scale words that take the "-an" of approximation: "Rp2 miliaran", "5 jutaan".
_SCALES_WITH_AN = ("ribu", "juta", "miliar", "milyar", "triliun")
# fmt: on

_WORD_NUMBER_WORDS = sorted([*_UNIT_WORDS, *_SE_WORDS, *_SE_SCALES, *_GROUP_WORDS], key=len)[::-1]
# Every word a number is written with ("lima ratus enam puluh empat"), for rules elsewhere.
NUMBER_WORDS: tuple[str, ...] = tuple(_WORD_NUMBER_WORDS)
_WORD_STARTS = sorted([*_UNIT_WORDS, *_SE_WORDS, *_SE_SCALES], key=len, reverse=True)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _reversed_alternation(phrases: Iterable[str]) -> str:
    r"""Phrases spelled backwards, longest first: "lebih dari" -> r"irad\s+hibel"."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(
        r"\s+".join(re.escape(word[::-1]) for word in reversed(p.split())) for p in ordered
    )


def _master_pattern() -> re.Pattern[str]:
    """One pass over the text finds where a number starts: digits, or a number word.

    Every alternative opens with one literal character (a digit, or one case of a number word's
    first letter), which lets the regex engine skip in C to the next such character instead of
    trying a match at every position; the look-behind stands for the word's leading ``\\b``.
    Which kind was found is read from the first character: a digit or a letter.
    """
    branches = [f"{digit}[0-9]*(?:[.,][0-9]+)*" for digit in "0123456789"]
    by_initial: dict[str, list[str]] = {}
    for word in _WORD_STARTS:
        by_initial.setdefault(word[0], []).append(word[1:])
    for first, rests in by_initial.items():
        for letter in _case_forms(first):
            branches.append(rf"{letter}(?<!\w.)(?i:{_alternation(rests)})\b")
    return re.compile("|".join(branches))


def _case_forms(letter: str) -> list[str]:
    """The characters that an ASCII letter matches case-insensitively: "s" -> s, S and "ſ".

    Python's docs name the only non-ASCII ones: U+0130, U+0131, U+017F and U+212A.
    """
    assert letter.isascii() and letter.isalpha()
    pool = sorted({letter.lower(), letter.upper(), "\u0130", "\u0131", "\u017f", "\u212a"})
    return [c for c in pool if re.fullmatch(f"(?i){letter}", c)]


def _suffix_pattern(*, abbreviations: bool) -> re.Pattern[str]:
    """What may follow the digits: ",-", a scale word, a percent sign, a currency word.

    A scale word may carry the "-an" of approximation ("Rp2 miliaran"): group ``about``.
    """
    scale = (
        f"(?i:{_alternation(_SCALES_WITH_AN)})(?P<about>-?an){_NOT_LETTER}"
        f"|(?i:{_alternation(w for w in _SCALE_WORDS if len(w) > 1)}){_NOT_LETTER}"
    )
    if abbreviations:
        scale += f"|[MT]{_NOT_LETTER}"
    dollar = (
        rf"(?i:dolar|dollar)(?:\s(?:AS|Amerika(?:\sSerikat)?|US){_NOT_LETTER})?"
        rf"(?!\s(?:Singapura|Australia|Hong|Kanada|Brunei|Taiwan|Selandia)){_NOT_LETTER}"
    )
    # "12 juta US dolar", "5 juta US$": the currency's country first
    currency = (
        rf"(?i:rupiah){_NOT_LETTER}|{dollar}|(?:US\s?(?i:dolar|dollar)|US\$|USD|IDR){_NOT_LETTER}"
    )
    return re.compile(
        r"(?P<dash>,-{1,2}|\.-)?"  # "Rp 297.000.000,-"
        rf"(?:{_SP}(?P<scale>{scale}))?"
        # "6,94 perseb", "20,02 perse" (a page cut there): "persen" with its last letter slipped
        rf"(?:{_SP}(?P<pct>%|(?i:persen|prosen|perse[bm]?){_NOT_LETTER}))?"
        rf"(?:{_SP1}(?P<csuf>{currency}))?"
    )


def _qualifier_pattern() -> re.Pattern[str]:
    fillers = rf"(?:(?:{_reversed_alternation(_FILLERS)})\s+)*"
    words = [p for p in _QUALIFIER_BY_PHRASE if p[0].isalpha()]
    signs = [p for p in _QUALIFIER_BY_PHRASE if not p[0].isalpha()]
    return re.compile(
        rf"(?i)\s*{fillers}(?:(?P<word>{_reversed_alternation(words)})(?!\w)"
        rf"|(?P<sign>{_reversed_alternation(signs)}))"
    )


_QUALIFIER_BY_PHRASE: dict[str, Qualifier] = {
    phrase: qualifier for qualifier, phrases in _QUALIFIERS.items() for phrase in phrases
}
_MASTER = _master_pattern()
# A currency just before the digits, read on the reversed text: "Rp", "Rp.", "Rp ", "US$".
_CURRENCY_BEFORE = re.compile(rf"{_SP}(?P<cur>\.?[pP][rR]|RDI|\$SU|DSU|\$){_NOT_LETTER}")
# Cheap tests that spare a regex call: the last character a currency before the digits can end
# with, and the first characters that the patterns after the digits can start with.
_CURRENCY_LAST = frozenset(".pPRD$")
_HYPHENS = frozenset("-–")
_RANGE_DASHES = frozenset("-–—")
_TIME_ZONE_FIRST = frozenset("wW")
_NUMBER_WORD = f"(?i:{_alternation(_WORD_NUMBER_WORDS)})"
_WORD_SEQUENCE = re.compile(rf"{_NUMBER_WORD}(?:{_SP1}{_NUMBER_WORD}(?!\w))*")
_WORD = re.compile(r"\S+")
_CONNECTOR = rf"(?:{_SP}[-–—]{_SP}|{_SP1}(?i:hingga|sampai(?:\s+dengan)?|s\.\s?d\.?|s/d){_SP1})"
_RANGE_DIGITS = re.compile(
    rf"{_CONNECTOR}(?P<cur>(?:[Rr][Pp]\.?|US\$|USD|\$){_SP})?(?P<num>{_DIGITS})"
)
_RANGE_WORDS = re.compile(rf"{_CONNECTOR}(?=\w)")
_SUFFIX_AFTER_CURRENCY = _suffix_pattern(abbreviations=True)
_SUFFIX = _suffix_pattern(abbreviations=False)
_QUALIFIER_BEFORE = _qualifier_pattern()
_SKIP_BEFORE = re.compile(
    rf"(?i)[\s:(]{{0,3}}(?:(?P<code>{_reversed_alternation(_CODE_WORDS)})"
    rf"|(?P<time>{_reversed_alternation(_TIME_WORDS)})"
    rf"|(?P<date>{_reversed_alternation(_DATE_WORDS)})"
    rf"|(?P<phone>{_reversed_alternation(_PHONE_WORDS)}))(?!\w)"
)
_MINUS_BEFORE = re.compile(r"(?i)\s*sunim(?!\w)")  # "minus", reversed
# The "-an" of approximation glued to digits: "1.500-an IKM", "20-an peserta", "300an".
_AN_AFTER = re.compile(r"-?an(?!\w)")
_AN_FIRST = frozenset("-a")
_DECADE_BEFORE = re.compile(rf"(?i)\s+(?:{_reversed_alternation(_DECADE_WORDS)})(?!\w)")
# "lebih" closing a number, unless a comparison or another number follows it.
_LEBIH_AFTER = re.compile(
    rf"{_SP1}(?i:lebih)(?![\w-])"
    rf"(?!{_SP1}(?:[0-9]|(?i:{_alternation(_COMPARED_AFTER_LEBIH)})(?!\w)))"
)
_PHONE_REST = re.compile(r"\)?(?:[\s.-]{1,2}[0-9]{2,})*")
_SLASH_CHAIN = re.compile(r"(?:/[0-9]+)+")
_CLOCK_CHAIN = re.compile(r"(?::[0-9]{2})+")
_HYPHEN_CHAIN = re.compile(r"(?:[-–][0-9]+){2,}")
_TIME_ZONE = re.compile(rf"{_SP}(?i:wib|wita|wit){_NOT_LETTER}")
_TIME_RANGE_REST = re.compile(
    rf"{_SP}[-–]{_SP}[0-9]{{1,2}}[.:][0-9]{{2}}(?:{_SP}(?i:wib|wita|wit))?"
)
_MONTH_AFTER = re.compile(rf"{_SP1}(?i:{_alternation(_MONTHS)}){_NOT_LETTER}")
_YEAR_AFTER_CODE = re.compile(rf"{_SP1}(?i:tahun){_SP1}[0-9]{{4}}(?!\d)")
_YEAR_TEXT = re.compile(rf"[0-9]{{4}}(?:{_SP}(?:[-–—]|hingga|sampai|s/d){_SP}[0-9]{{4}})?")

# Cheap tests that spare most regex calls around a number. Each pattern below can only match
# where a word of a known list starts, so the first two characters there (lowercased; one for
# signs and one-letter words) must be in the list's set of heads. Characters outside ASCII
# are never ruled out: some case-fold onto ASCII letters ("ſ", "K").


def _heads(words: Iterable[str]) -> frozenset[str]:
    return frozenset(word[:2].lower() for word in words)


def _reversed_heads(phrases: Iterable[str]) -> frozenset[str]:
    """Heads of phrases as the reversed text shows them: the last word, spelled backwards."""
    return _heads(phrase.split()[-1][::-1] for phrase in phrases)


_MONTH_HEADS = _heads(_MONTHS)
_TIME_ZONE_HEADS = _heads(["wib", "wita", "wit"])
_RANGE_HEADS = _heads(["-", "–", "—", "hingga", "sampai", "s.d", "s/d"])
# "USD" and "IDR" are matched as written: their lowercase heads are a wider test, which is fine.
_UNIT_WORDS_AFTER = ("%", "persen", "prosen", "rupiah", "dolar", "dollar", "usd", "idr")
_UNIT_HEADS = _heads([*(w for w in _SCALE_WORDS if len(w) > 1), *_UNIT_WORDS_AFTER])
_UNIT_HEADS_AFTER_CURRENCY = _UNIT_HEADS | _heads(["M", "T"])
_SKIP_HEADS = _reversed_heads([*_CODE_WORDS, *_TIME_WORDS, *_DATE_WORDS, *_PHONE_WORDS])
_QUALIFIER_HEADS = _reversed_heads([*_QUALIFIER_BY_PHRASE, *_FILLERS])


def _may_start(head: str, heads: frozenset[str]) -> bool:
    """Whether a word whose heads are ``heads`` may start at ``head`` (its next characters)."""
    return not head.isascii() or head.lower() in heads or head[:1].lower() in heads


def _head_after_spaces(text: str, pos: int) -> str:
    """The two characters after at most two spaces from ``pos``; a line break is no space,
    as in ``_SP``. Where a word after a number starts, if one does."""
    for _ in range(2):
        char = text[pos : pos + 1]
        if not char.isspace() or char in "\r\n":
            break
        pos += 1
    return text[pos : pos + 2]


def _skip_before(back: str) -> re.Match[str] | None:
    """``_SKIP_BEFORE.match(back)``, tried only where one of its words may start: after at most
    three spaces, colons or brackets."""
    lead = 0
    while lead < 4 and lead < len(back) and (back[lead].isspace() or back[lead] in ":("):
        lead += 1
    if lead > 3 or not _may_start(back[lead : lead + 2], _SKIP_HEADS):
        return None
    return _SKIP_BEFORE.match(back)


def parse_number(text: str) -> Decimal:
    """Parse one number written the Indonesian way (no scale word): "6.779" -> 6779, "3,69" -> 3.69.

    A dot before exactly three digits groups thousands; a dot before one or two digits is an
    English decimal point ("1.5"); a comma is the decimal separator unless it groups thousands
    the English way ("1,250,000"). Raises ValueError for anything else ("1.2.3").
    """
    raw = text.strip()
    sign = ""
    if raw[:1] in "-−":
        sign, raw = "-", raw[1:]
    if raw.isascii() and raw.isdigit():
        # Plain digits, the most common case: the value is the integer they write.
        return Decimal(int(sign + raw))
    if not raw or not _NUMBER.fullmatch(raw):
        raise ValueError(f"not a number: {text!r}")
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        # Both present: the last one written is the decimal separator.
        decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, fraction = raw.rpartition(decimal_sep)
        if decimal_sep in whole or not _is_grouped(whole.split(group_sep)):
            raise ValueError(f"not a number: {text!r}")
        digits = whole.replace(group_sep, "") + "." + fraction
    elif dots or commas:
        sep = "." if dots else ","
        groups = raw.split(sep)
        thousands = _is_grouped(groups) and groups[0] != "0"
        if sep == "." and thousands:
            digits = "".join(groups)
        elif len(groups) == 2 and (sep == "," or not thousands):
            digits = groups[0] + "." + groups[1]
        elif sep == "," and thousands:
            digits = "".join(groups)  # "1,250,000" written the English way
        else:
            raise ValueError(f"not a number: {text!r}")
    else:
        digits = raw
    return _tidy(Decimal(sign + digits))


def _is_grouped(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _tidy(value: Decimal) -> Decimal:
    """1500000.00 -> 1500000 and 3.690 -> 3.69, without exponent notation."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def format_indonesian(value: Decimal, *, decimals: int | None = None) -> str:
    """Write a number the Indonesian way: 6779 -> "6.779", 3.69 -> "3,69", 1.5e6 -> "1.500.000".

    ``decimals`` rounds (half up) to that many places; None keeps the digits ``value`` has.
    """
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _, fraction = format(abs(value), "f").partition(".")
    groups = []
    while len(whole) > 3:
        groups.append(whole[-3:])
        whole = whole[:-3]
    groups.append(whole)
    text = sign + ".".join(reversed(groups))
    return f"{text},{fraction}" if fraction else text


def is_year_like(q: Quantity) -> bool:
    """True for "2018" or "2015-2019": four bare digits between 1900 and 2100, no unit at all."""
    if q.kind != "count" or not _YEAR_TEXT.fullmatch(q.text):
        return False
    return all(v is None or 1900 <= v <= 2100 for v in (q.value, q.upper))


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its currency, scale word, percent sign and qualifier.

    >>> [(q.text, q.value, q.kind) for q in find_quantities("sebanyak 6.779 unit, 3,69 persen")]
    [('6.779', Decimal('6779'), 'count'), ('3,69 persen', Decimal('3.69'), 'percent')]

    Ranges ("8-10", "5 hingga 10 persen") give the lower end as ``value`` and the upper end as
    ``upper``. Years come out as counts; see ``is_year_like``.
    """
    original = text
    if _may_have_slipped_space(text):  # rare: the full pattern only where it may match
        text = _SLIPPED_SPACE.sub(_close_slipped_space, text)
    found: list[Quantity] = []
    pos = 0
    while (match := _MASTER.search(text, pos)) is not None:
        if match.group()[0] <= "9":
            quantity, resume = _read_digits(text, match)
        else:
            quantity, resume = _read_words(text, match)
        if quantity is not None:
            found.append(quantity)
        pos = max(resume, match.end())
    if text != original:
        found = [_as_written(original, q) for q in found]
    return found


def _as_written(original: str, q: Quantity) -> Quantity:
    """A quantity read from the repaired text, with its span and text in the original: a
    repaired number ends one character later ("121. 253" was read as "121.253 ")."""
    read = q.text.replace(" ", "")
    if original[q.start : q.end].replace(" ", "") != read:
        longer = original[q.start : q.end + 1]
        if longer.replace(" ", "") == read:
            return replace(q, end=q.end + 1, text=longer)
    return replace(q, text=original[q.start : q.end])


# "Rp 4, 5 miliar", "3, 69 persen", "Rp 1. 250 juta": a space slipped in after a decimal comma
# or a thousands dot. Only where a scale word or a percent follows, so that "1, 2, 3" and the
# end of a sentence stay as they are.
_SLIPPED_SPACE = re.compile(
    r"(?<=\d)(?P<sep>,|\.) (?P<digits>\d{1,3})(?=\s?(?i:ribu|juta|miliar|milyar|triliun|persen|%)"
    r"(?![^\W\d_]))"
    # "terdapat 138. 419 usaha": a thousands dot, then a count's noun in lower case
    r"|(?:(?<=[^\d.,]\d)|(?<=[^\d.,]\d\d)|(?<=[^\d.,]\d\d\d))(?P<sep2>\.) (?P<digits2>\d{3})"
    r"(?=\s+[a-z])"
)


def _may_have_slipped_space(text: str) -> bool:
    """Whether a digit, a comma or dot, a space and a digit follow each other somewhere: found
    with str.find, several times faster than a regex scan of the whole text."""
    for mark in (", ", ". "):
        at = text.find(mark, 1)
        while at >= 0:
            if text[at - 1].isdigit() and text[at + 2 : at + 3].isdigit():
                return True
            at = text.find(mark, at + 1)
    return False


def _close_slipped_space(match: re.Match[str]) -> str:
    """The same characters with the space moved behind the digits, so every offset stays."""
    sep = match.group("sep") or match.group("sep2")
    digits = match.group("digits") or match.group("digits2")
    if sep == "." and len(digits) != 3:
        return match.group()
    return f"{sep}{digits} "


def _end_of(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where ``pattern`` stops matching at ``pos`` (``pos`` itself when it does not match)."""
    found = pattern.match(text, pos)
    return found.end() if found else pos


def _currency_kind(prefix: str) -> QuantityKind:
    return "USD" if "$" in prefix or "U" in prefix else "IDR"


def _before(text: str, start: int) -> str:
    """The text just before ``start``, reversed, for the anchored look-behind patterns."""
    return text[max(0, start - _WINDOW) : start][::-1]


def _read_digits(text: str, match: re.Match[str]) -> tuple[Quantity | None, int]:
    num_start, num_end = match.span()
    # One reversed slice holds both the currency (within 8 characters) and the look-behind
    # window before it.
    behind = text[max(0, num_start - _WINDOW - 8) : num_start][::-1]
    cur = None
    if not _CURRENCY_LAST.isdisjoint(behind[:3]):
        cur = _CURRENCY_BEFORE.match(behind, 0, 8)
    cut = cur.end() if cur else 0
    start = num_start - cut
    currency = cur.group("cur")[::-1] if cur else ""
    number = match.group()
    if not currency:
        skip_to = _glued_before(text, num_start, num_end)
        if skip_to is not None:
            return None, skip_to
    back = behind[cut : cut + _WINDOW]
    if (skip := _skip_before(back)) is not None:
        return None, _skip_after_word(text, num_end, skip.lastgroup)
    if number[0] == "0" and len(number) > 1 and number[1].isdigit():
        return None, _end_of(_PHONE_REST, text, num_end)
    after = text[num_end : num_end + 2]
    if after[:1] == "/" and after[1:].isdigit():
        return None, _end_of(_SLASH_CHAIN, text, num_end)  # "21/8", "PP 29/2018"
    if after[:1] == ":" and after[1:].isdigit():
        return None, _end_of(_CLOCK_CHAIN, text, num_end)  # "14:30"
    if after[:1] in _HYPHENS and (chain := _HYPHEN_CHAIN.match(text, num_end)):
        return None, chain.end()
    if len(number) > _MAX_DIGITS and sum(c.isdigit() for c in number) > _MAX_DIGITS:
        return None, num_end
    try:
        value = parse_number(number)
    except ValueError:
        return None, num_end

    upper: Decimal | None = None
    core_end = num_end
    kind: QuantityKind = "count"
    if currency:
        kind = _currency_kind(currency)
    # Where a word after the number would start: read once for the tests below.
    head = _head_after_spaces(text, num_end)
    if (
        (after[:1].isspace() or after[:1] in _RANGE_DASHES)
        and _may_start(head, _RANGE_HEADS)
        and (rng := _RANGE_DIGITS.match(text, num_end)) is not None
    ):
        second = _range_end(text, rng, value)
        if second is not None:
            upper, core_end = second, rng.end()
            head = _head_after_spaces(text, core_end)
            if rng.group("cur") and not currency:
                kind = _currency_kind(rng.group("cur"))
    follower = text[core_end : core_end + 1]
    # "14.00 WIB", "15 Juni": a clock time or a date, not a quantity.
    if (follower.isspace() or follower in _TIME_ZONE_FIRST) and (
        (_may_start(head, _TIME_ZONE_HEADS) and _TIME_ZONE.match(text, core_end))
        or (_may_start(head, _MONTH_HEADS) and _MONTH_AFTER.match(text, core_end))
    ):
        return None, core_end
    end = core_end
    about = False  # written with the "-an" of approximation: "1.500-an", "Rp2 miliaran"
    after_currency = kind != "count"
    # The suffix pattern matches more than nothing only from a dash (",-") or a unit word.
    if follower in {",", "."} or _may_start(
        head, _UNIT_HEADS_AFTER_CURRENCY if after_currency else _UNIT_HEADS
    ):
        pattern = _SUFFIX_AFTER_CURRENCY if after_currency else _SUFFIX
        suffix = pattern.match(text, core_end)
        assert suffix is not None  # every part of the suffix pattern is optional
        value, upper, kind = _apply_suffix(suffix, value, upper, kind)
        about = suffix.group("about") is not None
        end = suffix.end()
        if upper is None and suffix.end() > suffix.start():
            end, upper = _range_after_suffix(text, end, value, kind, currency=bool(currency))
    elif follower in _AN_FIRST and upper is None and (an := _AN_AFTER.match(text, end)):
        if not currency and _is_decade(number, value, back):
            return None, an.end()  # "tahun 90-an", "1990-an": a decade, not a count
        # A unit may still follow: "20-an persen", "Rp500-an ribu".
        pattern = _SUFFIX_AFTER_CURRENCY if after_currency else _SUFFIX
        suffix = pattern.match(text, an.end())
        assert suffix is not None  # every part of the suffix pattern is optional
        value, upper, kind = _apply_suffix(suffix, value, upper, kind)
        about, end = True, suffix.end()
    if _glued_after(text, end):
        return None, end
    qualifier = _qualifier(back)
    if about and qualifier == "exact":
        qualifier = "approx"
    if kind == "percent" and _negative(text, start, back):
        value = -value
        upper = -upper if upper is not None else None
        start -= 1 if text[start - 1] in "-−" else 0
    quantity = _more_after(text, _quantity(text, start, end, value, kind, qualifier, upper))
    return quantity, quantity.end


def _is_decade(number: str, value: Decimal, back: str) -> bool:
    """Whether "<number>-an" names a decade: a round year ("1990-an") or a round number after
    a word such as "tahun" or "era" ("tahun 90-an"). ``back`` is the text before, reversed."""
    if not number.isdigit() or value % 10:
        return False
    return (len(number) == 4 and 1900 <= value <= 2100) or _DECADE_BEFORE.match(back) is not None


def _more_after(text: str, quantity: Quantity) -> Quantity:
    """ "500 lebih penenun", "Rp1,5 triliun lebih": "lebih" right after a number means more
    than it, and belongs to it, so the word after it is what the number counts.

    Left alone where "lebih" opens a comparison ("5 persen lebih tinggi", "500 lebih dari
    target") and after a year ("pada 2020 lebih ..."), which must stay a bare year.
    """
    if "lebih" not in text[quantity.end : quantity.end + 7].lower():
        return quantity  # a cheap test first: most numbers have no "lebih" after them
    found = _LEBIH_AFTER.match(text, quantity.end)
    if found is None or is_year_like(quantity):
        return quantity
    qualifier: Qualifier = "more_than" if quantity.qualifier == "exact" else quantity.qualifier
    return _quantity(
        text, quantity.start, found.end(), quantity.value, quantity.kind, qualifier, quantity.upper
    )


def _glued_before(text: str, num_start: int, num_end: int) -> int | None:
    """Where to resume when the number is glued to a word or code ("COVID-19", "LMEA2")."""
    prev = text[num_start - 1] if num_start else " "
    prev2 = text[num_start - 2] if num_start > 1 else " "
    glued = (
        prev.isalnum()
        or prev in "_/@#=&\\"
        or (prev in "-–." and prev2.isalnum() and not prev2.isdigit())
    )
    if prev == "+":
        return _end_of(_PHONE_REST, text, num_end)  # "+62 812 ..."
    if glued:
        end = num_end
        while end < len(text) and (text[end].isalnum() or text[end] in "-/"):
            end += 1
        return end
    return None


# "Merangin 521UMKM", "mencapai 13.762dengan 516.124 unit": a space left out before a word that
# cannot be part of a code, the count's noun or a joining word.
_GLUED_WORD = re.compile(
    r"(?:UMKM|IKM|UKM|IMK|KUB|unit|orang|pelaku|peserta|perajin|pengrajin|usaha|dengan|dan|"
    r"yang|atau)(?![^\W\d_])"
)


def _glued_after(text: str, end: int) -> bool:
    nxt = text[end : end + 2]
    if not nxt:
        return False
    if nxt[0].isalpha() and _GLUED_WORD.match(text, end):
        return False
    return nxt[0].isalnum() or (nxt[0] in "-–" and nxt[1:].isalpha())


def _skip_after_word(text: str, num_end: int, kind: str | None) -> int:
    """Resume past the rest of a code ("Nomor 7 Tahun 2020", "No. 12/2020") or a time range."""
    if kind == "code":
        end = num_end
        if slash := _SLASH_CHAIN.match(text, end):
            end = slash.end()
        if year := _YEAR_AFTER_CODE.match(text, end):
            end = year.end()
        return end
    if kind == "time" and (rest := _TIME_RANGE_REST.match(text, num_end)):
        return rest.end()
    if kind == "phone":
        return _end_of(_PHONE_REST, text, num_end)
    return num_end


def _range_end(text: str, rng: re.Match[str], lower: Decimal) -> Decimal | None:
    """The upper end of "8-10" or "8 hingga 10", or None when it is not a range."""
    number = rng.group("num")
    after = text[rng.end() : rng.end() + 2]
    if (after[:1] in "/:" and after[1:].isdigit()) or (after[:1] in "-–" and after[1:].isdigit()):
        return None
    if number[0] == "0" and len(number) > 1 and number[1].isdigit():
        return None
    if sum(c.isdigit() for c in number) > _MAX_DIGITS:
        return None
    try:
        upper = parse_number(number)
    except ValueError:
        return None
    return upper if upper > lower else None


def _apply_suffix(
    suffix: re.Match[str], value: Decimal, upper: Decimal | None, kind: QuantityKind
) -> tuple[Decimal, Decimal | None, QuantityKind]:
    if scale := suffix.group("scale"):
        if suffix.group("about"):
            scale = scale[: -len(suffix.group("about"))]
        exponent = _SCALE_WORDS.get(scale, _SCALE_WORDS.get(scale.lower(), 0))
        value = _tidy(value.scaleb(exponent))
        upper = _tidy(upper.scaleb(exponent)) if upper is not None else None
    if suffix.group("pct"):
        kind = "percent"
    elif csuf := suffix.group("csuf"):
        kind = "IDR" if csuf.lower() in {"rupiah", "idr"} else "USD"
    return value, upper, kind


def _range_after_suffix(
    text: str, end: int, lower: Decimal, kind: QuantityKind, *, currency: bool
) -> tuple[int, Decimal | None]:
    """ "Rp5 juta hingga Rp10 juta", "5 persen - 10 persen": the second amount has its own unit."""
    if not _may_start(_head_after_spaces(text, end), _RANGE_HEADS):
        return end, None
    rng = _RANGE_DIGITS.match(text, end)
    if rng is None:
        return end, None
    upper = _range_end(text, rng, Decimal(0))
    if upper is None:
        return end, None
    suffix_pattern = _SUFFIX_AFTER_CURRENCY if currency or rng.group("cur") else _SUFFIX
    suffix = suffix_pattern.match(text, rng.end())
    assert suffix is not None
    if suffix.end() == suffix.start():
        return end, None  # "Rp5 juta - 2021": the second number has no unit of its own
    upper_value, _, upper_kind = _apply_suffix(suffix, upper, None, "count")
    if rng.group("cur"):
        upper_kind = _currency_kind(rng.group("cur"))
    if upper_kind not in {kind, "count"} or upper_value <= lower:
        return end, None
    if _glued_after(text, suffix.end()):
        return end, None
    return suffix.end(), upper_value


def _qualifier(back: str) -> Qualifier:
    """The qualifier just before a number; ``back`` is the text before it, reversed."""
    if not _may_start(back.lstrip()[:2], _QUALIFIER_HEADS):
        return "exact"  # after the spaces no filler, qualifier word or sign can start
    found = _QUALIFIER_BEFORE.match(back)
    if found is None:
        return "exact"
    phrase = found.group("word") or found.group("sign")
    return _QUALIFIER_BY_PHRASE[" ".join(phrase[::-1].lower().split())]


def _negative(text: str, start: int, back: str) -> bool:
    """ "-2,5 persen" or "minus 2,5 persen": a fall stated as a negative percentage."""
    if (
        start >= 2
        and text[start - 1] in "-−"
        and (text[start - 2].isspace() or text[start - 2] == "(")
    ):
        return True
    return (start == 1 and text[0] in "-−") or _MINUS_BEFORE.match(back) is not None


def _quantity(
    text: str,
    start: int,
    end: int,
    value: Decimal,
    kind: QuantityKind,
    qualifier: Qualifier,
    upper: Decimal | None,
) -> Quantity:
    return Quantity(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        kind=kind,
        qualifier=qualifier,
        upper=upper,
    )


# Numbers in words ---------------------------------------------------------------------------

# Fixed phrases whose number word counts nothing: "salah satu", "satu sama lain", place names,
# "roda dua" (a two-wheeler: "bengkel roda dua").
_WORD = re.compile(r"\S+")
_FIXED_BEFORE = re.compile(r"(?i)\s+(?:halas|naualupek|ualup|ador)(?!\w)")
_FIXED_AFTER = re.compile(r"(?i)\s+(?:sama\s+lain|per\s+satu|kesatuan)(?!\w)|\s+Puluh\s+Kota(?!\w)")


def _read_words(text: str, match: re.Match[str]) -> tuple[Quantity | None, int]:
    start = match.start()
    first = match.end()
    glued = text[first : first + 1] in {"-", "–"} or text[start - 1 : start] in {"-", "–"}
    if glued or _FIXED_BEFORE.match(_before(text, start)):
        return None, first  # "satu-satunya", "ke-dua", "salah satu"
    if _FIXED_AFTER.match(text, first):
        return None, first
    sequence = _WORD_SEQUENCE.match(text, start)
    assert sequence is not None  # the master pattern matched a number word here
    parsed = _parse_word_sequence(text, start, sequence.end())
    if parsed is None:
        return None, first
    value, end = parsed
    if text[end : end + 1] in {"-", "–"} and text[end + 1 : end + 2].isalpha():
        return None, end  # "dua-duanya"
    upper: Decimal | None = None
    if (rng := _RANGE_WORDS.match(text, end)) is not None and (
        second := _WORD_SEQUENCE.match(text, rng.end())
    ):
        parsed_upper = _parse_word_sequence(text, rng.end(), second.end())
        if parsed_upper is not None and parsed_upper[0] > value:
            upper, end = parsed_upper
    if _MONTH_AFTER.match(text, end):
        return None, end
    suffix = _SUFFIX.match(text, end)
    assert suffix is not None
    value, upper, kind = _apply_suffix(suffix, value, upper, "count")
    end = max(end, suffix.end())
    qualifier = _qualifier(_before(text, start))
    if suffix.group("about") is not None and qualifier == "exact":
        qualifier = "approx"  # "dua ribuan"
    quantity = _more_after(text, _quantity(text, start, end, value, kind, qualifier, upper))
    return quantity, quantity.end


def _parse_word_sequence(text: str, start: int, stop: int) -> tuple[Decimal, int] | None:
    """Read "tiga ratus lima puluh" -> 350 from ``start``; stop at the first word that cannot
    continue the number ("dua tiga" reads only "dua"). Returns the value and where it ends.
    """
    total = 0
    group = 0  # the part below a thousand being read
    digit = 0  # a unit word waiting for "puluh", "belas" or "ratus"
    last_scale = 99  # scale words must come in decreasing order
    state = "start"  # start | unit | tens | tens_open | hundreds | scale
    end = scale_end = start
    for word_match in _WORD.finditer(text, start, stop):
        word = word_match.group().lower()
        if word in _UNIT_WORDS and state in {"start", "scale", "hundreds", "tens_open"}:
            digit, state = _UNIT_WORDS[word], "unit"
        elif word in {"puluh", "belas"} and state == "unit" and group % 100 == 0:
            group += digit * 10 if word == "puluh" else digit + 10
            digit, state = 0, "tens_open" if word == "puluh" else "tens"
        elif word == "ratus" and state == "unit" and group == 0:
            group, digit, state = digit * 100, 0, "hundreds"
        elif word in _SE_WORDS and state in {"start", "scale", "hundreds"}:
            if word == "seratus" and state == "hundreds":
                break
            group += _SE_WORDS[word]
            state = "hundreds" if word == "seratus" else "tens"
        elif word in _SCALE_WORDS and state in {"unit", "tens", "tens_open", "hundreds"}:
            exponent = _SCALE_WORDS[word]
            if exponent >= last_scale:
                # "seribu dua ribu": the words since the last scale start the next number.
                return Decimal(total), scale_end
            total += (group + digit) * 10**exponent
            group, digit, last_scale, state = 0, 0, exponent, "scale"
        elif word in _SE_SCALES and state in {"start", "scale"}:
            exponent = _SE_SCALES[word]
            if exponent >= last_scale:
                break
            total += 10**exponent
            last_scale, state = exponent, "scale"
        else:
            break
        end = word_match.end()
        if state == "scale":
            scale_end = end
    if end == start:
        return None
    return Decimal(total + group + digit), end
