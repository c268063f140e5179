"""The bench harness's single-run mode: one warm-up on the case's slice, then one measured run."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.harness import Case, measure_side


def _case(calls: list, **kwargs) -> Case:
    return Case(
        "c",
        "peer",
        prepare=lambda: list(range(10)),
        ours=lambda data: calls.append(len(data)),
        theirs=None,
        work=lambda data: (len(data), "item"),
        **kwargs,
    )


def test_single_run_warms_up_on_the_slice_then_runs_once():
    calls: list[int] = []
    out = measure_side(_case(calls, single_run=True, warmup=lambda d: d[:2]), "ours")
    assert calls == [2, 10]
    assert out["work"] == 10 and out["unit"] == "item" and out["seconds"] >= 0


def test_single_run_from_the_environment(monkeypatch):
    calls: list[int] = []
    monkeypatch.setenv("MIDITOK_BENCH_SINGLE_RUN", "1")
    measure_side(_case(calls), "ours")
    assert calls == [10]  # no warm-up slice given: no warm-up


def test_default_mode_warms_up_measures_peak_then_repeats(monkeypatch):
    calls: list[int] = []
    monkeypatch.delenv("MIDITOK_BENCH_SINGLE_RUN", raising=False)
    monkeypatch.delenv("MIDITOK_BENCH_REPEAT", raising=False)
    measure_side(_case(calls, repeat=2), "ours")
    assert calls == [10, 10, 10, 10]
