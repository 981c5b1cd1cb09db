"""Near-duplicate articles: one press release republished by several outlets, lightly edited.

Articles are compared on their 5-word shingles. MinHash signatures with LSH banding find the
candidate pairs cheaply; each candidate pair is then confirmed on the exact shingle sets, so
the result does not depend on hashing luck. Everything is seeded: the same texts always give
the same groups.

For ids "b" (a release), "a" (the same release with an outlet's own lead) and "c" (another
story), ``group_near_duplicates`` gives ``{"a": "a", "b": "a", "c": "c"}``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from functools import cache

SHINGLE_WORDS = 5
NUM_HASHES = 128
# 64 bands of 2 rows: a pair sharing a fifth of its shingles is a candidate with probability
# above 0.9, while unrelated articles (a few shared shingles) almost never are.
BANDS = 64
ROWS = NUM_HASHES // BANDS
_PRIME = (1 << 61) - 1  # a Mersenne prime, larger than any 60-bit shingle hash
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[int]:
    """The hashed ``size``-word shingles of a text, case and punctuation ignored.

    A text shorter than ``size`` words is one shingle; an empty text has none.
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return frozenset()
    grams = (words[i : i + size] for i in range(max(1, len(words) - size + 1)))
    return frozenset(_hash(" ".join(gram)) for gram in grams)


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the shorter article's shingles found in the other (the overlap coefficient).

    Measured against the shorter one so that a republication cut to its first paragraphs, or
    wrapped in an outlet's own lead, still counts as the same release.
    """
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def minhash(items: frozenset[int]) -> tuple[int, ...]:
    """The MinHash signature of a shingle set: NUM_HASHES minima of seeded linear hashes."""
    if not items:
        return (_PRIME,) * NUM_HASHES
    return tuple(min((a * x + b) % _PRIME for x in items) for a, b in _permutations())


def group_near_duplicates(
    texts: Mapping[str, str],
    threshold: float = 0.5,
    published: Mapping[str, date | None] | None = None,
) -> dict[str, str]:
    """Map every article id to its group's id.

    Articles whose :func:`similarity` reaches ``threshold`` are linked; a group is a connected
    set of links. The group id is its earliest published article (from ``published``; unknown
    dates count as latest), ties and unknowns broken by the smallest article id.
    """
    sets = {key: shingles(text) for key, text in texts.items()}
    parent = {key: key for key in texts}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for left, right in sorted(_candidates(sets)):
        if similarity(sets[left], sets[right]) >= threshold:
            parent[find(left)] = find(right)

    members: dict[str, list[str]] = defaultdict(list)
    for key in texts:
        members[find(key)].append(key)
    dates = published or {}
    groups: dict[str, str] = {}
    for group in members.values():
        first = min(group, key=lambda key: (dates.get(key) or date.max, key))
        groups.update(dict.fromkeys(group, first))
    return groups


def _candidates(sets: Mapping[str, frozenset[int]]) -> set[tuple[str, str]]:
    """Pairs (smaller id first) that share at least one LSH band."""
    buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
    for key, items in sets.items():
        if not items:
            continue
        signature = minhash(items)
        for band in range(BANDS):
            buckets[band, signature[band * ROWS : (band + 1) * ROWS]].append(key)
    pairs: set[tuple[str, str]] = set()
    for keys in buckets.values():
        for i, left in enumerate(keys):
            for right in keys[i + 1 :]:
                pairs.add((min(left, right), max(left, right)))
    return pairs


def _hash(text: str) -> int:
    # A keyed cryptographic hash, not hash(): Python salts str hashes per process.
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8, person=b"ikm-shingle")
    return int.from_bytes(digest.digest(), "big") >> 4


@cache
def _permutations() -> tuple[tuple[int, int], ...]:
    """NUM_HASHES fixed (a, b) pairs for h(x) = (a*x + b) mod p, derived from their index."""
    pairs = []
    for index in range(NUM_HASHES):
        digest = hashlib.blake2b(index.to_bytes(4, "big"), digest_size=16, person=b"ikm-minhash")
        raw = digest.digest()
        a = int.from_bytes(raw[:8], "big") % (_PRIME - 1) + 1
        b = int.from_bytes(raw[8:], "big") % _PRIME
        pairs.append((a, b))
    return tuple(pairs)
