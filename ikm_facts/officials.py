"""People quoted or named with an office.

"kata Gati Wibawaningsih, Direktur Jenderal IKMA Kemenperin" -> Gati Wibawaningsih, with that title.

Two shapes are read:

- title first: "Dirjen IKM Kemenperin, Gati Wibawaningsih, menegaskan", "Direktur IKM Logam ...
  Kementerian Perindustrian Dini Hanggandari, dalam keterangan". From a title word ("Direktur",
  "Kepala Bidang", "Bupati", ...) the words are read run by run (a run is a stretch of
  capitalised words); the first run that ends in name-like words holds the name, and what
  comes before it is the title. Organisations, regions, acronyms, weekdays and months are not
  name-like, so "Kementerian Perindustrian Dini Hanggandari" splits before "Dini".
- name first: "kata Gati Wibawaningsih, Direktur Jenderal IKMA Kemenperin, Jakarta, Rabu (21/8)":
  a name (after a verb of saying, or of two words or more) then a comma and a title, which ends
  before a place, a weekday, "di", a bracket or the end of the sentence.

Honorifics (Bapak, Ibu, H., Hj., Dr., Ir., Prof.) and degrees (S.E., M.Si., MM) leave the name.
A person written shorter elsewhere ("Gati", "Rusdin Jaya", "La Ode Muh. Rusdin Jaya") is merged
into the fullest form of the name. Only people with an office are returned.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple

from ikm_facts.dates import MONTHS, WEEKDAYS
from ikm_facts.gazetteer import load_gazetteer
from ikm_facts.model import Official


def _words(spaced: str) -> frozenset[str]:
    """A set of words written as one spaced string, to keep long word lists readable."""
    return frozenset(spaced.split())


# Words that open an office. "Wakil" and "Plt." open one too, so "Wakil Bupati" is read from
# "Wakil". No leading \b: a pattern that starts with plain words is scanned many times faster;
# the word boundary before a match is checked by hand.
# fmt: off
_TITLE_WORDS = (
    "Plt", "Plh", "Pjs", "Pj", "Wakil", "Menteri", "Menperin", "Wamenperin", "Wamen", "Mendag",
    "Menkop(?:UKM)?", r"Direktur\s+Jenderal", "Dirjen", r"Direktur(?:\s+Utama)?", "Dirut",
    r"Sekretaris\s+Jenderal", "Sekjen", "Sesditjen", "Sekretaris", "Kepala", "Kadis",
    "Kadisperindag", "Kabid", "Kasi", "Kasie", "Kasubdit", "Kasubag", "Kabag", "Gubernur", "Wagub",
    "Bupati", "Wabup", r"Wali\s*[Kk]ota", "Wawali", r"Ketua(?:\s+Umum)?", "Anggota", "Camat",
    "Deputi", "Asisten", r"Staf\s+Ahli", "Koordinator", "Presiden", "Sekda",
    r"Inspektur(?:\s+Jenderal)?", "Irjen",
)
# fmt: on


def _by_first_letter(alternatives: tuple[str, ...]) -> str:
    """An alternation grouped by first letter, each letter's words in their order:
    "Pj|Wakil|Plt" -> "P(?:j|lt)|W(?:akil)". It matches what the flat alternation matches, but
    the regex engine tries one branch per capital letter in the text, not every word."""
    groups: dict[str, list[str]] = {}
    for word in alternatives:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


_TITLE_HEAD = re.compile(f"(?:{_by_first_letter(_TITLE_WORDS)})" + r"\b\.?")
_VERBS = _words(
    "kata katanya ujar ujarnya ungkap ungkapnya jelas jelasnya papar paparnya terang "
    "terangnya tegas tegasnya sebut sebutnya tutur tuturnya menurut mengatakan menjelaskan "
    "menegaskan menyampaikan mengungkapkan ucap ucapnya imbuh imbuhnya tambah tambahnya"
)
# Words of organisations and offices: never part of a person's name.
_ORG_WORDS = _words(
    """kementerian kementrian kemenperin kemendag kemenkop kemenkeu kemendagri kemenkopukm
    direktorat ditjen dinas disperindag disperin disperindagkop diskop diskumperindag badan
    balai besar bidang seksi subdit subbag bagian komisi fraksi partai pemerintah pemkab pemkot
    pemprov provinsi kabupaten kota daerah pemilihan dapil perindustrian perdagangan industri
    kecil menengah aneka koperasi usaha mikro logam mesin elektronika alat angkut kimia sandang
    kerajinan pangan furnitur agro kemasan tekstil pengembangan pembinaan umum jenderal pusat
    utama kantor unit pelaksana teknis satuan kerja sekretariat asosiasi himpunan dewan majelis
    bank universitas institut politeknik persero perum kamar dagang kadin hipmi iwapi dekranas
    dekranasda ekonomi kreatif pariwisata keuangan pertanian perikanan kelautan kesehatan
    pendidikan sosial tenaga transmigrasi investasi penanaman modal perencanaan pembangunan
    wakil plt plh pj staf ahli statistik republik indonesia negara nasional regional wilayah
    cabang perwakilan kanwil humas
    biro hubungan masyarakat promosi pemasaran program data informasi jasa barang produk dalam
    negeri luar internasional standardisasi sumber manusia daya sarana prasarana akses pasar
    layanan pelayanan penyuluhan gugus tugas tim satgas bupati gubernur"""
)
_HONORIFICS = _words(
    "bapak ibu pak bu saudara sdr h hj haji hajjah dr drs dra ir prof kh ust ustadz"
)
_DEGREE = re.compile(
    r"^(?:[A-Z][a-z]{0,3}\.){1,3}[A-Za-z]{1,4}\.?$|^(?:MM|MBA|MSi|MT|MH|SE|SH|ST|SSos|SIP|PhD)$"
)
# Words that name an institution: a title that lists fields ("Direktur IKM Pangan, Barang dari
# Kayu, dan Furnitur Kemenperin") runs on to one of these, and the person's name follows it.
_INSTITUTIONS = _words(
    """kementerian kementrian kemenperin kemendag kemenkop kemenkeu kemendagri kemenkopukm
    direktorat ditjen dinas disperindag disperin disperindagkop diskop diskumperindag badan balai
    pemkab pemkot pemprov"""
)
# Lowercase words that may stand inside a title: "Kepala Dinas Perindustrian setempat".
_CONNECTORS = _words("dan dari serta & untuk pada setempat kabupaten kota provinsi")
_LIST_JOINERS = _words("dan serta")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*\.?|\(|\)|,|[.!?;:\"“”]|\n")
_RUN_BREAKS = frozenset("(),")
_TITLE_ENDS = frozenset('().!?;:"“”\n')
_MAX_TITLE_TOKENS = 30
_LOOK_BEHIND = 80  # characters before a title word that may hold a verb and a name
_LOOK_AHEAD = 250  # characters after it that may hold a long title and a name
_MAX_NAME_WORDS = 5


class _Token(NamedTuple):
    # A named tuple, not a frozen dataclass: hundreds are made per article and it builds faster.
    text: str
    start: int
    end: int


# Splitting on the words (kept) gives gap, word, gap, ..., gap: offsets follow from lengths,
# without a match object per word.
_SPLIT_WORDS = re.compile(f"({_WORD.pattern})")


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    parts = _SPLIT_WORDS.split(text[start:end])
    bounds = list(accumulate(map(len, parts), initial=start))
    fields = zip(parts[1::2], bounds[1:-1:2], bounds[2::2], strict=True)
    # tuple.__new__ makes each _Token from its fields in C; calling _Token would run the named
    # tuple's Python-level constructor for every word.
    return list(map(tuple.__new__, repeat(_Token), fields))


def _start_of(token: _Token) -> int:
    return token.start


def _bare(word: str) -> str:
    return word.rstrip(".").lower()


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


# The word tests are pure functions of a string that an article repeats many times (each
# title word is looked at from several runs): caching them keeps find_officials cheap.
@lru_cache(maxsize=8192)
def _is_name_word(word: str) -> bool:
    """Whether a capitalised word may be part of a person's name."""
    bare = _bare(word)
    if not _is_capitalised(word) or bare in _ORG_WORDS or bare in _VERBS:
        return False
    if bare in WEEKDAYS or bare in MONTHS or _TITLE_HEAD.fullmatch(word.rstrip(".")):
        return False
    core = word.rstrip(".")
    if len(core) > 1 and core.isupper():
        return False  # an acronym: "IKM", "LMEA", "VII"
    return load_gazetteer().resolve(core) is None


