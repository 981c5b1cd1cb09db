"""Progress of long steps: a redrawn bar on a terminal, a line now and then otherwise."""

from __future__ import annotations

import io

from ikm_warehouse.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_without_a_terminal_a_line_per_tenth_of_the_work_and_at_the_end() -> None:
    out, clock = io.StringIO(), Clock()
    show = Progress(out, "extracted", "articles", terminal=False, clock=clock)
    for done in range(0, 1001, 25):  # a batch of 25 every call
        show(done, 1000)
    lines = out.getvalue().splitlines()
    assert lines[0] == "  extracted 100 of 1,000 articles (10%)"
    assert lines[-1] == "  extracted 1,000 of 1,000 articles (100%)"
    assert len(lines) == 10


def test_without_a_terminal_a_slow_step_still_says_where_it_is() -> None:
    out, clock = io.StringIO(), Clock()
    show = Progress(out, "extracted", "articles", terminal=False, clock=clock)
    show(1, 10_000)
    assert out.getvalue() == ""
    clock.now = 31.0
    show(2, 10_000)
    assert out.getvalue() == "  extracted 2 of 10,000 articles (0%)\n"


def test_on_a_terminal_one_line_is_redrawn_and_ended() -> None:
    out, clock = io.StringIO(), Clock()
    show = Progress(out, "extracted", "articles", terminal=True, clock=clock)
    show(0, 4)
    show(1, 4)  # too soon after the last drawing: skipped
    clock.now = 1.0
    show(2, 4)
    show(4, 4)  # the end is always drawn
    text = out.getvalue()
    assert "\n" not in text[:-1]
    assert text.endswith("extracted 4 of 4 articles (100%)\n")
    frames = text.split("\r")[1:]
    assert len(frames) == 3
    assert frames[1].startswith("  [" + "#" * 15 + "." * 15 + "] extracted 2 of 4")


def test_nothing_to_do_is_done() -> None:
    out = io.StringIO()
    Progress(out, "extracted", "articles", terminal=False)(0, 0)
    assert out.getvalue() == "  extracted 0 of 0 articles (100%)\n"
