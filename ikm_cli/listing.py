"""Lists of problems as the commands print them: the first few, then how many more.

``capped(["a", "b", "c"], "and {count} more", shown=2)`` gives ``["a", "b", "and 1 more"]``.
"""

from __future__ import annotations

from collections.abc import Sequence

# A run over a broken dump can have 50,000 problems; past this many the rest is only counted
# (every one is still in the tables).
SHOWN = 20


def capped(
    lines: Sequence[str], more: str, shown: int = SHOWN, total: int | None = None
) -> list[str]:
    """The first ``shown`` lines, then ``more`` with ``{count}`` the lines left out.

    ``total``: how many there are in all, when ``lines`` holds only the first of them.
    """
    kept = list(lines[:shown])
    left_out = max(len(lines), total or 0) - len(kept)
    if left_out > 0:
        kept.append(more.format(count=f"{left_out:,}"))
    return kept
