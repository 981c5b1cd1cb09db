"""One article in, its facts out.

>>> facts = extract_article(
...     "Kemenperin mencatat pada tahun 2018, IKM di Sulawesi Tengah mencapai 6.779 unit usaha.",
...     doc="palu.txt",
... )
>>> [(f.metric, int(f.value), f.region.name, f.period) for f in facts.figures]
[('ikm_units', 6779, 'Provinsi Sulawesi Tengah', '2018')]
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import Protocol, TypeVar

from ikm_facts.cleaning import clean_article, split_sentences
from ikm_facts.dates import infer_published
from ikm_facts.figures import (
    EVENT_METRICS,
    PROGRAM_METRICS,
    SINCE_YEAR,
    Metric,
    classify,
    metric_of,
    reject_reason,
)
from ikm_facts.gazetteer import INDONESIA, load_gazetteer
from ikm_facts.model import (
    ArticleFacts,
    Figure,
    PeriodMention,
    Quantity,
    Region,
    RegionMention,
    Sentence,
    Unit,
)
from ikm_facts.numbers import NUMBER_WORDS, find_quantities, is_year_like
from ikm_facts.officials import find_officials
from ikm_facts.periods import find_periods
from ikm_facts.programs import ProgramMention, find_programs

# Bump when a change to the rules changes what comes out: the pipeline re-extracts on a new version.
EXTRACTOR_VERSION = "0.18.4"

# Longer texts are cut for extraction (the warehouse keeps the whole text): real articles are a
# few thousand characters; megabytes of text are a scraping accident.
MAX_EXTRACT_CHARS = 200_000

_WEEKDAY = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)"
# "Jakarta, Rabu (21/8)", "di Ambon, Rabu.": where a statement was made, not what it is about.
_ATTRIBUTION_AFTER = re.compile(
    rf"^\s*,?\s*(?:\(?\s*{_WEEKDAY}\b|\(\s*\d{{1,2}}/\d{{1,2}}|\d{{1,2}}/\d{{1,2}}|kemarin\b)"
)
# "JAKARTA -", "Ambon (ANTARA) -", "Jakarta, MNEWS.co.id –", "KENDARI, KOMPAS -": a dateline.
_DATELINE_AFTER = re.compile(r"^\s*(?:[,.(]|[-–—])")
# "Kabupaten Kotawaringin Timur (Kotim), Provinsi Kalimantan Tengah (Kalteng)": how far after a
# kabupaten its province may stand to place it
_PLACED_BY_REACH = 50
# The rest of an outlet's name in capitals before the dash of its dateline.
_OUTLET_NAME_AFTER = re.compile(r"^\s+[A-Z]{3,}(?:\s+[A-Z]{3,})?\s*(?:\([^)]{1,30}\))?\s*[-–—]")
_SAID_AFTER_REACH = 45  # characters after a place and its day where "mengatakan" may stand
# "kata Gati di Jakarta, Rabu (21/8)", "kata Gati, Dirjen IKMA, Jakarta, Rabu (21/8)": the place
# a statement was made follows "di" or a comma; in "peserta dari Kabupaten Sintang dan
# Kabupaten Kapuas Hulu, Senin (4/3/2019)" the places are the story's.
_AT_BEFORE = re.compile(r"(?:\bdi|,)\s+$", re.I)
# The outlet's name before a dateline: "TRIBUNPADANG.COM, PADANG -", "Liputan6.com, Jakarta -",
# "(ANTARA) - ". Upper-case words only, or a web address.
_OUTLET_OPENING = re.compile(
    r"^\s*(?:[\w-]+(?:\.[\w-]+)*\.(?i:com|co\.id|co|id|net|org|news)|[A-Z][A-Z0-9]+|\(ANTARA\))"
    r"\s*[,:–—-]?\s*$"
)
# "Mentok, Babel (ANTARA) -": the town of a dateline, then its province.
_DATELINE_DASH_OR_AGENCY = re.compile(r"\s*(?:\(|[-–—])")
_DATELINE_PLACE = re.compile(r"^\s*[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,2}\s*,\s*$")
# "(ANTARA Jambi)", "(ANTARA News Sumbar)": the news agency's bureau, not the story's place.
_AGENCY_BEFORE = re.compile(r"\(\s*(?:ANTARA|Antara)(?:\s+News)?\s+$")
# "dibuka secara virtual dari Jakarta.": the seat of the ministries, named as a place of work.
_SEAT_OF_GOVERNMENT = re.compile(r"\b(?:di|dari|ke)\s+$")
_SEAT_AFTER = re.compile(r"^\s*(?:[.,;)]|$)")
_TARGET_CUE = re.compile(
    r"\b(?:akan|rencananya|direncanakan|berencana|merencanakan|ditargetkan|menargetkan|"
    r"target(?:nya|kan)?|sasaran(?:nya)?|menyasar|diproyeksikan|proyeksi|bakal)\b",
    re.IGNORECASE,
)
# "Dari target 1.000 WUB, terealisasi 1.120 WUB": what was reached, after the goal.
_REALISED_CUE = re.compile(
    r"\b(?:terealisasi|realisasi(?:nya)?|tercapai|dicapai|capaian(?:nya)?|berhasil|telah|sudah)\b",
    re.IGNORECASE,
)
# How far after a number a region still belongs to its noun phrase ("30 orang penjahit di Kota X").
_NEAR_AFTER = 45
_LINKED_AFTER = re.compile(r"\b(?:di|dari|asal|se|untuk|bagi|wilayah|kawasan)\s+$", re.I)
# A place below the kabupaten named first, then its kabupaten: "di Kecamatan Turen, ", "di
# wilayah Pantai Utara (Pantura), ", "dari Desa Karanglo, ".
_LOCAL_PLACE_BETWEEN = re.compile(
    r"\b(?:di|dari|asal)\s+(?i:wilayah|kawasan|kampung|desa|distrik|kecamatan|kelurahan)\s+"
    r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}(?:\s*\([^)]{2,15}\))?\s*,\s*$"
)
_LOCAL_PLACE_REACH = 40  # the local place's name, between the count and its kabupaten
# A lower-case noun after a count in a list of goods; the words in _NOT_GOODS count other things.
_GOODS_ITEM_AFTER = re.compile(r"^\s*(?:unit\s+)?(?P<word>[a-z][a-z-]{2,})\b")
_NOT_GOODS = frozenset(
    [
        "persen",
        "orang",
        "hari",
        "bulan",
        "tahun",
        "minggu",
        "pekan",
        "jam",
        "kali",
        "kabupaten",
        "kota",
        "provinsi",
        "kecamatan",
        "desa",
        "kelurahan",
        "negara",
        "jenis",
        "macam",
        "kelompok",
        "angkatan",
        "tahap",
        "kegiatan",
        "peserta",
        "pelaku",
        "warga",
        "ikm",
        "sentra",
        "unit",
        "usaha",
        "perusahaan",
        "tenaga",
        "pekerja",
        "juta",
        "ribu",
        "miliar",
        "triliun",
    ]
)
_ENUMERATION = re.compile(
    r"(?:\b(?:yaitu|yakni|meliputi|terdiri\s+(?:atas|dari)|antara\s+lain|masing-masing|"
    r"(?:provinsi|kabupaten|kota|daerah|wilayah)\s*,)|:|\(\s*$)",
    re.I,
)
# Text that ends a sentence; a page that stops without it was cut off mid-sentence.
_ENDS_CLEANLY = re.compile(r"[.!?\"')\u201d]\s*$")
# No figure of the economy or a program is under a thousand rupiah; such a number is a price
# per item or a cut-off figure ("Rp 600" of "Rp 600 juta").
_LEAST_RUPIAH = 1000
_SUPERLATIVE_BEFORE = re.compile(
    # "terbesar di Indonesia", "provinsi paling barat Indonesia"
    r"\b(?:ter[a-z]{3,}|paling\s+\w+|nomor\s+\w+|ke-?\w+)\s+(?:di\s+|se-?\s*)$"
    r"|\bpaling\s+\w+\s+$",
    re.I,
)
# "IMK kita 8,14 persen, sedangkan nasional 5,66 persen": a place after a contrast is the other
# side's, not the number's before it.
_CONTRAST = re.compile(r"\b(?:sedangkan|sementara|namun|tetapi|adapun)\b", re.I)
# How many places: "22", "sembilan", "tiga belas", "berbagai", "seluruh".
_PLACE_COUNT = (
    r"(?:\d+|(?:se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)(?:\s*(?:belas|puluh))?"
    r"(?:\s+(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?|sepuluh|sebelas|"
    r"beberapa|berbagai|sejumlah|seluruh|semua)"
)
_FROM_REGIONS_OF = re.compile(
    rf"[^.;\d]{{0,40}}?\b(?:dari|asal)\s+{_PLACE_COUNT}\s+(?:kabupaten\s*/\s*kota|"
    r"kabupaten\s+dan\s+kota|kabupaten|kota|daerah|wilayah|kecamatan)\s+(?:di|se-?)\s*",
    re.I,
)
# The verb that closes a quote: "kata Sri", "ujarnya".
_SAID_VERB = r"(?:kata|ujar|ungkap|jelas|tutur|papar|tegas|sebut|terang)(?:nya)?"
# "... ," kata Sri di Surabaya.": the verb that closes a quote, its speaker, then the place.
_SAID_BEFORE = re.compile(
    # "kata dia, Jumat (12/8/2016), di Medan.": a bracketed date may stand between
    rf"\b{_SAID_VERB}\s+(?:\(\s*[\d/]+\s*\)|[^.\d\n]){{0,40}}$",
    re.I,
)
# Words of a statement or a quote, before the place where it was made.
_STATEMENT_WORD = re.compile(
    rf"\b(?:{_SAID_VERB}|imbuh(?:nya)?|tambah(?:nya)?|ucap(?:nya)?|"
    r"kilah(?:nya)?|pungkas(?:nya)?|mengatakan|menjelaskan|menuturkan|mengungkapkan|"
    r"menyampaikan|menegaskan|menerangkan|memaparkan|menyebutkan|mengemukakan|menambahkan|"
    r"disampaikan|dikatakan|keterangan(?:nya)?|siaran\s+pers|rilis(?:nya)?|sambutan(?:nya)?|"
    r"ditemui|dihubungi|dikonfirmasi|wawancara|menurut(?:nya)?|berharap|harap(?:nya)?)\b|[\"\u201d]",
    re.I,
)
_STATEMENT_END = re.compile(r"\s*(?:[.;]|$)")
# What joins the places of a list: "Kabupaten Manokwari dan Kabupaten Fakfak, masing-masing".
_LIST_GLUE = re.compile(r"\s*\)?\s*(?:,\s*(?:dan\s+|serta\s+)?|\s(?:dan|serta)\s+|\()?\s*", re.I)
_FROM_EVERYWHERE = re.compile(
    r"[^.;\d]{0,25}?\b(?:dari|asal)\s+(?:berbagai|seluruh|segenap)\s+(?:daerah|provinsi|wilayah|penjuru|"
    r"pelosok|kabupaten)",
    re.I,
)
_EVERYWHERE_WORDS = ("berbagai", "seluruh", "segenap")
# "SOREANG, WR –", "Bisnis.com, DENPASAR —": the town a story was filed from, in capitals.
_DATELINE_TOWN = re.compile(
    r"^\s*(?:[\w.]+\s*,\s*)?([A-Z]{3,}(?: [A-Z]{3,})?|[A-Z][a-z]+(?: [A-Z][a-z]+)?"
    # "Mataram (Antara NTB) -", "Bintuni, suaradamai.com –": a town in title case, then the
    # agency or the outlet
    r"(?= \(|,\s*[\w-]+\.(?:com|co\.id|id|net|co)\b))"
    r"\s*(?:,|\(|–|—|-)",
    re.M,
)
_DATELINE_REACH = 800  # characters: the dateline opens the story, after the headline
_FOCUS_REACH = 600  # characters after a placeless lead where the story's place may be named
_MAX_OUTLET = 40  # characters: "TRIBUNPADANG.COM, " and the like
_ORIGIN_LEAD = re.compile(r"\b(?:dari|asal|berasal)\b", re.I)
_VENUE_AFTER = re.compile(
    r" (?:International|Convention|Expo|Fair|Center|Centre|Hall|Trade|Mall|Town|Square)\b"
)
# The capitalised word right before "Indonesia" when the two make a name.
_WORD_BEFORE = re.compile(r"\b([A-Z][\w-]*) $")
_COUNTRY_WORDS = frozenset(
    (
        "Republik", "Negara", "Pemerintah", "Seluruh", "Di", "Se", "Ke", "Dari", "Kawasan",
        "Wilayah", "Bangsa", "Rakyat", "Pasar", "Produk", "Industri", "IKM", "Ekonomi",
    )
)  # fmt: skip
_ANAPHOR_AFTER = re.compile(r"\s*(?:[\w-]+\s+){1,2}(?:tersebut|itu)\b", re.I)
# Between a kabupaten and the province that places it: a comma or space, with an abbreviation
# in brackets ("Pesisir Selatan (Pessel) Sumatera Barat") or an island or area name
# ("Bangkalan, Madura, Jawa Timur") between them.
_APPOSITION = re.compile(r"\)?(?:\s*\([A-Za-z.-]{2,12}\))?(?:\s*,\s*(?:[A-Z][a-z]+\s*,\s*)?|\s+)")
# Provinces made in 2022 out of Papua and Papua Barat: the news before (and often after) still
# places their kabupaten in the old province ("Merauke, Papua").
_FORMER_PROVINCE = {"93": "91", "94": "91", "95": "91", "96": "92"}
# An institution whose name ends in a place: "Balai Diklat Industri Padang (BDIP)", "Kementerian
# Perindustrian (Kemenperin) RI", "Lembaga Masyarakat Adat (LMA) Papua". The place names the
# institution, not what its figures are about.
_INSTITUTION_BEFORE = re.compile(
    r"\b(?i:kementerian|kementrian|kemenperin|kemenkop(?:ukm)?|kemendag|dpr|balai|lembaga|"
    r"politeknik|universitas)\b"
    r"(?:\s+(?!(?i:di|ke|dari|kepada|untuk|bagi|pada|yang|dengan|melalui|oleh|wilayah|kota|"
    r"kabupaten|provinsi|daerah|se)\b)[\w&-]+){0,5}\s*(?:\([A-Za-z]{2,12}\)\s*)?$"
)
# A government or office named without its place: "Pemkot mengalokasikan ...", "kota ini".
_BARE_OFFICE = re.compile(
    r"\b((?i:pemkot|pemkab|pemprov|kota ini|kabupaten ini|provinsi ini|wali ?kota|bupati|"
    r"gubernur))\b(?!\s+[A-Z])"  # not "Pemkot Malang", "Bupati Sanusi"
)
_OFFICE_LEVEL = {
    "pemkot": "city", "kotaini": "city", "walikota": "city",
    "pemkab": "regency", "kabupatenini": "regency", "bupati": "regency",
    "pemprov": "province", "provinsiini": "province", "gubernur": "province",
}  # fmt: skip
_FROM_SEVERAL_PLACES = re.compile(
    rf"[^.;\d]{{0,30}}?\b(?:dari|asal)\s+{_PLACE_COUNT}\s+(?:kabupaten\s*/\s*kota|"
    r"kabupaten\s+dan\s+kota|kabupaten|kota|daerah|wilayah)\b(?!\s*(?:di|se-?)\s)",
    re.I,
)
_OR_AS_COUNT = re.compile(r"\batau\s+(?:sebanyak\s+|sekitar\s+|sejumlah\s+)?$", re.I)
_WHOLE_BEFORE = re.compile(
    r"\bdari\s+(?:total|seluruh|jumlah|keseluruhan)\b[^.;\d]{0,40}\b(?:di|se-?)\s*$", re.I
)
_PREDICATE_BEFORE_EACH = re.compile(
    r"\s*(?:\([^)\d]{1,20}\)\s*)?(?:,\s*)?(?:(?:merupakan|adalah|menjadi|sebagai)\b[^\d.;]{0,80}|"
    r"yang\s+)",
    re.I,
)
_EACH_BEFORE = re.compile(
    r"masing-masing\s*(?:(?:sebanyak|sebesar|senilai|memiliki|mendapat(?:kan)?|menerima|"
    r"berjumlah|ada)\s*)?",
    re.I,
)
_NUMBER_WORD = re.compile(
    # "satu" too ("dan satu UMKM dari SBB"), but not in "salah satu"
    r"\b(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|puluh|ratus|(?<!salah )satu)\b",
    re.I,
)
_SPAN_WORD = re.compile(r"\s*(?:sampai|hingga|ke|-|–)\s*", re.I)
_GOES_ON = re.compile(
    r"\W*(?:kemudian|selanjutnya|berikutnya|lalu|disusul|sisanya|sementara\s+itu|sedangkan)\b", re.I
)
_LIST_LINE = re.compile(r"\s*(?:[-•*·–]|\d{1,2}[.)])\s+\S")
# "Jika dirinci, ekspor migas naik 23 persen ...", "Rinciannya, di Kota Cimahi 2 perusahaan":
# a sentence that opens by splitting the figure told just before, in the same paragraph or the
# next, about the same place and time.
_BREAKDOWN_LEAD = re.compile(
    r"\W*(?:(?:jika|bila|apabila|kalau)\s+dirinci|dirinci|rinciannya|secara\s+rinci|"
    r"(?:adapun\s+)?rincian(?:nya)?(?:\s+(?:sebagai\s+berikut|yaitu|yakni|adalah))?)\b",
    re.I,
)
# A list item with no unit of its own: the number is followed by a comma, "dan" or a bracket.
_BARE_ITEM_AFTER = re.compile(
    r"^\s*(?:,|\)|dan\b|serta\b|dari\s+(?:total|jumlah|sebanyak)\b)", re.I
)
_ITEM_GLUE = re.compile(r"(?:,|;|\bdan|\bserta|\bsebanyak)\s*$", re.I)
_LIST_GAP_WORDS = 4  # "sandang 95, kerajinan 12 unit": a label and a qualifier at most
_LIST_GAP = 60  # characters between the items of one list
_PERCENT_LIST_GAP = 250  # between the items of a list of growth rates
_RANGE_CONNECTOR = re.compile(
    r"\s*(?:hingga|sampai(?:\s+dengan)?|s\.?d\.?|s/d|-|–)\s*(?=Rp|US|\$)", re.I
)
_THOUSANDS_COMMA = re.compile(r"[1-9]\d{0,2},\d{3}")
_SCALED = re.compile(r"\b(?:juta|miliar|milyar|triliun)\b", re.I)
_MONEY_WORD_BEFORE = re.compile(
    r"\b(?:dana|anggaran|senilai|bantuan|modal|investasi|omzet|omset|pagu|biaya)\b[^.;\d]{0,20}$",
    re.I,
)
_YEAR_RIGHT_AFTER = re.compile(
    r"\s*(?:(?:di|pada)\s+(?:tahun\s+)?|tahun\s+)((?:19|20)\d\d)\b(?!\s*[-/])"
)
_STATISTICS = frozenset({"growth_rate", "share", "ikm_units", "ikm_workers"})
_SERIES_GAP = 20  # between a year and its number: "2020 sekitar 25"
_SERIES_GLUE = re.compile(
    r"\s*(?:(?:sebanyak|sekitar|mencapai|berjumlah|tercatat|ada|hanya|baru|menjadi|sebesar|"
    r"senilai)\s*)?",
    re.I,
)
# A share right after a count: "82.805 atau 98,55 persen", "63.323 orang atau 95,91 persen".
_SHARE_RIGHT_AFTER = re.compile(
    r"^\s*(?:orang\s+|unit\s+|usaha\s+)?(?:atau|\()\s*(?:sekitar\s+)?\d+(?:[.,]\d+)?\s*(?:persen|%)",
    re.I,
)
# A number written again in words, in brackets, as official letters do: "564 (lima ratus enam
# puluh empat) WUB".
_SPELLED_OUT = re.compile(
    rf"\s?\(\s*(?:(?:{'|'.join(NUMBER_WORDS)}|rupiah|koma)\s*)+\)",
    re.I,
)
# ("di" as a word: "di Kabupaten Sigi", not "empat distrik", a count of places)
_LIST_ITEM_AFTER = re.compile(r"^\s*(?:(?:di|dari|untuk|asal)\b|,|;|\.|\)|dan\b|serta\b|$)", re.I)
_NATIONAL_ONLY = {"ikm_units": Decimal(2_500_000), "ikm_workers": Decimal(6_000_000)}
# Words that make a later period the base of a comparison ("naik 5 persen dibanding periode
# yang sama tahun 2021"). "terhadap" counts only right before the period: in "menyumbang 21
# persen terhadap PDB ... pada 2022" it names the whole, not a base year.
_COMPARED_WITH = re.compile(r"\b(?:dibanding(?:kan)?|ketimbang|y-?o-?y)\b", re.I)
_DATELINE_DASH = re.compile(r"^\s*[-–—]")
_FULL_DATE = re.compile(r"\d{1,2}\s*(?:/\s*\d{1,2}\s*/|[A-Za-z]+\s+)\s*\d{4}")
_ATTRIBUTION_VERB = re.compile(
    r"\b(?:kata|ujar|ungkap|ungkapnya|jelas|jelasnya|papar|tutur|tegas|sebut|katanya|ujarnya|"
    r"ditemui|dihubungi|dikonfirmasi|mengatakan|menjelaskan|menuturkan)\b",
    re.I,
)
_EVENT_WORD = re.compile(
    r"\b(?:membuka|dibuka|menggelar|digelar|menyelenggarakan|diselenggarakan|berlangsung|"
    r"dilaksanakan|melaksanakan|menyerahkan|diserahkan|meresmikan|diresmikan)\b",
    re.I,
)
_SINCE_BEFORE = re.compile(r"\bsejak\s+(?:tahun\s+)?$", re.I)
_BASE_AHEAD = re.compile(r"\bterhadap\s*(?:tahun\s*)?$", re.I)
_COMPARISON_BASE = re.compile(r"(?:terhadap|dibanding(?:kan)?|ketimbang|dari|sejak)\s*$", re.I)
# The look-ahead on the words' first letters only lets the scan skip other positions faster.
_LANGUAGE_SAMPLE = 1_500  # characters: enough words to tell the language
_INDONESIAN_WORDS = re.compile(
    r"\b(?=[yduipakjost])(?:yang|dan|di|untuk|dengan|dari|ini|itu|pada|akan|dalam|ke|juga|oleh|sebagai|tidak)\b",
    re.IGNORECASE,
)


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_T = TypeVar("_T", bound=_Spanned)


@dataclass(frozen=True, slots=True)
class _Context:
    """What the rules look at for one article, computed once."""

    text: str
    sentences: Sequence[Sentence]
    sentence_starts: Sequence[int]
    # Per sentence (by index), the mentions that lie wholly inside it. Region mentions exclude
    # locators (datelines, attributions).
    mentions_in: Sequence[Sequence[RegionMention]]
    periods_in: Sequence[Sequence[PeriodMention]]
    programs_in: Sequence[Sequence[ProgramMention]]
    focus: Region
    main_program: str | None
    published: date | None
    event_period: str | None
    # The publication date's month ("2021-06"), else that of the day the article was read: no
    # day's date after it dates an event.
    latest_month: str | None

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def same_paragraph(self, a: int, b: int) -> bool:
        """Whether sentences a and b are in one paragraph (no line break between them)."""
        lo, hi = sorted((a, b))
        return "\n" not in self.text[self.sentences[lo].end : self.sentences[hi].start]


def _is_locator(text: str, mention: RegionMention) -> bool:
    """A dateline or the place a statement was made ("kata X di Jakarta, Rabu (21/8)")."""
    after = text[mention.end : mention.end + 20]
    at = _AT_BEFORE.search(text[max(0, mention.start - 12) : mention.start])
    line_start = text.rfind("\n", 0, mention.start) + 1
    if at and _ATTRIBUTION_AFTER.match(after):
        # "kata Gati di Jakarta, Rabu (21/8)" is where it was said; "pelatihan diikuti 25 orang
        # di Kota Cimahi, Rabu (3/4/2019)" is where the event took place.
        said = _STATEMENT_WORD.search(text, max(line_start, mention.start - 250), mention.start)
        if said is None:
            # "kata X di Jakarta, Rabu" said before; "Reni Yanita di Jakarta, Rabu, mengatakan"
            # said just after the day, in the same sentence
            rest = text[mention.end : mention.end + _SAID_AFTER_REACH]
            said = _STATEMENT_WORD.search(rest.split(". ", 1)[0])
        return said is not None or mention.region.code == INDONESIA.code
    window = text[max(0, mention.start - 50) : mention.start]
    if at and _STATEMENT_END.match(after) and _SAID_BEFORE.search(window):
        return True  # "kata Sri di Surabaya.": where it was said, at the end of the statement
    opening = text[line_start : mention.start]
    at_line_start = not opening.strip() or (
        len(opening) <= _MAX_OUTLET and bool(_OUTLET_OPENING.match(opening))
    )
    if (
        at_line_start
        and _DATELINE_AFTER.match(after)
        # "Pemerintah Kabupaten Mukomuko, Provinsi Bengkulu, menyelenggarakan ...": a government
        # that opens the story is its subject, not a dateline
        and not mention.text.lower().startswith(("pemerintah", "pemkab", "pemkot", "pemprov"))
    ):
        return True  # "JAKARTA -", "Jambi (ANTARA) -": the dateline's place
    if at_line_start and mention.text.isupper() and _OUTLET_NAME_AFTER.match(after):
        return True  # "JAKARTA INSIDER - ...", "SALAM PAPUA (TIMIKA) -": an outlet's name
    if (
        len(opening) <= _MAX_OUTLET
        and _DATELINE_PLACE.match(opening)
        and _DATELINE_DASH_OR_AGENCY.match(after)
    ):
        return True  # "Mentok, Babel (ANTARA) -": the town, then its province
    if _AGENCY_BEFORE.search(opening[-20:]) and after.lstrip().startswith(")"):
        return True  # "Jambi (ANTARA Jambi) -": the agency's bureau
    return (
        mention.text.lower() == "jakarta"
        and bool(_SEAT_OF_GOVERNMENT.search(text[max(0, mention.start - 8) : mention.start]))
        and bool(_SEAT_AFTER.match(after))
    )


def _in_span(items: Sequence[_T], start: int, end: int) -> list[_T]:
    return [item for item in items if start <= item.start and item.end <= end]


def _by_sentence(items: Sequence[_T], sentences: Sequence[Sentence]) -> list[list[_T]]:
    """``items`` (in text order) grouped by the sentence that wholly holds them."""
    starts = [s.start for s in sentences]
    groups: list[list[_T]] = [[] for _ in sentences]
    for item in items:
        index = bisect.bisect_right(starts, item.start) - 1
        if index >= 0 and item.end <= sentences[index].end:
            groups[index].append(item)
    return groups


def _nearest(inside: Sequence[_T], q: Quantity) -> _T | None:
    """Of the items in a number's sentence, the nearest before it, else the first after it."""
    before = [item for item in inside if item.end <= q.start]
    if before:
        return before[-1]
    after = [item for item in inside if item.start >= q.end]
    return after[0] if after else None


