"""Near-duplicate articles: one press release republished by several outlets, lightly edited.

Articles are compared on their 5-word shingles. Each article gets a :class:`Sketch`: its
shingle hashes and the band keys of its MinHash signature. Two articles are a *candidate*
pair when they share a band key (locality-sensitive hashing), and a candidate pair is *linked*
when the exact shingle sets overlap enough (:func:`similarity`), so the result does not depend
on hashing luck. Groups are the connected sets of links. Both steps look at one pair at a time,
so the links of a corpus are the same whether it is grouped at once or article by article:
the warehouse stores sketches and links, and compares only the new articles with the stored
band keys.

For ids "b" (a release), "a" (the same release with an outlet's own lead) and "c" (another
story), ``group_near_duplicates`` gives ``{"a": "a", "b": "a", "c": "c"}``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import combinations

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 5
# 64 bands of 3 rows. A pair is a candidate with probability 1 - (1 - J**3)**64 for Jaccard
# similarity J: 0.998 at J = 0.45 (a copy with its own lead and a few words changed), 0.92 at
# J = 0.34 (a copy cut to the middle half of the story, with a lead of its own); 0.004 per pair
# at J = 0.04, the most that two unrelated stories on the same topic share, and far less for
# most pairs, so candidates grow with the number of copies, not with the square of the corpus.
BANDS = 64
ROWS = 3
NUM_HASHES = BANDS * ROWS
THRESHOLD = 0.5
_COLUMNS = 4096  # shingles hashed at once: bounds memory on a huge text
_WORD = re.compile(r"\w+")
# Odd 64-bit constants: one per position in a shingle or a band, and the finalizer's.
_POSITION = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
    dtype=np.uint64,
)  # fmt: skip

Shingles = npt.NDArray[np.uint32]  # sorted, distinct
BandKeys = npt.NDArray[np.int64]  # one key per band; none for a text without words


@dataclass(frozen=True, eq=False)
class Sketch:
    """What grouping needs of one article: its shingles and its band keys."""

    shingles: Shingles
    bands: BandKeys

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sketch):
            return NotImplemented
        return np.array_equal(self.shingles, other.shingles) and np.array_equal(
            self.bands, other.bands
        )

    __hash__ = None  # type: ignore[assignment]  # equal by value, and arrays are not hashable

    def shingle_bytes(self) -> bytes:
        """The shingles as stored: little-endian 32-bit integers."""
        return self.shingles.astype("<u4").tobytes()

    @staticmethod
    def shingles_from_bytes(data: bytes) -> Shingles:
        return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def sketch(text: str) -> Sketch:
    """The shingles and band keys of a text."""
    items = shingles(text)
    return Sketch(items, band_keys(minhash(items)) if items.size else np.empty(0, np.int64))


def shingles(text: str, size: int = SHINGLE_WORDS) -> Shingles:
    """The hashed ``size``-word shingles of a text, case and punctuation ignored.

    A text shorter than ``size`` words is one shingle; an empty text has none.
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return np.empty(0, np.uint32)
    hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), np.uint64, len(words))
    count = max(1, len(words) - size + 1)
    mixed = np.zeros(count, np.uint64)
    for position in range(min(size, len(words))):
        mixed += hashes[position : position + count] * _POSITION[position]
    return np.unique((_finalize(mixed) >> np.uint64(32)).astype(np.uint32))


def similarity(a: Shingles, b: Shingles) -> float:
    """Share of the shorter article's shingles found in the other (the overlap coefficient).

    Measured against the shorter one so that a republication cut to its first paragraphs, or
    wrapped in an outlet's own lead, still counts as the same release.
    """
    if not a.size or not b.size:
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / min(a.size, b.size)