def _in_region_names(words: list[str]) -> list[bool]:
    """For each word, whether it is part of a region's name there ("Sulawesi Tengah")."""
    covered = [False] * len(words)
    gazetteer = load_gazetteer()
    for first in range(len(words)):
        if not gazetteer.may_start_name(words[first]):
            continue  # no name, with or without a prefix, starts with this word
        for last in range(first + 1, min(len(words), first + 4) + 1):
            if _is_region_name(" ".join(w.rstrip(".") for w in words[first:last])):
                covered[first:last] = [True] * (last - first)
    return covered


@lru_cache(maxsize=8192)
def _is_region_name(name: str) -> bool:
    return bool(load_gazetteer().resolve(name))


def _name_suffix(run: list[_Token]) -> list[_Token]:
    """The name-like words that end a run of capitalised words (at most five)."""
    suffix: list[_Token] = []
    covered = _in_region_names([t.text for t in run])
    for token, in_region in zip(reversed(run), reversed(covered), strict=True):
        if in_region or not _is_name_word(token.text) or len(suffix) == _MAX_NAME_WORDS:
            break
        suffix.insert(0, token)
    return suffix


def _runs_after(tokens: list[_Token], start: int) -> list[tuple[int, int]]:
    """Runs of capitalised words from ``start`` up to the first word that ends a title.

    Returns (first, last + 1) token indices. Brackets are skipped; commas and connectors
    ("dan", "dari") separate runs; a lowercase word or the end of a sentence stops.
    """
    runs: list[tuple[int, int]] = []
    i, run_start, depth = start, start, 0
    limit = min(len(tokens), start + _MAX_TITLE_TOKENS)
    # Whether the word before is a connector, carried over from the previous step so that each
    # word is looked up once.
    after_connector = False
    while i < limit:
        word = tokens[i].text
        if word == "(":
            depth += 1
        elif word == ")":
            depth = max(0, depth - 1)
        if i > start and after_connector and _TITLE_HEAD.match(word):
            break  # "... dan Kepala Dinas Koperasi Budi": the next office is another person's
        after_connector = _bare(word) in _CONNECTORS
        if depth or word in _RUN_BREAKS or after_connector:
            if run_start < i:
                runs.append((run_start, i))
            run_start = i + 1
        elif i == start:
            pass  # the title word itself: "Kabid." ends in a dot but ends no sentence
        elif not _is_capitalised(word) or (word.endswith(".") and not _is_initial(word)):
            stop = i + 1 if word.endswith(".") and _is_capitalised(word) else i
            if run_start < stop:
                runs.append((run_start, stop))
            return runs
        i += 1
    if run_start < i:
        runs.append((run_start, i))
    return runs