def _focus_region(text: str, mentions: Sequence[RegionMention]) -> Region:
    """The region the article is about: the first one named in its headline or lead paragraph."""
    lead_end = len(text)
    offset = 0
    for line in text.split("\n"):
        offset += len(line) + 1
        if len(line) >= 120:  # the first real paragraph; shorter lines are headline, date, caption
            lead_end = offset
            break
    lead = [m for m in mentions if m.start < lead_end]
    if not lead:
        # "SOREANG, WR – Kemenperin memberikan bantuan ...": a lead that names no place; the
        # story's place is the first one named after it ("Bupati Bandung"), if any is near.
        towns = [m.group(1).lower() for m in _DATELINE_TOWN.finditer(text, 0, _DATELINE_REACH)]
        if not towns or towns[0] == "jakarta":
            return INDONESIA
        later = [m for m in mentions if m.start < lead_end + _FOCUS_REACH]
        return later[0].region if later else INDONESIA
    # A lead that names three provinces or regions in three provinces is about the country.
    provinces = {m.region.province_code or m.region.code for m in lead}
    provinces.discard(INDONESIA.code)
    if len(provinces) >= 3:
        return INDONESIA
    # A lead about several kabupaten/kota of one province ("WUB Tapis di Bandar Lampung dan
    # Pesawaran") is about the province.
    local = {m.region.code for m in lead if m.region.province_code not in (None, m.region.code)}
    named = {m.region.code for m in lead}
    if len(provinces) == 1 and len(local) >= 2 and provinces <= named:
        province = load_gazetteer().by_code(next(iter(provinces)))
        if province is not None:
            return province
    return lead[0].region