def minhash(items: Shingles) -> npt.NDArray[np.uint64]:
    """The MinHash signature of a shingle set: NUM_HASHES minima of seeded hashes.

    The hashes are multiply-add modulo 2**64 (a odd), ordered by their value: the shingle
    hashes are already well mixed, and one multiply-add per value keeps this fast.
    """
    a, b = _permutations()
    signature = np.full(NUM_HASHES, np.iinfo(np.uint64).max, np.uint64)
    values = items.astype(np.uint64)
    for start in range(0, values.size, _COLUMNS):
        block = values[np.newaxis, start : start + _COLUMNS]
        hashed = block * a[:, np.newaxis] + b[:, np.newaxis]  # wraps modulo 2**64
        np.minimum(signature, hashed.min(axis=1), out=signature)
    return signature


def band_keys(signature: npt.NDArray[np.uint64]) -> BandKeys:
    """One 64-bit key per band of ROWS signature values (equal bands give equal keys)."""
    rows = signature.reshape(BANDS, ROWS)
    key = np.arange(BANDS, dtype=np.uint64) * _POSITION[ROWS]
    for row in range(ROWS):
        key += rows[:, row] * _POSITION[row]
    return _finalize(key).view(np.int64)


def candidate_pairs(bands: Mapping[str, BandKeys]) -> set[tuple[str, str]]:
    """Pairs (smaller id first) that share at least one band key."""
    buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
    for key, keys in bands.items():
        for band, value in enumerate(keys.tolist()):
            buckets[band, value].append(key)
    pairs: set[tuple[str, str]] = set()
    for members in buckets.values():
        for left, right in combinations(members, 2):
            pairs.add((min(left, right), max(left, right)))
    return pairs


def group_ids(
    ids: Iterable[str],
    links: Iterable[tuple[str, str]],
    published: Mapping[str, date | None] | None = None,
) -> dict[str, str]:
    """Map every id to its group's id, a group being a connected set of ``links``.

    The group id is its earliest published article (from ``published``; unknown dates count as
    latest), ties and unknowns broken by the smallest article id.
    """
    parent = {key: key for key in ids}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for left, right in links:
        parent[find(left)] = find(right)
    members: dict[str, list[str]] = defaultdict(list)
    for key in parent:
        members[find(key)].append(key)
    dates = published or {}
    groups: dict[str, str] = {}
    for group in members.values():
        first = min(group, key=lambda key: (dates.get(key) or date.max, key))
        groups.update(dict.fromkeys(group, first))
    return groups


def group_near_duplicates(
    texts: Mapping[str, str],
    threshold: float = THRESHOLD,
    published: Mapping[str, date | None] | None = None,
) -> dict[str, str]:
    """Map every article id to its group's id, all texts compared at once.

    Articles whose :func:`similarity` reaches ``threshold`` are linked (see :func:`group_ids`
    for how a group is named).
    """
    sketches = {key: sketch(text) for key, text in texts.items()}
    pairs = candidate_pairs({key: s.bands for key, s in sketches.items()})
    links = (
        (left, right)
        for left, right in sorted(pairs)
        if similarity(sketches[left].shingles, sketches[right].shingles) >= threshold
    )
    return group_ids(texts, links, published)


def _finalize(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """Spread every input bit over the output (a 64-bit xor-shift-multiply finalizer)."""
    shift = np.uint64(33)
    mixed: npt.NDArray[np.uint64] = values ^ (values >> shift)
    mixed = mixed * _POSITION[4]
    mixed ^= mixed >> shift
    mixed = mixed * _POSITION[5]
    mixed ^= mixed >> shift
    return mixed


@cache
def _permutations() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """NUM_HASHES fixed (a, b), a odd, for h(x) = a*x + b mod 2**64, derived from their index."""
    a, b = [], []
    for index in range(NUM_HASHES):
        digest = hashlib.blake2b(index.to_bytes(4, "big"), digest_size=16, person=b"ikm-minhash")
        raw = digest.digest()
        a.append(int.from_bytes(raw[:8], "big") | 1)
        b.append(int.from_bytes(raw[8:], "big"))
    return np.array(a, np.uint64), np.array(b, np.uint64)
