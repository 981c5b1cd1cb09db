"""What a number in the text counts: the FACTS.md metric, from its unit word and its context.

The rules are a whitelist: a number becomes a figure only when a cue says what it counts
("6.779 unit usaha", "nilai investasi ... Rp297 miliar", "tumbuh 3,69 persen"). Anything else
(years, days, counts of provinces, stands, per-unit prices, changes) is left alone.

>>> from decimal import Decimal
>>> from ikm_facts.model import Quantity
>>> q = Quantity(0, 5, "6.779", Decimal(6779), "count")
>>> classify(q, before="IKM di Sulteng mencapai ", after=" unit usaha", in_program=False)
Metric(code='ikm_units', unit='unit', noun='unit usaha', negate=False)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ikm_facts.model import Quantity, Unit
from ikm_facts.vocabulary import vocabulary

# The metrics and programs are defined in the vocabulary (ikm_facts/data/vocabulary), not here.
_VOCABULARY = vocabulary()
# Programs whose figures count people or businesses taking part: every program.
PARTICIPATION_PROGRAMS = frozenset(p.code for p in _VOCABULARY.programs)
# Metrics that count what happened at an event; their period falls back to the article's year.
EVENT_METRICS = frozenset(m.code for m in _VOCABULARY.metrics if m.is_event)
# Metrics that belong to a program even when the sentence does not name one.
PROGRAM_METRICS = frozenset(m.code for m in _VOCABULARY.metrics if m.is_program)
METRIC_UNITS: dict[str, Unit] = {m.code: m.unit for m in _VOCABULARY.metrics}


@dataclass(frozen=True, slots=True)
class Metric:
    code: str
    unit: Unit
    noun: str  # the unit words after the number, for the mention ("unit usaha"); may be ""
    negate: bool = False  # a fall ("turun 2,5 persen") is a negative growth rate
    rule: str = ""  # which rule decided the metric, for tracing a figure back ("share_default")


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# The first word of a place's name, in a ranking of places ("diikuti oleh Jawa Barat").
_PLACE_WORD = (
    r"(?-i:Provinsi|Kabupaten|Kota|Kab\.|Jawa|Bali|Sumatera|Kalimantan|Sulawesi|Papua|Maluku|Nusa|"
    r"Aceh|Riau|Jambi|Bengkulu|Lampung|Banten|DKI|DIY|NTB|NTT|Gorontalo)"
)


_PEOPLE = (
    r"penjahit|perajin|pengrajin|pelaku(?:\s+(?:usaha|IKM|industri|UMKM|UKM|IMK))?|pengusaha|peternak|"
    r"petani|"
    r"nelayan|pemuda|perempuan|wanita|ibu(?:-ibu)?\s+rumah\s+tangga|santri|siswa|mahasiswa|"
    r"penyandang\s+disabilitas|warga|anggota|pekerja\s+migran|alumni|kelompok|komunitas|koperasi|"
    r"PKL|pedagang(?:\s+kaki\s+lima)?|"
    r"eksportir|produsen|"
    r"penenun|pembatik|pengukir|pemahat|pandai\s+besi|penganyam|pengolah|milenial|pelajar|"
    r"generasi\s+muda|mama-mama|bapak-bapak|kaum\s+(?:perempuan|muda)|difabel|wirausaha(?:wan)?"
    r"(?:\s+(?:pemula|muda))?|WUP"
)
_GOODS = (
    r"buah|helai|lembar|pcs|potong|paket|set|pasang|botol|bungkus|kemasan|masker|APD|hazmat|"
    r"face\s*shield|baju|pakaian|seragam|unit\s+(?:mesin|alat|peralatan|kendaraan|perahu|motor)|"
    r"mesin|alat|peralatan|perahu|kapal|sepatu|tas|kursi|meja|tenda|gerobak|roll|rol|gulung|"
    r"lusin|kodi|item(?!\s+(?:kegiatan|program|pekerjaan|anggaran))|biji"
)

# The words right after a count, tried in order; the first that matches decides.
_COUNT_NOUNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_rx(r"^\s*(?:orang\s+)?(?:tenaga\s+kerja|pekerja|karyawan|buruh)\b"), "ikm_workers"),
    # "sebanyak 5 penerima", "552 ribuan Keluarga Penerima Manfaat": those a program reaches
    (
        _rx(r"^\s*(?:orang\s+|keluarga\s+)?(?:peserta|penerima(?:\s+(?:manfaat|bantuan))?)\b"),
        "participants",
    ),
    (
        # "151 pelaku industri baru", "250 IUMK": new businesses, or newly licensed ones
        _rx(
            # "300 wirausaha industri kecil (IKM) baru"
            r"^\s*(?:orang\s+)?(?:wira\s*usaha(?:wan)?\s+(?:[\w()]+\s+){0,6}?baru|"
            r"(?:pelaku\s+(?:usaha|industri|IKM)|IKM|"
            r"unit\s+usaha|usaha)\s+(?:industri\s+)?baru|WUB|IUMK|izin\s+usaha(?:\s+mikro"
            r"(?:\s+(?:dan\s+)?kecil)?)?|perizinan)\b"
        ),
        "new_entrepreneurs",
    ),
    (_rx(r"^\s*sentra\b"), "sentra_count"),
    # "realisasi 132 Sertifikat": certificates issued, one per business certified
    (_rx(r"^\s*(?:sertifikat|sertifikasi)\b"), "participants"),
    # "tersedia 14.000 kuota sertifikasi halal", "96 kuota bagi IKM": the places a program
    # offers, one business each
    (_rx(r"^\s*kuota\b"), "participants"),
    (_rx(rf"^\s*(?:orang\s+)?(?:{_PEOPLE})\b"), "people"),
    (
        _rx(
            r"^\s*(?:unit\s+usaha|unit\s+IKM|IKM|industri\s+kecil(?:\s+(?:dan\s+)?menengah)?|IMK|"
            r"industri\s+(?:menengah|mikro|rumah\s*tangga|rumahan)|"
            r"perusahaan|usaha\s+industri|unit\s+industri|UMKM|UKM|jenis\s+usaha|"
            r"(?:sektor\s+)?(?:UMK|UMB|usaha\s+menengah\s+besar)|"
            r"usaha(?:\s+(?:kecil|mikro|IMK|IKM))?)\b"
        ),
        "businesses",
    ),
    (_rx(rf"^\s*(?:{_GOODS})\b"), "output_quantity"),
    # "jumlah industri ... terdiri dari industri besar berjumlah 11 industri": firms, where the
    # sentence counts firms; "lima industri dengan kenaikan tertinggi" counts sectors
    (_rx(r"^\s*industri\b"), "bare_industry"),
    (_rx(r"^\s*unit\b"), "bare_unit"),
    (_rx(r"^\s*orang\b"), "bare_people"),
)

# A bare count with the program's verb after it: "960 yang kita latih", "120 yang telah dibina".
_TRAINED_AFTER = _rx(
    r"^\s*yang\s+(?:telah\s+|sudah\s+|akan\s+)?(?:(?:kita|kami)\s+)?"
    r"(?:latih|dilatih|bina|dibina|fasilitasi|difasilitasi|dampingi|didampingi)\b"
)
# A training verb just before the count: "berhasil melatih 6.258 WUB".
_TRAINED_BEFORE = _rx(
    r"\b(?:melatih|dilatih|pelatihan(?:\s+(?:bagi|kepada|untuk))?|membimbing)\s+"
    r"(?:(?:sebanyak|sekitar|kurang\s+lebih|lebih\s+dari)\s+)?$"
)
# "4.000 IKM baru bergabung": businesses new to a program, not new businesses.
_NEW_MEMBERS = _rx(r"(?:IKM|unit\s+usaha|usaha|pelaku)\b")
_JOIN_AFTER = _rx(r"^\s*(?:[\w()/-]+\s+){0,3}?(?:bergabung|mengikuti|ikut|terdaftar|masuk)\b")
_COUNT_OF_FIRMS = _rx(r"\bjumlah\s+(?:industri|IKM|IMK|perusahaan|unit\s+usaha)\b")
_ENTREPRENEURS = _rx(r"(?:orang\s+)?wira\s*usaha(?:wan)?\b(?!\s+(?:pemula|muda))")
_PART_OF_BEFORE = _rx(r"\bdari\s+(?:jumlah|total)\s+(?:tersebut|itu|ini)\W*$")
_COUNT_METRICS = frozenset(
    {"ikm_units", "ikm_workers", "participants", "new_entrepreneurs", "sentra_count"}
)
_COPULA = _rx(r"^\s*(?:di\s*antaranya\s+)?(?:merupakan|adalah)\b")

# Cues before a count (in the same clause) when no noun follows it.
_BEFORE_COUNT: tuple[tuple[re.Pattern[str], str], ...] = (
    (_rx(r"(?:tenaga\s+kerja|pekerja|karyawan)\b[^.;]{0,40}$"), "ikm_workers"),
    # "di ikuti", "di latih": the passive prefix written apart, a common slip
    (_rx(r"(?:peserta|di\s?ikuti(?:\s+oleh)?|di\s?latih)\b[^.;]{0,30}$"), "participants"),
    (_rx(r"(?:wira\s*usaha\s+baru|WUB)\b[^.;]{0,30}$"), "new_entrepreneurs"),
    (_rx(r"\bsentra\b[^.;]{0,30}$"), "sentra_count"),
    (
        _rx(
            # a thousands dot inside an earlier number does not end the clause
            # "jumlah usaha/perusahaan sebanyak 77.815"
            r"(?:jumlah|populasi|banyaknya)\s+(?:unit\s+usaha|pelaku\s+(?:usaha|IKM|industri)|IKM|"
            r"IMK|UMKM|UKM|industri|usaha(?:\s*/\s*perusahaan)?|perusahaan)\b"
            r"(?:[^.;]|(?<=\d)\.(?=\d)){0,80}$"
        ),
        "ikm_units",
    ),
    (
        # "industri kecil sebanyak 40.510 dan tenaga kerja berjumlah 143.572"
        _rx(
            # not "jumlah sentra IKM mencapai 10.514", a count of sentra
            r"\b(?<!sentra\s)(?:IKM|unit\s+usaha|industri\s+(?:kecil|menengah|mikro))\s+(?:\w+\s+){0,3}"
            r"(?:sebanyak|mencapai|berjumlah)\s*$"
        ),
        "ikm_units",
    ),
)

# What may follow a number whose noun came before it ("peserta sebanyak 150 dari ...").
_NO_NOUN_AFTER = _rx(
    r"^\s*(?:[^\w\s]|$|(?:dari|di|yang|dan|pada|untuk|hingga|sampai|atau|ke|dengan|se|"
    r"tersebut|itu|ini|saja|lebih|selama|sejak|pada|terdiri|meliputi|tersebar|yakni|yaitu|"
    r"antara|diantaranya|sedangkan|sementara|serta|meningkat|menurun|naik|turun|bertambah|"
    r"berkurang|menjadi|tumbuh|merupakan|adalah|tercatat|terdata|termasuk)\b|tahun\s+\d{4}\b)"
)

# A participation cue just before a count of businesses: "kepada 10 IKM", "diikuti 30 IKM".
_PARTICIPATION_CUE = _rx(
    rf"\b(?:kepada|di\s?ikuti(?!\s+(?:oleh\s+)?{_PLACE_WORD})(?:\s+oleh)?|di\s?hadiri(?:\s+oleh)?|melibatkan|mengikutsertakan|menggandeng|memfasilitasi|"
    r"memberikan\s+\w+\s+kepada|bagi|di\s?latih|melatih|peserta|mendampingi|membimbing|"
    r"mengirim(?:kan)?|jatah|kuota|memanfaatkan|menerima|terima|penerima|difasilitasi|fasilitasi|"
    r"membantu|dibantu|pemberdayaan|memberdayakan|merekrut|menjangkau|"
    # "bantuan kemasan produk ke 20 IKM", "menyalurkan bantuan modal kerja untuk 2.000 UMKM"
    r"bantuan|"
    r"menyasar|sasaran|diusulkan|mengusulkan|menyertakan|disertakan|ikut|ikut\s+serta|bergabung|"
    r"terdaftar|mendaftar|pendaftar|onboarding|"
    r"(?:diterima|dikerjakan|diproduksi|dibuat|dijahit|digarap)(?:\s+oleh)?)\b"
    r"[^.;]{0,40}$"
)
# "jumlah IKM ... mencapai", "tercatat 6.779 unit usaha": what exists, not who took part.
_STOCK_CUE = _rx(
    r"\b(?:jumlah(?:nya)?|populasi|tercatat|terdata|terdapat|ada|memiliki|mempunyai|sebaran|data|"
    r"dari\s+total)\b"
    r"[^.;]{0,40}$"
)
_IKM_CUE = _rx(r"\b(?:IKM|UMKM|UKM|IMK|unit\s+usaha|industri|usaha\s+(?:mikro|kecil|menengah))\b")
_GOODS_CUE = _rx(rf"\s*\b(?:{_GOODS})\b")
# The same words anywhere in a text; without the leading spaces a search skips faster.
_GOODS_WORD = _rx(rf"\b(?:{_GOODS})\b")
# Aid handed over, just before a bare "unit": "bantuan meliputi 40 unit oven".
_AID_CUE = _rx(
    r"\b(?:bantuan|hibah|menyerahkan|diserahkan|menyalurkan|disalurkan|penyerahan|penyaluran|"
    r"pengadaan|berupa|meliputi)\b[^.;]{0,40}$"
)
_PARTICIPANTS_IN_SENTENCE = _rx(
    # "Diikuti oleh Jawa Barat dengan 625.943 usaha" ranks places: "followed by", not "attended".
    rf"\b(?:peserta|di\s?ikuti(?!\s+(?:oleh\s+)?{_PLACE_WORD})|di\s?latih|mengikuti|berasal\s+dari|"
    r"penerima|penerimanya)\b"
)
# "312 IKM dilibatkan", "47 IKM Jatim Terima ...", "1.000 IKM mengikuti kurasi": taking part.
_PARTICIPATION_AFTER = _rx(
    # "179 pelaku UMKM dengan total bantuan Rp935 juta": the aid they receive
    r"^\s*(?:dengan\s+(?:total\s+|nilai\s+)?(?:bantuan|hibah)\b|"
    r"(?:[\w()/-]+\s+){0,6}?(?:dilibatkan|mengikuti|ikut|terlibat|menerima|terima|mendapat|"
    r"diberi|diberikan|disalurkan|dibantu|difasilitasi|"
    # selected, verified or certified by a program, or using what it offers: "107 IKM di
    # Kecamatan Turen sudah kami serahkan ketetapan halal", "200 IKM yang terverifikasi"
    r"diseleksi|terseleksi|diverifikasi|terverifikasi|disertifikasi|tersertifikasi|"
    r"memanfaatkan|(?:kami|kita)\s+serahkan|diserahi|"
    r"mendapatkan|dibina|dilatih|lolos|terpilih|(?:ber)?gabung|berpartisipasi|tergabung|"
    # "478 IKM pendaftar", "30 IKM peserta"
    r"pendaftar|peserta|"
    r"dikurasi|didampingi|memperoleh|(?:tercatat\s+)?sebagai\s+(?:penerima|peserta)|"
    r"terdaftar\s+(?:sebagai|di|dalam))\b)"
)
# "menargetkan 20 IKM menjadi startup", "ditargetkan akan mencapai 10 ribu pelaku IKM": the
# businesses a program means to reach (the gold has 37 such targets as participants, 1 as units).
_TARGET_REACH = _rx(
    r"\b(?:menargetkan|ditargetkan|targetkan|target(?:nya)?)\b(?![^.;]*\bjumlah\b)[^.;]{0,40}$"
)
# "jumlah pelaku UMKM yang mendapatkan sertifikasi halal ... sebanyak 50 usaha": the noun's
# relative clause says they took part, whatever stock word follows.
_TAKING_PART_CLAUSE = _rx(
    r"\byang\s+(?:telah\s+|sudah\s+|akan\s+)?(?:mendapat(?:kan)?|menerima|mengikuti|ikut|"
    # not "dibina": "IKM yang dibina di Jakarta ada 4.815 IKM" counts the IKM a office looks after
    r"dilatih|difasilitasi|memperoleh)\b[^.;]{0,80}$"
)
_COUNT_OPENS = _rx(r"(?:^|[,.]\s*|\b(?:kali\s+ini|tahun\s+ini)\s*,?\s*)sebanyak\s*$")
_JOINS_LATER = _rx(
    r"^[^.;]{0,120}?\b(?:mengikuti|ikut\s+serta|berpartisipasi|menerima|mendapat(?:kan)?)\b"
)
_WORKER_CUE = _rx(
    r"\b(?:tenaga\s+kerja|pekerja|karyawan|menyerap|mempekerjakan|dipekerjakan|menaungi|"
    r"menampung|memberdayakan)\b[^.;]{0,40}$"
    # "Serapan tenaga kerja ... meningkat tiga persen ... atau mencapai 30.664 orang"
    r"|\b(?:serapan|penyerapan)\s+tenaga\s+kerja\b(?:[^.;]|(?<=\d)\.(?=\d)){0,120}$"
    # "3.870 unit usaha dengan 9.450 perajin": the people of the businesses just counted.
    r"|\b(?:unit\s+usaha|unit|IKM|usaha)\s+(?:dengan|dan)\s*$"
)
# "300 penenun bekerja di sentra tersebut".
# Groups and firms counted as such ("45 kelompok", "120 eksportir"): never workers.
_GROUP_WORDS = "kelompok|komunitas|koperasi|eksportir|produsen"
_BUSINESS_PEOPLE = _rx(
    rf"(?:orang\s+)?(?:pelaku(?:\s+(?:usaha|IKM|industri|UMKM|UKM|IMK))?|pengusaha|{_GROUP_WORDS})\b"
)
_CRAFT_PEOPLE = _rx(
    r"(?:orang\s+)?(?:perajin|pengrajin|penenun|pembatik|pengukir|pemahat|penganyam|penjahit)\b"
)
_COUNT_OF_BEFORE = _rx(
    r"\bjumlah\s+(?:perajin|pengrajin|penenun|pembatik|penjahit)\b(?:[^.;]|(?<=\d)\.(?=\d)){0,60}$"
)
# Business people who may also be mere people ("pengusaha", "pelaku"): a count of businesses
# only where a stock cue says so; "pelaku UMKM", "eksportir" are businesses whatever the verb.
_PEOPLE_ONLY = _rx(
    r"(?:orang\s+)?(?:pengusaha|pelaku|kelompok|komunitas)\b(?!\s+(?:usaha|IKM|UMKM|UKM|IMK|industri))"
)
_GROUP_NOUN = _rx(rf"(?:{_GROUP_WORDS})\b")
# Groups a program reaches ("9 kelompok usaha", "lima kelompok IKM"): FACTS.md counts them as
# participants.
# "delapan kelompok industri manufaktur": sectors of a statistic, not groups of people.
_PROGRAM_GROUP = _rx(
    r"(?:orang\s+)?(?:kelompok|komunitas)\b(?!\s+(?:industri|komoditas|sektor|produk|barang)\b)"
)
_WORK_AFTER = _rx(r"^\s*(?:[\w()-]+\s+){0,2}?(?:bekerja|dipekerjakan|terserap|menggantungkan)\b")
_WUB_WORD = _rx(r"\b(?:wira\s*usaha(?:wan)?\s+(?:industri\s+)?baru|WUB)\b")
_PARTICIPANT_WORD = _rx(r"\bpeserta\b")
# "60 orang benar-benar tumbuh menjadi wirausaha baru".
_BECOMES_WUB_AFTER = _rx(
    r"^[^.;]{0,40}?\b(?:menjadi|sebagai)\s+wira\s*usaha(?:wan)?\s+(?:industri\s+)?baru"
)

# Money: the nearest cue before the amount decides.
_MONEY_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (_rx(r"\b(?:investasi|penanaman\s+modal|PMA|PMDN)"), "investment_value"),
    (
        _rx(
            # "peralatan produksi", "mesin produksi": tools, not the value of what they make.
            r"\b(?:(?<!mesin\s)(?<!alat\s)(?<!peralatan\s)(?<!sarana\s)(?<!fasilitas\s)(?<!rumah\s)"
            r"(?<!bahan\s)produksi(?:nya)?|output|omzet(?:nya)?|omset(?:nya)?|penjualan(?:nya)?|"
            r"transaksi|pendapatan|perputaran\s+uang|nilai\s+tambah|volume\s+usaha|raup|meraup|"
            r"membukukan|mengantongi)"
        ),
        "production_value",
    ),
    (_rx(r"\b(?:ekspor(?:nya)?|export|mengekspor)"), "export_value"),
    (
        _rx(
            r"\b(?:anggaran(?:nya)?|dana(?:nya)?|bantuan|modal|DAK|hibah|alokasi|dialokasikan|"
            r"pagu|APBN|APBD|kredit|KUR|pembiayaan|insentif|stimulus|subsidi|disalurkan|"
            r"menyalurkan|menggelontorkan|mengucurkan|dikucurkan|dicairkan|pencairan|penggantian|"
            r"reimbursement|reimburse|"
            r"nilai\s+bantuan|diterima|menerima|mendapat(?:kan)?|memperoleh|pembangunan)"
        ),
        "budget",
    ),
    # "UMK" (the minimum wage) is a word of its own, not the start of "UMKM"
    (_rx(r"\b(?:harga|seharga|tarif|biaya|kerugian|rugi|gaji|upah|UMK|UMP|utang|pajak)\b"), "skip"),
)

# Words of a fall, and of a change either way; each may take "-nya" ("turunnya produksi").
_FALL_WORDS = (
    "turun|penurunan|menurun|kontraksi|terkontraksi|berkurang|pengurangan|anjlok|merosot|"
    "kemerosotan|menyusut|penyusutan|terkoreksi|terpangkas"
)
_RISE_WORDS = (
    "tumbuh|pertumbuhan|bertumbuh|naik|kenaikan|meningkat|peningkatan|melambat|perlambatan|"
    "melonjak|lonjakan|melesat|meroket|bertambah|penambahan"
)
_GROWTH_CUE = _rx(
    rf"\b(?:(?:{_RISE_WORDS}|{_FALL_WORDS})(?:nya)?|growth|y-?o-?y|y-on-y|q-?to-?q|laju|minus)\b"
)
_FALL_CUE = _rx(rf"\b(?:negatif|(?:{_FALL_WORDS})(?:nya)?|minus)\b")
_SHARE_CUE = _rx(
    r"\b(?:kontribusi(?:nya)?|berkontribusi|menyumbang(?:kan)?|sumbangan|pangsa|porsi|proporsi|"
    r"persentase|mendominasi|setara|dari\s+total|dari\s+seluruh)\b"
)
# "dari 2017 senilai Rp 500 juta sampai Rp 2 miliar": amounts from a year on, not a range
SINCE_YEAR = _rx(r"\b(?:sejak|dari|mulai|pada)\s+(?:tahun\s+)?(?:19|20)\d\d\b")
_AVERAGE_BEFORE = _rx(r"\brata-rata\b[^.;\d]{0,30}$")
_POINTS_AFTER = _rx(r"^\s*(?:poin|point|basis\s+poin)\b")
# Rates of prices, taxes and loans: per-unit values (FACTS.md), not parts of a whole.
_PRICE_RATE = _rx(
    r"\b(?:potongan(?:\s+harga)?|diskon|rabat|cashback|inflasi|deflasi|(?:suku\s+)?bunga|pajak|PPN|"
    r"PPh|tarif|bea(?:\s+masuk)?|uang\s+muka|penggantian|reimburse(?:ment)?|margin)\b"
)
_PRICE_RATE_KEYS = (
    "potong", "diskon", "rabat", "cashback", "flasi", "bunga", "pajak", "ppn", "pph", "tarif",
    "bea", "uang muka", "pengganti", "reimburse", "margin",
)  # fmt: skip
_SHARE_AFTER = _rx(
    r"^\s*(?:persen|%)?\s*(?:di\s*antaranya\b|(?:dari|terhadap)\s+(?:total|seluruh|jumlah|PDB|sektor|populasi|"
    r"keseluruhan|nilai|produk\s+domestik)|(?:dari\s+)?(?:IKM|pelaku\s+(?:usaha|IKM)|unit\s+usaha|"
    r"perajin|UMKM|industri\s+kecil)\b)"
)

# A change stated as an amount ("bertambah 1.458 tenaga kerja") is not a figure; a new level is
# ("meningkat menjadi 6.779 unit").
_CHANGE_BEFORE = _rx(
    # "mengalami pertumbuhan sebanyak 94 perusahaan"; not "pertumbuhan WUB IKM sebesar 1.077
    # unit usaha", the new businesses grown
    r"\bpertumbuhan\s+(?:sebanyak|sebesar)\s*$|"
    r"\b(?:bertambah|(?<!nilai\s)tambah|berkurang|naik|turun|meningkat|menurun|tumbuh|"
    r"kenaikan|penambahan|"
    # "naik dari 9 juta menjadi 12 juta": "dari" names the old level, a figure of its own
    r"peningkatan|penurunan|tambahan|selisih)\s+(?!menjadi|mencapai|dari)(?:\w+\s+){0,2}"
    r"(?:sebanyak|sebesar|sekitar)?\s*$"
)
# Words each costly pattern needs, for _has_any; word stems, as prefixes change their first
# letters ("tambah" -> "penambahan", "turun" -> "menurun").
_CHANGE_KEYS = ("ambah", "kurang", "naik", "urun", "ningkat", "tumbuh", "selisih")
_PER_UNIT_BEFORE_KEYS: tuple[str, ...] = ("masing", "setiap", "tiap", "per", "sebulan", "seminggu")
_PER_UNIT_BEFORE_KEYS += ("sepekan", "sehari")
_PER_UNIT_AFTER_KEYS = ("per", "setiap", "tiap", "/")
_SAMPLE_KEYS = ("sampel", "responden", "terpilih")
_PARTICIPATION_KEYS = (
    "kepada", "ikut", "libat", "gandeng", "fasilitas", "beri", "bagi", "latih", "peserta",
    "damping", "bimbing", "irim", "jatah", "kuota", "manfaat", "erima", "kerja", "produksi",
    "buat", "jahit", "garap", "bantu", "daya", "rekrut", "jangkau", "sasar", "usul",
    "serta", "gabung", "daftar", "onboard", "hadir",
)  # fmt: skip
# "menargetkan tambahan 4.000 IKM bergabung": a goal, not a change that happened.
_GOAL_OF_MORE = _rx(
    # "menargetkan ada penambahan 12.000 wirausaha baru"
    r"\b(?:menargetkan|ditargetkan|target(?:nya)?)\s+(?:\w+\s+)?(?:tambahan|penambahan)\s*$"
)
# A per-unit rate or price ("1.000 masker untuk setiap penjahit", "Rp8 juta per produk"). A
# yearly amount ("omzet Rp12 triliun per tahun") is the year's figure, so it stays.
_PER_UNIT_AFTER = _rx(
    # "per Desember 2024", "per 31 Maret": as of a date, not a rate.
    r"^[^.;,]{0,30}?(?:\bper\b(?!\s*(?:tahun|\d|akhir|awal|tanggal|tgl|hari\s+ini|januari|"
    r"februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember))|"
    # (not "UMKM/IKM", "usaha/perusahaan": one noun written two ways)
    r"\b(?:setiap|tiap)\b(?!\s*tahun)|(?<!UMKM)(?<!IKM)(?<!UKM)(?<!usaha)/\s*(?:orang|unit|"
    r"bulan|hari|kg|produk|paket|IKM|peserta|kelompok|pcs|buah))"
)
# "sampel ... sebanyak 4.160 usaha" sizes a survey; "sampel ini mewakili populasi IMK yang
# jumlahnya 800 ribu usaha" states the population.
# The sample of a survey and its spread over places ("sampel survei IMK provinsi ini, pada
# triwulan I, berjumlah 800 usaha"; "sampel itu tersebar di Kota Bima 40 usaha, ..."):
# anywhere earlier in the sentence, a thousands dot included.
_SAMPLE_BEFORE = _rx(
    r"\b(?:sampel|responden)\b(?![^.;]*\bpopulasi)(?:[^.;]|(?<=\d)\.(?=\d)){0,300}$"
    r"|\bterpilih\s+sebanyak\s*$"
)
# "Dua dari lima tenaga kerja": the whole of a fraction.
_FRACTION_BEFORE = _rx(
    r"\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)\s+dari\s+$"
)
# "yang mengalami kenaikan lebih dari 10 persen adalah industri kertas": a threshold that names
# a group, not a figure.
_THRESHOLD_AFTER = _rx(r"^\s*(?:adalah|yaitu|yakni|ialah|antara\s+lain|di\s*antaranya)\b")
# "Setiap kecamatan mengadakan pelatihan ... dengan jumlah 80 pelaku usaha": per place.
_EACH_OPENING = _rx(r"^\W*(?:untuk\s+|bagi\s+)?(?:setiap|tiap|masing-masing)\b")
# "Rp 5 juta masing-masing": each one's amount. After a count ("10 IKM masing-masing menerima")
# it says nothing against the count.
_EACH_AFTER = _rx(r"^[^.;,]{0,30}?\bmasing-masing\b")
# FACTS.md: visitors and buyers are not counted ("jumlah pengunjung yang diperkirakan mencapai
# lebih dari 70.000 orang"); the number stays in the visitors' clause, a thousands dot included.
_VISITORS_BEFORE = _rx(
    r"\b(?:pengunjung|wisatawan|penonton|pembeli|buyer)(?:nya)?\b(?:[^.;,]|(?<=\d)\.(?=\d)){0,70}$"
)
# Packages of activities, not of goods: "6 paket kegiatan", "2 paket pelatihan".
_ACTIVITY_PACKAGES_AFTER = _rx(
    r"^\s*paket\s+(?:kegiatan|pelatihan|pekerjaan|program|lelang|pengadaan|tender)\b"
)
# Groups of industry in a statistics release are sectors, not groups of people: "empat
# kelompok industri lainnya mengalami penurunan"; yet "empat kelompok Industri Kecil Menengah
# (IKM)" are groups of businesses.
_SECTORS_AFTER = _rx(
    r"^\s*(?:kelompok|golongan|subsektor|sub\s+sektor|cabang)\s+industri\b"
    r"(?!\s+kecil(?:\s+(?:dan\s+)?menengah)?\b)"
)
# A list's item just before: "..., satu UMKM dari Maluku Tengah"
_ITEM_BEFORE = _rx(r"(?:,|\b(?:dan|serta|yakni|yaitu))\s*$")
# "Harga satu unit mesin jahit sekitar Rp 4,5 juta": the price of one item.
_UNIT_PRICE_BEFORE = _rx(r"\bharga\s+(?:satu|sebuah|per|setiap|tiap|rata-rata)\b[^.;]{0,50}$")
_CONVERTED_BEFORE = _rx(
    r"(?:(?:US\$|USD|Rp\.?|IDR)\s?[\d.,]+\s*(?:ribu|juta|miliar|milyar|triliun|[MT])?|"
    # "776 juta dolar AS atau sekitar Rp 10,6 triliun": the dollars written after the number
    r"[\d.,]+\s*(?:ribu|juta|miliar|milyar|triliun)?\s*(?:dolar|dollar|USD)(?:\s+(?:AS|Amerika"
    r"(?:\s+Serikat)?))?)\s*\)?\s*"
    r"(?:atau|atu|setara(?:\s+dengan)?|\()\s*(?:sekitar|kurang\s+lebih|setara(?:\s+dengan)?|senilai)?"
    r"\s*$"
)
_MONEY_RANGE_AFTER = _rx(r"^\s*(?:hingga|sampai(?:\s+dengan)?|s\.?d\.?|-|–)\s*(?:Rp|US\$|USD)")
_PER_UNIT_BEFORE = _rx(
    # "Dulu sebulan bisa kirim 40 lembar": a rate per month, week or day.
    r"\b(?:sebulan|seminggu|sepekan|sehari)\b[^.;,]{0,30}$|"
    r"\b(?:masing-masing|setiap|tiap|per)\s+(?:[^\W\d]+\s+){0,4}(?:sebesar|senilai|sebanyak|sekitar)?"
    r"\s*$"
)
# "Kabupaten Manokwari dan Kabupaten Fakfak, masing-masing 54 IKM dan 31 IKM": "respectively"
# before a count, not "each".
_RESPECTIVELY_BEFORE = _rx(
    r"\bmasing-masing\s*(?:(?:sebanyak|sebesar|mencapai|berjumlah|yaitu|yakni|ada|memiliki|mendapat(?:kan)?|menerima)\s*)?$"
)


def _count_metric(
    q: Quantity,
    before: str,
    after: str,
    *,
    in_program: bool,
    previous: str | None,
    program_before: bool = False,
) -> Metric | None:
    copula = _COPULA.match(after)
    if copula is not None:
        after = after[copula.end() :]  # "Dari jumlah itu, 18.200 merupakan IKM tenun"
    for pattern, kind in _COUNT_NOUNS:
        match = pattern.match(after)
        if match is None:
            continue
        noun = match.group().strip()
        rest = after[match.end() :]
        if kind == "new_entrepreneurs" and _NEW_MEMBERS.match(noun) and _JOIN_AFTER.match(rest):
            # "4.000 IKM baru bergabung": new to a program, taking part in it
            return Metric("participants", "person", noun, rule="new_taking_part")
        if kind == "new_entrepreneurs" and _TRAINED_BEFORE.search(before[-40:]):
            # "Ditjen IKMA telah melatih 12.700 WUB": the trainees of the program, not yet
            # businesses it grew
            return Metric("participants", "person", noun, rule="trained_new")
        if kind in METRIC_UNITS:
            return Metric(kind, METRIC_UNITS[kind], noun, rule="count_noun")
        if kind == "businesses":
            if _WUB_WORD.search(before[-60:]) and not _PARTICIPANT_WORD.search(before[-60:]):
                # "pertumbuhan WUB tahun ini 640 unit usaha": new businesses grown
                return Metric("new_entrepreneurs", "person", noun, rule="new_businesses")
            if _TARGET_REACH.search(before[-80:]):
                return Metric("participants", "person", noun, rule="target_reach")
            if _TAKING_PART_CLAUSE.search(before):
                return Metric("participants", "person", noun, rule="taking_part_clause")
            if _takes_part(before, rest, in_program=in_program, previous=previous):
                return Metric("participants", "person", noun, rule="businesses_taking_part")
            return Metric("ikm_units", "unit", noun, rule="businesses")
        if kind == "bare_unit":
            return _units_from_context(before, rest, noun, previous)
        if kind == "bare_industry":
            if _COUNT_OF_FIRMS.search(before) or previous == "ikm_units":
                return Metric("ikm_units", "unit", noun, rule="firms_counted")
            return None
        # People just after a sentence that names their program take part in it; businesses
        # counted so are more often the place's stock ("Kemenperin mencatat ... 6.779 unit usaha")
        return _people_from_context(
            before, rest, noun, in_program=in_program or program_before, previous=previous
        )
    if not _NO_NOUN_AFTER.match(after):
        return None  # "empat kabupaten", "dua jenis pelatihan": it counts something else
    if _TRAINED_AFTER.match(after):
        # "dari 960 yang kita latih, 70 di antaranya ...": those the program trained
        return Metric("participants", "person", "", rule="trained_clause")
    if previous in _COUNT_METRICS and _PART_OF_BEFORE.search(before):
        # "43 IKM rendang ... Dari jumlah tersebut, 23 diantaranya": a part of that count
        return Metric(previous, METRIC_UNITS[previous], "", rule="part_of_previous")
    # The noun nearest the number decides: in "215 unit 4.565 tenaga kerja dan industri kecil
    # sebanyak 40.510" it is the industries, not the workers before them.
    nearest: tuple[int, str] | None = None
    for pattern, code in _BEFORE_COUNT:
        found = _last_of(pattern).match(before)
        if found is not None and (nearest is None or found.start(1) > nearest[0]):
            nearest = (found.start(1), code)
    if nearest is not None:
        return Metric(nearest[1], METRIC_UNITS[nearest[1]], "", rule="noun_before")
    return None


def _takes_part(before: str, rest: str, *, in_program: bool, previous: str | None) -> bool:
    """Whether counted businesses or people take part in a program ("kepada 10 IKM")."""
    return bool(
        (_has_any(before, _PARTICIPATION_KEYS) and _PARTICIPATION_CUE.search(before))
        or _PARTICIPANTS_IN_SENTENCE.search(before)
        or _PARTICIPATION_AFTER.match(rest)
        # "Sebanyak 60 pelaku IKM dari Kota Banda Aceh, ... dan Kabupaten Pidie mengikuti kelas":
        # the count opens the clause and its verb comes after the list of places.
        or (_COUNT_OPENS.search(before) is not None and _JOINS_LATER.match(rest) is not None)
        or previous == "participants"
        or (in_program and not _STOCK_CUE.search(before))
    )


def _units_from_context(before: str, rest: str, noun: str, previous: str | None) -> Metric | None:
    """A bare "unit": machines handed over, or business units ("6.779 unit")."""
    if _WUB_WORD.search(before[-60:]) and not _PARTICIPANT_WORD.search(before[-60:]):
        # "penumbuhan wirausaha baru sebanyak 5.000 unit"
        return Metric("new_entrepreneurs", "person", noun, rule="new_businesses")
    if (
        previous == "output_quantity"
        or _GOODS_WORD.search(before[-60:])
        or _GOODS_CUE.match(rest)
        or _AID_CUE.search(before)
    ):
        return Metric("output_quantity", "piece", noun, rule="goods_units")
    if previous == "ikm_units" or _IKM_CUE.search(before):
        # "pangan 310 unit, sandang 95, kerajinan 12 unit": the parts of a count of units
        return Metric("ikm_units", "unit", noun, rule="business_units")
    return None


def _people_from_context(
    before: str, rest: str, noun: str, *, in_program: bool, previous: str | None
) -> Metric | None:
    """People ("orang", "penjahit", "penenun"): entrepreneurs grown, trainees, or workers."""
    wub_before = _last_end(_WUB_WORD, before)
    # "para wirausaha baru itu ... 40 orang" counts entrepreneurs; "bimtek penumbuhan wirausaha
    # baru bagi 150 warga" counts trainees of a program named after them.
    if _BECOMES_WUB_AFTER.match(rest) or (
        wub_before is not None
        and wub_before > (_last_end(_PARTICIPANT_WORD, before) or -1)
        and not _PARTICIPATION_CUE.search(before[wub_before:])
    ):
        return Metric("new_entrepreneurs", "person", noun, rule="people_new_entrepreneurs")
    if not _GROUP_NOUN.match(noun) and (_WORKER_CUE.search(before) or _WORK_AFTER.match(rest)):
        return Metric("ikm_workers", "person", noun, rule="people_working")
    if _PROGRAM_GROUP.match(noun) and (in_program or not _STOCK_CUE.search(before)):
        # "ada 9 kelompok usaha ... akan diberikan bantuan"; yet "Di Gresik ada 45 kelompok
        # usaha", with no program in sight, counts what exists
        return Metric("participants", "person", noun, rule="groups_taking_part")
    if _TAKING_PART_CLAUSE.search(before):
        return Metric("participants", "person", noun, rule="taking_part_clause")
    if _takes_part(before, rest, in_program=in_program, previous=previous):
        return Metric("participants", "person", noun, rule="people_taking_part")
    if previous == "ikm_workers" and not _GROUP_NOUN.match(noun):
        # "tertinggi di Denpasar 30.862 orang, sementara di Bangli 11.741 orang": the workers
        # counted just before, counted on in other places or years.
        return Metric("ikm_workers", "person", noun, rule="workers_continued")
    if _ENTREPRENEURS.match(noun):
        # "melengkapi 166.000 wirausaha", "menargetkan 20.000 wirausahawan": entrepreneurs grown
        return Metric("new_entrepreneurs", "person", noun, rule="entrepreneurs")
    if _BUSINESS_PEOPLE.match(noun) and (_STOCK_CUE.search(before) or not _PEOPLE_ONLY.match(noun)):
        # "Tercatat ada 350 pelaku IKM di Kabupaten Bantul": a count of businesses.
        return Metric("ikm_units", "unit", noun, rule="business_people")
    if (_CRAFT_PEOPLE.match(noun) and _STOCK_CUE.search(before)) or _COUNT_OF_BEFORE.search(before):
        # "Jumlah pengrajin ... mencapai 42 ribu orang": the people who work in the craft.
        return Metric("ikm_workers", "person", noun, rule="craft_workers")
    return None


def _last_end(pattern: re.Pattern[str], text: str) -> int | None:
    ends = [m.end() for m in pattern.finditer(text)]
    return ends[-1] if ends else None


def _nearest_cue(
    before: str, cues: tuple[tuple[re.Pattern[str], str], ...]
) -> tuple[int, str] | None:
    """The cue that ends nearest the end of ``before``, with how far from the end it ends."""
    best: tuple[int, str] | None = None
    for pattern, code in cues:
        match = _last_of(pattern).match(before)
        if match is not None and (best is None or match.end(1) > best[0]):
            best = (match.end(1), code)
    return (len(before) - best[0], best[1]) if best else None


@functools.cache
def _last_of(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a greedy run of anything: its match is the one that starts last, found
    by trying positions from the end of the text instead of scanning all of it."""
    return re.compile(rf"(?s:.*)({pattern.pattern})", pattern.flags)


def _money_metric(
    q: Quantity, before: str, after: str, *, in_program: bool, previous: str | None
) -> Metric | None:
    window = before[-200:]
    found = _nearest_cue(window, _MONEY_CUES)
    if found is not None and found[1] == "skip" and found[0] > _PRICE_REACH:
        # "potongan harga kepada 20 IKM ... senilai Rp5 miliar": a price word far back does not
        # make the amount a price; look past it.
        found = _nearest_cue(window, tuple(c for c in _MONEY_CUES if c[1] != "skip"))
    code = found[1] if found else None
    if code is None:
        # "Rp5 miliar untuk anggaran pelatihan": the cue may follow the amount.
        code = _first_cue(after[:40], _MONEY_CUES)
    if code is None and previous in _MONEY_METRICS:
        # "Porsi terbesar diterima Kabupaten Jepara sebesar Rp9,4 miliar": the paragraph's topic.
        code = previous
    if code is None and in_program:
        code = "budget"
    if code is None or code == "skip":
        return None
    if q.kind == "USD":
        return Metric(code, "USD", "", rule="money_cue") if code == "export_value" else None
    return Metric(code, "IDR", "", rule="money_cue")


def _first_cue(text: str, cues: tuple[tuple[re.Pattern[str], str], ...]) -> str | None:
    """The cue that starts first in ``text``."""
    best: tuple[int, str] | None = None
    for pattern, code in cues:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), code)
    return best[1] if best else None


