"""pytest plugin of the peer suite (loaded with ``-p peer_plugin``): proves the run is ours.

At the start of the session, and in each xdist worker, ``miditok`` must be miditok_cpp's package;
at the end no module from the real MidiTok may have been imported.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _check_alias() -> None:
    import miditok

    import miditok_cpp

    if miditok is not miditok_cpp:
        raise RuntimeError(f"peer suite: miditok is {miditok.__file__}, not miditok_cpp")


def pytest_configure(config) -> None:
    _check_alias()
    import miditok

    config.stash[_FILE_KEY] = str(Path(miditok.__file__).resolve())


def pytest_report_header(config):
    return f"peer suite: miditok.__file__ = {config.stash[_FILE_KEY]}"


def pytest_sessionfinish(session, exitstatus) -> None:
    real = sorted(
        name
        for name, module in list(sys.modules.items())
        if (name == "miditok" or name.startswith("miditok."))
        and getattr(module, "__name__", "").split(".")[0] != "miditok_cpp"
    )
    if real:
        raise RuntimeError(f"peer suite: the real miditok was imported: {real}")


import pytest  # noqa: E402

_FILE_KEY = pytest.StashKey[str]()