def _main_program(programs: Sequence[ProgramMention]) -> str | None:
    if not programs:
        return None
    counts = Counter(p.code for p in programs)
    best = max(counts.values())
    return next(p.code for p in programs if counts[p.code] == best)


def _period_for(ctx: _Context, index: int, q: Quantity, *, is_event: bool) -> str | None:
    """The period named before the number in its sentence, else after it; comparison bases
    ("dibanding semester I 2020") and datelines ("SURABAYA, 4 Juli 2019 –") do not count."""
    inside = [
        p
        for p in ctx.periods_in[index]
        # A day's date dates an event ("Rabu (2/6/2021)"); on a statistic it is the day the
        # statement was made ("kata X di Jakarta, Jumat (10/3/2023)").
        if not _is_dateline(ctx.text, p)
        and (is_event or not _FULL_DATE.search(p.text))
        and not (_FULL_DATE.search(p.text) and _after(p.period, ctx.latest_month))
    ]
    before = [
        p
        for p in inside
        if p.end <= q.start
        # "sejak 2016 hingga 2018" is a span, not the base of a comparison
        and (
            "/" in p.period or not _COMPARISON_BASE.search(ctx.text[max(0, p.start - 20) : p.start])
        )
    ]
    if before:
        last = before[-1]
        return _since(last.period, ctx.published) if _opens_since(last) else last.period
    after = [
        p
        for p in inside
        if p.start >= q.end
        and not _COMPARED_WITH.search(ctx.text[q.end : p.start])
        and not _BASE_AHEAD.search(ctx.text[max(q.end, p.start - 20) : p.start])
    ]
    if not after:
        return None
    first = after[0]
    if _opens_since(first) or _SINCE_BEFORE.search(
        ctx.text[max(q.end, first.start - 12) : first.start]
    ):
        # "senilai total Rp 182,4 miliar sejak 2015": the years from then to the article's
        return _since(first.period, ctx.published)
    return first.period


