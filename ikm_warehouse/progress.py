"""How far a long step is: a bar on a terminal, a line now and then otherwise.

>>> import io
>>> out = io.StringIO()
>>> show = Progress(out, "extracted", "articles", terminal=False)
>>> for done in (256, 512, 1000):
...     show(done, 1000)
>>> print(out.getvalue(), end="")
  extracted 256 of 1,000 articles (26%)
  extracted 512 of 1,000 articles (51%)
  extracted 1,000 of 1,000 articles (100%)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 30
# Without a terminal: a line at least every this share of the work, or this many seconds.
LINE_EVERY_SHARE = 0.10
LINE_EVERY_SECONDS = 30.0
# On a terminal: redraw at most this often.
REDRAW_SECONDS = 0.2


class Progress:
    """A callable ``(done, total)`` that shows ``label done of total unit`` on ``stream``.

    On a terminal (``terminal=None``: when ``stream.isatty()``) it redraws one line with a bar;
    otherwise it writes a line whenever another tenth of the work is done or half a minute has
    passed, and always when the work is done.
    """

    def __init__(
        self,
        stream: TextIO,
        label: str,
        unit: str,
        *,
        terminal: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._label = label
        self._unit = unit
        self._terminal = stream.isatty() if terminal is None else terminal
        self._clock = clock
        self._last_time: float | None = None
        self._last_share = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        share = done / total if total else 1.0
        finished = done >= total
        text = f"{self._label} {done:,} of {total:,} {self._unit} ({share:.0%})"
        if self._terminal:
            if finished or self._last_time is None or now - self._last_time >= REDRAW_SECONDS:
                filled = round(share * BAR_WIDTH)
                bar = "#" * filled + "." * (BAR_WIDTH - filled)
                self._stream.write(f"\r  [{bar}] {text}" + ("\n" if finished else ""))
                self._stream.flush()
                self._last_time = now
            return
        due = (
            finished
            or share - self._last_share >= LINE_EVERY_SHARE - 1e-9  # 0.3 - 0.2 < 0.1 in floats
            or (self._last_time is not None and now - self._last_time >= LINE_EVERY_SECONDS)
        )
        if due:
            self._stream.write(f"  {text}\n")
            self._stream.flush()
            self._last_time, self._last_share = now, share
        elif self._last_time is None:
            self._last_time = now
