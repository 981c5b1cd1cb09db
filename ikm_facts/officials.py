"""People quoted or named with an office: "kata Gati Wibawaningsih, Direktur Jenderal IKMA Kemenperin".

STUB: the interface is fixed; the implementation is being written.
"""

from __future__ import annotations

from ikm_facts.model import Official


def find_officials(text: str) -> list[Official]:
    return []
