"""Near-duplicate grouping: republished press releases group together, other stories do not."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from ikm_facts.syndication import (
    BANDS,
    Sketch,
    candidate_pairs,
    group_ids,
    group_near_duplicates,
    minhash,
    shingles,
    similarity,
    sketch,
)

# A press release written for this test, in three paragraphs.
RELEASE = (
    "Kementerian Perindustrian melalui Direktorat Jenderal Industri Kecil, Menengah dan Aneka "
    "menggelar bimbingan teknis bagi 120 pelaku industri kecil di Kabupaten Banyumas. Kegiatan "
    "yang berlangsung selama empat hari ini difokuskan pada peningkatan mutu produk olahan "
    "pangan dan pengemasan yang memenuhi standar pasar modern.\n"
    "Direktur Jenderal IKMA menyampaikan bahwa peserta juga dibekali pengetahuan tentang "
    "sertifikasi halal dan pendaftaran merek agar produk mereka mampu bersaing di pasar "
    "daring. Menurutnya, sebanyak 35 peserta telah mengajukan sertifikasi halal sejak program "
    "dimulai pada awal tahun.\n"
    "Pemerintah daerah berharap kegiatan serupa dapat digelar kembali tahun depan dengan "
    "jumlah peserta yang lebih besar, terutama bagi perajin batik dan pengolah gula kelapa "
    "yang tersebar di desa-desa sekitar Purwokerto."
)

# The same release as another outlet ran it: its own dateline and lead, a few words changed,
# the closing paragraph dropped.
REPUBLISHED = (
    "PURWOKERTO - Ratusan pelaku usaha kecil di Banyumas mendapat pelatihan dari pemerintah "
    "pusat pekan ini.\n"
    "Kementerian Perindustrian melalui Direktorat Jenderal Industri Kecil, Menengah dan Aneka "
    "menggelar bimbingan teknis bagi 120 pelaku industri kecil di Kabupaten Banyumas. Kegiatan "
    "yang berlangsung selama empat hari tersebut difokuskan pada peningkatan mutu produk olahan "
    "pangan dan pengemasan yang memenuhi standar pasar modern.\n"
    "Direktur Jenderal IKMA menyampaikan bahwa peserta juga dibekali pengetahuan tentang "
    "sertifikasi halal dan pendaftaran merek agar produk mereka mampu bersaing di pasar "
    "daring. Menurutnya, sebanyak 35 peserta sudah mengajukan sertifikasi halal sejak program "
    "dimulai pada awal tahun."
)

# Same ministry, same kind of program, different event: must stay apart.
OTHER_STORY = (
    "Kementerian Perindustrian menyerahkan bantuan mesin jahit kepada 40 industri kecil "
    "konveksi di Kota Bandung. Bantuan tersebut diharapkan menambah kapasitas produksi "
    "pakaian seragam sekolah yang selama ini dipesan dari luar daerah. Kepala dinas setempat "
    "menyebut para penerima telah mengikuti pelatihan menjahit pada bulan sebelumnya dan "
    "akan didampingi hingga akhir tahun. Selain mesin, para perajin juga memperoleh bahan "
    "baku kain untuk produksi awal serta akses ke pameran produk lokal di gedung sate."
)

SAME_TOPIC = (
    "Bimbingan teknis bagi pelaku industri kecil pengolahan pangan digelar di Kabupaten "
    "Cilacap oleh dinas perindustrian provinsi. Sebanyak 60 peserta belajar tentang keamanan "
    "pangan, perizinan edar dan cara menghitung harga pokok produksi. Panitia menyebut "
    "sebagian besar peserta merupakan ibu rumah tangga yang baru memulai usaha keripik dan "
    "makanan ringan di rumah masing-masing."
)


def test_republished_release_groups_with_the_original() -> None:
    groups = group_near_duplicates({"b1": RELEASE, "a9": REPUBLISHED, "c3": OTHER_STORY})
    assert groups["b1"] == groups["a9"] == "a9"  # smallest id without dates
    assert groups["c3"] == "c3"


def test_stories_on_the_same_topic_stay_apart() -> None:
    groups = group_near_duplicates({"x": RELEASE, "y": SAME_TOPIC, "z": OTHER_STORY})
    assert groups == {"x": "x", "y": "y", "z": "z"}


def test_group_is_named_after_the_first_published() -> None:
    texts = {"aaa": REPUBLISHED, "zzz": RELEASE}
    dates = {"aaa": date(2021, 3, 5), "zzz": date(2021, 3, 4)}
    assert group_near_duplicates(texts, published=dates) == {"aaa": "zzz", "zzz": "zzz"}
    # An unknown date counts as later than any known one.
    assert group_near_duplicates(texts, published={"aaa": date(2021, 3, 5), "zzz": None}) == {
        "aaa": "aaa",
        "zzz": "aaa",
    }


def test_groups_are_transitive() -> None:
    # a ~ b and b ~ c, though a and c alone would not be linked.
    first, second = RELEASE.split("\n", 1)[0], RELEASE.split("\n", 2)[1]
    texts = {"a": first, "b": f"{first}\n{second}", "c": second}
    assert similarity(shingles(texts["a"]), shingles(texts["c"])) < 0.5
    assert set(group_near_duplicates(texts).values()) == {"a"}


def test_threshold_decides() -> None:
    texts = {"a": RELEASE, "b": REPUBLISHED}
    score = similarity(shingles(RELEASE), shingles(REPUBLISHED))
    assert 0.5 < score < 1.0
    assert group_near_duplicates(texts, threshold=score + 0.01) == {"a": "a", "b": "b"}


def test_empty_and_tiny_texts_are_their_own_group() -> None:
    groups = group_near_duplicates({"e": "", "f": "   ", "g": "Bimtek IKM", "h": "Bimtek IKM"})
    assert groups["e"] == "e"
    assert groups["f"] == "f"
    assert groups["g"] == groups["h"] == "g"


def test_shingles_ignore_case_spacing_and_punctuation() -> None:
    assert np.array_equal(
        shingles("Bimtek  IKM di Palu, Sulawesi Tengah."),
        shingles("bimtek ikm di palu sulawesi tengah"),
    )
    assert len(shingles("satu dua tiga empat lima enam")) == 2
    # Word order matters within a shingle.
    assert not np.array_equal(
        shingles("satu dua tiga empat lima"), shingles("dua satu tiga empat lima")
    )


def test_shingle_hashes_are_fixed_across_processes_and_versions() -> None:
    # Stored in the warehouse: a change of hashing would silently split every stored group.
    assert shingles("bimtek ikm di palu sulawesi").tolist() == [1976387621]


def test_minhash_is_deterministic_and_tracks_overlap() -> None:
    a, b = shingles(RELEASE), shingles(REPUBLISHED)
    assert np.array_equal(minhash(a), minhash(shingles(RELEASE)))
    agree = float(np.mean(minhash(a) == minhash(b)))
    shared = np.intersect1d(a, b).size
    jaccard = shared / (a.size + b.size - shared)
    assert agree == pytest.approx(jaccard, abs=0.15)
    assert int(np.sum(minhash(a) == minhash(shingles(OTHER_STORY)))) <= 5


def test_a_sketch_survives_storage() -> None:
    made = sketch(RELEASE)
    assert made.bands.shape == (BANDS,)
    assert np.array_equal(Sketch.shingles_from_bytes(made.shingle_bytes()), made.shingles)
    assert made == sketch(RELEASE)
    assert made != sketch(OTHER_STORY)
    assert sketch("").bands.size == 0


def test_copies_share_a_band_and_unrelated_stories_do_not() -> None:
    bands = {
        key: sketch(text).bands
        for key, text in {"r": RELEASE, "p": REPUBLISHED, "o": OTHER_STORY, "s": SAME_TOPIC}.items()
    }
    assert candidate_pairs(bands) == {("p", "r")}


def test_groups_are_connected_links_named_by_the_first_published() -> None:
    links = [("a", "b"), ("c", "d"), ("b", "d")]
    dates = {"c": date(2020, 1, 1), "d": date(2019, 5, 1)}
    assert group_ids("abcde", links, dates) == {"a": "d", "b": "d", "c": "d", "d": "d", "e": "e"}


def test_result_does_not_depend_on_input_order() -> None:
    texts = {"k1": OTHER_STORY, "k2": REPUBLISHED, "k3": RELEASE, "k4": SAME_TOPIC}
    reordered = dict(reversed(list(texts.items())))
    assert group_near_duplicates(texts) == group_near_duplicates(reordered)