_NAME_ABBREVIATIONS = _words("muh moh mhd muhd abd hj ir dr drs dra st prof")


def _is_initial(word: str) -> bool:
    """Whether a word is an initial or a name's abbreviation ("H.", "Muh.", "Ir.").

    These end in a dot but do not end the sentence.
    """
    core = word.rstrip(".")
    return (
        word.endswith(".")
        and _is_capitalised(word)
        and (len(core) == 1 or core.lower() in _NAME_ABBREVIATIONS)
    )


def _title_first(text: str, tokens: list[_Token], head: int) -> tuple[str, str] | None:
    runs = _runs_after(tokens, head)
    for index, (first, last) in enumerate(runs):
        run = tokens[first:last]
        if first == head:
            run = run[1:]  # the title word itself is never the name
        suffix = _name_suffix(run)
        if suffix and not _runs_on_to_institution(tokens, runs[index + 1 :]):
            title = text[tokens[head].start : suffix[0].start]
            return _join(suffix, text), title
    return None


def _runs_on_to_institution(tokens: list[_Token], runs: list[tuple[int, int]]) -> bool:
    """Whether the title goes on past name-like words to an institution in one of the runs
    that follow, with no other office opening on the way: then those words are fields the
    title lists, and the name, if the title has one, comes after the institution.

    In "Direktur IKM Pangan, Barang dari Kayu, dan Furnitur Kemenperin Sudarto" "Kayu" is a
    field and Sudarto the director; in "Menperin Agus Gumiwang, Dirjen IKMA Kemenperin Gati" a
    second office opens, and Agus Gumiwang stays the name.
    """
    for first, last in runs:
        run = tokens[first:last]
        if _TITLE_HEAD.match(run[0].text):
            return False
        suffix = _name_suffix(run)
        if any(_bare(t.text) in _INSTITUTIONS for t in run[: len(run) - len(suffix)]):
            return True
    return False


