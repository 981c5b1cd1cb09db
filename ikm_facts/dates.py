"""The publication date of an article: metadata, a dateline, or a weekday with day/month.

Where the text gives a weekday and a day/month but no year ("kata Gati di Jakarta, Rabu
(21/8)"), the year is the first one, from the latest year the text speaks of onwards, whose
calendar puts that day on that weekday (21 August 2019 is a Wednesday).

An article is not published after it was read: given ``read_on`` (the day the caller read it),
no date after that day is taken from the text, and a weekday with a day/month whose year would
fall after it takes the latest year that fits on or before it instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import chain

# Indonesian and English month names and their common abbreviations, lowercased.
MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip
# Monday is 0, as in date.weekday().
WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
    "minggu": 6, "ahad": 6,
}  # fmt: skip

# Full month names only in running text: "Mei" is safe, "Des" or "Jan" are not.
MONTH_NAMES = (
    "Januari", "Februari", "Pebruari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Nopember", "Desember",
)  # fmt: skip
MONTH_NAME = f"(?:{'|'.join(MONTH_NAMES)})"
_WEEKDAY = r"(?P<weekday>Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)"
_DAY_MONTH = (
    # (not "6-8 Maret 2024": a range of days, then their month)
    rf"(?:(?P<d1>\d{{1,2}})[/.-](?P<m1>\d{{1,2}})(?:[/.-](?P<y1>\d{{4}}|\d{{2}}))?(?!\s*{MONTH_NAME})"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_NAME})(?:\s+(?P<y2>\d{{4}}))?)"
)
# "Rabu (21/8)", "Selasa, (17/4)", "Senin 9 November 2020", "Senin, 9/11/2020", "Rabu (2/6/2021)"
_WEEKDAY_DATE = re.compile(rf"\b{_WEEKDAY}\s*,?\s*\(?\s*{_DAY_MONTH}(?![\d/])\s*\)?", re.IGNORECASE)
# Where a weekday may start: a first letter of one (in any case, with the letters that fold onto
# them), not inside a word, and the rest of a weekday's name. Each branch opens with a literal
# character, so the regex engine skips in C to the next candidate; ``_weekday_dates`` then tries
# the full pattern there only.
_WEEKDAY_START = re.compile(
    "|".join(
        f"{c}(?<!\\w.)(?i:enin|elasa|abu|amis|um'?at|abtu|inggu|had)"
        for c in "sS\u017frRkK\u212ajJmMaA"
    )
)
# "Jakarta, 21 Agustus 2019" at the start of a line.
_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .]{{1,40}}?,\s+(?P<d>\d{{1,2}})\s+(?P<m>{MONTH_NAME})\s+(?P<y>\d{{4}})\b",
    re.MULTILINE,
)
# "Ambon, 15/7/2021 - ...", "AMBON, 15-07-2021 -": the same with the date in figures, day first
# as Indonesian writes it, one separator throughout. Read from the comma, which lets the regex
# engine skip in C to the next comma; ``_numeric_datelines`` then checks the place name before it.
_NUMERIC_DATELINE = re.compile(
    r",\s+(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/.-]\d)"
)
_PLACE = re.compile(r"[A-Z][A-Za-z .]{1,40}")
# A line of page metadata that says when the article came out: "Diposting pada 03 Februari
# 2022", "Dipublikasikan: 3 Feb 2022", "Published: 2022-02-03", "Terbit: 03/02/2022 09:15 WIB".
# Only a label at the start of a line counts, with the date right after it. The pattern opens
# with the line break itself, which lets the regex engine skip in C from line to line; it is run
# on the text with a line break put in front.
_PUBLISHED_LINE = re.compile(
    r"\n[^\S\n]*(?:Diposting|Diposkan|Dipublikasikan|Dipublikasi|Diterbitkan|Terbit|"
    r"Published|Posted|Dirilis|Tanggal\s+(?:terbit|publikasi|posting|rilis)|Jadwal\s+rilis)(?!\w)"
    # "Diposting oleh admin | 22 Juni 2022": who posted it, then the date
    r"(?:[^\S\n]+(?:oleh|by)[^\S\n]*:?[^\S\n]+[^|\n]{1,40}?"
    r"(?:[^\S\n]*[|·,–-]|(?=[^\S\n]+(?:pada|on|tanggal|tgl)(?!\w))))?"
    # "Tanggal Rilis | : | 14 Februari 2020 |": a table row of a statistics page
    r"(?:[^\S\n]+(?:pada|on|tanggal|tgl\.?)(?!\w))?[^\S\n]*\|?[^\S\n]*:?[^\S\n]*\|?[^\S\n]*"
    # right after the label a date, perhaps after a weekday ("Kamis, 3 Februari 2022"), in
    # one of the forms ``_parse_plain`` reads: "Diterbitkan 12 sertifikat ..." is no metadata
    r"(?:[A-Za-z']+,?[^\S\n]+)?"
    r"(?P<value>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})",
    re.IGNORECASE,
)
# A date after a bar in a line of page furniture: "Reporter : Erwin | Selasa, 28 Desember 2021
# 13:40", "Diposting oleh admin | 22 Mei 2024 | Dilihat: 1.247 kali".
_BAR_DATE = re.compile(
    r"\n[^\n|]{0,80}\|[^\S\n]*(?:[A-Za-z']+,?[^\S\n]+)?"
    r"(?P<value>\d{1,2}[^\S\n]+[A-Za-z]+\.?[^\S\n]+\d{4})",
)
# A line that is only a date, perhaps with a weekday and a time: the page's own date above the
# story ("Rabu 13 Nov 2019 16:45 WIB", "Selasa, 14 Juli 2020 | 10:15 WITA").
_DATE_ONLY_LINE = re.compile(
    rf"\n[^\S\n]*(?:(?:{'|'.join(WEEKDAYS)}|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday),?[^\S\n]+)?"
    r"(?P<value>\d{1,2}[^\S\n]+[A-Za-z]+\.?[^\S\n]+\d{4}|\d{1,2}/\d{1,2}/\d{4})"
    r"(?:[^\S\n]*[,|–-]?[^\S\n]*(?:pukul[^\S\n]+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?"
    r"(?:[^\S\n]*(?:WIB|WITA|WIT|GMT\+?\d*))?[^\S\n]*(?=\n|$)",
    re.IGNORECASE,
)
# "(21/8/2019)": a full date in brackets, as reports are pinned to.
_BRACKET_DATE = re.compile(r"\((?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\)")
# r"(?<![\d.,/])(?:19[89]\d|20\d\d)(?![\d.,/]\d)", written so that each branch opens with a
# literal digit: the regex engine then skips in C to the next "1" or "2", and the look-behind,
# moved after that digit, spans it and the character before.
_YEAR = re.compile(r"(?:1(?<![\d.,/].)9[89]\d|2(?<![\d.,/].)0\d\d)(?![\d.,/]\d)")
# Years written as goals are not the present: "target 2024", "Visi 2045", "2030 mendatang".
# Years written as goals or plans are not the present: "target 2024", "Visi 2045", "2030
# mendatang", "Dinas berencana menggelar pameran serupa pada 2020".
_GOAL_BEFORE = re.compile(r"(?:target|sasaran|visi|menuju|roadmap)\W+(?:\w+\W+)?$", re.I)
_PLAN_IN_SENTENCE = re.compile(
    r"\b(?:akan|rencana|berencana|direncanakan|merencanakan|rencananya|hendak|ditargetkan)\b",
    re.IGNORECASE,
)
_FUTURE_AFTER = re.compile(r"^\s*(?:mendatang|nanti)", re.IGNORECASE)

_HEAD_CHARS = 1500  # a dateline or bracketed date beyond this is an event's, not the report's
# Any day/month falls on every weekday within 7 consecutive years (29 February aside).
_YEARS_AHEAD = 7
_NEAR_YEARS = 2

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_WORDED_DMY = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})")


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: str) -> date | None:
    """A date as metadata writes it -> the date, or None.

    "2020-06-15", "2020-06-15T10:00:00+07:00", "15/06/2020", "15 Juni 2020",
    "Senin, 15 Juni 2020 10:00 WIB" all give 2020-06-15. Other forms go to dateparser.
    """
    value = value.strip()
    if not value:
        return None
    return _parse_plain(value) or _parse_with_dateparser(value)


def _parse_plain(value: str) -> date | None:
    """The common forms of ``parse_date``, without dateparser: ISO, d/m/yyyy, "3 Feb 2022"."""
    if match := _ISO.search(value):
        return _make(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC_DMY.search(value):
        return _make(int(match[3]), int(match[2]), int(match[1]))
    if (match := _WORDED_DMY.search(value)) and match[2].lower() in MONTHS:
        return _make(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    return None


def _parse_with_dateparser(value: str) -> date | None:
    # Imported here: dateparser is slow to import and only odd metadata needs it.
    import dateparser  # type: ignore[import-untyped]  # ships no type hints

    parsed: datetime | None = dateparser.parse(
        value, languages=["id", "en"], settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True}
    )
    return parsed.date() if parsed else None


def mentioned_years(text: str) -> list[int]:
    """Years the text speaks of as past or present, in order.

    Not goals ("target 2024") and not years in a sentence that speaks of a plan before them
    ("akan dilaksanakan pada Juli 2020", "berencana menggelar pameran serupa pada 2020").
    """
    years = []
    for match in _YEAR.finditer(text):
        before = text[max(0, match.start() - 200) : match.start()]
        sentence = before[max(before.rfind(mark) for mark in ".!?\n") + 1 :]
        if (
            _GOAL_BEFORE.search(before[-30:])
            or _PLAN_IN_SENTENCE.search(sentence)
            or _FUTURE_AFTER.match(text[match.end() :])
        ):
            continue
        years.append(int(match.group()))
    return years


def fit_year(day: int, month: int, weekday: int, from_year: int) -> date | None:
    """The first date on or after ``from_year`` where day/month falls on ``weekday``.

    >>> fit_year(21, 8, 2, 2018)  # Rabu (21/8), the text speaks of 2018
    datetime.date(2019, 8, 21)
    """
    for year in range(from_year, from_year + _YEARS_AHEAD + 1):
        candidate = _make(year, month, day)
        if candidate is not None and candidate.weekday() == weekday:
            return candidate
    return None


def latest_fit(day: int, month: int, weekday: int, read_on: date) -> date | None:
    """The latest date on or before ``read_on`` where day/month falls on ``weekday``; where no
    year within reach has it on that weekday, the latest day/month on or before ``read_on``
    whatever its weekday (``read_on``'s year, else the years before: 29 February waits for a
    leap year), since typos are in weekdays too.

    >>> latest_fit(7, 12, 0, date(2026, 12, 4))  # Senin (7/12), read on 4 December 2026
    datetime.date(2020, 12, 7)
    """
    for year in range(read_on.year, read_on.year - _YEARS_AHEAD - 1, -1):
        candidate = _make(year, month, day)
        if candidate is not None and candidate <= read_on and candidate.weekday() == weekday:
            return candidate
    for year in range(read_on.year, read_on.year - 4, -1):
        candidate = _make(year, month, day)
        if candidate is not None and candidate <= read_on:
            return candidate
    return None


def _weekday_date(
    match: re.Match[str], text: str, read_on: date | None
) -> tuple[date | None, bool]:
    """The date a weekday with a day/month names, and whether it was refitted to ``read_on``:
    its year fits the years the text speaks of only after the article was read."""
    if not match["weekday"][0].isupper():
        return None, False  # "minggu" in lowercase is "week", not Sunday
    weekday = WEEKDAYS[match["weekday"].lower().replace("'", "")]
    if match["d1"]:
        day, month, year_text = int(match["d1"]), int(match["m1"]), match["y1"]
    else:
        day, month, year_text = int(match["d2"]), MONTHS[match["m2"].lower()], match["y2"]
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        # A written year is trusted even if the weekday disagrees: typos are in weekdays too.
        return _make(year, month, day), False
    years = mentioned_years(text)
    if not years:
        return None, False
    found = _fit_mentioned(day, month, weekday, max(years))
    if read_on is not None and (found is None or found > read_on):
        # Not after the article was read: a story of 2026 read in December 2026 whose
        # "Senin (7/12)" would fit 2026 only in a year still to come.
        return latest_fit(day, month, weekday, read_on), True
    return found, False


def _fit_mentioned(day: int, month: int, weekday: int, latest: int) -> date | None:
    # The first fitting year from the latest the text speaks of, within two years; else the
    # year before it: "Pada 2022, Disperindag menargetkan ..." in a story of Selasa (28/12)
    # 2021 names a goal year, and 2027 would be far too late.
    near = fit_year(day, month, weekday, latest)
    if near is not None and near.year <= latest + _NEAR_YEARS:
        return near
    earlier = _make(latest - 1, month, day)
    if earlier is not None and earlier.weekday() == weekday:
        return earlier
    return near


def _weekday_dates(text: str) -> Iterator[re.Match[str]]:
    """What ``_WEEKDAY_DATE.finditer(text)`` finds, trying the pattern only where a weekday may
    start (every match starts with one)."""
    pos = 0
    while (start := _WEEKDAY_START.search(text, pos)) is not None:
        match = _WEEKDAY_DATE.match(text, start.start())
        if match is None:
            pos = start.start() + 1
            continue
        yield match
        pos = match.end()


def infer_published(
    text: str, metadata: str | None = None, *, raw: str | None = None, read_on: date | None = None
) -> date | None:
    """The article's date: from ``metadata`` when it parses, else from the text.

    In the text, in this order: a metadata line near the top ("Diposting pada 03 Februari 2022",
    "Terbit: 03/02/2022 09:15 WIB"); a weekday with a date anywhere ("Senin, 9/11/2020", "kata
    Gati di Jakarta, Rabu (21/8)"); a dateline near the top ("Jakarta, 21 Agustus 2019",
    "Ambon, 15/7/2021 -"); a full date in brackets near the top ("(21/8/2019)"). A weekday alone
    ("Rabu") or a month and year ("Juli 2020") is no publication date.

    ``read_on`` is the day the article was read: a date in the text after it is passed over
    for the next one, and a weekday with a day/month whose year fits only after it takes the
    latest fitting year on or before it, when no other date in the text will do. Metadata is
    the source's own word and is taken as it is.

    >>> infer_published("Jakarta - Pada 2018 ... kata Gati di Jakarta, Rabu (21/8).")
    datetime.date(2019, 8, 21)
    >>> infer_published("Pada 2026 ... kata Gati, Senin (7/12).", read_on=date(2026, 12, 4))
    datetime.date(2020, 12, 7)
    """
    if metadata and (parsed := parse_date(metadata)):
        return parsed
    head = text[:_HEAD_CHARS]
    # A metadata line says outright when the article came out: it comes before any date the
    # text pins a report to. Cleaning drops such lines, so ``raw`` (the text before cleaning)
    # is read for them when given.
    top = "\n" + (raw[:_HEAD_CHARS] if raw else head)
    found_top = chain(
        _PUBLISHED_LINE.finditer(top), _DATE_ONLY_LINE.finditer(top), _BAR_DATE.finditer(top)
    )
    for match in found_top:
        if (found := _until(_parse_plain(match["value"]), read_on)) is not None:
            return found
    refitted: date | None = None
    for match in _weekday_dates(text):
        found, was_refitted = _weekday_date(match, text, read_on)
        if was_refitted:
            # Any later date in the text says more than a year chosen only to fit before the
            # reading ("Jumat, 6-8 Maret 2024", read as 6 August, then "Senin 11 Maret 2024").
            refitted = refitted or found
        elif (found := _until(found, read_on)) is not None:
            return found
    datelines = chain(
        _DATELINE.finditer(head), _numeric_datelines(head), _BRACKET_DATE.finditer(head)
    )
    for match in datelines:
        month = int(match["m"]) if match["m"].isdigit() else MONTHS[match["m"].lower()]
        if (found := _until(_make(int(match["y"]), month, int(match["d"])), read_on)) is not None:
            return found
    return refitted


def _until(day: date | None, read_on: date | None) -> date | None:
    """``day``, or None when it is after ``read_on``."""
    return None if day is None or (read_on is not None and day > read_on) else day


def _numeric_datelines(head: str) -> Iterator[re.Match[str]]:
    """Dates in figures after a place name that opens a line: "Ambon, 15/7/2021 - ..."."""
    for match in _NUMERIC_DATELINE.finditer(head):
        line_start = head.rfind("\n", 0, match.start()) + 1
        if _PLACE.fullmatch(head, line_start, match.start()):
            yield match


def shift_months(day: date, months: int) -> date:
    """The first day of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(year: int, month: int) -> date:
    return shift_months(date(year, month, 1), 1) - timedelta(days=1)