def _after(period: str, latest_month: str | None) -> bool:
    """Whether ``period`` ("2027-06") starts after ``latest_month`` ("2026-12")."""
    return latest_month is not None and period[:7] > latest_month


def _opens_since(period: PeriodMention) -> bool:
    return period.text[:5].lower() == "sejak" and "/" not in period.period


def _since(period: str, published: date | None) -> str | None:
    """The span from a year to the article's year ("sejak 2015" in 2019: "2015/2019")."""
    if "/" in period or published is None or not period[:4].isdigit():
        return None
    start = int(period[:4])
    return f"{start}/{published.year}" if start < published.year else None


def _is_dateline(text: str, period: PeriodMention) -> bool:
    line_start = text.rfind("\n", 0, period.start) + 1
    return period.start - line_start <= 40 and bool(
        _DATELINE_DASH.match(text[period.end : period.end + 4])
    )


def _event_period(
    text: str,
    sentences: Sequence[Sentence],
    periods: Sequence[PeriodMention],
    programs: Sequence[ProgramMention],
    not_after: date | None,
) -> str | None:
    """The date of the event the article reports ("membuka bimtek ..., Rabu (2/6/2021)"): a full
    date in a sentence about a program or event, not the date a statement was made, nor a date
    after ``not_after``, the publication date ("kewajiban sertifikasi halal mulai berlaku 17
    Oktober 2024")."""
    latest = f"{not_after:%Y-%m}" if not_after else None
    for period in periods:
        if not _FULL_DATE.search(period.text) or _is_dateline(text, period):
            continue
        if _after(period.period, latest):
            continue
        sentence = next((s for s in sentences if s.start <= period.start < s.end), None)
        if sentence is None or _ATTRIBUTION_VERB.search(sentence.text):
            continue
        if _EVENT_WORD.search(sentence.text) or _in_span(programs, sentence.start, sentence.end):
            return period.period
    return None


@dataclass(frozen=True, slots=True)
class _Draft:
    figure: Figure
    sentence_index: int
    in_headline: bool


def _mention_text(ctx: _Context, q: Quantity, metric: Metric) -> tuple[str, int]:
    if metric.noun:
        end = ctx.text.index(metric.noun, q.end) + len(metric.noun)
        return ctx.text[q.start : end], end
    return q.text, q.end


def _draft_figures(
    ctx: _Context, quantities: Sequence[Quantity], headline_end: int
) -> list[_Draft]:
    drafts: list[_Draft] = []
    cut_at = len(ctx.text.rstrip())
    cut_off = not _ENDS_CLEANLY.search(ctx.text[max(0, cut_at - 3) : cut_at])
    for position, q in enumerate(quantities):
        if is_year_like(q):
            continue
        q = _read_as_written(ctx.text, q)
        if cut_off and q.end >= cut_at - 1:
            continue  # "Anggaran yang disiapkan sebesar Rp 600": the page was cut mid-figure
        if q.kind == "IDR" and q.value < _LEAST_RUPIAH:
            continue
        index = ctx.sentence_of(q.start)
        sentence = ctx.sentences[index]
        before, after = _clause_around(ctx, sentence, q)
        sentence_programs = ctx.programs_in[index]
        # Drafts are in text order, so the paragraph's previous figure, if any, is the last one.
        previous = (
            drafts[-1].figure
            if drafts
            and (
                ctx.same_paragraph(drafts[-1].sentence_index, index)
                # "Peserta terdiri atas:\n- Kabupaten Muaro Jambi: 35 orang": a list's items go on
                # from the figure just before the list.
                or (
                    drafts[-1].sentence_index >= index - 2 and bool(_LIST_LINE.match(sentence.text))
                )
                # "Kemudian, Kabupaten Sarolangun 410 UMKM, ...": a paragraph that goes on
                # with the list of the one before
                or (drafts[-1].sentence_index == index - 1 and bool(_GOES_ON.match(sentence.text)))
                or (
                    drafts[-1].sentence_index >= index - 2
                    and bool(_BREAKDOWN_LEAD.match(sentence.text))
                )
            )
            else None
        )
        # A number a named rule rejects ("meningkat 1.458 dibandingkan") is no figure and no
        # list item either.
        if reject_reason(q, before=before, after=after) is not None:
            continue
        metric = metric_of(
            q,
            before=before,
            after=after,
            # "other" programs (e-katalog, PEN) carry sales as often as budgets: no default
            in_program=any(p.code != "other" for p in sentence_programs),
            # "Pelatihan pandai besi ... di empat daerah. Untuk Pekanbaru ada 10 orang, ...":
            # people counted in a sentence naming no program, right after one that does
            program_before=(
                not sentence_programs
                and index > 0
                and any(p.code != "other" for p in ctx.programs_in[index - 1])
            ),
            previous=previous.metric if previous else None,
        )
        if (
            metric is None
            and q.kind in {"IDR", "USD"}
            and index > 0
            and ctx.same_paragraph(index - 1, index)
        ):
            # "Pameran itu mencatat transaksi yang besar. Nilainya Rp 3 miliar":
            # an amount with no cue of its own takes the one of the sentence before.
            metric = metric_of(
                q,
                before=f"{ctx.sentences[index - 1].text} {before}",
                after=after,
                in_program=False,
                previous=None,
            )
        if metric is None and drafts and drafts[-1].sentence_index == index:
            gap = ctx.text[drafts[-1].figure.char_end : q.start]
            metric = _list_continuation(drafts[-1].figure, q, after, gap)
        if metric is None and q.kind == "count" and _SHARE_RIGHT_AFTER.match(after):
            # "Sebanyak 82.805 atau 98,55 persen di antaranya adalah industri mikro": a part of
            # the count told before, with its share; it counts what that count counted
            metric = _part_with_share(drafts, index, ctx)
        if metric is None and _BARE_ITEM_AFTER.match(after):
            metric = _unit_carried_back(ctx, quantities, position, sentence, previous)
        if metric is None:
            continue
        if metric.rule == "share_default" and drafts:
            metric = _percent_list_item(ctx, drafts[-1], index, q) or metric
        if ("tersebut" in after or "itu" in after) and _ANAPHOR_AFTER.match(after):
            # "350 IKM tersebut terdiri atas ...": the 350 counted before, in the same sense.
            earlier = next((d.figure for d in reversed(drafts) if d.figure.value == q.value), None)
            if earlier is not None and _unit_family(earlier.unit) == _unit_family(metric.unit):
                metric = Metric(earlier.metric, earlier.unit, metric.noun, rule="anaphor")
        respective = _respective_region(ctx, index, q, drafts)
        restated = _restated_part(ctx, previous, index, drafts, q)
        if respective is not None:
            region, region_rule = respective, "respectively"
        elif restated is not None:
            region, region_rule = restated, "restated_part"
        else:
            region, region_rule = _region_for(
                ctx, index, q, previous, _carried_region(drafts, index)
            )
        if region.level in ("regency", "city") and _FROM_SEVERAL_PLACES.match(
            ctx.text, q.end, min(sentence.end, q.end + 60)
        ):
            # "120 IKM dari sembilan kabupaten/kota": from across the province, not one city
            region = load_gazetteer().by_code(region.province_code or "") or region
            region_rule = "from_several_places"
        if region.code != INDONESIA.code and _national_only(metric.code, q.value):
            region = INDONESIA  # "4,4 juta unit usaha": no province has that many
            region_rule = "national_size"
        mention, end = _mention_text(ctx, q, metric)
        period = _period_for(ctx, index, q, is_event=metric.code in EVENT_METRICS) or (
            previous.period if previous else _story_period(drafts, metric.code)
        )
        series_year = _series_year(ctx, quantities, position) or _year_right_after(ctx, end)
        if series_year and not (period or "").startswith(series_year):
            period = series_year  # not "triwulan III 2019", which says more than the year
        program = _program_for(ctx, index, q, metric.code, previous)
        is_event = metric.code in EVENT_METRICS or (
            metric.code == "production_value" and program is not None
        )
        if period is None and is_event:
            period = ctx.event_period or (str(ctx.published.year) if ctx.published else None)
        qualifier = q.qualifier
        if (target := _last_match(_TARGET_CUE, before[-70:])) is not None and not (
            _REALISED_CUE.search(before[-70:], target)
        ):
            qualifier = "target"
        # "turun 2,5 persen" is a fall; "minus 2,5 persen" already reads as -2.5
        value = -q.value if metric.negate and q.value > 0 else q.value
        figure = Figure(
            metric=metric.code,
            value=value,
            unit=metric.unit,
            qualifier=qualifier,
            region=region,
            period=period,
            program=program,
            subject=None,
            mention=mention,
            sentence=sentence.text,
            char_start=q.start,
            char_end=end,
            why=f"metric={metric.rule or 'cue'};region={region_rule}",
        )
        drafts.append(_Draft(figure, index, q.start < headline_end))
        each = _each_place(ctx, index, q)
        if each:
            why = f"metric={metric.rule or 'cue'};region=each_place"
            drafts[-1:] = [_Draft(replace(figure, region=r, why=why), index, False) for r in each]
    return drafts


def _clause_around(ctx: _Context, sentence: Sentence, q: Quantity) -> tuple[str, str]:
    """The text of a number's clause before it (from the sentence start or the last ";") and
    the few dozen characters after it, what the classifying rules read."""
    clause_start = max(sentence.start, ctx.text.rfind(";", sentence.start, q.start) + 1)
    end = q.end
    if ctx.text.startswith(" (", end) or ctx.text.startswith("(", end):
        # "30 (tiga puluh) orang peserta": the number again in words, then its noun
        spelled = _SPELLED_OUT.match(ctx.text, end, sentence.end)
        if spelled is not None:
            end = spelled.end()
    return ctx.text[clause_start : q.start], ctx.text[end : min(sentence.end, end + 140)]


def _percent_list_item(ctx: _Context, last: _Draft, index: int, q: Quantity) -> Metric | None:
    """ "turun 34,13 persen, industri farmasi sebesar 31,78 persen": a percentage listed after a
    growth rate, with no cue of its own, is a growth rate of the same direction; so is one
    in the sentence or paragraph right after it that goes on with the list ("Industri bahan
    logam sebesar 11,99 %, ...")."""
    previous = last.figure
    if previous.metric != "growth_rate":
        return None
    if last.sentence_index == index:
        gap = ctx.text[previous.char_end : q.start]
        if len(gap) > _PERCENT_LIST_GAP or "\n" in gap:
            return None
    elif index - last.sentence_index > 1:
        return None
    return Metric("growth_rate", "percent", "", negate=previous.value < 0, rule="growth_list")


def _split_year_to_year(text: str, quantities: Sequence[Quantity]) -> list[Quantity]:
    """ "dari 2017 senilai Rp 500 juta sampai Rp 2 miliar pada 2021": not a range of prices
    but the amounts of two years, each a figure of its own."""
    split: list[Quantity] = []
    for q in quantities:
        upper = q.upper
        connector = _RANGE_CONNECTOR.search(q.text)
        if (
            upper is None
            or connector is None
            or q.kind not in {"IDR", "USD"}
            or not SINCE_YEAR.search(text, max(0, q.start - 50), q.start)
        ):
            split.append(q)
            continue
        split.append(
            replace(
                q, end=q.start + connector.start(), text=q.text[: connector.start()], upper=None
            )
        )
        split.append(
            replace(
                q,
                start=q.start + connector.end(),
                text=q.text[connector.end() :],
                value=upper,
                upper=None,
            )
        )
    return split


def _read_as_written(text: str, q: Quantity) -> Quantity:
    """Two ways a count is written that the number reader cannot tell from its form alone:
    "2,250 wirausaha baru" (an English thousands comma: no one counts 2.25 people) and "dana
    177 juta" (an amount without its "Rp")."""
    if q.kind != "count":
        return q
    if q.value != q.value.to_integral_value() and _THOUSANDS_COMMA.fullmatch(q.text):
        return replace(q, value=(q.value * 1000).to_integral_value())
    if _SCALED.search(q.text) and _MONEY_WORD_BEFORE.search(text, max(0, q.start - 30), q.start):
        return replace(q, kind="IDR")
    return q


def _story_period(drafts: Sequence[_Draft], metric: str) -> str | None:
    """A statistic in a paragraph that names no time is of the time of the same statistic just
    before it ("Produksi IMK triwulan II/2016 tumbuh 3,10 persen ... / ada lima industri dengan
    kenaikan tertinggi, yaitu alat angkutan 60,61 persen"): the BPS release's quarter."""
    if metric not in _STATISTICS or not drafts or drafts[-1].figure.metric != metric:
        return None
    return drafts[-1].figure.period


def _year_right_after(ctx: _Context, end: int) -> str | None:
    """ "13.698 tahun 2020", "3.437 di 2018": a year written right after a figure dates it."""
    match = _YEAR_RIGHT_AFTER.match(ctx.text, end, min(len(ctx.text), end + 20))
    return match.group(1) if match else None


def _series_year(ctx: _Context, quantities: Sequence[Quantity], position: int) -> str | None:
    """ "2019 sebanyak 15, 2020 sekitar 25": a year written just before a number dates it."""
    if position == 0:
        return None
    year, q = quantities[position - 1], quantities[position]
    if not is_year_like(year) or year.upper is not None or q.start - year.end > _SERIES_GAP:
        return None
    if not _SERIES_GLUE.fullmatch(ctx.text, year.end, q.start):
        return None
    return year.text


def _unit_carried_back(
    ctx: _Context,
    quantities: Sequence[Quantity],
    position: int,
    sentence: Sentence,
    previous: Figure | None,
) -> Metric | None:
    """ "sandang 95, kerajinan 12 unit", "2019 sebanyak 15, 2020 sekitar 25 dan 2021 mencapai 40
    orang": a bare number in a list whose unit is written only on a later item takes that
    item's metric. The items must follow each other closely, each bare but the last."""
    q = quantities[position]
    end = q.end
    for later in quantities[position + 1 :]:
        if later.start >= sentence.end or later.start - end > _LIST_GAP:
            return None
        gap = ctx.text[end : later.start]
        if any(mark in gap for mark in ".;:\n") or len(gap.split()) > _LIST_GAP_WORDS:
            # "7.900, nyaris 8.000, dan tenaga kerja yang terserap sekitar 25.000 orang": a new
            # noun phrase between two numbers ends the list
            return None
        if is_year_like(later):
            continue
        if later.kind != q.kind:
            return None
        before, after = _clause_around(ctx, sentence, later)
        metric = classify(
            later,
            before=before,
            after=after,
            in_program=bool(ctx.programs_in[ctx.sentence_of(later.start)]),
            previous=previous.metric if previous else None,
        )
        if metric is not None:
            return Metric(
                metric.code, metric.unit, "", negate=metric.negate, rule="unit_carried_back"
            )
        if not _BARE_ITEM_AFTER.match(after):
            return None
        end = later.end
    return None


def _restated_part(
    ctx: _Context, previous: Figure | None, index: int, drafts: Sequence[_Draft], q: Quantity
) -> Region | None:
    """ "30 persen dari semua IKM di provinsi itu atau sebanyak 4.000 unit": the count
    restates the share's part, so it is of the share's place, not of the whole's."""
    if previous is None or previous.unit != "percent" or drafts[-1].sentence_index != index:
        return None
    if not _OR_AS_COUNT.search(ctx.text, previous.char_end, q.start):
        return None
    return previous.region


def _respective_region(
    ctx: _Context, index: int, q: Quantity, drafts: Sequence[_Draft]
) -> Region | None:
    """ "Kabupaten Manokwari dan Kabupaten Fakfak, masing-masing 54 IKM dan 31 IKM": the n-th
    number after "masing-masing" belongs to the n-th of the places listed just before it."""
    respectively, listed = _listed_before_each(ctx, index, q)
    if len(listed) < 2:
        return None
    # "masing-masing 31 persen (2.100 unit), 18 persen (1.250 unit)": count the numbers of
    # the same kind only.
    nth = sum(
        1
        for d in drafts
        if d.sentence_index == index
        and respectively < d.figure.char_start < q.start
        and _number_family(d.figure.unit) == _number_family(q.kind)
    )
    return listed[nth].region if nth < len(listed) else None


def _listed_before_each(ctx: _Context, index: int, q: Quantity) -> tuple[int, list[RegionMention]]:
    """Where "masing-masing" stands before the number in its sentence, and the places listed
    right before it ("Mamasa, Pasangkayu dan Mamuju Tengah masing-masing")."""
    sentence = ctx.sentences[index]
    respectively = ctx.text.rfind("masing-masing", sentence.start, q.start)
    if respectively < 0:
        return respectively, []
    listed: list[RegionMention] = []
    end = respectively
    for mention in reversed([m for m in ctx.mentions_in[index] if m.end <= respectively]):
        if not _LIST_GLUE.fullmatch(ctx.text, mention.end, end) and not (
            # "Medan, Deli Serdang dan Binjai adalah tiga daerah dengan IKM terbanyak,
            # masing-masing ...": the places, then what they are, then the numbers
            not listed and _PREDICATE_BEFORE_EACH.fullmatch(ctx.text, mention.end, end)
        ):
            break
        if not listed or listed[0].region.code != mention.region.code:
            listed.insert(0, mention)  # "Kutai Kartanegara (Kukar)" is one place
        end = mention.start
    return respectively, listed


def _each_place(ctx: _Context, index: int, q: Quantity) -> list[Region]:
    """ "Mamasa, Pasangkayu dan Mamuju Tengah masing-masing 20 peserta": one number for each of
    the places, when it is the only number after "masing-masing"."""
    respectively, listed = _listed_before_each(ctx, index, q)
    if len(listed) < 2 or not _EACH_BEFORE.fullmatch(ctx.text, respectively, q.start):
        return []
    if _has_number(ctx.text[q.end : ctx.sentences[index].end]):
        return []
    return [m.region for m in listed]


def _carried_region(drafts: Sequence[_Draft], index: int) -> Region | None:
    """After a sentence that split a figure by place ("35 peserta dari Kota Sorong dan 25 peserta
    dari Kabupaten Raja Ampat"), a later figure without a place of its own ("peserta menerima 40
    paket peralatan") is about all of them: their common province."""
    if not drafts or drafts[-1].sentence_index == index:
        return None
    last = drafts[-1].sentence_index
    regions = {d.figure.region.code: d.figure.region for d in drafts if d.sentence_index == last}
    if len(regions) < 2:
        return None
    provinces = {r.province_code or r.code for r in regions.values()}
    if len(provinces) != 1 or INDONESIA.code in regions:
        return None
    return load_gazetteer().by_code(next(iter(provinces)))


def _last_match(pattern: re.Pattern[str], text: str) -> int | None:
    """Where the last match of ``pattern`` in ``text`` ends, if any."""
    end = None
    for match in pattern.finditer(text):
        end = match.end()
    return end


def _part_with_share(drafts: Sequence[_Draft], index: int, ctx: _Context) -> Metric | None:
    """The metric of the last count in the paragraph (or the sentence just before), for a
    bare count written with its share."""
    for draft in reversed(drafts):
        if draft.sentence_index < index - 1 and not ctx.same_paragraph(draft.sentence_index, index):
            return None
        figure = draft.figure
        if _unit_family(figure.unit) == "count":
            return Metric(figure.metric, figure.unit, "", rule="count_with_share")
    return None


def _list_continuation(previous: Figure, q: Quantity, after: str, gap: str) -> Metric | None:
    """ "kepada 45 pelaku IKM di Kota Palu, 35 di Kabupaten Sigi": a bare number in a list;
    ``gap`` is the text between the figure before it and this number."""
    if _number_family(previous.unit) == _number_family(q.kind) and _LIST_ITEM_AFTER.match(after):
        # Amounts keep their own currency: "Rp297 miliar, ... US$ 2 juta".
        unit: Unit = "USD" if q.kind == "USD" else "IDR" if q.kind == "IDR" else previous.unit
        return Metric(previous.metric, unit, "", rule="list_continuation")
    if previous.metric == "output_quantity" and q.kind == "count" and _ITEM_GLUE.search(gap):
        # "bantuan meliputi 40 unit oven, 25 mixer dan 50 set loyang": each good is counted;
        # not "5 unit mesin high speed 1 jarum", a number inside the good's name.
        goods = _GOODS_ITEM_AFTER.match(after)
        if goods is not None and goods.group("word").lower() not in _NOT_GOODS:
            return Metric("output_quantity", "piece", goods.group().strip(), rule="goods_list")
    return None


def _national_only(metric: str, value: Decimal) -> bool:
    """Whether a value is too large for any one province (Jawa Barat, the largest, reports
    under two million IKM units and under five million IKM workers)."""
    limit = _NATIONAL_ONLY.get(metric)
    return limit is not None and value > limit


def _region_by_office(ctx: _Context, index: int) -> Region | None:
    """ "Tahun ini Pemkot mengalokasikan Rp 1,2 miliar": a bare government or office word points
    to the last region of its level named before ("Kota Malang", not "Kabupaten Malang")."""
    office = _BARE_OFFICE.search(ctx.sentences[index].text)
    if office is None:
        return None
    level = _OFFICE_LEVEL[office.group(1).lower().replace(" ", "")]
    for earlier in range(index - 1, -1, -1):
        for mention in reversed(ctx.mentions_in[earlier]):
            if mention.region.level == level:
                return mention.region
    return None


def _broken_down_next(ctx: _Context, index: int) -> Region | None:
    """The common province (else Indonesia) of the places the next sentence of the paragraph
    lists with numbers, when it lists two or more."""
    if index + 1 >= len(ctx.sentences) or not ctx.same_paragraph(index, index + 1):
        return None
    listed = [m for m in ctx.mentions_in[index + 1] if m.region.code != INDONESIA.code]
    if len({m.region.code for m in listed}) < 2:
        return None
    span = ctx.text[listed[0].end : listed[-1].end + 40]
    if not any(ch.isdigit() for ch in span):
        return None
    provinces = {m.region.province_code or m.region.code for m in listed}
    if len(provinces) == 1:
        return load_gazetteer().by_code(next(iter(provinces)))
    return INDONESIA


def _has_number(text: str) -> bool:
    return any(ch.isdigit() for ch in text) or bool(_NUMBER_WORD.search(text))


def _spanned_region(ctx: _Context, q: Quantity, after: Sequence[RegionMention]) -> Region | None:
    """A total over several regions named after it: their common province, else Indonesia.

    "32 IKM dari tiga daerah, yakni 14 IKM dari Kabupaten Jayapura, 9 IKM dari Kota Jayapura"
    (its parts follow) and "18 unit mesin untuk IKM di Kabupaten SBB dan Kepulauan Tanimbar"
    (one number for both) are totals; "45 IKM di Kota Palu, 35 di Kabupaten Sigi" is not.
    """
    regional = [m for m in after if m.region.code != INDONESIA.code]
    # "30 perajin di Kabupaten Tanah Datar, Sumatera Barat": the province only places the
    # kabupaten; it is not a second place
    regional = [
        m
        for m in regional
        if not any(
            _placed_in(local.region, m.region)
            and 0 <= m.start - local.end <= _PLACED_BY_REACH
            and not _has_number(ctx.text[local.end : m.start])
            for local in regional
        )
    ]
    if len({m.region.code for m in regional}) < 2:
        return None
    lead = ctx.text[q.end : regional[0].start]
    span = ctx.text[regional[0].end : regional[-1].start]
    # "dari tiga provinsi, yaitu Jawa Barat (60 IKM), Jawa Tengah (50 IKM) ..." lists its parts
    # after the regions; "14 IKM dari Kabupaten Jayapura, 9 IKM dari ..." before them.
    # "dua kelompok di Kabupaten Garut, empat kelompok di Kabupaten Ciamis": numbers
    # written as words split by place too
    parts_follow = _has_number(lead) or (bool(_ENUMERATION.search(lead)) and _has_number(span))
    one_number = not parts_follow and not _has_number(span)
    if not (parts_follow or (one_number and _LINKED_AFTER.search(lead))):
        return None
    provinces = {m.region.province_code for m in regional}
    if len(provinces) == 1:
        gazetteer = load_gazetteer()
        province = gazetteer.by_code(next(iter(provinces)) or "")
        if province is not None:
            return province
    return INDONESIA


def _placed_in(local: Region, province: Region) -> bool:
    """Whether ``province`` is the one ``local`` lies in, or lay in before the 2022 splits."""
    code = local.province_code
    return code is not None and province.code in (code, _FORMER_PROVINCE.get(code))


def _region_for(
    ctx: _Context,
    index: int,
    q: Quantity,
    previous: Figure | None,
    carried: Region | None = None,
) -> tuple[Region, str]:
    """The governing region, with the name of the rule that chose it: named before the number
    in its sentence, or right after it ("30 penjahit di Kota Kendari"), else the paragraph's,
    else named later in the sentence, else the article's focus."""
    sentence = ctx.sentences[index]
    inside = ctx.mentions_in[index]
    if inside:
        # "Cirebon merupakan sentra rotan terbesar di Indonesia dengan 1.060 unit usaha": the
        # country is the field of comparison, the figure is Cirebon's ("provinsi paling barat
        # Indonesia tersebut": the province of the sentence before).
        inside = [
            m
            for m in inside
            if m.region.code != INDONESIA.code
            or not _SUPERLATIVE_BEFORE.search(ctx.text[max(0, m.start - 30) : m.start])
        ]
    # "27 pameran dalam negeri", "produk dalam negeri": domestic, said of a thing, not the place
    # of a figure ("di dalam negeri" still places it)
    inside = [m for m in inside if ctx.text[m.start : m.start + 12].lower() != "dalam negeri"]
    before = [m for m in inside if m.end <= q.start]
    # "30 persen dari semua IKM di Provinsi Riau": the place of the whole a share is of
    # governs nothing; the share is of the place named before it (or in the sentence before).
    after = [
        m
        for m in inside
        if m.start >= q.end
        and not (
            q.kind == "percent"
            and _WHOLE_BEFORE.search(ctx.text, max(q.end, m.start - 60), m.start)
        )
        and not _CONTRAST.search(ctx.text, q.end, m.start)
    ]
    if after and _FROM_REGIONS_OF.fullmatch(ctx.text, q.end, after[0].start):
        # "dua ratus perajin dari 22 kabupaten/kota se-NTT": the province they come from,
        # whatever the venue named before.
        return after[0].region, "origin_of_places"
    window_end = min(sentence.end, q.end + 60)
    window = ctx.text[q.end : window_end].lower()
    everywhere = any(word in window for word in _EVERYWHERE_WORDS) and _FROM_EVERYWHERE.match(
        ctx.text, q.end, window_end
    )
    if everywhere and not _in_span(after, everywhere.end(), everywhere.end() + 25):
        # "telah diikuti 1.730 IKM dari berbagai daerah": from across the country, wherever the
        # event was held; "dari seluruh kabupaten di Bali" names its province.
        return INDONESIA, "from_everywhere"
    near_after = None
    by_local_place = False
    if after and after[0].start - q.end <= _NEAR_AFTER + _LOCAL_PLACE_REACH:
        # "30 penjahit di Kota Kendari": linked by a preposition, and no other number between;
        # "25 pelaku UKM di wilayah Pantai Utara (Pantura), Kabupaten Manokwari": by way of a
        # local place that the kabupaten then places
        between = ctx.text[q.end : after[0].start]
        by_local_place = bool(_LOCAL_PLACE_BETWEEN.search(between))
        linked = by_local_place or (
            after[0].start - q.end <= _NEAR_AFTER and bool(_LINKED_AFTER.search(between))
        )
        if linked and not any(ch.isdigit() for ch in between):
            near_after = after[0]
    spanned = _spanned_region(ctx, q, after)
    if spanned is not None and (
        not before or _ORIGIN_LEAD.search(ctx.text[q.end : after[0].start])
    ):
        # "workshop di Medan yang diikuti 80 pelaku IKM dari Kota Medan, Kabupaten Toba dan
        # Kabupaten Samosir": where they come from outweighs where they met.
        return spanned, "spanned_places"
    if (
        len(before) >= 2
        and _placed_in(before[-2].region, before[-1].region)
        and _APPOSITION.fullmatch(ctx.text, before[-2].end, before[-1].start)
    ):
        # "di Kota Ambon, Maluku, ... dengan 50 peserta": the province only places the city.
        before = before[:-1]
    if before:
        # In "45 IKM di Kota Palu, 35 di Kabupaten Sigi" the region before 35 belongs to 45.
        used = (
            previous is not None
            and previous.char_start >= sentence.start
            and previous.char_start < before[-1].start
        )
        if (
            near_after is not None
            and (
                used
                # "Kalbar memiliki 21 sentra, tujuh di antaranya sentra tenun di Kabupaten Sintang":
                # a place inside the province named before narrows it.
                or (
                    near_after.region.province_code == before[-1].region.code
                    and ("," not in ctx.text[q.end : near_after.start] or by_local_place)
                )
            )
        ):
            return near_after.region, "linked_after"
        return before[-1].region, "before"
    if after and all(m.region.code == INDONESIA.code for m in after):
        return INDONESIA, "national_word"  # "menumbuhkan 4.000 wirausaha baru secara nasional"
    if near_after is not None:
        return near_after.region, "linked_after"
    if not inside and (broken_down := _broken_down_next(ctx, index)) is not None:
        # "... bagi 35 IKM mainan anak. Peserta berasal dari Kabupaten Bogor sebanyak 20 IKM dan
        # Kota Surabaya sebanyak 15 IKM.": the next sentence splits the total by place.
        return broken_down, "broken_down_next"
    if previous is not None:
        return (carried, "carried") if carried else (previous.region, "previous_figure")
    if index > 0 and ctx.same_paragraph(index - 1, index):
        named = ctx.mentions_in[index - 1]
        if named:
            return named[0].region, "paragraph"
    if after:
        return after[0].region, "after"
    office = _region_by_office(ctx, index)
    return (office, "office_word") if office else (ctx.focus, "focus")


def _program_for(
    ctx: _Context, index: int, q: Quantity, metric: str, previous: Figure | None
) -> str | None:
    inside = ctx.programs_in[index]
    mention = _nearest(inside, q)
    if mention is not None:
        # "bimtek penumbuhan wirausaha baru bagi 150 warga": the training is what they attend.
        if (
            metric == "participants"
            and mention.code == "wub"
            and any(p.code == "bimtek" for p in inside)
        ):
            return "bimtek"
        return mention.code
    if metric not in PROGRAM_METRICS:
        return None
    if previous is not None and previous.program is not None:
        return previous.program
    return ctx.main_program


def _significant_digits(value: Decimal) -> int:
    digits = value.normalize().as_tuple().digits
    return len(digits)


def _number_family(unit_or_kind: str) -> str:
    """As ``_unit_family``, but amounts of money in any currency are one family."""
    return "money" if unit_or_kind in {"IDR", "USD"} else _unit_family(unit_or_kind)


def _unit_family(unit: str) -> str:
    return unit if unit in {"IDR", "USD", "percent"} else "count"