def _percent_metric(q: Quantity, before: str, after: str) -> Metric | None:
    clause = before[-_PERCENT_CLAUSE:]
    growth_cues = list(_GROWTH_CUE.finditer(clause))
    growth = [m.end() for m in growth_cues]
    share = [m.end() for m in _SHARE_CUE.finditer(clause)]
    rate = (
        [m.end() for m in _PRICE_RATE.finditer(clause)]
        if _has_any(clause, _PRICE_RATE_KEYS)
        else []
    )
    if rate and max(rate) > max(growth + share, default=-1):
        return None  # "potongan 30 persen untuk mesin", "inflasi 0,07 persen": a rate, not a part
    if q.value < 0:
        # "-14,91 persen": no part of a whole is negative; only a change is
        return Metric("growth_rate", "percent", "", rule="negative_percent")
    if _SHARE_AFTER.match(after):
        return Metric("share", "percent", "", rule="share_of_after")
    if share and (not growth or max(share) > max(growth)):
        return Metric("share", "percent", "", rule="share_cue")
    if growth:
        # "turun 2,5 persen", "pertumbuhan negatif sebesar 3,98 persen"
        # "mengalami penurunan pertumbuhan yakni ... sebesar 10,88 persen": the fall word may
        # stand just before the cue word itself
        last = max(growth_cues, key=lambda m: m.end())
        last_growth = clause[max(0, min(last.start() - 12, last.end() - 20)) : last.end() + 12]
        fall = bool(_FALL_CUE.search(last_growth))
        return Metric("growth_rate", "percent", "", negate=fall, rule="growth_cue")
    # FACTS.md: a percentage that states no rise or fall is a part of a whole (a sector's
    # share, women among owners, an absorption rate).
    return Metric("share", "percent", "", rule="share_default")


