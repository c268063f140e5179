"""The bench's rounds: sides alternate, each side's median round is kept, the spread is shown."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.rounds import measure_rounds, median_side, spread


def _run(seconds: float, peak: int = 0) -> dict:
    return {"seconds": seconds, "peak_bytes": peak, "work": 1.0, "unit": "file"}


def test_sides_alternate_and_the_median_round_is_kept():
    order: list[str] = []
    times = {"ours": iter([3.0, 1.0, 2.0]), "theirs": iter([30.0, 60.0, 40.0])}

    def side(which: str) -> dict:
        order.append(which)
        return _run(next(times[which]), peak=len(order))

    ours, theirs, how = measure_rounds(3, side, has_peer=True)
    assert order == ["ours", "theirs"] * 3
    assert ours["seconds"] == 2.0 and theirs["seconds"] == 40.0
    assert ours["peak_bytes"] == 3  # the median of the peaks 1, 3, 5
    assert how == "median of 3, 10.0-60.0x"  # round ratios 10x, 60x, 20x


def test_even_rounds_keep_the_lower_middle_and_one_round_has_no_spread():
    assert median_side([_run(4.0), _run(1.0), _run(3.0), _run(2.0)])["seconds"] == 2.0
    assert spread([_run(1.0)], [_run(2.0)]) is None


def test_a_failed_round_is_the_sides_result():
    failed = {"error": ["boom"]}
    assert median_side([_run(1.0), failed]) == failed
    assert spread([_run(1.0), failed], [_run(1.0), _run(2.0)]) is None


def test_without_a_peer_only_our_side_runs():
    order: list[str] = []
    _, theirs, how = measure_rounds(2, lambda w: order.append(w) or _run(1.0), has_peer=False)
    assert order == ["ours", "ours"] and theirs is None and how is None