def _title_after(text: str, tokens: list[_Token], head: int) -> str:
    """The title that starts at ``head`` and ends before a place, a weekday, "di" or a bracket."""
    end = tokens[head].end
    for i in range(head + 1, min(len(tokens), head + _MAX_TITLE_TOKENS)):
        word = tokens[i].text
        if word == ",":
            # A list of fields goes on after a comma, or after a comma and "dan": "Direktur
            # IKM Pangan, Barang dari Kayu, dan Furnitur Kemenperin"; but "..., dan Kepala
            # Dinas" is another person's office.
            following = i + 1
            joined = following < len(tokens) and _bare(tokens[following].text) in _LIST_JOINERS
            if joined:
                following += 1
            word_after = tokens[following].text if following < len(tokens) else ""
            if (
                not _is_capitalised(word_after)
                or not _is_title_word(word_after)
                or (joined and _TITLE_HEAD.match(word_after))
            ):
                break
            continue
        if word in _TITLE_ENDS or not (_is_capitalised(word) or _bare(word) in _CONNECTORS):
            break
        end = tokens[i].end
    return text[tokens[head].start : end]


def _is_title_word(word: str) -> bool:
    """A word that may continue a title after a comma: not a place or a date."""
    bare = _bare(word)
    return bare not in WEEKDAYS and load_gazetteer().resolve(word.rstrip(".")) is None


def _name_before(text: str, tokens: list[_Token], comma: int) -> str | None:
    """The name standing right before a comma, if a verb of saying leads to it or it is long."""
    run: list[_Token] = []
    i = comma - 1
    while i >= 0 and _is_name_word(tokens[i].text) and len(run) < _MAX_NAME_WORDS:
        run.insert(0, tokens[i])
        i -= 1
    if any(_in_region_names([t.text for t in run])):
        return None
    while run and _bare(run[0].text) in _HONORIFICS:
        run = run[1:]
    after_verb = i >= 0 and _bare(tokens[i].text) in _VERBS
    if not run or (len(run) < 2 and not after_verb):
        return None
    return _join(run, text)


def _join(words: list[_Token], text: str) -> str:
    return " ".join(w.text for w in words)


def _clean_name(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w]
    while words and _bare(words[0]) in _HONORIFICS:
        words = words[1:]
    while words and _DEGREE.match(words[-1]) and len(words) > 1:
        words = words[:-1]
    if words and words[-1].endswith(".") and not _is_initial(words[-1]):
        words[-1] = words[-1].rstrip(".")  # the full stop of the sentence, not of the name
    return " ".join(words)