# How far back a percentage's cue may stand: "didorong oleh kenaikan produksi di banyak jenis
# industri kecil, misalnya industri logam, kecuali mesin dan perlengkapannya (12,5 persen)".
_PERCENT_CLAUSE = 150
# How close a price word must stand to an amount to make it a price ("harga Rp8 juta").
_PRICE_REACH = 25
_MONEY_METRICS = frozenset({"investment_value", "production_value", "export_value", "budget"})
# "Nurhayati (41)": an age or a note in brackets after a name.
_BRACKETED_BEFORE = _rx(r"\(\s*$")
_BRACKETED_AFTER = _rx(r"^\s*(?:tahun\s*)?\)")


def _has_any(text: str, keys: tuple[str, ...]) -> bool:
    """A cheap test before a costly search: whether ``text`` (lower-cased) holds any of the
    pattern's key words. The patterns open with a word boundary and a list of words, which
    the regex engine cannot skip through quickly."""
    lowered = text.lower()
    return any(key in lowered for key in keys)


def _is_per_unit(q: Quantity, before: str, after: str) -> bool:
    """A rate or price per item, person or period, not a total."""
    if (_has_any(after[:60], _PER_UNIT_AFTER_KEYS) and _PER_UNIT_AFTER.match(after)) or (
        _has_any(before, _SAMPLE_KEYS) and _SAMPLE_BEFORE.search(before)
    ):
        return True  # a rate, or the size of a survey's sample ("sampel sebanyak 1.120 usaha")
    if q.kind in {"IDR", "USD"} and _EACH_AFTER.match(after):
        return True
    if q.kind != "percent" and _EACH_OPENING.match(before):
        return True  # "Untuk setiap peserta disediakan modal Rp 4 juta"
    return bool(
        _has_any(before, _PER_UNIT_BEFORE_KEYS) and _PER_UNIT_BEFORE.search(before)
    ) and not (q.kind in {"count", "percent"} and _RESPECTIVELY_BEFORE.search(before))


