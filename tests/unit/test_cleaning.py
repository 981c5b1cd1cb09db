"""Cleaning scraped articles and splitting them into sentences."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from ikm_facts.cleaning import clean_article, split_sentences

SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"

HEADLINE = "Kemenperin Latih Ratusan Penjahit Masker di Kota Palu"
BODY = (
    "PALU - Kementerian Perindustrian melatih 150 penjahit di Kota Palu untuk membuat masker "
    "kain yang memenuhi standar kesehatan, kata pejabat dinas setempat."
)
SECOND_BODY = "Nilai bantuan mesin jahit yang diserahkan mencapai Rp1,2 miliar pada tahun ini."


def _article(*middle: str) -> str:
    return "\n".join([HEADLINE, *middle, BODY, SECOND_BODY])


@pytest.mark.parametrize(
    "noise",
    [
        "Nasional Ekonomi Megapolitan Olahraga Wisata Foto Video Infografis",
        "Home » Ekonomi » Industri",
        "1.204",
        "×",
        "()",
        "Sebarkan artikel ini",
        "Bagikan:",
        "Share",
        "Tweet",
        "WhatsApp",
        "Baca juga: Perajin Rotan Sigi Kebanjiran Pesanan Jelang Lebaran",
        "Baca Juga : Harga Cabai di Kendari Turun Lagi",
        "BACA JUGA: Ekspor Mebel Jepara Naik Dua Kali Lipat",
        "Foto : Dokumentasi Dinas Perindustrian",
        "Foto: Humas Kemenperin",
        "(Foto: Antara/Fulan)",
        "Ilustrasi",
        "Ilustrasi pengrajin tenun di Sulawesi Tengah",
        "Kepala dinas meninjau sentra tenun. Foto : Budi",
        "You cannot copy content of this page",
        "Komentar",
        "Tulis komentar",
        "Top",
        "A A A Pengaturan Font",
        "Reporter : Andi / Editor: Budi",
        "Redaktur : Sinta Dewi",
        "Penulis : Rahmat",
        "Editor: Yusuf",
        "Pewarta: Citra",
        "kar/E-7",
        "(ant/abc)",
        "Tags: IKM, Kemenperin, Palu",
        "Tag : bimtek",
        "Advertisement",
        "ADVERTISEMENT",
        "Scroll to continue with content",
        "LOMBOKNEWS.COM Home | Mataram | Lombok | Sumbawa | Ekonomi | Indeks",
        "KORANSULTENG.ID | Beranda | Palu | Daerah | Ekonomi | Politik",
        "Palu Today — Beranda Sulteng Palu Ekonomi Hukum Olahraga Opini",
        "SULTENGPOS.ID Home Palu Donggala Sigi Ekonomi Pendidikan Olahraga E-Paper",
        "Berita > Ekonomi > Sulteng",
        "Beranda / Berita / Industri Kecil",
        "Siaran Pers > IKMA",
        "Share: 0 | Views: 1.027",
        "Dilihat 1.284 kali Bagikan: Facebook Twitter WhatsApp",
        "Bagikan: Facebook Twitter WhatsApp 215 Shares",
        "Dibaca 845 kali",
        "Bagikan: Facebook Twitter WhatsApp Salin tautan",
        "Penjahit IKM konveksi di Kota Palu merampungkan pesanan masker. Sultengnews.co.id/Fulan",
        "Pelatihan e-Smart IKM bagi pelaku industri kecil di Kota Palu. ANTARA/HO-Disperindag",
        "Artikel ini telah tayang di Sultengnews.co.id dengan judul Kemenperin Latih Penjahit",
    ],
)
def test_boilerplate_lines_are_dropped(noise: str) -> None:
    cleaned = clean_article(_article(noise))
    assert noise not in cleaned.text.split("\n")
    assert cleaned.headline == HEADLINE
    assert cleaned.text == "\n".join([HEADLINE, BODY, SECOND_BODY])


@pytest.mark.parametrize(
    "menu",
    [
        "LOMBOKNEWS.COM Home | Mataram | Lombok | Sumbawa | Ekonomi | Indeks",
        "Berita > Ekonomi > Sulteng",
        "Palu Today — Beranda Sulteng Palu Ekonomi Hukum Olahraga Opini",
    ],
)
def test_a_menu_above_the_story_is_not_its_headline(menu: str) -> None:
    cleaned = clean_article("\n".join([menu, HEADLINE, BODY]))
    assert cleaned.headline == HEADLINE
    assert cleaned.text == "\n".join([HEADLINE, BODY])


@pytest.mark.parametrize(
    "headline",
    [
        "IKM Jawa Barat / Jawa Tengah Tumbuh Pesat",
        "Facebook dan Twitter Jadi Sarana Pemasaran IKM Bali",
        "Sentra IKM di Bali > Jawa Soal Ekspor",
    ],
)
def test_headlines_with_menu_like_marks_stay(headline: str) -> None:
    assert clean_article("\n".join([headline, BODY])).headline == headline


def test_a_standalone_read_more_takes_the_next_title_with_it() -> None:
    cleaned = clean_article(_article("Baca Juga :", "Harga Beras Stabil Jelang Natal"))
    assert cleaned.text == "\n".join([HEADLINE, BODY, SECOND_BODY])


def test_after_a_standalone_read_more_a_body_sentence_stays() -> None:
    cleaned = clean_article("\n".join([HEADLINE, BODY, "Baca juga:", SECOND_BODY]))
    assert cleaned.text == "\n".join([HEADLINE, BODY, SECOND_BODY])


@pytest.mark.parametrize(
    "sentence",
    [
        # Lines that start or end like boilerplate but are body sentences.
        "Komentar para pengunjung pameran sangat positif sehingga panitia berencana menggelar "
        "acara serupa tahun depan di Palu.",
        "Share produk IKM di pasar daring naik menjadi 12 persen dari seluruh penjualan "
        "kerajinan daerah itu pada tahun lalu.",
        "Sumber dana kegiatan tersebut berasal dari anggaran dekonsentrasi sebesar Rp3 miliar "
        "yang dikelola dinas perindustrian provinsi.",
        "Ekonomi Nasional Olahraga dan Wisata menjadi empat kementerian koordinator yang "
        "diundang dalam rapat itu, kata dia.",
        "Sumber: data dinas perindustrian mencatat 1.200 IKM baru tumbuh di kabupaten itu "
        "sepanjang tahun lalu.",
        "Ilustrasi kemasan buatan peserta bimtek dinilai juri paling menarik di antara 40 karya "
        "yang dilombakan.",
    ],
)
def test_body_sentences_that_look_like_boilerplate_stay(sentence: str) -> None:
    cleaned = clean_article(_article(sentence))
    assert sentence in cleaned.text.split("\n")


@pytest.mark.parametrize(
    ("raw", "headline"),
    [
        (_article(), HEADLINE),
        ("Ekonomi\n" + _article(), HEADLINE),  # a section name above the headline
        ("Palu\n\n" + _article(), HEADLINE),  # a place name alone
        (f"{BODY}\n{SECOND_BODY}", None),  # the text starts with the body
        ("Senin, 15 Juni 2020 14:30 WIB\n" + _article(), HEADLINE),  # a date line is no title
        ("IKM Palu\n" + BODY, None),  # too short for a title
        (
            "Ini Judul Yang Terlalu Panjang Karena Memuat Lebih Dari Dua Puluh Kata Sehingga "
            "Tidak Mungkin Menjadi Judul Berita Yang Wajar Sama Sekali\n" + BODY,
            None,
        ),
        ("Kemenperin Gelar Bimtek Untuk 80 Perajin Anyaman.\n" + BODY, None),  # a final period
    ],
)
def test_headline(raw: str, headline: str | None) -> None:
    cleaned = clean_article(raw)
    assert cleaned.headline == headline
    if headline is not None:
        assert cleaned.text.split("\n")[0] == headline


def test_a_repeated_headline_appears_once() -> None:
    cleaned = clean_article("\n".join([HEADLINE, "3.210", "×", HEADLINE, BODY]))
    assert cleaned.text == f"{HEADLINE}\n{BODY}"


def test_subheadings_in_the_body_stay() -> None:
    cleaned = clean_article("\n".join([HEADLINE, BODY, "Prospek Cerah", SECOND_BODY]))
    assert cleaned.text == "\n".join([HEADLINE, BODY, "Prospek Cerah", SECOND_BODY])


def test_spaces_and_line_breaks_are_normalized() -> None:
    raw = f"{HEADLINE}\r\n\r\nNilai\u00a0bantuan\u200bRp1,2\u00a0miliar.\r\nBagikan\r\n"
    cleaned = clean_article(raw)
    assert cleaned.text == f"{HEADLINE}\nNilai bantuan Rp1,2 miliar."
    assert "\r" not in cleaned.text


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\r\n", "\u00a0\u200b"])
def test_empty_text(raw: str) -> None:
    cleaned = clean_article(raw)
    assert (cleaned.headline, cleaned.text) == (None, "")
    assert split_sentences(cleaned.text) == []


def test_binary_garbage_does_not_break_cleaning() -> None:
    garbage = bytes(range(256)).decode("latin-1") * 50 + "\ud800\x00\x1b[0m"
    cleaned = clean_article(garbage + "\n" + BODY)
    assert BODY in cleaned.text.split("\n")
    assert not any(c in cleaned.text for c in "\x00\x1b\x07")
    for sentence in split_sentences(cleaned.text):
        assert cleaned.text[sentence.start : sentence.end] == sentence.text


def _paragraphs(count: int) -> str:
    return "".join(
        f"{BODY} {SECOND_BODY} Kab. Sigi dan Prov. Sulteng ikut serta {i}.\nBaca juga: X {i}\n"
        for i in range(count)
    )


def test_ten_megabytes_are_cleaned_and_split_in_linear_time() -> None:
    small, large = _paragraphs(3_500), _paragraphs(35_000)  # about 1 MB and 10 MB
    started = time.process_time()
    split_sentences(clean_article(small).text)
    small_time = time.process_time() - started
    started = time.process_time()
    cleaned = clean_article(large)
    sentences = split_sentences(cleaned.text)
    large_time = time.process_time() - started
    assert len(large) > 10_000_000
    assert len(sentences) == 3 * 35_000
    assert "Baca juga" not in cleaned.text
    assert large_time < 25 * small_time + 1.0


def test_one_ten_megabyte_line_is_linear_too() -> None:
    line = "IKM tumbuh pesat dan menyerap banyak tenaga kerja baru di daerah " * 160_000
    started = time.process_time()
    cleaned = clean_article(line)
    assert len(split_sentences(cleaned.text)) == 1
    assert time.process_time() - started < 10


# Sentences ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("IKM tumbuh. Pekerja bertambah.", ["IKM tumbuh.", "Pekerja bertambah."]),
        (
            "Bimtek di Kab. Sigi dan Prov. Sulteng diikuti 40 orang. Acara dibuka Dr. Ir. Budi.",
            [
                "Bimtek di Kab. Sigi dan Prov. Sulteng diikuti 40 orang.",
                "Acara dibuka Dr. Ir. Budi.",
            ],
        ),
        (
            "Bantuan Rp. 5 juta diserahkan. Alat, bahan, dll. juga diberikan. Selesai.",
            ["Bantuan Rp. 5 juta diserahkan.", "Alat, bahan, dll. juga diberikan.", "Selesai."],
        ),
        (
            "Jumlahnya 6.779 unit. Tumbuh 3,69 persen. Nilai 1.250.000 rupiah.",
            ["Jumlahnya 6.779 unit.", "Tumbuh 3,69 persen.", "Nilai 1.250.000 rupiah."],
        ),
        (
            "Pemilik PT. Maju Jaya, H. Ahmad dan Hj. Siti, hadir. Begitu juga Budi S.E., M.Si. "
            "yang datang dari Jl. Merdeka No. 5.",
            [
                "Pemilik PT. Maju Jaya, H. Ahmad dan Hj. Siti, hadir.",
                "Begitu juga Budi S.E., M.Si. yang datang dari Jl. Merdeka No. 5.",
            ],
        ),
        (
            "Saham PT Maju Tbk. Naik sedikit. Dipimpin Muh. Rusdin dan Gati W. Wibawaningsih.",
            ["Saham PT Maju Tbk. Naik sedikit.", "Dipimpin Muh. Rusdin dan Gati W. Wibawaningsih."],
        ),
        (
            '“Kami siap membantu IKM.” Kata dia kemudian. "Semua hadir." Itu saja.',
            ["“Kami siap membantu IKM.”", "Kata dia kemudian.", '"Semua hadir."', "Itu saja."],
        ),
        (
            "“Kami siap,” kata Gati. Ia menambahkan, “Tahun depan lebih baik.”",
            ["“Kami siap,” kata Gati.", "Ia menambahkan, “Tahun depan lebih baik.”"],
        ),
        (
            "Apa sebabnya? Produksi turun! Lalu... semua diam.",
            ["Apa sebabnya?", "Produksi turun!", "Lalu... semua diam."],
        ),
        ("Tunggu dulu... Kemudian naik.", ["Tunggu dulu...", "Kemudian naik."]),
        (
            "Judul Tanpa Titik\nBaris kedua tanpa titik",
            ["Judul Tanpa Titik", "Baris kedua tanpa titik"],
        ),
        (
            "Kata dia di Jakarta, Rabu (21/8). Acara selesai.",
            ["Kata dia di Jakarta, Rabu (21/8).", "Acara selesai."],
        ),
        ("  Spasi di depan.  \n\n  Dan di belakang.  ", ["Spasi di depan.", "Dan di belakang."]),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    found = split_sentences(text)
    assert [s.text for s in found] == sentences
    for sentence in found:
        assert text[sentence.start : sentence.end] == sentence.text


def test_sentence_offsets_over_crlf_and_no_break_spaces() -> None:
    text = "Nilai\u00a0Rp1,2\u00a0miliar. Naik lagi.\r\nBaris baru."
    found = split_sentences(text)
    assert [s.text for s in found] == ["Nilai\u00a0Rp1,2\u00a0miliar.", "Naik lagi.", "Baris baru."]
    assert all(text[s.start : s.end] == s.text for s in found)


# The seed articles: real scraped news, read from ../shared/seeds when it is there. ------------

_BYLINE_OR_CAPTION = re.compile(
    r"(?i)^(?:baca\s+juga|foto\s*:|reporter\s*:|redaktur\s*:|penulis\s*:|editor\s*:"
    r"|you cannot copy|komentar$|top$|sebarkan artikel)|foto\s*:\s*[^.]*$|^[a-z]{2,4}/[A-Z]-?\d+$"
)


def _seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.mark.skipif(not _seed_files(), reason="../shared/seeds is not present")
@pytest.mark.parametrize("path", _seed_files(), ids=lambda p: p.name)
def test_seed_articles_lose_boilerplate_and_keep_figures(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    cleaned = clean_article(raw)
    kept = cleaned.text.split("\n")
    for line in kept:
        assert not _BYLINE_OR_CAPTION.search(line), line
    if cleaned.headline is not None:
        assert not cleaned.headline.lower().startswith("baca")
        assert len(cleaned.headline.split()) >= 4
    raw_lines = [" ".join(line.replace("\u00a0", " ").split()) for line in raw.splitlines()]
    for line in raw_lines:
        is_body_with_figure = (
            len(line.split()) > 12 and line.endswith((".", '"', "”")) and re.search(r"\d", line)
        )
        if is_body_with_figure:
            assert line in kept
        if line.lower().startswith("baca juga"):
            assert line not in kept
    sentences = split_sentences(cleaned.text)
    assert all(cleaned.text[s.start : s.end] == s.text for s in sentences)
    assert all("\n" not in s.text for s in sentences)


def test_text_wrapped_at_a_fixed_width_is_joined_back() -> None:
    raw = (
        "Kemenperin Latih Perajin Tenun di Kabupaten Sintang\n"
        "SINTANG - Dinas Perindustrian Kalimantan Barat menggelar pelatihan bagi\n"
        "sebanyak 60 perajin tenun dari Kabupaten Sintang dan Kabupaten Kapuas\n"
        "Hulu, Senin (4/3/2019). Kegiatan ini didanai anggaran dekonsentrasi\n"
        "sebesar Rp 750 juta.\n"
        "\n"
        "Peserta terdiri atas:\n"
        "- Kabupaten Sintang: 35 orang\n"
        "- Kabupaten Kapuas Hulu: 25 orang"
    )
    cleaned = clean_article(raw)
    assert cleaned.headline == "Kemenperin Latih Perajin Tenun di Kabupaten Sintang"
    assert cleaned.text.split("\n")[1:] == [
        "SINTANG - Dinas Perindustrian Kalimantan Barat menggelar pelatihan bagi sebanyak 60 "
        "perajin tenun dari Kabupaten Sintang dan Kabupaten Kapuas Hulu, Senin (4/3/2019). "
        "Kegiatan ini didanai anggaran dekonsentrasi sebesar Rp 750 juta.",
        "Peserta terdiri atas:",
        "- Kabupaten Sintang: 35 orang",
        "- Kabupaten Kapuas Hulu: 25 orang",
    ]


def test_short_lines_of_an_unwrapped_article_stay_apart() -> None:
    raw = "\n".join([HEADLINE, "Ekonomi", BODY, "Kota Palu", SECOND_BODY])
    assert clean_article(raw).text == "\n".join([HEADLINE, BODY, "Kota Palu", SECOND_BODY])


def test_the_site_name_in_capitals_gives_way_to_the_headline() -> None:
    raw = "\n".join(
        ["DINAS PERINDUSTRIAN DAN PERDAGANGAN PROVINSI SULAWESI TENGAH", HEADLINE, BODY]
    )
    cleaned = clean_article(raw)
    assert cleaned.headline == HEADLINE
    assert cleaned.text == "\n".join([HEADLINE, BODY])


def test_related_news_takes_its_title_with_it() -> None:
    cleaned = clean_article(_article("Berita Terkait:", "Disperindag Gelar Bimtek untuk 40 IKM"))
    assert cleaned.text == "\n".join([HEADLINE, BODY, SECOND_BODY])


def test_a_read_more_block_takes_all_its_titles_with_it() -> None:
    cleaned = clean_article(
        _article(
            "Baca Juga",
            "Kemenperin Gelontorkan Rp 50 Miliar untuk Restrukturisasi Mesin IKM",
            "Jumlah IKM Naik 5 Persen, Menperin Optimistis Target 2024 Tercapai",
        )
    )
    assert cleaned.text == "\n".join([HEADLINE, BODY, SECOND_BODY])


def test_the_last_title_above_the_story_is_its_headline() -> None:
    cleaned = clean_article("\n".join(["ANTARA News Sulawesi Tengah", HEADLINE, BODY]))
    assert cleaned.headline == HEADLINE
    assert cleaned.text == "\n".join([HEADLINE, BODY])


def test_an_outlet_name_in_lower_case_starts_the_story_on_its_own_line() -> None:
    raw = "\n".join([HEADLINE, "Jumat, 14 Desember 2018 – 19:32 WIB", "jpnn.com, " + BODY])
    assert clean_article(raw).text.split("\n")[-1] == "jpnn.com, " + BODY


def test_a_caption_closed_by_an_outlet_and_photographer_is_dropped() -> None:
    raw = (
        "Dana Alokasi Khusus untuk Sentra IKM Naik\n\n"
        "Perajin menjahit sepatu di sentra industri kecil, Jakarta, 3 Mei 2018. Produksi "
        "industri naik sebesar 4,2 persen Tempo/Fulan Suganda\n\n"
        "YOGYAKARTA - Kementerian Perindustrian akan mengevaluasi program DAK Fisik "
        "untuk sentra IKM di seluruh daerah tahun depan.\n"
    )
    text = clean_article(raw).text
    assert "Tempo/Fulan" not in text and "4,2 persen" not in text
    assert "mengevaluasi program DAK" in text


def test_the_name_under_a_bare_byline_label_is_no_headline() -> None:
    raw = (
        "Anggaran Sentra IKM Tahun Ini Rp 120 Miliar\n\n"
        "Reporter:\nEditor:\n\nFulan Bin Abdul Fulan\n\n"
        "JAKARTA - Kementerian Perindustrian menyiapkan anggaran untuk revitalisasi sentra "
        "industri kecil dan menengah di dua puluh provinsi.\n"
    )
    cleaned = clean_article(raw)
    assert cleaned.headline == "Anggaran Sentra IKM Tahun Ini Rp 120 Miliar"
    assert "Fulan Bin Abdul Fulan" not in cleaned.text
