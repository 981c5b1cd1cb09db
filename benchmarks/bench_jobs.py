"""Extraction throughput with one process and with two, over synthetic 3 KB IKM articles.

    python benchmarks/bench_jobs.py [N] [--processes 2] [--target 1.7]

Makes N (default 2,000) deterministic Indonesian news-style articles about IKM from the
gazetteer's region names and the program and metric words the extractor knows, then times
``extract_many`` over them with ``processes=1`` and with ``--processes`` workers: wall seconds
(worker start-up included, since a run pays it), articles per second and the speed-up. Wall
time, not CPU time, is the point here, so a busy machine lowers the figures: the setup printed
says how many cores this process may use. Exits 1 when the speed-up is below the target.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time

from synthetic import count_text, rupiah_text

from ikm_facts.gazetteer import load_gazetteer
from ikm_facts.model import Region
from ikm_warehouse.extraction import ExtractionJob, ExtractionOutcome, extract_many

# Words the extraction rules know: programs (ikm_facts.programs) and what figures count.
PROGRAMS = (
    "bimbingan teknis",
    "pelatihan",
    "program e-Smart IKM",
    "Wirausaha Industri Baru (WUB)",
    "revitalisasi sentra",
    "dana alokasi khusus (DAK)",
    "dana dekonsentrasi",
    "restrukturisasi mesin",
    "bantuan peralatan",
    "pendampingan",
    "pameran",
    "sertifikasi halal",
)
PRODUCTS = ("tenun", "batik", "kopi", "rotan", "anyaman", "keripik", "bordir", "gerabah", "songket")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
OFFICIALS = (
    ("Kepala Dinas Perindustrian", "Andi Rahmat"),
    ("Direktur Jenderal IKMA Kemenperin", "Gati Wibawaningsih"),
    ("Kepala Bidang Industri", "Siti Nurhaliza"),
    ("Bupati", "Ahmad Yani"),
)


def _paragraphs(rng: random.Random, place: Region, province: Region, year: int) -> list[str]:
    program, product = rng.choice(PROGRAMS), rng.choice(PRODUCTS)
    title, name = rng.choice(OFFICIALS)
    return [
        f"Dinas Perindustrian {province.name} mencatat jumlah IKM di {place.name} pada {year} "
        f"mencapai {count_text(rng)} unit usaha dengan {count_text(rng)} orang tenaga kerja.",
        f"Nilai produksi IKM {product} di {place.name} tercatat {rupiah_text(rng)}, sedangkan "
        f"nilai investasinya sebesar {rupiah_text(rng)} sepanjang {year}.",
        f'"Melalui {program}, kami ingin pelaku IKM {product} naik kelas," kata {title} '
        f"{place.name}, {name}, di {place.name}.",
        f"Sebanyak {rng.randint(20, 400)} pelaku IKM mengikuti {program} yang digelar selama "
        f"{rng.randint(2, 9)} hari di gedung serbaguna {place.name}.",
        f"Ekspor produk {product} dari {province.name} menembus {rupiah_text(rng)} pada triwulan "
        f"{rng.choice(('I', 'II', 'III', 'IV'))} tahun {year - 1}.",
        f"Pemerintah menargetkan {count_text(rng)} IKM baru tumbuh di {province.name} hingga "
        f"{year + 2}, sekitar {rng.randint(2, 40)} persen lebih banyak dari tahun lalu.",
        f"Anggaran {program} tahun ini sebesar {rupiah_text(rng)}, naik dari {rupiah_text(rng)} "
        "tahun sebelumnya, dan sebagian disalurkan sebagai bantuan mesin.",
        f"Menurut {name}, kendala utama pelaku usaha {product} adalah bahan baku dan pemasaran, "
        "sehingga pendampingan akan dilanjutkan bersama perguruan tinggi setempat.",
    ]


def synthetic_articles(count: int, seed: int = 2024) -> list[ExtractionJob]:
    """``count`` articles of about 3 KB; the same ``count`` and ``seed`` give the same texts."""
    regions = sorted(load_gazetteer().regions(), key=lambda r: r.code)
    provinces = {r.code: r for r in regions if r.level == "province"}
    places = [r for r in regions if r.level in ("regency", "city")]
    jobs = []
    for number in range(count):
        rng = random.Random(seed * 1_000_003 + number)
        place = rng.choice(places)
        province = provinces[place.province_code or ""]
        year = rng.randint(2016, 2024)
        day = rng.randint(1, 28)
        lines = [
            f"IKM {rng.choice(PRODUCTS).title()} {place.name} Tumbuh Berkat Pembinaan",
            f"{rng.choice(DAYS)}, {day} {rng.choice(MONTHS)} {year} 10:{day + 10} WIB",
        ]
        body = _paragraphs(rng, place, province, year)
        while len("\n\n".join(lines + body).encode()) < 3 * 1024:
            # A few of another place's paragraphs, as a roundup article reads.
            body += rng.sample(_paragraphs(rng, rng.choice(places), province, year), 2)
        lines += body
        jobs.append(ExtractionJob(f"bench-{number:05d}", "\n\n".join(lines), f"bench-{number}"))
    return jobs


def timed(
    jobs: list[ExtractionJob], processes: int
) -> tuple[float, float, list[ExtractionOutcome]]:
    """Wall seconds to the first outcome and to the last, and the outcomes."""
    started = time.perf_counter()
    outcomes = extract_many(jobs, processes=processes)
    first = next(outcomes)
    to_first = time.perf_counter() - started
    rest = list(outcomes)
    return to_first, time.perf_counter() - started, [first, *rest]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=2000, metavar="N")
    parser.add_argument("--processes", type=int, default=2, help="workers to compare with one")
    parser.add_argument("--target", type=float, default=1.7, help="speed-up to reach")
    args = parser.parse_args(argv)

    jobs = synthetic_articles(args.count)  # also loads the gazetteer in this process
    sizes = [len(job.text.encode()) for job in jobs]
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print("setup:")
    print(f"  machine   {platform.machine()}, {os.cpu_count()} cores, {usable} usable here")
    print(f"  python    {platform.python_version()}")
    print(f"  corpus    {len(jobs)} synthetic articles")
    print(
        f"  sizes     median {statistics.median(sizes) / 1024:.1f} KB, "
        f"min {min(sizes) / 1024:.1f} KB, max {max(sizes) / 1024:.1f} KB"
    )
    print(f"  load      1-minute load average {os.getloadavg()[0]:.2f} before the runs")

    print("result:")
    rates = {}
    results = {}
    for processes in (1, args.processes):
        to_first, wall, outcomes = timed(jobs, processes)
        rates[processes] = len(jobs) / wall
        results[processes] = outcomes
        print(
            f"  processes={processes}: {wall:.2f} s wall, {rates[processes]:.0f} articles/s "
            f"(first outcome after {to_first:.2f} s)"
        )
    failed = sum(o.error is not None for o in results[1])
    same = results[1] == results[args.processes]
    speedup = rates[args.processes] / rates[1]
    print(f"  outcomes identical: {'yes' if same else 'NO'}; articles that failed: {failed}")
    verdict = "met" if speedup >= args.target else "NOT met"
    print(f"  speed-up {speedup:.2f}x; target {args.target:.1f}x: {verdict}")
    return 0 if same and speedup >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
