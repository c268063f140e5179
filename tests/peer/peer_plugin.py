"""pytest plugin of the peer suite (``-p peer_plugin``, loaded by scripts/peer_suite.sh).

- ``PEER_EXPECT=miditok_cpp`` (the default run): at the start of the session, in the controller
  and in each xdist worker, ``miditok`` must be miditok_cpp's package, and at the end no module of
  the real MidiTok may have been imported. ``PEER_EXPECT=miditok`` (the baseline run) checks the
  opposite: the real MidiTok is the one tested.
- ``PEER_SAMPLE=N`` (N > 1) keeps one test in N, chosen by a hash of its node id: the same tests
  in every run, every test file represented. Unset or 1: every test.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

import pytest

_FILE_KEY = pytest.StashKey[str]()


def _expected() -> str:
    return os.environ.get("PEER_EXPECT", "miditok_cpp")


def pytest_configure(config) -> None:
    import miditok

    expected = _expected()
    package = Path(miditok.__file__).resolve().parent.name
    if package != expected or miditok.__name__ != expected:
        raise pytest.UsageError(
            f"peer suite: miditok is {miditok.__file__}, expected the {expected} package"
        )
    config.stash[_FILE_KEY] = str(Path(miditok.__file__).resolve())


def pytest_report_header(config):
    return f"peer suite: miditok.__file__ = {config.stash[_FILE_KEY]}"


def pytest_collection_modifyitems(config, items) -> None:
    sample = int(os.environ.get("PEER_SAMPLE", "1") or 1)
    if sample <= 1:
        return
    kept = [item for item in items if zlib.crc32(item.nodeid.encode()) % sample == 0]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept


def pytest_sessionfinish(session, exitstatus) -> None:
    if _expected() != "miditok_cpp":
        return
    real = sorted(
        name
        for name, module in list(sys.modules.items())
        if (name == "miditok" or name.startswith("miditok."))
        and not getattr(module, "__name__", "").startswith("miditok_cpp")
    )
    if real:
        raise RuntimeError(f"peer suite: the real miditok was imported: {real}")
