"""Time expressions attached to figures: "pada tahun 2018", "triwulan IV tahun 2017".

Periods are written as in FACTS.md: "2018", "2020-11", "2017-Q4", "2020-H1", "2015/2019".

What each form gives:

- "pada tahun 2018", "tahun 2018", "di tahun 2021", "pada 2019" -> "2018" (a bare four-digit number
  counts as a year only after such a word, so "2019 unit" is no period)
- "untuk 2025," (only before a comma or full stop: "untuk 2000 peserta" is a count), and the
  year of a data source: "hasil pendataan 2020", "data 2019", "Sensus Ekonomi 2016" -> the year
- "triwulan IV tahun 2017", "kuartal I 2020", "Q3 2019", "TW II 2021", "triwulan II/2020",
  "triwulan II-2022" -> "2017-Q4"
- "semester I 2020", "semester pertama 2020", "semester I/2021" -> "2020-H1"
- "hingga November 2020", "per November 2020", "November 2020" -> "2020-11"
- "Juni sampai Juli 2020", "Agustus – September 2020", "Juni atau Juli" -> "2020" (months of
  one year)
- "2015-2019", "periode 2015–2019", "tahun 2015 sampai 2019" -> "2015/2019"
- "Rabu (2/6/2021)", "(2/6/2021)", "2 Juni 2021" -> "2021-06"; "30 Mei - 2 Juni 2022" -> "2022"
- with ``published``: "tahun ini" -> its year, "tahun lalu"/"tahun sebelumnya" -> the year before,
  "tahun depan" -> the year after, "bulan ini"/"bulan lalu"/"bulan depan" -> that "YYYY-MM";
  a month without a year ("pada Juni") -> that month in the year that puts it nearest to the
  publication date (June in an article of November 2020 -> "2020-06"; Desember in an article of
  January 2021 -> "2020-12"); a day/month without a year ("Rabu (21/8)") likewise.
  Without ``published`` these relative forms are skipped.

Overlapping matches are settled by length: "triwulan IV tahun 2017" is one quarter, not a year.
"""

from __future__ import annotations

import re
from datetime import date

from ikm_facts.dates import MONTH_NAME, MONTH_NAMES, MONTHS, month_end, shift_months
from ikm_facts.model import PeriodMention

