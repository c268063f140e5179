"""Rounds: a case measured several times, each side in a fresh process per round, the sides
alternating (ours, the peer's, ours, ...), so that a slow minute on a noisy machine falls on both
sides instead of on one row. The row then gives each side's median round and the spread of the
rounds' speed-ups."""

from __future__ import annotations

import statistics
from collections.abc import Callable


def median_side(runs: list[dict]) -> dict:
    """One side's rounds as one result: the round of median time (the lower middle one for an
    even count) with the median peak memory; the first error if any round failed."""
    for run in runs:
        if "error" in run:
            return run
    ordered = sorted(runs, key=lambda r: r["seconds"])
    middle = dict(ordered[(len(ordered) - 1) // 2])
    middle["peak_bytes"] = statistics.median_low(r["peak_bytes"] for r in runs)
    return middle


def spread(ours: list[dict], theirs: list[dict]) -> str | None:
    """ "median of N, x.x-y.yx": the lowest and highest speed-up of the rounds (round k's peer
    time over round k's own), None for one round or when a round failed."""
    if len(ours) < 2 or len(ours) != len(theirs):
        return None
    if any("error" in r for r in ours + theirs):
        return None
    ratios = [t["seconds"] / o["seconds"] for o, t in zip(ours, theirs, strict=True)]
    return f"median of {len(ours)}, {min(ratios):.1f}-{max(ratios):.1f}x"


def measure_rounds(
    rounds: int, side: Callable[[str], dict], has_peer: bool
) -> tuple[dict, dict | None, str | None]:
    """Runs `side("ours")` and `side("theirs")` alternately `rounds` times; returns each side's
    median result and the rounds' spread (see `spread`)."""
    ours: list[dict] = []
    theirs: list[dict] = []
    for _ in range(max(rounds, 1)):
        ours.append(side("ours"))
        if has_peer:
            theirs.append(side("theirs"))
    return median_side(ours), median_side(theirs) if has_peer else None, spread(ours, theirs)
