"""Indonesian phrases and the facts they must give (and the numbers that must give none)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ikm_facts import extract_article, to_records
from ikm_facts.model import ArticleFacts
from ikm_facts.programs import find_programs


def _facts(text: str, **kwargs: Any) -> ArticleFacts:
    return extract_article(text, doc="test.txt", **kwargs)


def _figures(text: str) -> list[tuple[str, Decimal, str]]:
    return [(f.metric, f.value, f.region.name) for f in _facts(text).figures]


# (phrase, expected figures as (metric, value, region))
FIGURES = [
    (
        "Dinas Perindustrian mencatat IKM di Sulawesi Tengah mencapai 6.779 unit usaha "
        "dengan 23.622 orang tenaga kerja.",
        [
            ("ikm_units", Decimal(6779), "Provinsi Sulawesi Tengah"),
            ("ikm_workers", Decimal(23622), "Provinsi Sulawesi Tengah"),
        ],
    ),
    (
        "Nilai investasi IKM di Kabupaten Sigi sebesar Rp297 miliar, sedangkan nilai produksinya "
        "Rp2,8 triliun.",
        [
            ("investment_value", Decimal(297_000_000_000), "Kabupaten Sigi"),
            ("production_value", Decimal(2_800_000_000_000), "Kabupaten Sigi"),
        ],
    ),
    (
        "Jumlah IKM di dalam negeri mencapai 4,4 juta unit usaha yang menyerap "
        "10,5 juta tenaga kerja.",
        [
            ("ikm_units", Decimal(4_400_000), "Indonesia"),
            ("ikm_workers", Decimal(10_500_000), "Indonesia"),
        ],
    ),
    (
        "Ekspor kerajinan dari Provinsi Bali tahun lalu mencapai US$ 2,5 juta.",
        [("export_value", Decimal(2_500_000), "Provinsi Bali")],
    ),
    (
        "Produksi IKM di Jawa Tengah tumbuh 3,69 persen, dan kontribusinya mencapai 12 persen "
        "dari total industri.",
        [
            ("growth_rate", Decimal("3.69"), "Provinsi Jawa Tengah"),
            ("share", Decimal(12), "Provinsi Jawa Tengah"),
        ],
    ),
    (
        "Bimtek di Kota Kendari diikuti 40 peserta, sedangkan di Kabupaten Muna 35 orang.",
        [
            ("participants", Decimal(40), "Kota Kendari"),
            ("participants", Decimal(35), "Kabupaten Muna"),
        ],
    ),
    (
        "Bantuan peralatan diberikan kepada 45 pelaku IKM di Kota Palu, 35 di Kabupaten Sigi, "
        "dan 20 di Kabupaten Donggala.",
        [
            ("participants", Decimal(45), "Kota Palu"),
            ("participants", Decimal(35), "Kabupaten Sigi"),
            ("participants", Decimal(20), "Kabupaten Donggala"),
        ],
    ),
    (
        "Program itu menumbuhkan 1.200 wirausaha baru di Provinsi Aceh.",
        [("new_entrepreneurs", Decimal(1200), "Provinsi Aceh")],
    ),
    (
        "Kemenperin akan merevitalisasi sekitar 7.000 sentra IKM di seluruh Indonesia.",
        [("sentra_count", Decimal(7000), "Indonesia")],
    ),
    (
        "IKM sandang di Provinsi Kalimantan Selatan memproduksi masker sebanyak 100.000 buah.",
        [("output_quantity", Decimal(100_000), "Provinsi Kalimantan Selatan")],
    ),
    (
        "Anggaran dekonsentrasi untuk Provinsi Maluku sebesar Rp1,25 miliar.",
        [("budget", Decimal(1_250_000_000), "Provinsi Maluku")],
    ),
    (
        "Lewat program restrukturisasi mesin, Kemenperin memberi potongan harga kepada 20 IKM "
        "di Jawa Timur senilai Rp 5 miliar.",
        [
            ("participants", Decimal(20), "Provinsi Jawa Timur"),
            ("budget", Decimal(5_000_000_000), "Provinsi Jawa Timur"),
        ],
    ),
    (
        "Sebanyak 100 unit mesin jahit diserahkan kepada kelompok usaha di Kabupaten Garut.",
        [("output_quantity", Decimal(100), "Kabupaten Garut")],
    ),
    (
        "Hingga kini ada sekitar 4,4 juta IKM yang tersebar di seluruh Indonesia.",
        [("ikm_units", Decimal(4_400_000), "Indonesia")],
    ),
    (
        "Di Kabupaten Gorontalo, bantuan meliputi 40 unit oven, 25 mixer dan 50 set loyang.",
        [
            ("output_quantity", Decimal(40), "Kabupaten Gorontalo"),
            ("output_quantity", Decimal(25), "Kabupaten Gorontalo"),
            ("output_quantity", Decimal(50), "Kabupaten Gorontalo"),
        ],
    ),
    (
        "Omzet IKM batik di Kota Pekalongan mencapai Rp12 triliun per tahun.",
        [("production_value", Decimal(12_000_000_000_000), "Kota Pekalongan")],
    ),
    (
        "Bimtek diikuti 30 orang peserta yang berasal dari Kabupaten Lombok Timur, "
        "Rabu (5/8/2020).",
        [("participants", Decimal(30), "Kabupaten Lombok Timur")],
    ),
    (
        "Kabupaten Cirebon merupakan sentra rotan terbesar di Indonesia dengan 1.060 unit usaha.",
        [("ikm_units", Decimal(1060), "Kabupaten Cirebon")],
    ),
    (
        "Jumlah IKM kerajinan di Kalbar ada 3.870 unit usaha dengan 9.450 perajin.",
        [
            ("ikm_units", Decimal(3870), "Provinsi Kalimantan Barat"),
            ("ikm_workers", Decimal(9450), "Provinsi Kalimantan Barat"),
        ],
    ),
    (
        "Jumlah usaha IMK di Jawa Tengah sekitar 900 ribu usaha.",
        [("ikm_units", Decimal(900_000), "Provinsi Jawa Tengah")],
    ),
    (
        "Baru sekitar 12 persen IKM pangan di Malut yang mengantongi sertifikat halal.",
        [("share", Decimal(12), "Provinsi Maluku Utara")],
    ),
    (
        "Pesanan dikerjakan oleh 185 IKM di Sumut. Rinciannya, Kota Medan 120 IKM.",
        [
            ("participants", Decimal(185), "Provinsi Sumatera Utara"),
            ("participants", Decimal(120), "Kota Medan"),
        ],
    ),
    (
        "Ditjen IKMA menargetkan menumbuhkan 4.000 wirausaha baru IKM secara nasional.",
        [("new_entrepreneurs", Decimal(4000), "Indonesia")],
    ),
    (
        "Kalbar memiliki 21 sentra kerajinan, tujuh di antaranya merupakan sentra tenun di "
        "Kabupaten Sintang.",
        [
            ("sentra_count", Decimal(21), "Provinsi Kalimantan Barat"),
            ("sentra_count", Decimal(7), "Kabupaten Sintang"),
        ],
    ),
    (
        "Data IKM di Sultra hingga November 2020 sebanyak 13 ribu IKM, dengan jumlah terbanyak "
        "di Kota Kendari.",
        [("ikm_units", Decimal(13000), "Provinsi Sulawesi Tenggara")],
    ),
    (
        "Jumlah IKM di Sumut tercatat 128.774 unit. Sekitar 60 persen di antaranya terdampak "
        "pandemi.",
        [
            ("ikm_units", Decimal(128774), "Provinsi Sumatera Utara"),
            ("share", Decimal(60), "Provinsi Sumatera Utara"),
        ],
    ),
    (
        "Disperindag menyerahkan bantuan peralatan produksi kepada IKM di Kota Banjarmasin "
        "senilai Rp2.415.000.000.",
        [("budget", Decimal(2_415_000_000), "Kota Banjarmasin")],
    ),
    (
        "Sebanyak 50 IKM dari lima kabupaten/kota di Kalsel tercatat sebagai penerima.",
        [("participants", Decimal(50), "Provinsi Kalimantan Selatan")],
    ),
    (
        "Ekspor IKM furnitur Jepara pada 2021 mencapai US$ 1,2 juta atau sekitar Rp17 miliar.",
        [("export_value", Decimal(1_200_000), "Kabupaten Jepara")],
    ),
    (
        "Ekspor IKM furnitur Jepara pada 2021 mencapai Rp17 miliar (US$ 1,2 juta).",
        [("export_value", Decimal(17_000_000_000), "Kabupaten Jepara")],
    ),
    (
        "Sebanyak 150 IKM (Kota Bekasi 60 dan Kabupaten Bekasi 90) mengikuti pelatihan.",
        [
            ("participants", Decimal(150), "Provinsi Jawa Barat"),
            ("participants", Decimal(60), "Kota Bekasi"),
            ("participants", Decimal(90), "Kabupaten Bekasi"),
        ],
    ),
    (
        "Penerima sertifikat terbanyak berasal dari Kabupaten Manokwari dan Kabupaten Fakfak, "
        "masing-masing 54 IKM dan 31 IKM.",
        [
            ("participants", Decimal(54), "Kabupaten Manokwari"),
            ("participants", Decimal(31), "Kabupaten Fak Fak"),
        ],
    ),
    (
        "Bantuan diberikan kepada 10 IKM di Kota Palu masing-masing sebesar Rp 5 juta.",
        [("participants", Decimal(10), "Kota Palu")],
    ),
    (
        "Data Disperindag mencatat 3.870 unit IKM di Papua Barat per Desember 2024.",
        [("ikm_units", Decimal(3870), "Provinsi Papua Barat")],
    ),
    (
        "Di Kota Denpasar, program e-Smart IKM telah diikuti 1.730 IKM dari berbagai daerah.",
        [("participants", Decimal(1730), "Indonesia")],
    ),
    (
        "Kepala Disperindag Kalbar mengatakan pameran daring tersebut diikuti 64 IKM dari "
        "berbagai kabupaten dan kota di Kalbar.",
        [("participants", Decimal(64), "Provinsi Kalimantan Barat")],
    ),
    (
        "Nilai transaksi produk industri kecil dan menengah (IKM) Kalimantan Timur melalui "
        "katalog elektronik (e-katalog) pengadaan barang/jasa pemerintah hingga Oktober 2023 "
        "mencapai Rp86,4 miliar.",
        [("production_value", Decimal(86_400_000_000), "Provinsi Kalimantan Timur")],
    ),
    (
        "Sudin memfasilitasi sertifikasi halal bagi 350 IKM di Jakarta Selatan. Yudi menyebut "
        "350 IKM tersebut terdiri atas 210 IKM makanan dan 140 IKM minuman.",
        [
            ("participants", Decimal(350), "Kota Administrasi Jakarta Selatan"),
            ("participants", Decimal(210), "Kota Administrasi Jakarta Selatan"),
            ("participants", Decimal(140), "Kota Administrasi Jakarta Selatan"),
        ],
    ),
    (
        "Workshop serupa juga telah digelar di Kota Ambon, Maluku, pekan lalu dengan 50 peserta.",
        [("participants", Decimal(50), "Kota Ambon")],
    ),
    (
        "TEMPO.CO, Mataram - Sebanyak 32 pelaku industri kecil dan menengah (IKM) asal Nusa "
        "Tenggara Barat membukukan transaksi Rp 2,3 miliar selama pameran di Jakarta "
        "Convention Center.",
        [
            ("participants", Decimal(32), "Provinsi Nusa Tenggara Barat"),
            ("production_value", Decimal(2_300_000_000), "Provinsi Nusa Tenggara Barat"),
        ],
    ),
    (
        "Kemenperin memfasilitasi sertifikasi SNI bagi 35 IKM mainan anak. Peserta berasal dari "
        "Kabupaten Bogor sebanyak 20 IKM dan Kota Surabaya sebanyak 15 IKM.",
        [
            ("participants", Decimal(35), "Indonesia"),
            ("participants", Decimal(20), "Kabupaten Bogor"),
            ("participants", Decimal(15), "Kota Surabaya"),
        ],
    ),
    (
        "Tahun ini Kemenperin menargetkan tambahan 4.000 IKM bergabung ke e-Smart IKM di seluruh "
        "Indonesia.",
        [("participants", Decimal(4000), "Indonesia")],
    ),
    (
        "Industri pakaian jadi di Jawa Timur mengalami penurunan paling dalam, minus 9,35 persen.",
        [("growth_rate", Decimal("-9.35"), "Provinsi Jawa Timur")],
    ),
    (
        "Sampel ini mewakili populasi IMK Jatim yang jumlahnya lebih dari 800 ribu usaha.",
        [("ikm_units", Decimal(800_000), "Provinsi Jawa Timur")],
    ),
    (
        "Pameran di Kota Denpasar membukukan transaksi Rp4,7 miliar. Sebanyak 120 IKM dari "
        "sembilan kabupaten/kota ikut dalam pameran itu.",
        [
            ("production_value", Decimal(4_700_000_000), "Kota Denpasar"),
            ("participants", Decimal(120), "Provinsi Bali"),
        ],
    ),
    (
        "Kabupaten Mamuju mengirim 35 peserta, sedangkan Mamasa, Pasangkayu dan Mamuju Tengah "
        "masing-masing 20 peserta.",
        [
            ("participants", Decimal(35), "Kabupaten Mamuju"),
            ("participants", Decimal(20), "Kabupaten Mamasa"),
            ("participants", Decimal(20), "Kabupaten Pasangkayu"),
            ("participants", Decimal(20), "Kabupaten Mamuju Tengah"),
        ],
    ),
    (
        "Kali ini sebanyak 60 pelaku industri kecil dan menengah dari Kota Banda Aceh, Kabupaten "
        "Aceh Besar dan Kabupaten Pidie mengikuti kelas e-commerce.",
        [("participants", Decimal(60), "Provinsi Aceh")],
    ),
    (
        "Sebanyak 120 unit alat diserahkan di Kabupaten Lebak. Nilai bantuan seluruhnya Rp850 juta "
        "yang bersumber dari APBD Kabupaten Lebak.",
        [
            ("output_quantity", Decimal(120), "Kabupaten Lebak"),
            ("budget", Decimal(850_000_000), "Kabupaten Lebak"),
        ],
    ),
    (
        "Terdapat 54.891 IKM di NTT. Dari jumlah itu, 18.200 merupakan IKM tenun ikat.",
        [
            ("ikm_units", Decimal(54891), "Provinsi Nusa Tenggara Timur"),
            ("ikm_units", Decimal(18200), "Provinsi Nusa Tenggara Timur"),
        ],
    ),
    (
        "Pameran diikuti 150 IKM dari tiga provinsi, yaitu Jawa Barat (60 IKM), Jawa Tengah "
        "(50 IKM) dan Jawa Timur (40 IKM).",
        [
            ("participants", Decimal(150), "Indonesia"),
            ("participants", Decimal(60), "Provinsi Jawa Barat"),
            ("participants", Decimal(50), "Provinsi Jawa Tengah"),
            ("participants", Decimal(40), "Provinsi Jawa Timur"),
        ],
    ),
    # A percentage that states no rise or fall is a share (FACTS.md, hard cases).
    (
        "Menurut data BPS, industri mikro di Provinsi Jambi didominasi industri makanan sebesar "
        "45,2 persen, diikuti industri pakaian 12,1 persen.",
        [
            ("share", Decimal("45.2"), "Provinsi Jambi"),
            ("share", Decimal("12.1"), "Provinsi Jambi"),
        ],
    ),
    # Growth rates listed after the first keep its direction.
    (
        "Produksi IMK Provinsi Sumatera Utara turun 9,74 persen, terutama industri tembakau "
        "sebesar 34,13 persen dan industri farmasi sebesar 31,78 persen.",
        [
            ("growth_rate", Decimal("-9.74"), "Provinsi Sumatera Utara"),
            ("growth_rate", Decimal("-34.13"), "Provinsi Sumatera Utara"),
            ("growth_rate", Decimal("-31.78"), "Provinsi Sumatera Utara"),
        ],
    ),
    (
        "Ekspor olahan pangan IKM Sumatera Barat melonjak 150 persen.",
        [("growth_rate", Decimal(150), "Provinsi Sumatera Barat")],
    ),
    # A breakdown whose unit is written on some items only.
    (
        "Jumlah IKM di Sumatera Barat tercatat pangan 310 unit, sandang 95, kerajinan 12 unit.",
        [
            ("ikm_units", Decimal(310), "Provinsi Sumatera Barat"),
            ("ikm_units", Decimal(95), "Provinsi Sumatera Barat"),
            ("ikm_units", Decimal(12), "Provinsi Sumatera Barat"),
        ],
    ),
    (
        "Hingga tahun 2021 jumlah IKM di Kota Semarang sebanyak 3638 terdiri dari 2840 Industri "
        "Kecil 789 Industri Menengah.",
        [
            ("ikm_units", Decimal(3638), "Kota Semarang"),
            ("ikm_units", Decimal(2840), "Kota Semarang"),
            ("ikm_units", Decimal(789), "Kota Semarang"),
        ],
    ),
    # Items counted one by one are figures each, even with equal values.
    (
        "Bantuan diberikan kepada 1 IKM sepatu, 1 IKM tas dan 2 IKM konveksi di Kabupaten Bandung.",
        [
            ("participants", Decimal(1), "Kabupaten Bandung"),
            ("participants", Decimal(1), "Kabupaten Bandung"),
            ("participants", Decimal(2), "Kabupaten Bandung"),
        ],
    ),
    # Exporters, groups and communities that exist in a region are business units.
    (
        "Di Kabupaten Gresik ada 120 eksportir, 45 kelompok usaha dan 30 komunitas perajin.",
        [
            ("ikm_units", Decimal(120), "Kabupaten Gresik"),
            ("ikm_units", Decimal(45), "Kabupaten Gresik"),
            ("ikm_units", Decimal(30), "Kabupaten Gresik"),
        ],
    ),
    # A space slipped after the decimal comma.
    (
        "Anggaran bimtek sebesar Rp 4, 5 miliar disiapkan Disperindag Kabupaten Bogor.",
        [("budget", Decimal(4_500_000_000), "Kabupaten Bogor")],
    ),
    # Places listed, then what they are, then "masing-masing" and their numbers in order.
    (
        "Menurut BPS, Kota Medan, Deli Serdang (Deliserdang) dan Binjai adalah tiga daerah IMK "
        "terbanyak, masing-masing 31 persen (2.100 IMK), 18 persen (1.250 IMK).",
        [
            ("share", Decimal(31), "Kota Medan"),
            ("ikm_units", Decimal(2100), "Kota Medan"),
            ("share", Decimal(18), "Kabupaten Deli Serdang"),
            ("ikm_units", Decimal(1250), "Kabupaten Deli Serdang"),
        ],
    ),
    # The place of the whole a share is taken of governs nothing.
    (
        "Kota Jambi kini punya 2.300 pelaku IMK. Angka itu kira-kira 12 persen dari total IMK "
        "di Provinsi Jambi.",
        [
            ("ikm_units", Decimal(2300), "Kota Jambi"),
            ("share", Decimal(12), "Kota Jambi"),
        ],
    ),
    # New businesses grown and licences newly issued are new entrepreneurs.
    (
        "Pada 2017 pertumbuhan WUB IKM di Sulawesi Utara sebesar 1.077 unit usaha, dan "
        "realisasi izin usaha menjadi 250 IUMK.",
        [
            ("new_entrepreneurs", Decimal(1077), "Provinsi Sulawesi Utara"),
            ("new_entrepreneurs", Decimal(250), "Provinsi Sulawesi Utara"),
        ],
    ),
    # An English thousands comma on a count of people; an amount without its "Rp".
    (
        "Tahun ini Disperindag Sulsel mencetak 2,250 wirausaha baru dengan dana 177 juta.",
        [
            ("new_entrepreneurs", Decimal(2250), "Provinsi Sulawesi Selatan"),
            ("budget", Decimal(177_000_000), "Provinsi Sulawesi Selatan"),
        ],
    ),
    # A thousands dot with a space slipped in.
    (
        "Menurut data dinas, di Provinsi Gorontalo tercatat 21. 640 usaha pada akhir tahun.",
        [("ikm_units", Decimal(21640), "Provinsi Gorontalo")],
    ),
    # "RI" is the country; a news agency's bureau in brackets is no place of the story.
    (
        "Jambi (ANTARA Jambi) - Berdasarkan data BPS, ekspor RI naik 40,68 persen.",
        [("growth_rate", Decimal("40.68"), "Indonesia")],
    ),
    # An amount with no cue of its own takes the one of the sentence before; value added is
    # a production value, not an addition.
    (
        "Pameran IKM Kalimantan Tengah tahun 2016 berhasil meraup transaksi fantastis. "
        "Nilainya mencapai Rp14,5 miliar. Nilai tambah IKM di Kota Palangka Raya Rp 43,9 miliar.",
        [
            ("production_value", Decimal(14_500_000_000), "Provinsi Kalimantan Tengah"),
            ("production_value", Decimal(43_900_000_000), "Kota Palangkaraya"),
        ],
    ),
    # Dollars written after the number, the country first.
    (
        "Ekspor kopi Aceh mencapai 12 juta US dolar, naik dari 9 juta dolar AS.",
        [
            ("export_value", Decimal(12_000_000), "Provinsi Aceh"),
            ("export_value", Decimal(9_000_000), "Provinsi Aceh"),
        ],
    ),
    # Certificates issued count the businesses certified.
    (
        "Disperindag Sulut menyerahkan 132 sertifikat halal kepada IKM.",
        [("participants", Decimal(132), "Provinsi Sulawesi Utara")],
    ),
    # Where an event took place, with its date, is the event's region.
    (
        "Pelatihan tersebut diikuti 25 orang pelaku IKM makanan di Kota Cimahi, Rabu (3/4/2019).",
        [("participants", Decimal(25), "Kota Cimahi")],
    ),
]

# Numbers that are not figures (FACTS.md): years, days, counts of provinces, per-unit prices,
# changes stated as amounts, ages, ranges, phone numbers.
NOT_FIGURES = [
    "Kegiatan berlangsung selama tiga hari pada tahun 2021 di Kota Ambon.",
    "Program dekonsentrasi dilaksanakan di 34 provinsi Indonesia.",
    "Setiap penjahit membuat 1.000 masker untuk setiap pesanan di Kota Palu.",
    "Biaya sertifikasi Rp8 juta per produk di Provinsi Bali.",
    "Jumlah tenaga kerja di Kabupaten Sigi bertambah 1.458 tenaga kerja.",
    "Seorang peserta asal Kabupaten Pidie, Nurhayati (41), baru pertama kali menjahit.",
    "Yang mana ada 8-10 IKM berkumpul dengan mesin yang sama di Kota Palu.",
    "Informasi pendaftaran hubungi 0812-3456-7890 atau datang ke Kota Kendari.",
    "Pameran menyediakan 60 stan bagi perajin di Kota Denpasar.",
    "Omzet para perajin di Kota Padang mencapai Rp 50 juta per bulan.",
    "Selama pameran di Kota Medan, jumlah pengunjung mencapai 15 ribu orang.",
    # The page stops mid-figure: "Rp 600" of "Rp 600 juta".
    "Tahun ini Kemenperin menggelar bimtek di Kota Cirebon. Anggaran yang disiapkan sebesar Rp 600",
    "Harga kerupuk di Kota Cirebon Rp 500 per bungkus dalam bimtek itu.",
    "Tas kulit dari Kabupaten Sidoarjo dijual Rp 250.000 hingga Rp 1,5 juta.",
    "Satu lembar songket dari Kota Mataram dijual dalam pameran.",
    "Dulu sebulan bisa kirim 40 lembar dari Kabupaten Sintang.",
    "Harga satu unit mesin jahit di Kota Banjarmasin sekitar Rp 4,5 juta.",
    "Survei IMK di Provinsi DIY dilakukan dengan sampel sebanyak 1.120 usaha.",
    "Jumlah sampel usaha IMK yang dicakup survei di Jatim sebanyak 4.160 usaha.",
    "Investasi IKM di Jawa Timur mendorong penambahan tenaga kerja sebanyak 1.060 orang.",
    # Rates of prices, taxes and loans are per-unit values, not shares.
    "Skema ini memberi potongan 30 persen untuk mesin buatan dalam negeri di Jawa Timur.",
    "Inflasi Kota Yogyakarta Oktober 2019 sebesar 0,07 persen.",
    "Bunga KUR bagi IKM di Provinsi Bali hanya 6 persen.",
    # A survey's sample, a threshold naming a group, a difference in percentage points, a
    # fraction's whole, an average, a count per place.
    "Sampel survei IMK Provinsi Bengkulu, pada triwulan III, berjumlah 640 unit usaha.",
    "Industri di Jawa Timur yang mengalami kenaikan lebih dari 10 persen adalah industri kertas.",
    "Pertumbuhan IMK Jawa Timur lebih tinggi 1,81 persen poin dari nasional.",
    "Dua dari lima tenaga kerja di Provinsi Sulbar bekerja pada usaha perdagangan.",
    "Di Kabupaten Kukar rata-rata lebih dari 2 ribu usaha.",
    "Setiap kecamatan di Jakarta Barat mengadakan pelatihan dengan jumlah 80 pelaku usaha.",
    # A list of years carries no unit back; nor does an item with a noun of its own.
    "Pada 2019, 2020 dan 2021 jumlah IKM di Kota Palu terus berkembang.",
]


@pytest.mark.parametrize(("text", "expected"), FIGURES)
def test_figures_from_phrases(text: str, expected: list[tuple[str, Decimal, str]]) -> None:
    assert _figures(text) == expected


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_numbers_that_are_not_figures(text: str) -> None:
    assert _figures(text) == []


def test_qualifiers() -> None:
    text = (
        "IKM di Provinsi Maluku melampaui 4.400 unit usaha. Sekitar 2.000 tenaga kerja terserap. "
        "Tahun depan Kemenperin menargetkan 500 wirausaha baru di Provinsi Maluku."
    )
    assert [(f.metric, f.qualifier) for f in _facts(text).figures] == [
        ("ikm_units", "more_than"),
        ("ikm_workers", "approx"),
        ("new_entrepreneurs", "target"),
    ]


def test_period_and_program_carry_through_a_paragraph() -> None:
    text = (
        "Kemenperin mencatat pada tahun 2018, IKM di Sulawesi Tengah mencapai 6.779 unit usaha. "
        "Sementara nilai investasinya sebesar Rp297 miliar."
    )
    facts = _facts(text)
    assert [(f.metric, f.period, f.region.name) for f in facts.figures] == [
        ("ikm_units", "2018", "Provinsi Sulawesi Tengah"),
        ("investment_value", "2018", "Provinsi Sulawesi Tengah"),
    ]


def test_a_plan_is_a_target_and_a_realisation_is_not() -> None:
    text = (
        "Kemenperin berencana merevitalisasi 10 sentra IKM di Jawa Tengah. Dari target 1.000 WUB "
        "di Provinsi Aceh, terealisasi 1.120 WUB."
    )
    assert [(f.value, f.qualifier) for f in _facts(text).figures] == [
        (Decimal(10), "target"),
        (Decimal(1000), "target"),
        (Decimal(1120), "exact"),
    ]


def test_amounts_listed_keep_their_own_currency() -> None:
    text = "Ekspor kerajinan Provinsi Bali mencapai US$ 2 juta, sedangkan NTB Rp 5 miliar."
    assert [(f.value, f.unit) for f in _facts(text).figures] == [
        (Decimal(2_000_000), "USD"),
        (Decimal(5_000_000_000), "IDR"),
    ]


def test_since_a_year_spans_to_the_articles_year() -> None:
    text = (
        "JAKARTA, 5 Mei 2019 - Sebanyak 1.179 IKM telah menerima manfaat program restrukturisasi "
        "mesin senilai total Rp 182,4 miliar sejak 2015. Sejak 2017, e-Smart IKM diikuti 11.000 "
        "IKM."
    )
    assert [f.period for f in _facts(text).figures] == ["2015/2019", "2015/2019", "2017/2019"]


def test_a_statistic_without_a_time_takes_the_time_of_the_one_before() -> None:
    text = (
        "Produksi IMK Provinsi Sumatera Utara triwulan II/2016 tumbuh 3,10 persen.\n"
        "Industri dengan kenaikan tertinggi yaitu alat angkutan 60,61 persen."
    )
    assert [f.period for f in _facts(text).figures] == ["2016-Q2", "2016-Q2"]


def test_a_comparison_base_is_not_the_period() -> None:
    text = (
        "Produksi IMK di DIY pada triwulan IV tahun 2017 terhadap triwulan IV tahun 2016 tumbuh "
        "17,28 persen."
    )
    assert [f.period for f in _facts(text).figures] == ["2017-Q4"]


def test_a_share_of_a_whole_keeps_the_year_after_it() -> None:
    text = "IKM menyumbang 21,22 persen terhadap PDB industri nonmigas pada 2022."
    assert [f.period for f in _facts(text).figures] == ["2022"]


def test_a_later_year_compared_with_is_not_the_period() -> None:
    text = "Ekspor IKM di Provinsi Bali tumbuh 8,2 persen terhadap tahun 2021."
    assert [f.period for f in _facts(text).figures] == [None]


def test_a_dateline_after_the_outlet_name_is_a_locator() -> None:
    text = (
        "TRIBUNPADANG.COM, PADANG - Sebanyak 200 pelaku IKM di Sumatera Barat mengikuti "
        "pelatihan kemasan.\nIndustri kecil menyerap 150 ribu tenaga kerja."
    )
    assert [f.region.name for f in _facts(text).figures] == [
        "Provinsi Sumatera Barat",
        "Provinsi Sumatera Barat",
    ]


def test_a_lead_naming_three_provinces_makes_the_story_national() -> None:
    text = (
        "Kemenperin memamerkan produk IKM dari Jawa Barat, Jawa Tengah dan Jawa Timur di "
        "Jakarta pekan ini, dengan tema pangan olahan dan kemasan untuk pasar ekspor baru.\n"
        "Industri makanan tumbuh 9,23 persen pada triwulan II 2018."
    )
    assert [(f.region.name, f.period) for f in _facts(text).figures] == [("Indonesia", "2018-Q2")]


def test_a_headline_figure_is_not_counted_twice() -> None:
    text = (
        "Disperindag Sultra Bina 13 Ribu IKM\n"
        "KENDARI - Hingga November 2020, Disperindag Sulawesi Tenggara mencatat "
        "sebanyak 13 ribu IKM."
    )
    facts = _facts(text)
    assert [(f.metric, f.value, f.period) for f in facts.figures] == [
        ("ikm_units", Decimal(13000), "2020-11")
    ]


def test_a_bulleted_list_goes_on_from_the_figure_before_it() -> None:
    text = (
        "Kemenperin menggelar pelatihan bagi 65 peserta di Provinsi Jambi. Peserta terdiri atas:\n"
        "- Kabupaten Muaro Jambi: 35 orang\n"
        "- Kota Jambi: 30 orang"
    )
    assert [(f.metric, f.value, f.region.name) for f in _facts(text).figures] == [
        ("participants", Decimal(65), "Provinsi Jambi"),
        ("participants", Decimal(35), "Kabupaten Muaro Jambi"),
        ("participants", Decimal(30), "Kota Jambi"),
    ]


def test_sabang_to_merauke_is_the_whole_country_not_two_regions() -> None:
    text = "Produk IKM dari Sabang sampai Merauke dipamerkan oleh 40 IKM di Kota Bandung."
    assert [r.name for r in _facts(text).regions] == ["Kota Bandung"]


def test_a_lead_about_several_places_of_one_province_is_about_the_province() -> None:
    text = (
        "WUB Tapis Tumbuh di Bandar Lampung dan Pesawaran\n"
        "Dinas Perindustrian Provinsi Lampung melatih 60 warga dari Kota Bandar Lampung dan "
        "Kabupaten Pesawaran untuk menyulam tapis, kata kepala dinas kepada wartawan.\n"
        "Program serupa tahun lalu menumbuhkan 45 wirausaha baru."
    )
    assert [(f.value, f.region.name) for f in _facts(text).figures][-1] == (
        Decimal(45),
        "Provinsi Lampung",
    )


def test_a_place_in_a_list_before_the_date_is_no_locator() -> None:
    text = (
        "Pelatihan diikuti perajin dari Kabupaten Sintang dan Kabupaten Kapuas Hulu, Senin "
        "(4/3/2019), kata Kepala Dinas di Pontianak, Senin."
    )
    assert [r.name for r in _facts(text).regions] == [
        "Kabupaten Sintang",
        "Kabupaten Kapuas Hulu",
    ]


def test_a_posting_line_dropped_by_cleaning_still_dates_the_article() -> None:
    text = (
        "Diposting oleh admin | 22 Juni 2022 | Dilihat: 418\n"
        "Disperindag menyerahkan bantuan kepada 50 IKM di Kota Banjarmasin, Selasa (21/6/2022)."
    )
    assert str(_facts(text).published) == "2022-06-22"


def test_where_a_statement_was_made_is_no_region_of_the_story() -> None:
    text = (
        "Sebanyak 47 IKM di Kabupaten Sidoarjo menerima penggantian mesin. "
        '"Mesin harus baru," kata Sri di Surabaya. Workshop terbanyak digelar di Jawa Timur.'
    )
    assert [r.name for r in _facts(text).regions] == [
        "Kabupaten Sidoarjo",
        "Provinsi Jawa Timur",
    ]


def test_indonesia_or_a_city_inside_a_name_is_no_region() -> None:
    text = (
        "Disperindag Jawa Timur memfasilitasi 75 IKM mengikuti Trade Expo Indonesia di Jakarta "
        "Convention Center."
    )
    assert [r.name for r in _facts(text).regions] == ["Provinsi Jawa Timur"]


def test_a_bare_government_word_points_to_its_level() -> None:
    text = (
        "Beda Strategi Kota dan Kabupaten Malang Dongkrak IKM\n"
        "Dinas Perindustrian Kabupaten Malang menggelar bimtek bagi 80 peserta dari 20 desa.\n"
        "Diskopindag Kota Malang mencatat 4.652 IKM aktif.\n"
        "Tahun ini Pemkot mengalokasikan Rp 1,2 miliar untuk pendampingan IKM."
    )
    assert [f.region.name for f in _facts(text).figures][-1] == "Kota Malang"


def test_a_date_after_publication_is_no_event_date() -> None:
    text = (
        "TERNATE, 8 Mei 2024 - Disperindag memfasilitasi sertifikasi halal bagi 150 IKM di "
        "Maluku Utara. Kewajiban sertifikasi halal mulai berlaku 17 Oktober 2024."
    )
    assert [f.period for f in _facts(text).figures] == ["2024"]


def test_a_dateline_city_is_not_a_region_of_the_article() -> None:
    text = (
        "JAKARTA - Kemenperin menggelar bimtek bagi 50 peserta di Kabupaten Bangli, Bali, "
        "kata Direktur Jenderal IKMA di Jakarta, Senin (15/6)."
    )
    names = [r.name for r in _facts(text).regions]
    assert "Kabupaten Bangli" in names
    assert not any("Jakarta" in name for name in names)


def test_event_figures_take_the_event_date() -> None:
    text = (
        "KENDARI - Kemenperin membuka bimbingan teknis bagi 150 warga di Sulawesi Tenggara, "
        "Rabu (2/6/2021).\nPeserta datang dari Kota Kendari sebanyak 30 orang."
    )
    assert [(f.value, f.period) for f in _facts(text).figures] == [
        (Decimal(150), "2021-06"),
        (Decimal(30), "2021-06"),
    ]


def test_a_national_count_in_a_regional_story_is_national() -> None:
    text = (
        "PALU - Dinas Perindustrian Sulawesi Tengah menggelar pameran IKM. Kemenperin mencatat "
        "jumlah IKM saat ini mencapai 4,4 juta unit usaha."
    )
    assert [(f.value, f.region.name) for f in _facts(text).figures] == [
        (Decimal(4_400_000), "Indonesia")
    ]


def test_a_total_over_several_regions_goes_to_their_province() -> None:
    text = (
        "Pameran diikuti 32 IKM dari tiga daerah, yakni 14 IKM dari Kabupaten Jayapura, "
        "9 IKM dari Kota Jayapura, dan 9 IKM dari Kabupaten Keerom.\n"
        "Kemenperin menyerahkan 18 unit mesin kepada kelompok IKM di Kabupaten Seram Bagian "
        "Barat dan Kabupaten Kepulauan Tanimbar."
    )
    assert [(f.value, f.region.name) for f in _facts(text).figures] == [
        (Decimal(32), "Provinsi Papua"),
        (Decimal(14), "Kabupaten Jayapura"),
        (Decimal(9), "Kota Jayapura"),
        (Decimal(9), "Kabupaten Keerom"),
        (Decimal(18), "Provinsi Maluku"),
    ]


def test_a_headline_figure_is_one_with_the_body_figure_whatever_its_program() -> None:
    text = (
        "Pelatihan Tenun, 60 Perajin Bawa Pulang Alat Senilai Rp420 Jt\n"
        "MATARAM - Usai pelatihan, peserta mendapat bantuan alat tenun senilai Rp 420 juta "
        "di Provinsi NTB."
    )
    assert [(f.metric, f.value) for f in _facts(text).figures if f.unit == "IDR"] == [
        ("budget", Decimal(420_000_000))
    ]


def test_a_headline_rounding_a_body_figure_is_the_same_figure() -> None:
    text = (
        "Transaksi e-Smart IKM Tembus Rp 1 Triliun\n"
        "Nilai transaksi peserta e-Smart IKM di marketplace sepanjang 2022 sebesar Rp 1,06 "
        "triliun, kata Dirjen IKMA."
    )
    assert [f.value for f in _facts(text).figures] == [Decimal(1_060_000_000_000)]


def test_where_participants_come_from_outweighs_where_they_met() -> None:
    text = (
        "Workshop di Medan diikuti 80 pelaku IKM dari Kota Medan, Kabupaten Toba dan Kabupaten "
        "Samosir."
    )
    assert [f.region.name for f in _facts(text).figures] == ["Provinsi Sumatera Utara"]


def test_after_a_split_by_place_a_placeless_figure_is_about_all_places() -> None:
    text = (
        "Bimtek diikuti 35 peserta dari Kota Sorong dan 25 peserta dari Kabupaten Raja Ampat. "
        "Di akhir kegiatan, peserta menerima 40 paket peralatan senilai Rp1,15 M."
    )
    assert [(f.value, f.region.name) for f in _facts(text).figures][-2:] == [
        (Decimal(40), "Provinsi Papua Barat Daya"),
        (Decimal(1_150_000_000), "Provinsi Papua Barat Daya"),
    ]


def test_a_headline_restating_a_body_figure_takes_the_body_reading() -> None:
    text = (
        "312 IKM Sandang NTB Kebanjiran Order Masker\n"
        "MATARAM - Sebanyak 312 IKM dilibatkan Pemerintah Provinsi NTB untuk memproduksi masker."
    )
    assert [(f.metric, f.value) for f in _facts(text).figures] == [("participants", Decimal(312))]


def test_programs() -> None:
    text = (
        "Bimbingan teknis, pemberian mesin dan peralatan, workshop e-Smart IKM, dana alokasi "
        "khusus (DAK), dan program Jaring Pengaman Sosial digelar di Kota Palu."
    )
    assert list(dict.fromkeys(m.code for m in find_programs(text))) == [
        "bimtek",
        "bantuan_peralatan",
        "e_smart_ikm",
        "dak",
        "other",
    ]


def test_records_follow_the_facts_contract() -> None:
    records = to_records(_facts("IKM di Kabupaten Sigi mencapai 1.250 unit usaha."))
    document, figure = records
    assert document["kind"] == "document"
    assert document["regions"] == ["Kabupaten Sigi"]
    assert figure["value"] == 1250
    assert isinstance(figure["value"], int)
    assert figure["unit"] == "unit"
    assert figure["region_level"] == "regency"
    assert figure["mention"] == "1.250 unit usaha"
    assert figure["why"] == "metric=businesses;region=before"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Jumlah IKM di Kota Palu mencapai 1.250 unit usaha.", "metric=businesses;region=before"),
        ("Produksi IMK Jawa Tengah tumbuh 3,2 persen.", "metric=growth_cue;region=before"),
        (
            "Sebanyak 52,3 persen pengusaha di Kota Batu perempuan.",
            "metric=share_default;region=linked_after",
        ),
        (
            "IKM di Kota Palu: pangan 310 unit, sandang 95.",
            "metric=list_continuation;region=before",
        ),
        (
            "Nilai produksinya Rp 5 miliar, kata Kepala Disperindag Sulteng.",
            "metric=money_cue;region=after",
        ),
    ],
)
def test_each_figure_names_the_rules_that_decided_it(text: str, why: str) -> None:
    assert [f.why for f in _facts(text).figures][-1] == why


@pytest.mark.parametrize(
    "text",
    ["", "   \n  ", "\x00\x01\x02 garbage \xff", "The quick brown fox jumps. " * 200],
)
def test_bad_text_gives_no_crash(text: str) -> None:
    facts = _facts(text)
    assert facts.figures == ()


def test_non_indonesian_text_is_flagged() -> None:
    facts = _facts("The factory produced many goods for the export market this year. " * 20)
    assert any("does not look Indonesian" in w for w in facts.warnings)


def test_huge_text_is_cut_with_a_warning() -> None:
    text = "IKM di Kabupaten Sigi mencapai 1.250 unit usaha. " * 250_000  # about 12 MB
    facts = _facts(text)
    assert any("cut at" in w for w in facts.warnings)
    assert facts.figures  # the beginning was still read


@pytest.mark.parametrize(
    ("keys", "pattern", "phrase"),
    [
        ("_CHANGE_KEYS", "_CHANGE_BEFORE", phrase)
        for phrase in (
            "bertambah ", "berkurang ", "naik ", "turun ", "meningkat ", "menurun ", "tumbuh ",
            "kenaikan ", "penambahan tenaga kerja sebanyak ", "peningkatan ", "penurunan ",
            "tambahan ", "selisih ",
        )
    ]
    + [
        ("_PARTICIPATION_KEYS", "_PARTICIPATION_CUE", phrase)
        for phrase in (
            "kepada ", "diikuti oleh ", "melibatkan ", "mengikutsertakan ", "menggandeng ",
            "memfasilitasi ", "memberikan bantuan kepada ", "bagi ", "dilatih ", "melatih ",
            "peserta ", "mendampingi ", "membimbing ", "mengirim ", "mengirimkan ", "jatah ",
            "kuota ", "memanfaatkan ", "menerima ", "penerima ", "difasilitasi ", "diterima oleh ",
            "dikerjakan oleh ", "diproduksi ", "dibuat ", "dijahit ", "digarap ",
        )
    ]
    + [
        ("_PER_UNIT_BEFORE_KEYS", "_PER_UNIT_BEFORE", phrase)
        for phrase in (
            "masing-masing IKM sebesar ", "setiap penjahit ", "tiap ", "per ",
            "sebulan bisa kirim ", "seminggu ", "sepekan ", "sehari ",
        )
    ],
)  # fmt: skip
def test_quick_key_words_cover_every_cue(keys: str, pattern: str, phrase: str) -> None:
    """The cheap key-word test in front of a costly cue pattern lets every cue through."""
    from ikm_facts import figures

    assert getattr(figures, pattern).search(phrase), phrase
    assert figures._has_any(phrase, getattr(figures, keys)), phrase


@pytest.mark.parametrize(
    ("before", "number", "after", "reason"),
    [
        ("Tenaga kerja di Kabupaten Sigi bertambah ", "1.458", " tenaga kerja.", "change_amount"),
        ("Ada ", "8-10", " IKM berkumpul.", "range"),
        ("Biaya sertifikasi ", "Rp8 juta", " per produk.", "per_unit"),
        ("Industri yang naik ", "lebih dari 10 persen", " adalah industri kertas.", "threshold"),
        ("Pertumbuhan Jatim lebih tinggi ", "1,81 persen", " poin.", "percentage_points"),
        ("Dua dari ", "lima", " tenaga kerja bekerja di perdagangan.", "fraction"),
        ("Di Kukar rata-rata ", "lebih dari 2 ribu", " usaha.", "average"),
        ("Tas kulit dijual ", "Rp 250.000", " hingga Rp 1,5 juta.", "price_range"),
        ("Nilai ekspor US$ 1,2 juta atau sekitar ", "Rp17 miliar", ".", "other_currency"),
        ("Ekspornya 776 juta dolar AS atau sekitar ", "Rp 10,6 triliun", ".", "other_currency"),
        ("Industri mengalami pertumbuhan sebanyak ", "94", " perusahaan.", "change_amount"),
        ("Tahun ini pertumbuhan WUB IKM sebesar ", "640", " unit usaha.", None),
        ("Seorang peserta, Nurhayati (", "41", "), baru pertama kali menjahit.", "bracketed_note"),
        ("Jumlah IKM di Kota Palu mencapai ", "1.250", " unit usaha.", None),
    ],
)
def test_named_rules_say_why_a_number_is_no_figure(
    before: str, number: str, after: str, reason: str | None
) -> None:
    from ikm_facts.figures import reject_reason
    from ikm_facts.numbers import find_quantities

    text = before + number + after
    q = next(q for q in find_quantities(text) if q.start >= len(before))
    assert reject_reason(q, before=text[: q.start], after=text[q.end :]) == reason


@pytest.mark.parametrize(
    ("text", "metric", "rule"),
    [
        # Businesses a program means to reach are its participants.
        (
            "Dinas Perindustrian Kabupaten Garut menargetkan 25 IKM naik kelas tahun ini.",
            "participants",
            "target_reach",
        ),
        # A relative clause before the count says they took part.
        (
            "Jumlah pelaku IKM yang mendapatkan pendampingan merek di Kota Ambon sebanyak 40 "
            "usaha.",
            "participants",
            "taking_part_clause",
        ),
        # Groups a program reaches are participants too.
        (
            "Sebanyak 9 kelompok usaha di Kabupaten Sikka akan diberikan bantuan alat tenun.",
            "participants",
            "groups_taking_part",
        ),
        # "dihadiri oleh" counts who came.
        (
            "Temu bisnis di Kota Kupang dihadiri oleh 35 pelaku IKM.",
            "participants",
            None,
        ),
        # The noun nearest the number decides, not the first one named.
        (
            "Di Kabupaten Blitar tercatat 3.120 tenaga kerja dan industri kecil sebanyak 910.",
            "ikm_units",
            "noun_before",
        ),
    ],
)
def test_what_a_program_reaches_counts_as_taking_part(
    text: str, metric: str, rule: str | None
) -> None:
    figures = _facts(text).figures
    counted = [f for f in figures if f.metric == metric]
    assert counted, [(f.metric, f.value, f.why) for f in figures]
    if rule is not None:
        assert any(rule in (f.why or "") for f in counted), [(f.value, f.why) for f in counted]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # placed_in: an abbreviation in brackets between the kabupaten and its province
        (
            "Tahun ini Pemerintah Kabupaten Tanah Datar (Tandas) Sumatera Barat menyiapkan "
            "anggaran pelatihan Rp2,4 miliar.",
            "Kabupaten Tanah Datar",
        ),
        # placed_in: an island named between the kabupaten and its province
        (
            "Dinas Perindustrian Kabupaten Sumenep, Madura, Jawa Timur menyalurkan dana "
            "Rp 350.000.000 untuk pelatihan perajin.",
            "Kabupaten Sumenep",
        ),
        # placed_in: the province a kabupaten lay in before the 2022 splits
        (
            "Dinas Perindustrian Kabupaten Mappi, Papua, menyebutkan ada 12 kelompok usaha "
            "yang akan diberi bantuan peralatan.",
            "Kabupaten Mappi",
        ),
        # institution_name: a country that completes a ministry's name places nothing
        (
            "Pembangunan sentra di Kota Bitung bersumber dari dana alokasi khusus kementerian "
            "perindustrian RI sebesar Rp2.500.000.000.",
            "Kota Bitung",
        ),
        # institution_name: a city that ends a training centre's name places nothing
        (
            "Tahun ini Pemerintah Kabupaten Lebong, Provinsi Bengkulu, bersama Balai Diklat "
            "Industri Padang (BDIP) menggelar pelatihan bagi 40 pemuda.",
            "Kabupaten Lebong",
        ),
    ],
)
def test_a_place_that_only_names_or_places_another_governs_nothing(text: str, region: str) -> None:
    figures = _facts(text).figures
    assert [f.region.name for f in figures] == [region], [
        (f.value, f.region.name, f.why) for f in figures
    ]


# Forms met on the real-news development set (0.14.0), written here in our own words; each case
# gave a wrong or no figure before the mechanism its comment names.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a breakdown that opens the next paragraph keeps the total's place and time
        (
            "Gubernur Sumatera Barat melepas ekspor rendang. Menurut BPS, ekspor RI naik "
            "12,5 persen pada Juni 2022.\nJika dirinci, ekspor migas naik 8 persen dan "
            "ekspor industri naik 14 persen.",
            [
                ("growth_rate", Decimal("12.5"), "Indonesia", "2022-06"),
                ("growth_rate", Decimal(8), "Indonesia", "2022-06"),
                ("growth_rate", Decimal(14), "Indonesia", "2022-06"),
            ],
        ),
        # workers counted on in another place; a thousands dot does not end the cue's reach
        (
            "Penyerapan tenaga kerja IKM tertinggi ada di Kota Denpasar yang mencapai 21.400 "
            "orang, sementara di Kabupaten Bangli 9.310 orang.",
            [
                ("ikm_workers", Decimal(21400), "Kota Denpasar", None),
                ("ikm_workers", Decimal(9310), "Kabupaten Bangli", None),
            ],
        ),
        # selected, verified or handed a certificate by a program: participants
        (
            "Hingga Maret, sebanyak 140 IKM di Kabupaten Lombok Timur sudah terverifikasi "
            "oleh tim.",
            [("participants", Decimal(140), "Kabupaten Lombok Timur", None)],
        ),
        # "dalam negeri" said of fairs is not the place of the figures
        (
            "Pemerintah Provinsi Jawa Barat memberikan 40 desain kemasan dan 12 pameran dalam "
            "negeri kepada 52 pelaku IKM.",
            [
                ("participants", Decimal(52), "Provinsi Jawa Barat", None),
            ],
        ),
        # the fall word stands before the growth word itself
        (
            "BPS Sumatera Utara mencatat industri yang mengalami penurunan pertumbuhan yakni "
            "industri kimia sebesar 7,25 persen.",
            [("growth_rate", Decimal("-7.25"), "Provinsi Sumatera Utara", None)],
        ),
        # a government that opens the story is its subject, not a dateline
        (
            "Pemerintah Kabupaten Kaur, Provinsi Bengkulu, menggelar pelatihan bagi 35 perajin "
            "batik besurek.",
            [("participants", Decimal(35), "Kabupaten Kaur", None)],
        ),
        # items counted one by one, "satu" included
        (
            "Disperindag Maluku mengikutsertakan tiga UMKM dalam pameran, yakni dua UMKM dari "
            "Kota Ambon dan satu UMKM dari Kabupaten Buru.",
            [
                ("participants", Decimal(3), "Provinsi Maluku", None),
                ("participants", Decimal(2), "Kota Ambon", None),
                ("participants", Decimal(1), "Kabupaten Buru", None),
            ],
        ),
        # a count right after a sentence that names the training it belongs to
        (
            "Dinas Perindustrian Riau menggelar pelatihan pandai besi di tiga daerah. Dari "
            "Kabupaten Kampar 12 orang dan dari Kabupaten Siak 8 orang.",
            [
                ("participants", Decimal(12), "Kabupaten Kampar", None),
                ("participants", Decimal(8), "Kabupaten Siak", None),
            ],
        ),
        # ... but not the headline's program: the lead's count of businesses is a stock
        (
            "Perajin tenun Sikka ikut pelatihan motif\nDinas Perindustrian Kabupaten Sikka "
            "mencatat sebanyak 240 unit usaha IKM tenun kini aktif berproduksi.",
            [("ikm_units", Decimal(240), "Kabupaten Sikka", None)],
        ),
        # a space left out before the count's noun
        (
            "Jumlah UMKM binaan Provinsi Jambi tercatat di Kabupaten Bungo 293 UMKM dan "
            "Kabupaten Merangin 418UMKM.",
            [
                ("ikm_units", Decimal(293), "Kabupaten Bungo", None),
                ("ikm_units", Decimal(418), "Kabupaten Merangin", None),
            ],
        ),
        # "persen" with its last letter slipped
        (
            "Ekspor kerajinan Provinsi Bali naik 6,15 perseb dibanding tahun sebelumnya.",
            [("growth_rate", Decimal("6.15"), "Provinsi Bali", None)],
        ),
        # the place a statement was made, with "mengatakan" after the day
        (
            "Kepala BPS Kalimantan Selatan di Kota Banjarbaru, Jumat, mengatakan industri "
            "manufaktur besar tumbuh sebesar 18,00 persen.",
            [("growth_rate", Decimal(18), "Provinsi Kalimantan Selatan", None)],
        ),
        # a kabupaten and the province that places it are one place, not a spread of places
        (
            "Sebanyak 30 orang perajin tenun di Kabupaten Tanah Datar, Sumatera Barat mengikuti "
            "pelatihan motif.",
            [("participants", Decimal(30), "Kabupaten Tanah Datar", None)],
        ),
        # an outlet's name in capitals before its dateline's dash places nothing
        (
            "JAKARTA WARTA - Kementerian Perindustrian tahun ini memperoleh alokasi anggaran "
            "sekitar Rp650 miliar untuk program IKM.",
            [("budget", Decimal(650_000_000_000), "Indonesia", None)],
        ),
        # a place below the kabupaten, then the kabupaten that places it
        (
            "Pemerintah Provinsi Papua Barat menyerahkan bantuan kepada 18 mama-mama pelaku UKM "
            "di wilayah Teluk Doreri (Tedo), Kabupaten Manokwari.",
            [("participants", Decimal(18), "Kabupaten Manokwari", None)],
        ),
        # "roda dua" names a two-wheeler, not a second item
        (
            "Disperindag Banten menyerahkan 12 set peralatan bengkel roda dua, termasuk kompresor.",
            [("output_quantity", Decimal(12), "Provinsi Banten", None)],
        ),
        # a count of places after a count of groups is no item of a list
        (
            "Dinas Perindustrian Kabupaten Jayawijaya menyerahkan peralatan kepada tiga kelompok "
            "IKM yang tersebar di tiga distrik.",
            [("participants", Decimal(3), "Kabupaten Jayawijaya", None)],
        ),
        # the number again in words, in brackets, then its noun
        (
            "Dinas Perindustrian Kota Banjarmasin telah melatih sebanyak 212 (dua ratus dua "
            "belas) WUB.",
            [("participants", Decimal(212), "Kota Banjarmasin", None)],
        ),
        # a count with the aid it receives
        (
            "Kabupaten Maybrat terdapat 140 pelaku UMKM dengan total bantuan Rp700 juta.",
            [
                ("participants", Decimal(140), "Kabupaten Maybrat", None),
                ("budget", Decimal(700_000_000), "Kabupaten Maybrat", None),
            ],
        ),
        # those a program reaches, counted as its "penerima"
        (
            "Bantuan peralatan di Kota Ternate diserahkan kepada warga; Kelurahan Sasa "
            "sebanyak 7 penerima.",
            [("participants", Decimal(7), "Kota Ternate", None)],
        ),
        # a bare count with the program's verb after it
        (
            "Suku Dinas Perindustrian Jakarta Utara tahun lalu melatih warga. Dari 840 yang kita "
            "latih, sebagian sudah membuka usaha.",
            [("participants", Decimal(840), "Kota Administrasi Jakarta Utara", None)],
        ),
        # "UMKM/IKM" is one noun written two ways, not a rate per IKM
        (
            "Dari total 98.750 UMKM/IKM di Provinsi Banten, sebagian sudah bersertifikat.",
            [("ikm_units", Decimal(98750), "Provinsi Banten", None)],
        ),
        # a target of more is a goal, not a change that happened
        (
            "Kementerian Perindustrian menargetkan ada penambahan 9.000 wirausaha baru tahun ini.",
            [("new_entrepreneurs", Decimal(9000), "Indonesia", None)],
        ),
        # a bare count written with its share counts what the count before it counted
        (
            "BPS mencatat usaha IMK di Provinsi Lampung sebanyak 71.200 usaha. Sebanyak 69.900 "
            "atau 98,17 persen di antaranya adalah industri mikro.",
            [
                ("ikm_units", Decimal(71200), "Provinsi Lampung", None),
                ("ikm_units", Decimal(69900), "Provinsi Lampung", None),
                ("share", Decimal("98.17"), "Provinsi Lampung", None),
            ],
        ),
        # the places a program offers, one business each
        (
            "Tahun ini Provinsi Banten menyediakan 12.000 kuota sertifikasi halal bagi IKM.",
            [("participants", Decimal(12000), "Provinsi Banten", None)],
        ),
        # new entrepreneurs a program trained are its trainees
        (
            "Ditjen IKMA telah melatih 9.400 WUB di seluruh Indonesia.",
            [("participants", Decimal(9400), "Indonesia", None)],
        ),
        # the passive prefix written apart
        (
            "Pelepasan ekspor di Provinsi Sulawesi Selatan di ikuti oleh 48 pelaku usaha ekspor.",
            [("participants", Decimal(48), "Provinsi Sulawesi Selatan", None)],
        ),
        # an event's count told again beside the province that ran it is one figure
        (
            "Sebanyak 25 pelaku IKM di Kabupaten Lahat mengikuti pelatihan batik.\n"
            "Pelatihan yang diselenggarakan Provinsi Sumsel ini untuk 25 pelaku IKM.",
            [("participants", Decimal(25), "Kabupaten Lahat", None)],
        ),
    ],
)
def test_forms_met_in_real_articles(
    text: str, expected: list[tuple[str, Decimal, str, str | None]]
) -> None:
    figures = _facts(text).figures
    got = [(f.metric, f.value, f.region.name, f.period) for f in figures]
    assert got == expected, [(f.value, f.why) for f in figures]


@pytest.mark.parametrize(
    "text",
    [
        # FACTS.md: visitors are not counted
        "Pameran IKM di Kota Palangka Raya dikunjungi banyak orang; jumlah pengunjung "
        "diperkirakan mencapai lebih dari 45.000 orang.",
        # packages of activities are not goods handed over
        "Dinas Perindustrian Kabupaten Aceh Selatan akan melaksanakan 5 paket kegiatan "
        "pelatihan pada awal tahun.",
        # groups of industry in a statistics release are sectors
        "BPS mencatat lima kelompok industri di Provinsi Sulawesi Barat mengalami "
        "peningkatan produksi.",
    ],
)
def test_counts_the_contract_does_not_count(text: str) -> None:
    assert _figures(text) == []


READ_ON = date(2026, 12, 4)
BIMTEK_2027 = (
    "Kementerian Perindustrian menggelar bimbingan teknis bagi 80 penjahit di Kota Palu pada "
    "Rabu (2/6/2027). Kegiatan ini diharapkan meningkatkan mutu produk sandang yang dibuat oleh "
    "industri kecil dan menengah di Sulawesi Tengah."
)


def test_an_event_is_not_dated_after_the_article_was_read() -> None:
    # No publication date on or before the day it was read, so no event's day after it either.
    facts = _facts(BIMTEK_2027, read_on=READ_ON)
    assert facts.published is None
    assert [(f.metric, f.value, f.period) for f in facts.figures] == [
        ("participants", Decimal(80), None)
    ]


def test_an_event_is_not_dated_after_publication() -> None:
    # Not June 2027: the year of publication, as for an event the text does not date.
    facts = _facts(BIMTEK_2027, published="2026-11-30", read_on=READ_ON)
    assert facts.published == "2026-11-30"
    assert [f.period for f in facts.figures] == ["2026"]


def test_a_weekday_date_in_a_story_read_early_takes_a_year_before_reading() -> None:
    # Monday 7 December fits the story's 2026 only after it was read (4 December 2026).
    text = "Pada 2026 tercatat 120 unit usaha IKM di Kota Palu, kata Arief, Senin (7/12)."
    assert _facts(text).published == "2026-12-07"
    assert _facts(text, read_on=READ_ON).published == "2020-12-07"
