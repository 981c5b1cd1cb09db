"""Synthetic IKM news for the benchmarks: deterministic, varied, with republished copies.

``synthetic_corpus(n)`` gives ``n`` articles of about 3 KB (``SyntheticArticle``: a name, a
text, and the name of the story it republishes, if it does). Sentences are built from many
small choices (who, what, how many, where, when), so two unrelated stories share few runs of
five words, as real stories do; about one article in six is another outlet's copy of an
earlier story: under its own lead, cut after its first half, or inside its own header and
footer. The same ``n`` and ``seed`` always give the same corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from ikm_facts.gazetteer import load_gazetteer
from ikm_facts.model import Region

COPY_SHARE = 0.16
TARGET_BYTES = 3 * 1024

PROGRAMS = (
    "bimbingan teknis", "pelatihan", "program e-Smart IKM", "Wirausaha Industri Baru (WUB)",
    "revitalisasi sentra", "dana alokasi khusus (DAK)", "dana dekonsentrasi",
    "restrukturisasi mesin", "bantuan peralatan", "pendampingan", "pameran",
    "sertifikasi halal", "kurasi produk", "temu bisnis", "inkubator bisnis",
)  # fmt: skip
PRODUCTS = (
    "tenun", "batik", "kopi", "rotan", "anyaman", "keripik", "bordir", "gerabah", "songket",
    "kain ikat", "madu", "abon ikan", "sepatu kulit", "furnitur", "perak", "kerupuk", "dodol",
    "minyak atsiri", "sabun herbal", "kopiah", "tas pandan", "kecap", "sirup pala", "sambal",
)  # fmt: skip
SUBJECTS = (
    "Dinas Perindustrian", "Disperindag", "Kementerian Perindustrian", "Pemerintah kabupaten",
    "Badan Pusat Statistik", "Dekranasda", "Dinas Koperasi dan UKM", "Bank Indonesia",
    "Pemerintah provinsi", "Balai Besar Kerajinan", "Kadin", "Asosiasi perajin",
)  # fmt: skip
VERBS = (
    "mencatat", "melaporkan", "menyebut", "mengungkapkan", "menargetkan", "memperkirakan",
    "menyampaikan", "mendata", "merilis", "menegaskan",
)  # fmt: skip
COUNTED = (
    ("unit usaha", "ikm"), ("pelaku IKM", "ikm"), ("tenaga kerja", "orang"),
    ("peserta", "orang"), ("perajin", "orang"), ("wirausaha baru", "orang"),
    ("sentra", "sentra"), ("kelompok usaha", "kelompok"), ("mesin", "unit"),
)  # fmt: skip
AMOUNTS = ("nilai produksi", "nilai investasi", "anggaran", "nilai ekspor", "omzet", "transaksi")
WHEN = (
    "sepanjang tahun {y}", "pada {y}", "hingga akhir {y}", "pada triwulan {q} {y}",
    "selama semester pertama {y}", "tahun lalu", "sejak awal {y}", "per Desember {y}",
)  # fmt: skip
LINKS = (
    "Selain itu,", "Di sisi lain,", "Sementara itu,", "Menurut dia,", "Adapun", "Ke depan,",
    "Tahun ini", "Dengan demikian,", "Bahkan", "Sebelumnya,",
)  # fmt: skip
CLOSERS = (
    "kata {who} kepada wartawan", "ujar {who} di kantornya", "jelas {who}",
    "ungkap {who} usai acara", "tutur {who} di sela kegiatan", "kata {who} dalam keterangannya",
)  # fmt: skip
HOPES = (
    "agar produk {p} mampu bersaing di pasar ekspor", "supaya perajin {p} naik kelas",
    "untuk memperluas pemasaran {p} secara daring", "demi menjaga mutu bahan baku {p}",
    "sehingga harga jual {p} lebih stabil", "agar generasi muda tertarik menekuni usaha {p}",
)  # fmt: skip
NAMES = (
    "Andi", "Siti", "Budi", "Made", "Yohanes", "Rahmat", "Dewi", "Teuku", "Ni Luh", "Agus",
    "Fransiska", "Hendra", "La Ode", "Marthen", "Nur", "Ketut", "Daeng", "Rina", "Usman",
)  # fmt: skip
SURNAMES = (
    "Saputra", "Rahayu", "Simanjuntak", "Wibowo", "Lestari", "Hasibuan", "Pangaribuan",
    "Suryani", "Kurniawan", "Mahmud", "Tanjung", "Wenda", "Manurung", "Salim", "Setiawan",
)  # fmt: skip
TITLES = (
    "Kepala Dinas Perindustrian", "Kepala Bidang Industri", "Bupati", "Wali Kota",
    "Direktur Jenderal IKMA", "Ketua Dekranasda", "Kepala BPS", "Sekretaris Daerah",
)  # fmt: skip
OUTLETS = ("KABARDAERAH.ID", "Warta Nusantara", "Suara Pesisir", "Harian Timur", "Ekonomi Kita")


@dataclass(frozen=True)
class SyntheticArticle:
    name: str
    text: str
    copy_of: str | None  # the name of the story this article republishes


def synthetic_corpus(count: int, seed: int = 2026) -> list[SyntheticArticle]:
    """``count`` articles; the same ``count`` and ``seed`` give the same texts."""
    corpus: list[SyntheticArticle] = []
    stories: list[SyntheticArticle] = []
    for number in range(count):
        rng = random.Random(seed * 1_000_003 + number)
        name = f"bench-{number:06d}.txt"
        if stories and rng.random() < COPY_SHARE:
            story = rng.choice(stories[-500:])  # copies follow their story within days
            corpus.append(SyntheticArticle(name, _republished(rng, story.text), story.name))
        else:
            article = SyntheticArticle(name, _story(rng), None)
            stories.append(article)
            corpus.append(article)
    return corpus


def _story(rng: random.Random) -> str:
    places, provinces = _places()
    place = rng.choice(places)
    province = provinces[place.province_code or ""]
    year = rng.randint(2016, 2026)
    product = rng.choice(PRODUCTS)
    lines = [f"IKM {product.title()} {place.name} {rng.choice(('Tumbuh', 'Bangkit', 'Melaju'))}"]
    while len("\n".join(lines).encode()) < TARGET_BYTES:
        lines.append(" ".join(_sentence(rng, place, province, year) for _ in range(3)))
    return "\n".join(lines)


def _sentence(rng: random.Random, place: Region, province: Region, year: int) -> str:
    where = rng.choice((place.name, province.name, f"{place.name}, {province.name}"))
    when = rng.choice(WHEN).format(y=rng.randint(year - 3, year), q=rng.choice("1234"))
    product = rng.choice(PRODUCTS)
    who = f"{rng.choice(TITLES)} {where}, {rng.choice(NAMES)} {rng.choice(SURNAMES)}"
    kind = rng.randrange(4)
    if kind == 0:
        noun, _ = rng.choice(COUNTED)
        return (
            f"{rng.choice(LINKS)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
            f"{count_text(rng)} {noun} {product} di {where} {when}."
        )
    if kind == 1:
        return (
            f"{rng.choice(AMOUNTS).capitalize()} IKM {product} di {where} {when} mencapai "
            f"{rupiah_text(rng)}, {rng.choice(('naik', 'turun', 'tumbuh'))} {rng.randint(2, 60)} "
            "persen."
        )
    if kind == 2:
        return (
            f'"Melalui {rng.choice(PROGRAMS)}, {rng.choice(HOPES).format(p=product)}," '
            f"{rng.choice(CLOSERS).format(who=who)}."
        )
    return (
        f"Sebanyak {rng.randint(12, 480)} {rng.choice(('peserta', 'pelaku IKM', 'perajin'))} "
        f"{product} mengikuti {rng.choice(PROGRAMS)} selama {rng.randint(2, 12)} hari di "
        f"{where} {when}."
    )


def _republished(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    kind = rng.randrange(3)
    if kind == 0:  # a wire copy under the outlet's own lead
        lead = (
            f"{rng.choice(OUTLETS)} - {rng.choice(LINKS)} pelaku usaha kecil kembali menjadi "
            f"sorotan pekan ini, {rng.randint(2, 90)} hari setelah laporan sebelumnya."
        )
        return "\n".join([lines[0], lead, *lines[2:]])
    if kind == 1:  # cut after its first half
        words = text.split(" ")
        return " ".join(words[: len(words) // 2 + rng.randint(0, len(words) // 4)])
    header = f"{rng.choice(OUTLETS)} | Ekonomi | {rng.randint(1, 28)}/{rng.randint(1, 12)}"
    return f"{header}\n{text}\nBaca juga: berita {rng.choice(PRODUCTS)} lainnya\nEditor: Redaksi"


def count_text(rng: random.Random) -> str:
    """A count as Indonesian news write it: "1.250", "73.512"."""
    return f"{rng.randint(12, 98_000):,}".replace(",", ".")


def rupiah_text(rng: random.Random) -> str:
    """An amount of rupiah as news write it: "Rp12,5 miliar"."""
    scale = rng.choice(("juta", "miliar", "triliun"))
    return f"Rp{rng.randint(1, 950)},{rng.randint(1, 9)} {scale}"


@cache
def _places() -> tuple[list[Region], dict[str, Region]]:
    regions = sorted(load_gazetteer().regions(), key=lambda r: r.code)
    provinces = {r.code: r for r in regions if r.level == "province"}
    return [r for r in regions if r.level in ("regency", "city")], provinces
