"""The extension's process-wide allocator tunings (docs/architecture.md, "Allocator"): freed
CPython arenas are kept for reuse, then returned to the system once unused for the decay (or at
once by release_memory), and MIDITOK_CPP_SYSTEM_ALLOCATOR=1 turns every tuning off."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PYTHON_DIR = Path(__file__).resolve().parents[2] / "python"

# Allocates ~40 MiB of small Python objects, drops them, and prints how much of that RSS the
# process gave back to the system.
_PROBE = """
import gc
import miditok_cpp  # noqa: F401  (the import installs the tunings)

def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096

gc.collect()
before = rss()
rows = [[i, i + 1, i + 2] for i in range(400_000)]
peak = rss()
del rows
gc.collect()
print((peak - rss()) / (peak - before))
"""


def _returned_share(env_value: str | None, then: str = "", decay_ms: str | None = None) -> float:
    """The share of the probe's RSS given back, after `then` (code run after the drop)."""
    env = {**os.environ, "PYTHONPATH": str(PYTHON_DIR)}
    env.pop("MIDITOK_CPP_SYSTEM_ALLOCATOR", None)
    env.pop("MIDITOK_CPP_ARENA_DECAY_MS", None)
    if env_value is not None:
        env["MIDITOK_CPP_SYSTEM_ALLOCATOR"] = env_value
    if decay_ms is not None:
        env["MIDITOK_CPP_ARENA_DECAY_MS"] = decay_ms
    probe = _PROBE.replace("print(", then + "\nprint(")
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_freed_arenas_are_kept_for_reuse() -> None:
    assert _returned_share(None) < 0.2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
@pytest.mark.parametrize("value", ["1", "yes"])
def test_system_allocator_switch_leaves_cpython_as_it_is(value: str) -> None:
    assert _returned_share(value) > 0.8


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_switch_set_to_zero_keeps_the_tunings() -> None:
    assert _returned_share("0") < 0.2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_release_memory_returns_the_kept_arenas() -> None:
    assert _returned_share(None, "miditok_cpp.release_memory()") > 0.8


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")
def test_kept_arenas_decay_without_further_allocation() -> None:
    # 200 ms of decay: the decay thread returns them within 250 ms while the process sleeps.
    assert _returned_share(None, "import time; time.sleep(1.5)", decay_ms="200") > 0.8
    # Still kept before the decay has passed.
    assert _returned_share(None, "import time; time.sleep(0.05)", decay_ms="60000") < 0.2
