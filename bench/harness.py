"""The benchmark harness: a Case names one operation done by us and by a peer on the same inputs.

Each side of each case runs in a fresh subprocess, so peak memory is measured per side: the
subprocess builds the inputs (not timed), runs the operation once to warm up (its time is
reported as the cold first pass), has the allocators give back the free memory they keep
(`release_free_memory`), resets its peak-RSS counter, runs it once more to measure the memory
peak, then `repeat` times, and reports the best time and the peak RSS above the baseline.
A case whose peer takes minutes sets `single_run` (or bench.run gets `--single-run`): each side
then warms up on `warmup(data)` (a small slice of the inputs; no warm-up without it) and runs
the operation once, which gives both its time and its memory peak.
A benchmark module (bench/bench_<topic>.py) exposes ``cases(corpus) -> list[Case]``, where corpus
maps "shared" (the MIDI files of ../shared/corpus) and "generated" (files of our seeded generator)
to lists of paths.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Case:
    """One operation measured for us and for a peer on the same inputs."""

    name: str
    peer: str
    prepare: Callable[[], Any]
    ours: Callable[[Any], Any]
    theirs: Callable[[Any], Any] | None
    work: Callable[[Any], tuple[float, str]] | None = None
    repeat: int = 3
    env: dict[str, str] = field(default_factory=dict)
    single_run: bool = False
    warmup: Callable[[Any], Any] | None = None
    # The work runs in a child process (a command-line tool): after each run, the child's whole
    # peak RSS in bytes (the peak is then the larger of it and this process's growth).
    child_peak: Callable[[], int] | None = None
    # The peer ran on a sample, 1 / peer_scale of the inputs: its time is multiplied by
    # peer_scale to stand for the whole inputs (the case's name says so; `work` counts the whole
    # inputs); its peak memory is the sample's.
    peer_scale: float = 1.0


def _read_status(key: str) -> int:
    """A field of /proc/self/status in bytes (VmRSS, VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    return 0


def release_free_memory() -> None:
    """Has this process's allocators give back the free memory they keep for reuse, so that the
    baseline holds only what is in use, on either side: a cyclic collection, our extension's
    kept CPython arenas (when it is imported: both sides' processes import it to build their
    inputs) and glibc's free heap (malloc_trim)."""
    gc.collect()
    core = sys.modules.get("miditok_cpp._core")
    release = getattr(core, "release_memory", None)
    if release is not None:
        release()  # malloc_trim too
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _reset_peak_rss() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def measure_side(case: Case, side: str) -> dict[str, Any]:
    """Runs one side of a case in this process; returns seconds, peak bytes and work done."""
    fn = case.ours if side == "ours" else case.theirs
    assert fn is not None
    data = case.prepare()
    result = _measure(case, fn, data)
    if side == "theirs" and case.peer_scale != 1.0:
        result["seconds"] *= case.peer_scale
    return result


def _measure(case: Case, fn: Callable[[Any], Any], data: Any) -> dict[str, Any]:
    if case.single_run or os.environ.get("MIDITOK_BENCH_SINGLE_RUN") == "1":
        return _measure_once(case, fn, data)
    start = time.perf_counter()
    fn(data)  # warm-up: imports, lazy initialisation and first-touch allocations stay out
    first = time.perf_counter() - start
    release_free_memory()
    baseline = _read_status("VmRSS")
    exact_peak = _reset_peak_rss()
    fn(data)  # the run whose memory peak is measured
    peak = _read_status("VmHWM") - baseline
    best = float("inf")
    repeat = int(os.environ.get("MIDITOK_BENCH_REPEAT", case.repeat))
    for _ in range(repeat):
        start = time.perf_counter()
        fn(data)
        best = min(best, time.perf_counter() - start)
    return {**_result(case, data, best, peak, exact_peak), "first_seconds": first}


def _measure_once(case: Case, fn: Callable[[Any], Any], data: Any) -> dict[str, Any]:
    """One timed run that also gives the memory peak, after a warm-up on a slice of the inputs."""
    if case.warmup is not None:
        fn(case.warmup(data))
    release_free_memory()
    baseline = _read_status("VmRSS")
    exact_peak = _reset_peak_rss()
    start = time.perf_counter()
    fn(data)
    seconds = time.perf_counter() - start
    peak = _read_status("VmHWM") - baseline
    return _result(case, data, seconds, peak, exact_peak)


def _result(case: Case, data: Any, seconds: float, peak: int, exact_peak: bool) -> dict[str, Any]:
    """A side's figures: best time, peak RSS above the baseline and the work done."""
    amount, unit = case.work(data) if case.work else (1.0, "run")
    if case.child_peak is not None:
        peak = max(peak, case.child_peak())
    return {
        "seconds": seconds,
        "peak_bytes": max(peak, 0),
        "peak_exact": exact_peak,
        "work": amount,
        "unit": unit,
    }


def run_side_in_subprocess(
    module: str, index: int, side: str, env: dict[str, str], realtime: bool = False
) -> dict:
    """Measures one side of case `index` of bench.<module> in a fresh Python process (under
    SCHED_FIFO with `realtime`, so other work on the machine does not take its cores)."""
    cmd = [sys.executable, "-m", "bench.run", "--worker", module, str(index), side]
    if realtime:
        cmd = ["chrt", "-f", "10", *cmd]
    full_env = {**os.environ, **env, "PYTHONPATH": f"{ROOT / 'python'}:{ROOT}"}
    out = subprocess.run(cmd, cwd=ROOT, env=full_env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        return {"error": (out.stderr or out.stdout).strip().splitlines()[-1:]}
    return json.loads(out.stdout.strip().splitlines()[-1])