def _same_figure(a: _Draft, b: _Draft) -> bool:
    fa, fb = a.figure, b.figure
    if (
        a.sentence_index == b.sentence_index
        and fa.char_start != fb.char_start
        and a.in_headline == b.in_headline
        and "\n" not in fa.sentence
    ):
        return False  # "1 IKM sepatu, 1 IKM tas": two parts of one list, not one figure twice
    if a.in_headline != b.in_headline:
        # A headline restates a body figure in few words ("312 IKM Sandang NTB Kebanjiran
        # Order"), so its metric and region are guesses: the body's reading decides.
        if _unit_family(fa.unit) != _unit_family(fb.unit):
            return False
    elif fa.metric != fb.metric or (
        fa.region.code != fb.region.code and not _same_event_places(fa, fb)
    ):
        return False
    if fa.program and fb.program and fa.program != fb.program and a.in_headline == b.in_headline:
        return False
    largest = max(abs(fa.value), abs(fb.value))
    if largest == 0:
        return True
    gap = abs(fa.value - fb.value) / largest
    # Exactly the same number, or a headline's rounded form of a body figure ("Tembus Rp 1
    # Triliun" for Rp 1,06 triliun).
    if gap <= Decimal("0.001"):
        return True
    if a.in_headline == b.in_headline:
        return False
    headline, body = (fa, fb) if a.in_headline else (fb, fa)
    return gap <= Decimal("0.05") or _rounds_to(body.value, headline.value)


def _same_event_places(a: Figure, b: Figure) -> bool:
    """ "20 pelaku IKM di Muara Enim ... pelatihan yang diselenggarakan Provinsi Sumsel ... untuk
    20 pelaku IKM": an event's count told again beside the province that ran it is the same
    count, placed where it was first told."""
    if a.metric not in EVENT_METRICS:
        return False
    return _placed_in(a.region, b.region) or _placed_in(b.region, a.region)


def _rounds_to(value: Decimal, rounded: Decimal) -> bool:
    """Whether ``rounded`` is ``value`` rounded to the significant digits ``rounded`` shows."""
    if rounded == 0 or value == 0:
        return False
    digits = _significant_digits(rounded)
    shown = value.copy_abs().adjusted() - digits + 1
    step = Decimal(1).scaleb(shown)
    return abs(value - rounded) <= step / 2


def _merge(kept: _Draft, other: _Draft) -> _Draft:
    """One figure from two statements of it: the most precise value, the fullest context."""
    best, rest = kept, other
    if kept.in_headline != other.in_headline:
        if kept.in_headline:
            best, rest = other, kept
    elif _significant_digits(other.figure.value) > _significant_digits(kept.figure.value):
        best, rest = other, kept
    figure = replace(
        best.figure,
        # the first statement places the figure; told again beside the province that ran the
        # event, it stays where it was first placed
        region=kept.figure.region if kept.in_headline == other.in_headline else best.figure.region,
        period=best.figure.period or rest.figure.period,
        program=best.figure.program or rest.figure.program,
    )
    return _Draft(figure, best.sentence_index, best.in_headline and rest.in_headline)


def _deduplicate(drafts: Sequence[_Draft]) -> list[Figure]:
    merged: list[_Draft] = []
    for draft in drafts:
        for i, kept in enumerate(merged):
            if _same_figure(kept, draft):
                merged[i] = _merge(kept, draft)
                break
        else:
            merged.append(draft)
    return sorted((d.figure for d in merged), key=lambda f: f.char_start)


def _document_regions(
    all_mentions: Sequence[RegionMention],
    mentions: Sequence[RegionMention],
    figures: Sequence[Figure],
) -> tuple[Region, ...]:
    named = {m.region.code for m in mentions}
    regions: dict[str, Region] = {}
    national = any(f.region.code == INDONESIA.code for f in figures) or any(
        m.region.code == INDONESIA.code and "indonesia" in m.text.lower() for m in mentions
    )
    if national:
        regions[INDONESIA.code] = INDONESIA
    for mention in all_mentions:
        if mention.region.code == INDONESIA.code or mention.region.code not in named:
            continue
        regions.setdefault(mention.region.code, mention.region)
    for figure in figures:
        regions.setdefault(figure.region.code, figure.region)
    return tuple(regions.values())


def _without_idioms(text: str, mentions: Sequence[RegionMention]) -> list[RegionMention]:
    """Drop "dari Sabang sampai Merauke" (the whole country in a phrase, not two regions) and
    "Indonesia" inside a proper name ("Trade Expo Indonesia", "Bank Indonesia")."""
    mentions = [m for m in mentions if not _in_a_name(text, m)]
    if not mentions:
        return []
    kept: list[RegionMention] = []
    skip_next = False
    for this, following in zip(mentions, [*mentions[1:], None], strict=True):
        if skip_next:
            skip_next = False
            continue
        if (
            following is not None
            and this.text.lower() == "sabang"
            and following.text.lower() == "merauke"
            and _SPAN_WORD.fullmatch(text, this.end, following.start)
        ):
            skip_next = True
            continue
        kept.append(this)
    return kept


def _in_a_name(text: str, mention: RegionMention) -> bool:
    if _VENUE_AFTER.match(text, mention.end):
        return True  # "Jakarta Convention Center", "Jakarta International Handicraft Trade Fair"
    line_start = text.rfind("\n", 0, mention.start) + 1
    if _INSTITUTION_BEFORE.search(text, max(line_start, mention.start - 80), mention.start):
        return True  # institution_name: "Balai Diklat Industri Padang", "Kemenperin RI"
    if mention.region.code != INDONESIA.code or mention.text != "Indonesia":
        return False
    word = _WORD_BEFORE.search(text, max(0, mention.start - 30), mention.start)
    return word is not None and word.group(1) not in _COUNTRY_WORDS


def _looks_indonesian(text: str) -> bool:
    """One common Indonesian word in 25, judged on the opening of the text."""
    sample = text[:_LANGUAGE_SAMPLE]
    words = len(sample.split())
    if words < 20:
        return True
    needed = -(-words // 25)
    # Counting stops once there are enough, which is usually early.
    found = islice(_INDONESIAN_WORDS.finditer(sample), needed)
    return sum(1 for _ in found) >= needed


def extract_article(
    text: str,
    doc: str,
    *,
    title: str | None = None,
    published: str | None = None,
    read_on: date | None = None,
) -> ArticleFacts:
    """Extract the facts of one article.

    ``title`` and ``published`` come from the source's metadata where it has them; ``published``
    may be ISO ("2020-06-15") or as a page writes it ("Senin, 15 Juni 2020 10:00 WIB").
    ``read_on`` is the day the article was read (the caller's clock, not the library's): no
    publication date inferred from the text is after it, nor the event's date after the
    publication date (after ``read_on`` when there is none).
    """
    warnings: list[str] = []
    if len(text) > MAX_EXTRACT_CHARS:
        warnings.append(f"{doc}: text cut at {MAX_EXTRACT_CHARS:,} characters for extraction")
        text = text[:MAX_EXTRACT_CHARS]
    cleaned = clean_article(text)
    body = cleaned.text
    headline = title.strip() if title and title.strip() else cleaned.headline
    if title and title.strip() and title.strip().lower() not in body[: len(title) + 200].lower():
        body = f"{title.strip()}\n{body}"
    if not body.strip():
        warnings.append(f"{doc}: no article text")
    elif not _looks_indonesian(body):
        warnings.append(f"{doc}: text does not look Indonesian; few or no facts expected")

    day = infer_published(body, metadata=published, raw=text, read_on=read_on)
    gazetteer = load_gazetteer()
    all_mentions = _without_idioms(body, gazetteer.find_mentions(body))
    mentions = [m for m in all_mentions if not _is_locator(body, m)]
    programs = find_programs(body)
    sentences = split_sentences(body)
    periods = find_periods(body, day)
    sentences = sentences or [Sentence(0, len(body), body)]
    ctx = _Context(
        text=body,
        sentences=sentences,
        sentence_starts=[s.start for s in sentences],
        mentions_in=_by_sentence(mentions, sentences),
        periods_in=_by_sentence(periods, sentences),
        programs_in=_by_sentence(programs, sentences),
        focus=_focus_region(body, mentions),
        main_program=_main_program(programs),
        published=day,
        event_period=_event_period(body, sentences, periods, programs, day or read_on),
        latest_month=f"{latest:%Y-%m}" if (latest := day or read_on) else None,
    )
    first_break = body.find("\n")
    headline_end = first_break if headline and first_break > 0 else 0
    quantities = _split_year_to_year(body, find_quantities(body))
    figures = _deduplicate(_draft_figures(ctx, quantities, headline_end))
    return ArticleFacts(
        doc=doc,
        published=day.isoformat() if day else None,
        regions=_document_regions(all_mentions, mentions, figures),
        programs=tuple(dict.fromkeys(p.code for p in programs)),
        officials=tuple(find_officials(body)),
        figures=tuple(figures),
        headline=headline,
        clean_text=body,
        warnings=tuple(warnings),
    )