_YEAR = r"(?:19[89]\d|20\d\d)"
_TO = r"(?:-|–|—|s\.?/?d\.?|sampai(?:\s+dengan)?|hingga|ke)"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ORDINAL = {"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "satu": 1, "dua": 2}
_PART = r"(?P<part>IV|III|II|I|[1-4]|pertama|kedua|ketiga|keempat)"
_NO_DIGIT_AFTER = r"(?![\d.,]\d|\d)"
_SURVEY_KIND = r"(?:ekonomi|penduduk|pertanian|industri)"
_LEAD = r"(?:(?:pada|di|sejak|hingga|sampai|per|selama|dalam|sepanjang|medio|akhir|awal)\s+)?"

_PATTERNS: dict[str, re.Pattern[str]] = {
    "year_span": re.compile(
        rf"(?<![\d.,])(?:(?:periode|tahun)\s+)?(?P<y1>{_YEAR})\s*{_TO}\s*(?:tahun\s+)?"
        rf"(?P<y2>{_YEAR}){_NO_DIGIT_AFTER}",
        re.IGNORECASE,
    ),
    "quarter": re.compile(
        rf"\b(?:triwulan|kuartal|kwartal|TW|Q)[\s-]*{_PART}\b[\s/-]*(?:tahun\s+)?"
        rf"(?P<year>{_YEAR}){_NO_DIGIT_AFTER}",
        re.IGNORECASE,
    ),
    "half": re.compile(
        rf"\b(?:semester|paruh)\s+{_PART}\b[\s/-]*(?:tahun\s+)?(?P<year>{_YEAR}){_NO_DIGIT_AFTER}",
        re.IGNORECASE,
    ),
    # "30 Mei - 2 Juni 2022", "1-3 Juni 2022"
    "day_span": re.compile(
        rf"\b(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{MONTH_NAME}))?\s*{_TO}\s*(?P<d2>\d{{1,2}})\s+"
        rf"(?P<m2>{MONTH_NAME})\s+(?P<year>{_YEAR}){_NO_DIGIT_AFTER}"
    ),
    # "Juni sampai Juli 2020", "Agustus – September 2020", "Juni atau Juli"
    "month_span": re.compile(
        rf"\b(?:bulan\s+)?(?P<m1>{MONTH_NAME})\s*(?:{_TO}|atau|dan)\s*(?P<m2>{MONTH_NAME})\b"
        rf"(?:\s+(?:tahun\s+)?(?P<year>{_YEAR}){_NO_DIGIT_AFTER})?"
    ),
    # "Rabu (2/6/2021)", "(2/6/2021)", "2 Juni 2021", "Rabu (21/8)"
    "day": re.compile(
        r"(?:\b(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)\s*,?\s*)?"
        rf"(?:\((?P<d1>\d{{1,2}})/(?P<m1>\d{{1,2}})(?:/(?P<y1>{_YEAR}))?\)"
        rf"|\b(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_NAME})(?:\s+(?P<y2>{_YEAR}))?{_NO_DIGIT_AFTER})"
    ),
    "month": re.compile(
        rf"\b(?:(?:hingga|sampai|per|pada|sejak|akhir|awal|selama)\s+)?(?:bulan\s+)?"
        rf"(?P<month>{MONTH_NAME})\b(?:\s+(?:tahun\s+)?(?P<year>{_YEAR}){_NO_DIGIT_AFTER})?"
    ),
    # "pada tahun 2018", "hingga akhir 2023", "pertengahan 2019"; not the start of a span
    # ("pada 2015-2019" is the span 2015/2019).
    "year": re.compile(
        rf"\b(?:{_LEAD}(?:tahun|TA|tahun\s+anggaran)\s+|(?:(?:pada|di|sejak|hingga|sampai|per|"
        rf"selama|sepanjang|medio)\s+)?(?:(?:akhir|awal|pertengahan|penghujung)\s+(?:tahun\s+)?)"
        rf"|(?:pada|di|sejak|hingga|sampai|per|selama|sepanjang|medio)\s+"
        # the year of a data source: "hasil pendataan 2020", "data 2019", "Sensus Ekonomi 2016"
        rf"|(?:data|pendataan|sensus|survei|survey)\s+(?:{_SURVEY_KIND}\s+)?"
        # "Untuk 2025, ...": only before a comma or a full stop, since "untuk 2000 peserta"
        # is a count
        rf"|untuk\s+(?={_YEAR}\s*[,;:.](?!\d)))(?P<year>{_YEAR})"
        rf"{_NO_DIGIT_AFTER}(?!\s*{_TO}\s*(?:tahun\s+)?{_YEAR})",
        re.IGNORECASE,
    ),
    "relative": re.compile(
        r"(?<!-)\b(?P<unit>tahun|bulan)\s+(?P<which>ini|lalu|sebelumnya|kemarin|depan|mendatang)\b",
        re.IGNORECASE,
    ),
}
# The characters each pattern can start with, as a look-ahead in front of it (under the
# pattern's own flags): the engine then skips most positions at once instead of trying every
# alternative at each. A speed device only; it matches nothing the pattern would not.
_FIRST_CHARS = {
    "year_span": "pt12",
    "quarter": "tkq",
    "half": "sp",
    "day_span": r"\d",
    "month_span": "bJFPMASOND",
    "day": r"SRKJMA(\d",
    "month": "hspabJFPMASOND",
    "year": "pdshmatTAu",
    "relative": "tb",
}
_FAST_PATTERNS = {
    kind: re.compile(f"(?=[{_FIRST_CHARS[kind]}])" + pattern.pattern, pattern.flags)
    for kind, pattern in _PATTERNS.items()
}
# Words without which a pattern cannot match in a window (checked on the lowercased window,
# or as written for the case-sensitive month names). Characters that case-fold onto ASCII
# letters without lowercasing to them turn this shortcut off.
_NEEDS_WORD = {
    "quarter": ("triwulan", "kuartal", "kwartal", "tw", "q"),
    "half": ("semester", "paruh"),
    "relative": ("tahun", "bulan"),
}
_NEEDS_MONTH = frozenset({"day_span", "month_span", "month"})
_NEEDS_YEARS = {"year_span": 2, "quarter": 1, "half": 1, "day_span": 1, "year": 1}
_YEAR_PATTERN = re.compile(_YEAR)
_FOLDING_ODDITIES = "\u0130\u0131\u017f\u212a"
_MONTH_NAME = re.compile(MONTH_NAME)

_RELATIVE_SHIFT = {
    "ini": 0,
    "lalu": -1,
    "sebelumnya": -1,
    "kemarin": -1,
    "depan": 1,
    "mendatang": 1,
}


def _has_folding_oddities(text: str) -> bool:
    """Whether ``text`` holds a character that case-folds onto an ASCII letter without
    lowercasing to it. An ASCII text has none; otherwise one substring search per character is
    still far cheaper than a regex scan."""
    return not text.isascii() and any(char in text for char in _FOLDING_ODDITIES)


def _part(word: str) -> int:
    word = word.lower()
    return _ROMAN.get(word) or _ORDINAL.get(word) or int(word)


def _nearest_year(month: int, published: date | None) -> int | None:
    """The year that puts ``month`` nearest to the publication date, or None without one."""
    if published is None:
        return None
    here = published.year * 12 + published.month
    return min(
        (published.year - 1, published.year, published.year + 1),
        key=lambda year: abs(year * 12 + month - here),
    )


def _read(kind: str, match: re.Match[str], published: date | None) -> str | None:
    """The period a match names, or None where it names none (or needs ``published``)."""
    if kind == "year_span":
        first, last = int(match["y1"]), int(match["y2"])
        return f"{first}/{last}" if first < last <= first + 50 else None
    if kind == "quarter":
        quarter = _part(match["part"])
        return f"{match['year']}-Q{quarter}" if 1 <= quarter <= 4 else None
    if kind == "half":
        half = _part(match["part"])
        return f"{match['year']}-H{half}" if half in (1, 2) else None
    if kind == "day_span":
        same_month = match["m1"] is None or match["m1"].lower() == match["m2"].lower()
        return f"{match['year']}-{MONTHS[match['m2'].lower()]:02d}" if same_month else match["year"]
    if kind == "month_span":
        year = match["year"] or _nearest_year(MONTHS[match["m1"].lower()], published)
        return str(year) if year else None
    if kind == "day":
        month = int(match["m1"]) if match["m1"] else MONTHS[match["m2"].lower()]
        if not 1 <= month <= 12:
            return None
        year = match["y1"] or match["y2"] or _nearest_year(month, published)
        return f"{year}-{month:02d}" if year else None
    if kind == "month":
        month = MONTHS[match["month"].lower()]
        year = match["year"] or _nearest_year(month, published)
        return f"{year}-{month:02d}" if year else None
    if kind == "year":
        return match["year"]
    return _relative(match, published)


def _relative(match: re.Match[str], published: date | None) -> str | None:
    if published is None:
        return None
    shift = _RELATIVE_SHIFT[match["which"].lower()]
    if match["unit"].lower() == "tahun":
        return str(published.year + shift)
    month = shift_months(published, shift)
    return f"{month.year}-{month.month:02d}"


# Every period names a year, a month, a bracketed date or "tahun"/"bulan": the patterns only run
# near these anchors, which keeps a long article cheap to scan. Plain substring search finds the
# words far faster than one regex alternation would.
# Four digits or a bracket before a digit: r"\d{4}|\(\d", written to open with a character
# class, which lets the regex engine skip in C to the next candidate; a look-behind then tells
# which of the two it stands on. The class takes ASCII digits, the bracket and every character
# beyond Latin-1 (where the other digits are) rather than r"\d": a plain class is tested much
# faster than a Unicode category, and the look-behinds turn away what is no digit.
_NUMBER_ANCHOR = re.compile("[0-9(\u0100-\U0010ffff]" + r"(?:(?<=\()\d|(?<=\d)\d{3})")
_ANCHOR_PROBES = ("uari", "ember")  # januari, februari, pebruari; september ... desember
# Each anchor word with the probe it ends with, if any.
_WORD_ANCHORS = tuple(
    (word, next((probe for probe in _ANCHOR_PROBES if word.endswith(probe)), ""))
    for word in ("tahun", "bulan", *(month.lower() for month in MONTH_NAMES))
)
_BEFORE_ANCHOR = 50  # the longest lead before an anchor: "periode", a weekday, "triwulan IV tahun"
_AFTER_ANCHOR = 40  # the longest tail after one: "sampai dengan tahun 2019"


def _anchors(text: str) -> list[int]:
    positions = [m.start() for m in _NUMBER_ANCHOR.finditer(text)]
    lowered = text.lower()
    # Months that share an ending are only looked for when the ending is there: one search
    # instead of three or four in the many texts without them.
    absent = {probe for probe in _ANCHOR_PROBES if probe not in lowered}
    for word, probe in _WORD_ANCHORS:
        if probe in absent:
            continue
        at = lowered.find(word)
        while at >= 0:
            positions.append(at)
            at = lowered.find(word, at + len(word))
    return sorted(positions)


def _windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for anchor in _anchors(text):
        start = max(0, anchor - _BEFORE_ANCHOR)
        end = min(len(text), anchor + _AFTER_ANCHOR)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


# Each kind with what a window needs for it to match: (kind, pattern, years, a month name,
# one of these words). A list, not lookups by kind: this loop runs for every window.
_KINDS = tuple(
    (kind, pattern, _NEEDS_YEARS.get(kind, 0), kind in _NEEDS_MONTH, _NEEDS_WORD.get(kind))
    for kind, pattern in _FAST_PATTERNS.items()
)
# The words that can stand right before the year of a "year" match (then spaces): the last word
# of each of its leads, lowercased.
_YEAR_LEAD_ENDS = (
    "tahun", "ta", "anggaran", "akhir", "awal", "pertengahan", "penghujung", "pada", "di",
    "sejak", "hingga", "sampai", "per", "selama", "sepanjang", "medio", "data", "pendataan",
    "sensus", "survei", "survey", "ekonomi", "penduduk", "pertanian", "industri", "untuk",
)  # fmt: skip


def _year_after_lead(window: str, lowered: str, years: list[int]) -> bool:
    """Whether a year in the window stands after spaces and a word that a "year" match ends
    its lead with ("tahun 2018", "pada 2019"); without one that pattern cannot match."""
    return any(
        at > 0 and window[at - 1].isspace() and lowered[:at].rstrip().endswith(_YEAR_LEAD_ENDS)
        for at in years
    )


def _candidates(text: str, published: date | None) -> set[PeriodMention]:
    found: set[PeriodMention] = set()
    shortcuts = not _has_folding_oddities(text)
    for start, end in _windows(text):
        window = text[start:end]
        # Without the folding oddities ("İ" is the one whose lowercase is longer) the lowercased
        # window lines up with the window, character for character.
        lowered = window.lower()
        has_month = _MONTH_NAME.search(window) is not None
        years = [m.start() for m in _YEAR_PATTERN.finditer(window)]
        for kind, pattern, needs_years, needs_month, words in _KINDS:
            if len(years) < needs_years:
                continue
            if kind == "day" and not has_month and ("(" not in window or "/" not in window):
                continue  # neither "2 Juni" nor "(2/6)"
            if kind == "relative" and published is None:
                continue  # "tahun ini" names a period only given the publication date
            if shortcuts:
                if needs_month and not has_month:
                    continue
                if words is not None and not any(word in lowered for word in words):
                    continue
                if kind == "relative" and not any(word in lowered for word in _RELATIVE_SHIFT):
                    continue  # no "ini", "lalu", "depan", ... after "tahun" or "bulan"
                if kind == "year" and not _year_after_lead(window, lowered, years):
                    continue
            for match in pattern.finditer(text, start, end):
                period = _read(kind, match, published)
                if period is not None:
                    found.add(PeriodMention(match.start(), match.end(), match.group(), period))
    return found


def _longest_first(mention: PeriodMention) -> tuple[int, int]:
    return mention.start - mention.end, mention.start


def find_periods(text: str, published: date | None = None) -> list[PeriodMention]:
    """Every time expression in ``text``, sorted by start, not overlapping, the longest kept.

    >>> [p.period for p in find_periods("IKM pada triwulan IV tahun 2017 tumbuh")]
    ['2017-Q4']
    """
    kept: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []
    for mention in sorted(_candidates(text, published), key=_longest_first):
        if all(mention.end <= start or mention.start >= end for start, end in taken):
            kept.append(mention)
            taken.append((mention.start, mention.end))
    return sorted(kept, key=lambda p: p.start)


_BOUNDS = re.compile(
    r"(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>[1-4])|H(?P<half>[12])))?"
    r"|(?P<first>\d{4})/(?P<last>\d{4})"
)


def period_bounds(period: str) -> tuple[date, date]:
    """The first and last day of a period.

    >>> period_bounds("2017-Q4")
    (datetime.date(2017, 10, 1), datetime.date(2017, 12, 31))

    "2018", "2020-11", "2020-H1" and "2015/2019" work alike; anything else is a ValueError.
    """
    match = _BOUNDS.fullmatch(period)
    if match is None:
        raise ValueError(
            f"not a period: {period!r}; expected YYYY, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY/YYYY"
        )
    if match["first"]:
        first, last = int(match["first"]), int(match["last"])
        if first > last:
            raise ValueError(f"period {period!r} ends before it starts")
        return date(first, 1, 1), date(last, 12, 31)
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"period {period!r} has no month {month}")
        return date(year, month, 1), month_end(year, month)
    if match["quarter"]:
        last_month = int(match["quarter"]) * 3
        return date(year, last_month - 2, 1), month_end(year, last_month)
    if match["half"]:
        last_month = int(match["half"]) * 6
        return date(year, last_month - 5, 1), month_end(year, last_month)
    return date(year, 1, 1), date(year, 12, 31)