_ACRONYM = re.compile(r"\s*\(([A-Z]{2,8})\)")


# Titles recur from article to article ("Direktur Jenderal IKMA Kemenperin"), and tidying one
# reads the gazetteer: a pure function of the title, so its results are kept.
@lru_cache(maxsize=4096)
def _clean_title(title: str) -> str:
    """Tidy a title: acronyms for spelled-out units, Kemenperin, provinces by their names.

    "Direktur Jenderal Industri Kecil, Menengah, dan Aneka (IKMA) Kemenperin" -> "Direktur
    Jenderal IKMA Kemenperin"; "(LMEA)" whose words do not spell it is dropped.
    """
    title = " ".join(title.split()).strip(" ,")
    for match in reversed(list(_ACRONYM.finditer(title))):
        acronym = match[1]
        before = title[: match.start()]
        words = re.findall(r"[A-Za-z]+", before)
        initials = [w for w in words if w.lower() != "dan"]
        spelled = initials[-len(acronym) :]
        if "".join(w[0] for w in spelled).upper() == acronym:
            cut = before.rfind(spelled[0])
            title = before[:cut] + acronym + title[match.end() :]
        else:
            title = before + title[match.end() :]
    title = re.sub(r"\bKementerian Perindustrian\b", "Kemenperin", title)
    title = re.sub(r"\s+dari\s+(?:Daerah\s+Pemilihan|Dapil)\b.*$", "", title)
    for mention in reversed(load_gazetteer().find_mentions(title)):
        region = mention.region
        if region.level == "province" and not mention.explicit:
            name = region.name.removeprefix("Provinsi ")
            title = title[: mention.start] + name + title[mention.end :]
    return title.strip(" ,")


def _same_person(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` written with fewer or abbreviated words, in order."""
    remaining = full.split()
    for word in short.split():
        stem = word.rstrip(".").lower()
        while remaining:
            candidate = remaining.pop(0).rstrip(".").lower()
            if candidate == stem or (word.endswith(".") and candidate.startswith(stem)):
                break
        else:
            return False
    return True


def find_officials(text: str) -> list[Official]:
    """People named with an office, in order of first appearance, each once.

    >>> find_officials("kata Gati Wibawaningsih, Direktur Jenderal IKMA Kemenperin, Jakarta.")
    [Official(name='Gati Wibawaningsih', title='Direktur Jenderal IKMA Kemenperin')]
    """
    found: list[tuple[str, str]] = []
    for match in _TITLE_HEAD.finditer(text):
        if match.start() > 0 and text[match.start() - 1].isalnum():
            continue  # inside a word
        # Only the words around a title word are read: the name before it or the title after.
        begin = text.rfind(" ", 0, max(0, match.start() - _LOOK_BEHIND)) + 1
        tokens = _tokens(text, begin, match.start() + _LOOK_AHEAD)
        # The tokens are in text order: a binary search finds the one the title word starts.
        head = bisect_left(tokens, match.start(), key=_start_of)
        if head == len(tokens) or tokens[head].start != match.start():
            continue
        pair = _title_first(text, tokens, head)
        if pair is None and head >= 2 and tokens[head - 1].text == ",":
            name = _name_before(text, tokens, head - 1)
            if name is not None:
                pair = name, _title_after(text, tokens, head)
        if pair is not None:
            found.append((_clean_name(pair[0]), _clean_title(pair[1])))
    return _merge(found)


def _merge(found: list[tuple[str, str]]) -> list[Official]:
    """One official per person, under the fullest name, with the longest title found."""
    names = [name for name, _ in found if name]
    officials: dict[str, str] = {}
    for name, title in found:
        if not name or not title:
            continue
        fuller = [n for n in names if n != name and _same_person(name, n)]
        full = max(fuller, key=len) if fuller else name
        if len(title) > len(officials.get(full, "")):
            officials[full] = title
    return [Official(name, title) for name, title in officials.items()]
