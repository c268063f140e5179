"""Generated inputs for the hostile-input suites: small SMF files built byte by byte, and a
runner that executes a snippet in a child process under a file-size limit (a full disk)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import midi_compare

ROOT = Path(__file__).resolve().parents[2]


def smf(notes: list[tuple[int, int, int]], tpq: int = 480) -> bytes:
    """A format-0 SMF of (start tick, duration, pitch) notes (midi_compare's chunk writers)."""
    events = []
    for start, dur, pitch in notes:
        events.append((start, bytes([0x90, pitch, 80])))
        events.append((start + dur, bytes([0x80, pitch, 0])))
    events.sort(key=lambda e: e[0])
    starts = [0] + [tick for tick, _ in events[:-1]]
    deltas = [(tick - prev, raw) for (tick, raw), prev in zip(events, starts, strict=True)]
    return midi_compare.smf([midi_compare.track_chunk(deltas)], tpq=tpq, fmt=0)


def song(num_notes: int = 64, seed: int = 0, tpq: int = 480) -> bytes:
    """A plausible melody: num_notes eighth notes over two octaves."""
    return smf(
        [(i * tpq // 2, tpq // 2, 48 + (i * 7 + seed * 5) % 24) for i in range(num_notes)], tpq
    )


def far_note() -> bytes:
    """37 bytes: one note 2**28 - 1 quarters away at one tick per quarter."""
    data = smf([(2**28 - 1, 1, 60)], tpq=1)
    assert len(data) == 37
    return data


def run_limited(code: str, cwd: Path, fsize: int | None = None, timeout: float = 120) -> str:
    """Runs code in a child Python (PYTHONPATH=python) under RLIMIT_FSIZE = fsize bytes (a full
    disk: writes past it fail with EFBIG); returns its stdout, fails on a non-zero exit."""
    prelude = "import resource, signal\n"
    if fsize is not None:
        prelude += "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        prelude += f"resource.setrlimit(resource.RLIMIT_FSIZE, ({fsize}, {fsize}))\n"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "python"))
    proc = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout
