"""Indonesian numbers: "6.779", "3,69", "Rp2,8 triliun", "4,4 juta", "13 ribu", "tiga ratus".

STUB: the interface is fixed; the implementation is being written.
"""

from __future__ import annotations

from decimal import Decimal

from ikm_facts.model import Quantity


def parse_number(text: str) -> Decimal:
    """Parse one number written the Indonesian way (no scale word): "6.779" -> 6779, "3,69" -> 3.69."""
    raise NotImplementedError


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its currency, scale word, percent sign and qualifier."""
    return []