def reject_reason(q: Quantity, *, before: str, after: str) -> str | None:
    """The named rule by which a number is not a figure (FACTS.md), or None.

    >>> from decimal import Decimal
    >>> q = Quantity(0, 5, "1.458", Decimal(1458), "count")
    >>> reject_reason(q, before="jumlah tenaga kerja bertambah ", after=" orang")
    'change_amount'
    """
    if q.upper is not None:
        return "range"  # "8-10 IKM" describes, it does not report
    if (
        q.kind == "count"
        and q.value == 1
        and q.text[:1].isalpha()
        and not _ITEM_BEFORE.search(before)
    ):
        # "Satu lembar songket dijual Rp750 ribu"; yet "tiga UMKM, yakni ... dari Kota Ambon,
        # satu UMKM dari Maluku Tengah, dan satu UMKM dari SBB" counts items one by one
        return "one_example"
    if _is_per_unit(q, before, after):
        return "per_unit"
    if q.qualifier in {"more_than", "less_than"} and _THRESHOLD_AFTER.match(after):
        return "threshold"  # "yang naik lebih dari 10 persen adalah industri kertas"
    if q.kind == "count" and " dari " in before[-20:] and _FRACTION_BEFORE.search(before):
        return "fraction"  # "dua dari lima tenaga kerja"
    if q.kind == "count" and "rata" in before[-40:] and _AVERAGE_BEFORE.search(before[-40:]):
        return "average"  # "rata-rata lebih dari 2 ribu usaha"
    if q.kind == "percent":
        if _POINTS_AFTER.match(after):
            return "percentage_points"  # "lebih tinggi 1,81 persen poin"
        return None
    if (
        _has_any(before, _CHANGE_KEYS)
        and _CHANGE_BEFORE.search(before)
        and not _GOAL_OF_MORE.search(before)
    ):
        return "change_amount"  # "bertambah 1.458 tenaga kerja"
    if q.kind == "count":
        if _VISITORS_BEFORE.search(before[-90:]):
            return "visitors"  # "jumlah pengunjung ... mencapai lebih dari 70.000 orang"
        if _ACTIVITY_PACKAGES_AFTER.match(after):
            return "activity_packages"  # "ada 6 paket kegiatan", "2 paket pelatihan sawit"
        if _SECTORS_AFTER.match(after):
            return "sector_count"  # "delapan kelompok industri mengalami peningkatan"
    if q.kind in {"IDR", "USD"}:
        if _MONEY_RANGE_AFTER.match(after) and not SINCE_YEAR.search(before[-50:]):
            # "dijual Rp 250.000 hingga Rp 1,5 juta"; not "dari 2017 senilai Rp 500 juta sampai
            # Rp 2 miliar pada 2021", two years' amounts
            return "price_range"
        if _UNIT_PRICE_BEFORE.search(before):
            return "unit_price"
        if _CONVERTED_BEFORE.search(before):
            # the amount just before it in another currency: "US$ 1,2 juta atau sekitar Rp17
            # miliar", "Rp17 miliar (US$ 1,2 juta)"
            return "other_currency"
    elif _BRACKETED_BEFORE.search(before) and _BRACKETED_AFTER.match(after):
        return "bracketed_note"  # "Nurhayati (41)"
    return None


def classify(
    q: Quantity, *, before: str, after: str, in_program: bool, previous: str | None = None
) -> Metric | None:
    """The metric a quantity counts, or None when it is not a figure.

    ``before`` is the text of its clause up to the number, ``after`` the text that follows it
    (a few dozen characters); ``in_program`` says whether its sentence names a program;
    ``previous`` is the metric of the figure before it in the same paragraph, if any.
    """
    if reject_reason(q, before=before, after=after) is not None:
        return None
    return metric_of(q, before=before, after=after, in_program=in_program, previous=previous)


def metric_of(
    q: Quantity,
    *,
    before: str,
    after: str,
    in_program: bool,
    previous: str | None = None,
    program_before: bool = False,
) -> Metric | None:
    """What a number that no reject rule stopped counts, from its unit words and cues; None
    when nothing says (``classify`` is ``reject_reason`` then this)."""
    if q.kind == "percent":
        return _percent_metric(q, before, after)
    if q.kind in {"IDR", "USD"}:
        return _money_metric(q, before, after, in_program=in_program, previous=previous)
    return _count_metric(
        q, before, after, in_program=in_program, previous=previous, program_before=program_before
    )
